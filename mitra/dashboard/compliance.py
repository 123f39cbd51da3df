"""Reads for the compliance dashboard and the activity map (issue 4 §4).

Pure reads, each one GROUP BY (or one aggregate) query over what the viewer may see; the number
of queries never depends on the data. Report counts and disclosed funds come from
`mitra.monitoring.selectors`; activity aggregates that the work plan app does not offer per
dimension live here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from mitra.core.dates import today
from mitra.monitoring import selectors as monitoring_selectors
from mitra.monitoring.models import Report
from mitra.workplans.models import Activity, ActivityRegionTally

DIMENSIONS = {
    "organization": _("Organization"),
    "agreement": _("Agreement"),
    "ministry": _("Partner ministry"),
    "region": _("Region (province)"),
}
DEFAULT_DIMENSION = "ministry"
ROW_LIMIT = 50  # rows of the table (the busiest groups); the count of all groups is shown
CHART_ROWS = 12

# Activity → the grouped thing, and that thing's label.
_ACTIVITY_KEYS = {
    "organization": ("work_plan__agreement__parties__organization", "legal_name"),
    "agreement": ("work_plan__agreement", "title"),
    "ministry": ("work_plan__agreement__owner", "name"),
}


def _visible_activities(viewer: Any) -> Any:
    return Activity.objects.visible_to(viewer).exclude(status=Activity.Status.CANCELLED)


def _progress_aggregates(on: date) -> dict[str, Any]:
    """Counts per status, those behind plan (planned end passed, not completed) and
    beneficiary sums, over activities."""
    status, pk = "status", "id"
    behind = Q(end_date__lt=on, status__in=["planned", "started"])
    return {
        "total": Count(pk),
        "planned": Count(pk, filter=Q(**{status: Activity.Status.PLANNED})),
        "started": Count(pk, filter=Q(**{status: Activity.Status.STARTED})),
        "completed": Count(pk, filter=Q(**{status: Activity.Status.COMPLETED})),
        "behind": Count(pk, filter=behind),
        # Not named after the JSON fields: an annotation would shadow them for F().
        "planned_sum": Sum("planned_total"),
        "actual_sum": Sum("actual_total"),
    }


def activity_progress(
    *, viewer: Any, by: str, on: date | None = None, with_sex: bool = False
) -> list[dict[str, Any]]:
    """Per `by`: activities by status (cancelled ones left out), those behind plan (planned
    end passed, not completed), planned and actual beneficiaries. One GROUP BY query.

    Region: the activity's provinces (an activity in two provinces counts in both).
    `with_sex`: also `planned_female` and `actual_female` (women and girls)."""
    on = on or today()
    aggregates = _progress_aggregates(on)
    if with_sex:
        aggregates |= {f"{side}_female": Sum(f"{side}_female") for side in ("planned", "actual")}
    if by == "region":  # driven from the activities (their index), joined to the link
        return list(
            _visible_activities(viewer)
            .order_by()
            .filter(provinces__isnull=False)
            .values(key_id=F("provinces"), label=F("provinces__name"))
            .annotate(**aggregates)
        )
    key, label = _ACTIVITY_KEYS[by]
    qs = _visible_activities(viewer).order_by()
    if by == "organization":
        qs = qs.filter(work_plan__agreement__parties__organization__isnull=False)
    return list(qs.values(key_id=F(key), label=F(f"{key}__{label}")).annotate(**aggregates))


def beneficiaries_by_sex(*, viewer: Any) -> dict[str, dict[str, int]]:
    """{"planned": {"female": n, "male": n}, "actual": {...}} over the viewer's activities
    (cancelled ones left out). One aggregate query over the sums the activity keeps
    (`Activity.set_planned_beneficiaries`): men and boys are everyone minus women and girls."""
    sums: dict[str, Any] = {}
    for side in ("planned", "actual"):
        sums[f"{side}_female"] = Sum(f"{side}_female")
        sums[f"{side}_sum"] = Sum(f"{side}_total")
    return _by_sex([_visible_activities(viewer).aggregate(**sums)])


def _by_sex(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Rows of {side}_female and {side}_sum (the total), summed into female and male
    counts (male = total - female)."""
    result = {}
    for side in ("planned", "actual"):
        female = sum(r.get(f"{side}_female") or 0 for r in rows)
        total = sum(r.get(f"{side}_sum") or 0 for r in rows)
        result[side] = {"female": female, "male": max(total - female, 0)}
    return result


def report_totals(*, viewer: Any, on: date | None = None) -> dict[str, int]:
    """All the viewer's reports: total, on time, late, missing, open (one query); the same
    rules as `monitoring.selectors.report_compliance`."""
    on = on or today()
    return Report.objects.visible_to(viewer).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_date"))),
        late=Count("id", filter=Q(first_submitted_on__gt=F("due_date"))),
        missing=Count(
            "id", filter=Q(first_submitted_on__isnull=True, status="due", due_date__lt=on)
        ),
    )


@dataclass
class ComplianceRow:
    key_id: int
    label: str
    reports: dict[str, int] = field(default_factory=dict)
    activities: dict[str, int] = field(default_factory=dict)
    funds: dict[str, Decimal] = field(default_factory=dict)

    @property
    def weight(self) -> int:
        return (self.reports.get("total") or 0) + (self.activities.get("total") or 0)


@dataclass
class Compliance:
    by: str
    rows: list[ComplianceRow]
    group_count: int
    reports: dict[str, int]
    beneficiaries: dict[str, dict[str, int]]
    activities: dict[str, int]
    funds: dict[str, Decimal]


def compliance_overview(*, viewer: Any, by: str, on: date | None = None) -> Compliance:
    """The dashboard for one dimension: five queries whatever the data size (report counts,
    disclosed funds, activity progress per group; report totals; beneficiaries by sex)."""
    if by not in DIMENSIONS:
        by = DEFAULT_DIMENSION
    on = on or today()
    rows: dict[int, ComplianceRow] = {}

    def row_for(key_id: int, label: Any) -> ComplianceRow:
        if key_id not in rows:
            rows[key_id] = ComplianceRow(key_id=key_id, label=str(label or "—"))
        return rows[key_id]

    for r in monitoring_selectors.report_compliance(viewer=viewer, by=by, on=on):
        if r["key_id"] is None:
            continue
        row_for(r["key_id"], r["label"]).reports = {
            k: r[k] or 0 for k in ("total", "on_time", "late", "missing")
        }
    funds: dict[str, Decimal] = {}
    for r in monitoring_selectors.funds_disclosed(viewer=viewer, by=by):
        if r["key_id"] is not None:
            row = row_for(r["key_id"], r["label"])
            row.funds[r["currency"]] = row.funds.get(r["currency"], Decimal(0)) + r["total"]
        if by in ("agreement", "ministry"):  # each line in exactly one group
            funds[r["currency"]] = funds.get(r["currency"], Decimal(0)) + r["total"]
    keys = ("total", "planned", "started", "completed", "behind", "planned_sum", "actual_sum")
    totals = dict.fromkeys(keys, 0)
    partition = by in ("agreement", "ministry")  # each activity in exactly one group
    progress = activity_progress(viewer=viewer, by=by, on=on, with_sex=partition)
    for r in progress:
        if r["key_id"] is None:
            continue
        counts = {k: r[k] or 0 for k in keys}
        counts["planned_beneficiaries"] = counts.pop("planned_sum")
        counts["actual_beneficiaries"] = counts.pop("actual_sum")
        row_for(r["key_id"], r["label"]).activities = counts
        if partition:
            for k in totals:
                totals[k] += r[k] or 0
    ordered = sorted(rows.values(), key=lambda r: (-r.weight, r.label, r.key_id))
    return Compliance(
        by=by,
        rows=ordered[:ROW_LIMIT],
        group_count=len(ordered),
        reports=report_totals(viewer=viewer, on=on),
        beneficiaries=_by_sex(progress) if partition else beneficiaries_by_sex(viewer=viewer),
        activities=totals if by in ("agreement", "ministry") else {},
        funds=funds,
    )


# --- the activity map ----------------------------------------------------------------------


def activity_map_points(*, viewer: Any, level: str = "province") -> list[dict[str, Any]]:
    """Markers for the map: one per province (or regency/city) with activities the viewer
    may see: {code, name, lat, lon, count, planned, actual}. One GROUP BY query over the
    activity tally (`ActivityRegionTally`: per work plan and region), joined to the region's
    centroid; regions without a centroid are still listed (lat/lon None) so the table beside
    the map stays complete."""
    region = "regency" if level == "regency" else "province"
    rows = (
        ActivityRegionTally.objects.visible_to(viewer)
        .filter(regency__isnull=region == "province")
        .order_by()
        .values(
            code=F(f"{region}__code"),
            name=F(f"{region}__name"),
            lat=F(f"{region}__latitude"),
            lon=F(f"{region}__longitude"),
        )
        .annotate(count=Sum("activities"), planned_sum=Sum("planned"), actual_sum=Sum("actual"))
    )
    points = [
        {
            "code": r["code"],
            "name": r["name"],
            "lat": r["lat"],
            "lon": r["lon"],
            "count": r["count"],
            "planned": r["planned_sum"] or 0,
            "actual": r["actual_sum"] or 0,
        }
        for r in rows
    ]
    points.sort(key=lambda p: (-p["count"], p["code"]))
    return points
