from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "mitra.workplans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider

        from . import receivers  # noqa: F401  (keeps the activity tally current)
        from .deadline_providers import n5_acknowledgement_deadlines
        from .notices import register as register_events

        register_events()
        # The N5 acknowledgement clock (reminders, "my deadlines", calendars).
        register_provider("workplans", n5_acknowledgement_deadlines)
