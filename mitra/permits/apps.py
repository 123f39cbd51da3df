from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "mitra.permits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Contribute this app's due dates to the deadline engine (reminders, calendars) and
        # declare the notification events its services send.
        # Agreements ask for the izin prinsip through a hook (they sit below permits: N3/N4).
        from mitra.agreements.licensing import register_izin_prinsip_source
        from mitra.deadlines.registry import register_provider

        from .deadline_providers import permit_deadline_summary, permit_deadlines
        from .notices import register as register_events
        from .organization_changes import register as register_change_events
        from .selectors import izin_prinsip_covers

        register_provider("permits", permit_deadlines, summary=permit_deadline_summary)
        register_events()
        register_change_events()
        register_izin_prinsip_source(izin_prinsip_covers)
