from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mitra.core"
    default_auto_field = "django.db.models.BigAutoField"
