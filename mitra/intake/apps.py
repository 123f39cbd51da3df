from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "mitra.intake"
    default_auto_field = "django.db.models.BigAutoField"
