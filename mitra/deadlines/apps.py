from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "mitra.deadlines"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import calendar, engine
        from .models import CollectiveLeaveDay, DeadlineRule
        from .notices import register as register_events

        register_events()

        # Cache invalidation only (conventions: signals never drive the workflow).
        def _clear_calendar(**kwargs: object) -> None:
            calendar.clear_cache()

        def _clear_rules(**kwargs: object) -> None:
            engine.clear_cache()

        for signal, suffix in ((post_save, "save"), (post_delete, "del")):
            signal.connect(
                _clear_calendar,
                sender=CollectiveLeaveDay,
                weak=False,
                dispatch_uid=f"deadlines_leave_{suffix}",
            )
            signal.connect(
                _clear_rules,
                sender=DeadlineRule,
                weak=False,
                dispatch_uid=f"deadlines_rule_{suffix}",
            )
