"""Reporting deadlines for the deadline engine: the filer's clock per report.

A report's deadline is unmet while the report is `due` (its due date) or `revision_requested`
(its resubmission date); it is met, and leaves every list, once the report is submitted (and
stays gone when it is accepted). An unmet deadline is listed however long ago it passed: without
`start` the provider has no lower bound; with it (the reminder job's window) the database skips
the reports whose deadline falls before it, which the registry would drop anyway.
"""

import bisect
import math
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.utils.translation import gettext as _

from mitra.agreements.models import AgreementParty
from mitra.deadlines.registry import (
    FILER,
    SOON_DAYS,
    Concern,
    Deadline,
    DeadlineSummary,
    ids_or_subquery,
    url_maker,
)

from .models import Report
from .selectors import reports_of_own_agreements

# The statuses in which the organization still owes the report.
UNMET = (Report.Status.DUE, Report.Status.REVISION_REQUESTED)
DUE_EVENT = "monitoring.report_due"
OVERDUE_EVENT = "monitoring.report_overdue"


def unmet_reports_q(end: date, start: date | None = None) -> Q:
    """Reports still owed whose deadline (`Report.deadline`) is on or before `end` (and on or
    after `start` when given)."""
    due = {"due_date__lte": end, **({"due_date__gte": start} if start else {})}
    resubmit = {"resubmit_by__lte": end, **({"resubmit_by__gte": start} if start else {})}
    return (
        Q(status=Report.Status.DUE, **due)
        | Q(status=Report.Status.REVISION_REQUESTED, **resubmit)
        | Q(status=Report.Status.REVISION_REQUESTED, resubmit_by__isnull=True, **due)
    )


def report_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every report still owed (due, or sent back for revision) whose deadline is on or before
    `end`, overdue ones however old unless `start` bounds them (see the module docstring)."""
    reports = _unmet_reports(end=end, start=start, user=user)
    yield from _as_deadlines(reports.order_by("due_date", "id"), user)


def report_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`report_deadlines` for a viewer, summarised: each report's deadline as one column
    (`Report.deadline` as an expression: one date per row to read, not three columns), and
    Deadlines built only for the first rows (a big agency owes thousands of reports; the
    dashboard shows ten). One query for the counts (on SQLite a window or an aggregate query
    over the owned set costs more than reading the dates), two for the rows shown."""
    reports = _unmet_reports(end=end, user=user).filter(_concern_q(concern))
    soon_end = on + timedelta(days=SOON_DAYS)
    dated = reports.annotate(due_on=DEADLINE).order_by().values_list("pk", "due_on")
    deadlines: list[tuple[date, int]] = sorted((due, pk) for pk, due in dated)
    # The first `first`, and every report tied with the last of them: the registry orders ties
    # by key, not by id.
    cutoff = deadlines[first - 1][0] if 0 < first <= len(deadlines) else None
    shown = [pk for due, pk in deadlines if first > 0 and (cutoff is None or due <= cutoff)]
    passed = bisect.bisect_left(deadlines, (on,))  # those due before `on` (sorted by date)
    return DeadlineSummary(
        overdue=passed,
        soon=bisect.bisect_right(deadlines, (soon_end, math.inf)) - passed,
        total=len(deadlines),
        first=list(_as_deadlines(Report.objects.filter(pk__in=shown), user)) if shown else [],
    )


# `Report.deadline` in SQL: the resubmission date of a report sent back with one, else the
# due date (as `_as_deadlines` and `unmet_reports_q` read it).
DEADLINE = Case(
    When(
        status=Report.Status.REVISION_REQUESTED,
        resubmit_by__isnull=False,
        then=F("resubmit_by"),
    ),
    default=F("due_date"),
    output_field=DateField(),
)


def _unmet_reports(*, end: date, user: Any, start: date | None = None) -> QuerySet[Report]:
    # A viewer's deadlines are those of its own agreements (a grant only lets it read more).
    reports = reports_of_own_agreements(user) if user is not None else Report.objects.all()
    return reports.filter(unmet_reports_q(end, start))


def _concern_q(concern: Concern) -> Q:
    """`Concern.admits` on the deadlines `_as_deadlines` builds, as a filter on reports."""
    if concern.everyone:
        return Q()
    if concern.agency_id is not None:
        return Q(agreement__owner_id=concern.agency_id)
    return Q(
        Exists(
            AgreementParty.objects.filter(
                agreement_id=OuterRef("agreement_id"), organization_id=concern.organization_id
            )
        )
    )


def _as_deadlines(reports: QuerySet[Report], user: Any) -> Iterator[Deadline]:
    # Plain tuples, not model instances: a big agency owes thousands of reports and building
    # two instances per row cost more than the rest of the provider. The Report instance (the
    # notices' subject) is loaded only for the reminder job, which runs without a viewer.
    rows = list(
        reports.values_list(
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
