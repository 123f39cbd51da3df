from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Foreign staff as people: person records, approval requests, the N9 limits (issue 15 §2)."""

    name = "mitra.staff"
    verbose_name = _("Foreign staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.deadlines.registry import register_provider
        from mitra.permits.hooks import register_assignment_recorded

        from .deadline_providers import staff_deadline_summary, staff_deadlines
        from .notices import register as register_events
        from .services import staff_person_link_recorded

        register_provider("staff", staff_deadlines, summary=staff_deadline_summary)
        register_events()
        register_assignment_recorded("staff", staff_person_link_recorded)
