from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "mitra.grants"
    verbose_name = _("Visibility grants")
    default_auto_field = "django.db.models.BigAutoField"
