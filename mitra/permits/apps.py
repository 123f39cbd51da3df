from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "mitra.permits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Contribute this app's due dates to the deadline engine (reminders, calendars) and
        # declare the notification events its services send.
        from mitra.deadlines.registry import register_provider

        from .deadline_providers import permit_deadlines
        from .notices import register as register_events

        register_provider("permits", permit_deadlines)
        register_events()
