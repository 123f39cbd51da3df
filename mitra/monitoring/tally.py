"""Keeping ReportTally and FundTally (per agreement) equal to the reports and disclosure lines.

`refresh_report_tally(agreement_ids)` recounts some agreements; the receivers in
`receivers.py` ask for it (`report_changed`) whenever a report or a disclosure line is saved or
deleted (services, the demo and the test factories all pass through them). Services that
change several things at once, or bulk-write lines (no signals), wrap them in
`refreshes_deferred()` and name the agreement with `report_changed`: each agreement is
recounted once, at the end, in the service's transaction. Bulk loads (the benchmark) call
`rebuild_report_tallies()`; migration 0004 repeats these queries against the historical models.

`missing` depends on the day: it is counted as of `ReportTallyDay.day`, which the daily job
(`report_refresh_statuses`) moves with `report_tally_new_day`. The dashboard reads the tally only
when that day is today (docs/dev/performance.md). Consistency on PostgreSQL: a refresh holds a
share lock on the day's row for the rest of its transaction and the move an exclusive one, so a
refresh never counts as of a day the move is replacing; two refreshes of one agreement queue on
its tally row (SQLite serialises writers anyway). Reports never move between agreements.
"""

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from itertools import batched

from django.db import connection, transaction
from django.db.models import Count, F, Func, OuterRef, Q, QuerySet, Subquery, Sum

from mitra.core.dates import today
from mitra.core.deferred import DeferredRefresh

from .models import FundingDisclosureLine, FundTally, Report, ReportTally, ReportTallyDay

BATCH = 5_000
COUNTS = ("total", "on_time", "late", "unsubmitted", "missing")
UNSUBMITTED = Q(first_submitted_on__isnull=True, status=Report.Status.DUE)
FUNDED = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)  # their disclosures' lines count


def _counted(reports: QuerySet[Report], on: date) -> QuerySet:
    """Per agreement: the five counts (`missing` as of `on`)."""
    return (
        reports.order_by()
        .values("agreement_id")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_date"))),
            late=Count("id", filter=Q(first_submitted_on__gt=F("due_date"))),
            unsubmitted=Count("id", filter=UNSUBMITTED),
            missing=Count("id", filter=UNSUBMITTED & Q(due_date__lt=on)),
        )
    )


def _funds(reports: QuerySet[Report]) -> Iterator[FundTally]:
    """The fund rows of these reports' agreements: lines of submitted or accepted
    disclosures, per agreement, the line's province (or none) and currency."""
    counted = reports.filter(kind=Report.Kind.DISCLOSURE, status__in=FUNDED).values("pk")
    rows = (
        FundingDisclosureLine.objects.filter(report__in=counted)
        .order_by()
        .values("currency", "province_id", agreement_id=F("report__agreement_id"))
        .annotate(sum_amount=Sum("amount"), line_count=Count("id"))
    )
    for r in rows.iterator(chunk_size=BATCH):
        yield FundTally(
            agreement_id=r["agreement_id"],
            province_id=r["province_id"],
            currency=r["currency"],
            amount=r["sum_amount"],
            lines=r["line_count"],
        )


# --- the day ---------------------------------------------------------------------------------


def tally_day() -> date | None:
    """The day `missing` is counted as of (no lock: for readers)."""
    return ReportTallyDay.objects.order_by("pk").values_list("day", flat=True).first()


def _locked_day(*, exclusive: bool) -> ReportTallyDay:
    """The day's row, locked until the transaction ends: shared by refreshes (PostgreSQL
    `FOR SHARE`; Django has only `FOR UPDATE`), exclusive for the move. Made when missing
    (a flushed test database)."""
    if not ReportTallyDay.objects.exists():
        ReportTallyDay.objects.bulk_create(
            [ReportTallyDay(pk=1, day=today())], ignore_conflicts=True
        )
    if exclusive:
        return ReportTallyDay.objects.select_for_update().order_by("pk").first()  # type: ignore[return-value]
    if connection.vendor == "postgresql":
        table = ReportTallyDay._meta.db_table
        return next(
            iter(
                ReportTallyDay.objects.raw(
                    f'SELECT "id", "day" FROM "{table}" ORDER BY "id" LIMIT 1 FOR SHARE'  # noqa: S608
                )
            )
        )
    return ReportTallyDay.objects.order_by("pk").first()  # type: ignore[return-value]


# --- refreshing ------------------------------------------------------------------------------


def report_changed(agreement_id: int) -> None:
    """A report or disclosure line of this agreement changed: recount now, or at the end of
    the enclosing `refreshes_deferred()` block."""
    _refresher.changed(agreement_id)


def refreshes_deferred() -> AbstractContextManager[None]:
    """Recount each changed agreement once, when the block ends (a submission is a save, the
    old lines' deletes and a bulk insert). Nested blocks leave it to the outermost. When the
    block raises, nothing is recounted: its transaction is rolled back."""
    return _refresher.deferred()


@transaction.atomic
def refresh_report_tally(agreement_ids: Iterable[int]) -> None:
    """Make these agreements' tally and fund rows match their reports and lines."""
    ids = sorted(set(agreement_ids))
    if not ids:
        return
    marker = _locked_day(exclusive=False)
    on = marker.day or today()
    # Each agreement's row exists, then is locked: two refreshes of one agreement run one
    # after the other, the second counting what the first committed.
    ReportTally.objects.bulk_create(
        [ReportTally(agreement_id=pk) for pk in ids], ignore_conflicts=True
    )
    list(ReportTally.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    reports = Report.objects.filter(agreement_id__in=ids)
    counted = {r["agreement_id"]: r for r in _counted(reports, on)}
    empty = dict.fromkeys(COUNTS, 0)
    ReportTally.objects.bulk_update(
        [
            ReportTally(agreement_id=pk, **{k: counted.get(pk, empty)[k] for k in COUNTS})
            for pk in ids
        ],
        COUNTS,
    )
    FundTally.objects.filter(agreement_id__in=ids).delete()
    FundTally.objects.bulk_create(_funds(reports))


# The agreements whose reports changed, recounted now or at the end of a `refreshes_deferred()`
# block (the lambda reads `refresh_report_tally` when it runs: tests wrap it).
_refresher = DeferredRefresh("report_tally", lambda ids: refresh_report_tally(ids))


@transaction.atomic
def rebuild_report_tallies(on: date | None = None) -> int:
    """Recount everything from scratch as of `on` (default today), which becomes the tally's
    day (after bulk loads that bypass the signals). Returns the rows written."""
    on = on or today()
    marker = _locked_day(exclusive=True)
    ReportTally.objects.all().delete()
    FundTally.objects.all().delete()
    written = 0
    rows = (
        ReportTally(agreement_id=r["agreement_id"], **{k: r[k] for k in COUNTS})
        for r in _counted(Report.objects.all(), on).iterator(chunk_size=BATCH)
    )
    for batch in batched(rows, BATCH):  # constant memory
        written += len(ReportTally.objects.bulk_create(batch))
    for fund_batch in batched(_funds(Report.objects.all()), BATCH):
        written += len(FundTally.objects.bulk_create(fund_batch))
    marker.day = on
    marker.save(update_fields=["day"])
    return written


@transaction.atomic
def report_tally_new_day(on: date | None = None) -> int:
    """The daily move: count `missing` as of `on` (default today) in every row with reports
    never submitted (the others have none missing), and make `on` the tally's day. Returns the
    rows recounted."""
    on = on or today()
    marker = _locked_day(exclusive=True)
    missing = (
        Report.objects.filter(UNSUBMITTED, agreement_id=OuterRef("pk"), due_date__lt=on)
        .order_by()
        .annotate(n=Func("id", function="COUNT"))
        .values("n")
    )
    changed = ReportTally.objects.filter(unsubmitted__gt=0).update(missing=Subquery(missing))
    ReportTally.objects.filter(unsubmitted=0, missing__gt=0).update(missing=0)
    marker.day = on
    marker.save(update_fields=["day"])
    return changed
