from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "mitra.monitoring"
    default_auto_field = "django.db.models.BigAutoField"
