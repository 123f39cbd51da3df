from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mitra.agreements"
    default_auto_field = "django.db.models.BigAutoField"
