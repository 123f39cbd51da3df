from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "mitra.regions"
    default_auto_field = "django.db.models.BigAutoField"
