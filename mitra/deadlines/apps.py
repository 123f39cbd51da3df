from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "mitra.deadlines"
    default_auto_field = "django.db.models.BigAutoField"
