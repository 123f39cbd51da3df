from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "mitra.workplans"
    default_auto_field = "django.db.models.BigAutoField"
