"""Reporting deadlines for the deadline engine: the filer's clock per report.

A report's deadline is unmet while the report is `due` (its due date) or `revision_requested`
(its resubmission date); it is met, and leaves every list, once the report is submitted (and
stays gone when it is accepted). An unmet deadline is listed however long ago it passed: the
provider has no lower bound (the registry applies `start` when a caller wants a window).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.agreements.models import AgreementParty
from mitra.deadlines.registry import FILER, Deadline

from .models import Report

# The statuses in which the organization still owes the report.
UNMET = (Report.Status.DUE, Report.Status.REVISION_REQUESTED)
DUE_EVENT = "monitoring.report_due"
OVERDUE_EVENT = "monitoring.report_overdue"


def unmet_reports_q(end: date) -> Q:
    """Reports still owed whose deadline (`Report.deadline`) is on or before `end`."""
    return (
        Q(status=Report.Status.DUE, due_date__lte=end)
        | Q(status=Report.Status.REVISION_REQUESTED, resubmit_by__lte=end)
        | Q(status=Report.Status.REVISION_REQUESTED, resubmit_by__isnull=True, due_date__lte=end)
    )


def report_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every report still owed (due, or sent back for revision) whose deadline is on or before
    `end`, overdue ones however old. `start` is not a bound here (see the module docstring)."""
    reports = Report.objects.visible_to(user) if user is not None else Report.objects.all()
    reports = (
        reports.filter(unmet_reports_q(end))
        .select_related("agreement")
        .prefetch_related(
            Prefetch(
                "agreement__parties",
                queryset=AgreementParty.objects.only("id", "agreement_id", "organization_id"),
            )
        )
        .order_by("due_date", "id")
    )
    for report in reports:
        agreement = report.agreement
        yield Deadline(
            key=f"report:{report.pk}:due",
            title=_("%(kind)s due for %(title)s")
            % {"kind": report.get_kind_display(), "title": agreement.title},
            due=report.deadline,
            kind=FILER,
            url=reverse("monitoring:report_detail", args=[report.pk]),
            record=report,
            agencies=[agreement.owner_id],
            organizations=sorted(
                {p.organization_id for p in agreement.parties.all() if p.organization_id}
            ),
            due_event=DUE_EVENT,
            overdue_event=OVERDUE_EVENT,
        )
