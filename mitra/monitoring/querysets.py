"""Who may see which reports and monitoring visits, and the overdue rule in SQL."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models

from mitra.agreements.models import Agreement
from mitra.agreements.querysets import visible_agreement_ids
from mitra.core.dates import today

if TYPE_CHECKING:
    # The models name the QuerySet["..."] bases below (strings ruff does not read as a use).
    from .models import MonitoringVisit, Report  # noqa: F401


def overdue_q(on: date, prefix: str = "") -> models.Q:
    """THE overdue rule, as a filter: a report still expected whose deadline has passed.

    - status `due` and its due date is before `on`;
    - status `revision_requested` and the resubmission deadline is before `on` (without one,
      the due date still holds: `Report.deadline`).
    Submitted and accepted reports are never overdue (a late submission counts as late).
    """
    return (
        models.Q(**{f"{prefix}status": "due", f"{prefix}due_date__lt": on})
        | models.Q(**{f"{prefix}status": "revision_requested", f"{prefix}resubmit_by__lt": on})
        | models.Q(
            **{
                f"{prefix}status": "revision_requested",
                f"{prefix}resubmit_by__isnull": True,
                f"{prefix}due_date__lt": on,
            }
        )
    )


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Any) -> "ReportQuerySet":
        """SECURITY: a report is visible exactly when its agreement is (deny by default):
        operators all; government users their agency's agreements (owner, party, shared);
        representatives their organization's signed agreements; nobody else anything."""
        if getattr(user, "is_authenticated", False) and user.is_active and user.is_operator:
            return self  # every report has an agreement: no IN over all their ids
        return self.filter(agreement_id__in=visible_agreement_ids(user))

    def reviewable_by(self, user: Any) -> "ReportQuerySet":
        """SECURITY: the partner ministry's officers (the agreement's owner) and operators."""
        return self.filter(agreement_id__in=Agreement.objects.editable_by(user).values("pk"))

    def overdue(self, on: date | None = None) -> "ReportQuerySet":
        return self.filter(overdue_q(on or today()))

    def with_overdue(self, on: date | None = None) -> "ReportQuerySet":
        """Annotate `overdue` (bool) computed in SQL against `on` (default: today)."""
        return self.annotate(
            overdue=models.Case(
                models.When(overdue_q(on or today()), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )


class MonitoringVisitQuerySet(models.QuerySet["MonitoringVisit"]):
    def visible_to(self, user: Any) -> "MonitoringVisitQuerySet":
        """SECURITY: government users and operators, for the agreements they see. Visits and
        findings are internal: representatives see none."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if not (user.is_operator or user.is_government):
            return self.none()
        return self.filter(agreement_id__in=visible_agreement_ids(user))

    def editable_by(self, user: Any) -> "MonitoringVisitQuerySet":
        """SECURITY: the owning agency's officers and operators."""
        return self.filter(agreement_id__in=Agreement.objects.editable_by(user).values("pk"))
