from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "mitra.sanctions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider

        from .notices import register as register_events
        from .providers import sanction_deadlines

        register_provider("sanctions", sanction_deadlines)
        register_events()
