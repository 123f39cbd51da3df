from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mitra.api"
    default_auto_field = "django.db.models.BigAutoField"
