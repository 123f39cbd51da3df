from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "mitra.workplans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider
        from mitra.permits.hooks import register_affected_bodies

        from . import receivers  # noqa: F401  (keeps the activity tally current)
        from .deadline_providers import (
            n5_acknowledgement_deadline_summary,
            n5_acknowledgement_deadlines,
        )
        from .notices import register as register_events
        from .selectors import regional_governments_with_active_rkt

        register_events()
        # The regions with an active RKT are told of an izin prinsip's end (N14).
        register_affected_bodies("workplans", regional_governments_with_active_rkt)
        # The N5 acknowledgement clock (reminders, "my deadlines", calendars).
        register_provider(
            "workplans",
            n5_acknowledgement_deadlines,
            summary=n5_acknowledgement_deadline_summary,
        )
