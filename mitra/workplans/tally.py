"""Keeping ActivityTally (activities per work plan, and per plan and region) equal to the
activities.

`refresh_tally(work_plan_ids)` recomputes the rows of some work plans; the receivers in
`receivers.py` ask for it (`activity_changed`) whenever an activity or its regions change
(services, imports, the demo and the test factories all pass through them); services that
change several things at once wrap them in `refreshes_deferred()` so each plan is recomputed
once. Bulk loads that bypass the ORM's signals (the
benchmark) call `rebuild_all_tallies()` once at the end. The backfill migration
(0003_activity_tally) repeats these queries against the historical models.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import batched
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Sum

from .models import Activity, ActivityTally, WorkPlan

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


# Inside `refreshes_deferred()`: the plans whose activities changed, refreshed once at the end.
_deferred: ContextVar[set[int] | None] = ContextVar("activity_tally_deferred", default=None)


def activity_changed(work_plan_id: int) -> None:
    """An activity of this plan, or its regions, changed: refresh now, or at the end of the
    enclosing `refreshes_deferred()` block."""
    pending = _deferred.get()
    if pending is None:
        refresh_tally([work_plan_id])
    else:
        pending.add(work_plan_id)


@contextmanager
def refreshes_deferred() -> Iterator[None]:
    """Refresh each changed plan once, when the block ends, instead of after every save and
    link change (an activity's creation is a save and two link changes; an import is hundreds
    of creations in few plans). Nested blocks leave the refresh to the outermost. When the
    block raises, nothing is refreshed: the transaction it runs in is rolled back."""
    if _deferred.get() is not None:
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        pending = _deferred.get() or set()
    finally:
        _deferred.reset(token)
    refresh_tally(pending)


@transaction.atomic
def refresh_tally(work_plan_ids: Iterable[int]) -> None:
    """Make the rows of these work plans match their activities."""
    ids = sorted(set(work_plan_ids))
    if not ids:
        return
    # The plans' rows are locked first so two refreshes of one plan run one after the other
    # (otherwise both could delete, then both insert the same rows).
    list(WorkPlan.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    ActivityTally.objects.filter(work_plan_id__in=ids).delete()
    ActivityTally.objects.bulk_create(expected_tally(Activity.objects.filter(work_plan_id__in=ids)))


@transaction.atomic
def rebuild_all_tallies() -> int:
    """Recompute every row from scratch (after bulk loads that bypass the signals)."""
    ActivityTally.objects.all().delete()
    written = 0
    for batch in batched(expected_tally(Activity.objects.all()), BATCH):  # constant memory
        written += len(ActivityTally.objects.bulk_create(batch))
    return written
