from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mitra.meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Contribute this app's due dates to the deadline engine (reminders, calendars) and
        # declare its notification events.
        from mitra.deadlines.registry import register_provider

        from .deadline_providers import action_item_deadline_summary, action_item_deadlines
        from .notices import register as register_events

        register_provider("meetings", action_item_deadlines, summary=action_item_deadline_summary)
        register_events()
