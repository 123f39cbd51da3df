from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "mitra.workplans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (keeps the activity tally current)
