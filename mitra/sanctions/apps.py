from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "mitra.sanctions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider
        from mitra.permits.hooks import register_suspension_hold

        from .notices import register as register_events
        from .providers import sanction_deadline_summary, sanction_deadlines
        from .services import cessation_hold

        register_provider("sanctions", sanction_deadlines, summary=sanction_deadline_summary)
        register_events()
        # A case in cessation keeps its organization suspended: lifting goes through the case.
        register_suspension_hold("sanctions", cessation_hold)
