"""Keeping ActivityTally (activities per work plan, and per plan and region) equal to the
activities.

`refresh_tally(work_plan_ids)` recomputes the rows of some work plans; the receivers in
`receivers.py` ask for it (`activity_changed`) whenever an activity or its regions change
(services, imports, the demo and the test factories all pass through them); services that
change several things at once wrap them in `refreshes_deferred()` so each plan is recomputed
once. Bulk loads that bypass the ORM's signals (the
benchmark) call `rebuild_all_tallies()` once at the end. The backfill migration
(0003_activity_tally) repeats these queries against the historical models.

With the plans' rows, a refresh recounts their agreements' `AgreementActivityTally` (the
compliance dashboard's roll-up, backfilled by migration 0007). Its `behind` depends on the day:
counted as of `ActivityTallyDay.day`, which the daily job (`manage.py refresh_activity_tally`,
`activity_tally_new_day`) moves; the dashboard reads the roll-up only when that day is today
(docs/dev/performance.md). On PostgreSQL a refresh holds a share lock on the day's row until its
transaction ends and the move an exclusive one, so no refresh counts as of a day being replaced;
two refreshes of one agreement (from two of its plans) queue on its whole-agreement row.
"""

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from itertools import batched
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Func, OuterRef, Q, QuerySet, Subquery, Sum

from mitra.core.dates import today
from mitra.core.deferred import DeferredRefresh

from .models import Activity, ActivityTally, ActivityTallyDay, AgreementActivityTally, WorkPlan

BATCH = 5_000
STATUS_COUNTS = {
    "planned_count": Activity.Status.PLANNED,
    "started_count": Activity.Status.STARTED,
    "completed_count": Activity.Status.COMPLETED,
}
SUMS = {
    "planned_beneficiaries": "planned_total",
    "actual_beneficiaries": "actual_total",
    "planned_female": "planned_female",
    "actual_female": "actual_female",
}
# The three kinds of row: what an activity is grouped by (besides its work plan).
GROUPINGS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "plan": ({}, {}),
    "province": ({"provinces__isnull": False}, {"province_id": F("provinces")}),
    "regency": (
        {"regencies__isnull": False},
        {"province_id": F("regencies__province_id"), "regency_id": F("regencies")},
    ),
}


def _counted(activities: QuerySet[Activity], grouping: str) -> QuerySet:
    links, keys = GROUPINGS[grouping]
    return (
        activities.exclude(status=Activity.Status.CANCELLED)
        .filter(**links)
        .order_by()
        .values("work_plan_id", **keys)
        .annotate(
            activities=Count("id"),
            **{name: Count("id", filter=Q(status=s)) for name, s in STATUS_COUNTS.items()},
            # Prefixed: an annotation may not take the name of one of the activity's fields.
            **{f"sum_{name}": Sum(column) for name, column in SUMS.items()},
        )
    )


def expected_tally(activities: QuerySet[Activity]) -> Iterable[ActivityTally]:
    """The rows the tally must hold for these activities' work plans."""
    for grouping in GROUPINGS:
        for row in _counted(activities, grouping).iterator(chunk_size=BATCH):
            yield ActivityTally(
                work_plan_id=row["work_plan_id"],
                province_id=row.get("province_id"),
                regency_id=row.get("regency_id"),
                activities=row["activities"],
                **{name: row[name] for name in STATUS_COUNTS},
                **{name: row[f"sum_{name}"] or 0 for name in SUMS},
            )


def activity_changed(work_plan_id: int) -> None:
    """An activity of this plan, or its regions, changed: refresh now, or at the end of the
    enclosing `refreshes_deferred()` block."""
    _refresher.changed(work_plan_id)


def refreshes_deferred() -> AbstractContextManager[None]:
    """Refresh each changed plan once, when the block ends, instead of after every save and
    link change (an activity's creation is a save and two link changes; an import is hundreds
    of creations in few plans). Nested blocks leave the refresh to the outermost. When the
    block raises, nothing is refreshed: the transaction it runs in is rolled back."""
    return _refresher.deferred()


@transaction.atomic
def refresh_tally(work_plan_ids: Iterable[int]) -> None:
    """Make the rows of these work plans match their activities."""
    ids = sorted(set(work_plan_ids))
    if not ids:
        return
    on = _locked_day(exclusive=False).day or today()  # before any row lock: one order
    # The plans' rows are locked first so two refreshes of one plan run one after the other
    # (otherwise both could delete, then both insert the same rows).
    agreements = dict(
        WorkPlan.objects.select_for_update().filter(pk__in=ids).values_list("pk", "agreement_id")
    )
    ActivityTally.objects.filter(work_plan_id__in=ids).delete()
    ActivityTally.objects.bulk_create(expected_tally(Activity.objects.filter(work_plan_id__in=ids)))
    _refresh_agreements(sorted(set(agreements.values())), on)


# The plans whose activities changed, refreshed now or at the end of a `refreshes_deferred()`
# block (the lambda reads `refresh_tally` when it runs: tests wrap it).
_refresher = DeferredRefresh("activity_tally", lambda ids: refresh_tally(ids))


@transaction.atomic
def rebuild_all_tallies(on: date | None = None) -> int:
    """Recompute every row from scratch, the agreements' roll-up as of `on` (default today),
    which becomes its day (after bulk loads that bypass the signals). Returns the plans' rows
    written."""
    on = on or today()
    marker = _locked_day(exclusive=True)
    ActivityTally.objects.all().delete()
    AgreementActivityTally.objects.all().delete()
    written = 0
    for batch in batched(expected_tally(Activity.objects.all()), BATCH):  # constant memory
        written += len(ActivityTally.objects.bulk_create(batch))
    for rollup in batched(expected_rollup(Activity.objects.all(), on), BATCH):
        AgreementActivityTally.objects.bulk_create(rollup)
    marker.day = on
    marker.save(update_fields=["day"])
    return written


# --- the agreements' roll-up (the compliance dashboard) ------------------------------------

OPEN = (Activity.Status.PLANNED, Activity.Status.STARTED)
ROLLUP_COUNTS = ("activities", *STATUS_COUNTS, *SUMS, "behind")


def _rollup_counted(activities: QuerySet[Activity], grouping: str, on: date) -> QuerySet:
    """Per agreement (and province): what `_counted` counts per plan, and those behind plan
    (open, planned end before `on`)."""
    links, keys = GROUPINGS[grouping]
    return (
        activities.exclude(status=Activity.Status.CANCELLED)
        .filter(**links)
        .order_by()
        .values(agreement=F("work_plan__agreement_id"), **keys)
        .annotate(
            n_activities=Count("id"),
            **{name: Count("id", filter=Q(status=s)) for name, s in STATUS_COUNTS.items()},
            **{f"sum_{name}": Sum(column) for name, column in SUMS.items()},
            n_behind=Count("id", filter=Q(status__in=OPEN, end_date__lt=on)),
        )
    )


def _rollup_row(row: dict[str, Any]) -> AgreementActivityTally:
    return AgreementActivityTally(
        agreement_id=row["agreement"],
        province_id=row.get("province_id"),
        activities=row["n_activities"],
        behind=row["n_behind"],
        **{name: row[name] for name in STATUS_COUNTS},
        **{name: row[f"sum_{name}"] or 0 for name in SUMS},
    )


def expected_rollup(activities: QuerySet[Activity], on: date) -> Iterator[AgreementActivityTally]:
    """The roll-up rows these activities' agreements must have as of `on` (none for an
    agreement without activities that count)."""
    for grouping in ("plan", "province"):
        for row in _rollup_counted(activities, grouping, on).iterator(chunk_size=BATCH):
            yield _rollup_row(row)


def _refresh_agreements(agreement_ids: list[int], on: date) -> None:
    """Make these agreements' roll-up match their activities (as of `on`). Each agreement's
    whole row exists, then is locked, before it is recounted."""
    if not agreement_ids:
        return
    rows = AgreementActivityTally.objects.filter(agreement_id__in=agreement_ids)
    whole = rows.filter(province__isnull=True)
    AgreementActivityTally.objects.bulk_create(
        [AgreementActivityTally(agreement_id=pk) for pk in agreement_ids], ignore_conflicts=True
    )
    pks = dict(whole.select_for_update().values_list("agreement_id", "pk"))
    rows.filter(province__isnull=False).delete()
    activities = Activity.objects.filter(work_plan__agreement_id__in=agreement_ids)
    counted = {r["agreement"]: _rollup_row(r) for r in _rollup_counted(activities, "plan", on)}
    updated = []
    for agreement_id, pk in pks.items():
        row = counted.get(agreement_id) or AgreementActivityTally(agreement_id=agreement_id)
        row.pk = pk
        updated.append(row)
    AgreementActivityTally.objects.bulk_update(updated, ROLLUP_COUNTS)
    AgreementActivityTally.objects.bulk_create(
        _rollup_row(r) for r in _rollup_counted(activities, "province", on)
    )


def rollup_day() -> date | None:
    """The day `behind` is counted as of (no lock: for readers)."""
    return ActivityTallyDay.objects.order_by("pk").values_list("day", flat=True).first()


def _locked_day(*, exclusive: bool) -> ActivityTallyDay:
    """The day's row, locked until the transaction ends: shared by refreshes (PostgreSQL
    `FOR SHARE`; Django has only `FOR UPDATE`), exclusive for the move. Made when missing
    (a flushed test database)."""
    if not ActivityTallyDay.objects.exists():
        ActivityTallyDay.objects.bulk_create(
            [ActivityTallyDay(pk=1, day=today())], ignore_conflicts=True
        )
    if exclusive:
        return ActivityTallyDay.objects.select_for_update().order_by("pk")[0]
    if connection.vendor == "postgresql":
        table = ActivityTallyDay._meta.db_table
        sql = f'SELECT "id", "day" FROM "{table}" ORDER BY "id" LIMIT 1 FOR SHARE'  # noqa: S608
        return next(iter(ActivityTallyDay.objects.raw(sql)))
    return ActivityTallyDay.objects.order_by("pk")[0]


@transaction.atomic
def activity_tally_new_day(on: date | None = None) -> int:
    """The daily move: count `behind` as of `on` (default today) in every roll-up row with
    open activities (the others have none behind), and make `on` the roll-up's day. Returns
    the rows recounted."""
    on = on or today()
    marker = _locked_day(exclusive=True)
    behind = Activity.objects.filter(
        work_plan__agreement_id=OuterRef("agreement_id"), status__in=OPEN, end_date__lt=on
    ).order_by()
    # COUNT as a plain function: one row, no GROUP BY in the probe (as the dashboard's).
    count = Func("id", function="COUNT")
    has_open = Q(planned_count__gt=0) | Q(started_count__gt=0)
    rows = AgreementActivityTally.objects.filter(has_open)
    changed = rows.filter(province__isnull=True).update(
        behind=Subquery(behind.annotate(n=count).values("n"))
    )
    in_province = behind.filter(provinces=OuterRef("province_id"))
    changed += rows.filter(province__isnull=False).update(
        behind=Subquery(in_province.annotate(n=count).values("n"))
    )
    AgreementActivityTally.objects.exclude(has_open).filter(behind__gt=0).update(behind=0)
    marker.day = on
    marker.save(update_fields=["day"])
    return changed
