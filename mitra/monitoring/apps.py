from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "mitra.monitoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Contribute this app's due dates to the deadline engine (reminders, calendars), and
        # declare its notification events.
        from mitra.deadlines.registry import register_provider

        from . import receivers  # noqa: F401  (keeps the report tally current)
        from .deadline_providers import report_deadline_summary, report_deadlines
        from .notices import register as register_events

        register_events()
        register_provider("monitoring", report_deadlines, summary=report_deadline_summary)
