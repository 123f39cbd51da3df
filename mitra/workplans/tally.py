"""Keeping ActivityRegionTally (activities per work plan and region) equal to the activities.

`refresh_tally(work_plan_ids)` recomputes the rows of some work plans; the receivers in
`receivers.py` call it whenever an activity or its regions change (services, imports, the demo
and the test factories all pass through them). Bulk loads that bypass the ORM's signals (the
benchmark) call `rebuild_all_tallies()` once at the end.
"""

from collections.abc import Iterable
from itertools import batched

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum

from .models import Activity, ActivityRegionTally, WorkPlan

BATCH = 5_000


def _counted(activities: QuerySet[Activity], region: str) -> QuerySet:
    """Per work plan and province (or regency): activities not cancelled and their sums."""
    keys = {"province_id": F("provinces"), "regency_id": None}
    if region == "regency":
        keys = {"province_id": F("regencies__province_id"), "regency_id": F("regencies")}
    links = {"provinces__isnull": False} if region == "province" else {"regencies__isnull": False}
    return (
        activities.exclude(status=Activity.Status.CANCELLED)
        .filter(**links)
        .order_by()
        .values("work_plan_id", **{k: v for k, v in keys.items() if v is not None})
        .annotate(activities=Count("id"), planned=Sum("planned_total"), actual=Sum("actual_total"))
    )


def expected_tally(activities: QuerySet[Activity]) -> Iterable[ActivityRegionTally]:
    """The rows the tally must hold for these activities (province rows, then regency rows)."""
    for region in ("province", "regency"):
        for row in _counted(activities, region).iterator(chunk_size=BATCH):
            yield ActivityRegionTally(
                work_plan_id=row["work_plan_id"],
                province_id=row["province_id"],
                regency_id=row.get("regency_id"),
                activities=row["activities"],
                planned=row["planned"] or 0,
                actual=row["actual"] or 0,
            )


@transaction.atomic
def refresh_tally(work_plan_ids: Iterable[int]) -> None:
    """Make the rows of these work plans match their activities."""
    ids = sorted(set(work_plan_ids))
    if not ids:
        return
    # The plans' rows are locked first so two refreshes of one plan run one after the other
    # (otherwise both could delete, then both insert the same rows).
    list(WorkPlan.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    ActivityRegionTally.objects.filter(work_plan_id__in=ids).delete()
    ActivityRegionTally.objects.bulk_create(
        expected_tally(Activity.objects.filter(work_plan_id__in=ids)), batch_size=BATCH
    )


@transaction.atomic
def rebuild_all_tallies() -> int:
    """Recompute every row from scratch (after bulk loads that bypass the signals)."""
    ActivityRegionTally.objects.all().delete()
    written = 0
    for batch in batched(expected_tally(Activity.objects.all()), BATCH):  # constant memory
        written += len(ActivityRegionTally.objects.bulk_create(batch))
    return written
