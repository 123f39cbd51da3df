"""Reporting deadlines for the deadline engine: the filer's clock per report.

A report's deadline is unmet while the report is `due` (its due date) or `revision_requested`
(its resubmission date); it is met, and leaves every list, once the report is submitted (and
stays gone when it is accepted). An unmet deadline is listed however long ago it passed: the
provider has no lower bound (the registry applies `start` when a caller wants a window).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from mitra.agreements.models import AgreementParty
from mitra.deadlines.registry import FILER, Deadline, ids_or_subquery, url_maker

from .models import Report
from .selectors import reports_of_own_agreements

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
    reports = Report.objects.all()
    if user is not None:
        # A viewer's deadlines are those of its own agreements (a grant only lets it read more).
        reports = reports_of_own_agreements(user)
    reports = reports.filter(unmet_reports_q(end))
    # Plain tuples, not model instances: a big agency owes thousands of reports and building
    # two instances per row cost more than the rest of the provider. The Report instance (the
    # notices' subject) is loaded only for the reminder job, which runs without a viewer.
    rows = list(
        reports.order_by("due_date", "id").values_list(
            "id",
            "kind",
            "status",
            "due_date",
            "resubmit_by",
            "agreement_id",
            "agreement__title",
            "agreement__owner_id",
        )
    )
    instances = Report.objects.in_bulk([row[0] for row in rows]) if user is None and rows else {}
    # The organizations of each agreement as plain tuples in one query (thousands of reports
    # for a big agency: a prefetch of party instances costs more than the rest).
    organizations: dict[int, set[int]] = {}
    parties = AgreementParty.objects.filter(
        agreement__in=ids_or_subquery({row[5] for row in rows}, reports.values("agreement_id")),
        organization__isnull=False,
    )
    for agreement_id, organization_id in parties.values_list("agreement_id", "organization_id"):
        organizations.setdefault(agreement_id, set()).add(organization_id)
    url = url_maker("monitoring:report_detail")
    title_text = _("%(kind)s due for %(title)s")
    kinds = {value: str(label) for value, label in Report.Kind.choices}  # translated once
    for pk, kind, status, due_date, resubmit_by, agreement_id, title, owner_id in rows:
        revision = status == Report.Status.REVISION_REQUESTED
        due = resubmit_by if revision and resubmit_by is not None else due_date  # Report.deadline
        yield Deadline(
            key=f"report:{pk}:due",
            title=title_text % {"kind": kinds.get(kind, kind), "title": title},
            due=due,
            kind=FILER,
            url=url(pk),
            record=instances.get(pk),
            agencies=[owner_id],
            organizations=sorted(organizations.get(agreement_id, set())),
            due_event=DUE_EVENT,
            overdue_event=OVERDUE_EVENT,
        )
