from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "mitra.deadlines"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .calendar import clear_cache
        from .models import CollectiveLeaveDay
        from .notices import register as register_events
        from .providers import agreement_deadlines
        from .registry import register_provider

        register_provider("agreements", agreement_deadlines)
        register_events()

        def _clear(**kwargs: object) -> None:
            # Cache invalidation only (conventions: signals never drive the workflow).
            clear_cache()

        post_save.connect(
            _clear, sender=CollectiveLeaveDay, weak=False, dispatch_uid="deadlines_leave_save"
        )
        post_delete.connect(
            _clear, sender=CollectiveLeaveDay, weak=False, dispatch_uid="deadlines_leave_del"
        )
