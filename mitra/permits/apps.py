from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "mitra.permits"
    default_auto_field = "django.db.models.BigAutoField"
