"""Reporting deadlines for the deadline engine: the filer's clock per report."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.agreements.models import AgreementParty
from mitra.deadlines.registry import FILER, Deadline

from .models import Report


def report_deadlines(*, start: date, end: date, user: Any = None) -> Iterator[Deadline]:
    """Reports not yet submitted whose due date falls in range, and reports sent back for
    revision whose resubmission date does."""
    reports = Report.objects.visible_to(user) if user is not None else Report.objects.all()
    reports = (
        reports.filter(
            Q(status=Report.Status.DUE, due_date__gte=start, due_date__lte=end)
            | Q(
                status=Report.Status.REVISION_REQUESTED,
                resubmit_by__gte=start,
                resubmit_by__lte=end,
            )
        )
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
            due=report.resubmit_by
            if report.status == Report.Status.REVISION_REQUESTED
            else report.due_date,
            kind=FILER,
            url=reverse("monitoring:report_detail", args=[report.pk]),
            record=report,
            agencies=[agreement.owner_id],
            organizations=sorted(
                {p.organization_id for p in agreement.parties.all() if p.organization_id}
            ),
        )
