from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mitra.agreements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider

        from . import receivers  # noqa: F401  (connects the search-index upkeep receivers)
        from .deadline_providers import agreement_deadline_summary, agreement_deadlines

        # The renewal windows and ends of agreements reach the deadline engine (reminders,
        # pages, calendar feeds).
        register_provider("agreements", agreement_deadlines, summary=agreement_deadline_summary)
