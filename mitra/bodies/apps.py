from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "mitra.bodies"
    default_auto_field = "django.db.models.BigAutoField"
