from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "mitra.risk"
    default_auto_field = "django.db.models.BigAutoField"
