"""Reads for the compliance dashboard and the activity map (issue 4 §4).

Pure reads, each one GROUP BY (or one aggregate) query over what the viewer may see; the number
of queries never depends on the data. Report counts and disclosed funds come from
`mitra.monitoring.selectors`; activity counts come from the tally the work plan app keeps
(`mitra.workplans.models.ActivityTally`, per work plan and region), so their cost follows the
number of work plans the viewer sees, not the number of activities.

Faster, the same numbers (issue 13 §7, docs/dev/performance.md): when the per-agreement
tallies count as of the day asked for (their daily jobs have run), `compliance_tally` reads
them instead: per part one GROUP BY over the viewer's agreements. Otherwise the queries here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from mitra.agreements.querysets import owned_agreement_ids
from mitra.core.dates import today
from mitra.monitoring import selectors as monitoring_selectors
from mitra.workplans.models import Activity, ActivityTally
from mitra.workplans.querysets import rollup_holds_visible_plans
from mitra.workplans.tally import rollup_day

from . import compliance_tally

DIMENSIONS = {
    "organization": _("Organization"),
    "agreement": _("Agreement"),
    "ministry": _("Partner ministry"),
    "region": _("Region (province)"),
}
DEFAULT_DIMENSION = "ministry"
# The dimensions whose groups never overlap: every activity, report and disclosure line is in
# exactly one of them (an agreement has one owner). Organizations and regions overlap.
PARTITIONS = ("agreement", "ministry")
ROW_LIMIT = 50  # rows of the table (the busiest groups); the count of all groups is shown
# The dimensions with thousands of groups, whose busiest rows are read alone (`busiest`).
MANY_GROUPS = ("agreement", "organization")
# Above this many candidates for the busiest rows (ties), the page reads every group instead.
BUSIEST_KEYS_LIMIT = 2000
CHART_ROWS = 12

# The grouped thing, and that thing's label, reached from a tally row.
_TALLY_KEYS = {
    "organization": ("work_plan__agreement__parties__organization", "legal_name"),
    "agreement": ("work_plan__agreement", "title"),
    "ministry": ("work_plan__agreement__owner", "name"),
    "region": ("province", "name"),
}
OPEN_STATUSES = (Activity.Status.PLANNED, Activity.Status.STARTED)
_REPORT_COUNTS = ("total", "on_time", "late", "missing")
# Result name → the tally's column it sums. Not named after the tally's fields: an
# annotation may not shadow a field.
_TALLY_SUMS = {
    "total": "activities",
    "planned": "planned_count",
    "started": "started_count",
    "completed": "completed_count",
    "planned_sum": "planned_beneficiaries",
    "actual_sum": "actual_beneficiaries",
    "planned_female_sum": "planned_female",
    "actual_female_sum": "actual_female",
}


def _tally_sums() -> dict[str, Any]:
    return {name: Sum(column) for name, column in _TALLY_SUMS.items()}


_PROVINCE_ROWS = {"province__isnull": False, "regency__isnull": True}


def _tallies(viewer: Any, by: str, own: bool = False) -> Any:
    """The viewer's tally rows that count each activity once per group of `by`: the plan
    rows, or for regions the province rows. `own`: only those of the viewer's own agreements
    (SECURITY: a subset of what they see, `owned_agreement_ids`)."""
    if own:
        rows = ActivityTally.objects.filter(
            work_plan__agreement_id__in=owned_agreement_ids(viewer)
        ).order_by()
    else:
        rows = ActivityTally.objects.visible_to(viewer).order_by()
    if by == "region":
        return rows.filter(**_PROVINCE_ROWS)
    rows = rows.filter(province__isnull=True)
    if by == "organization":
        rows = rows.filter(work_plan__agreement__parties__organization__isnull=False)
    return rows


def _behind_per_plan_row(on: date) -> Any:
    """Per plan row of the tally: its activities behind plan (open, planned end before `on`),
    counted in SQL beside the row by an index-only probe (`activity_dashboard_cover_idx`).
    The tally cannot hold them: they change with the day, not with the activities."""
    behind = Activity.objects.filter(
        work_plan_id=OuterRef("work_plan_id"), status__in=OPEN_STATUSES, end_date__lt=on
    )
    # COUNT as a plain function, not an aggregate: no GROUP BY in the probe (a third more
    # SQLite steps per plan at national scale); still one row, 0 when none.
    count = behind.order_by().annotate(n=Func("id", function="COUNT")).values("n")
    # Only plans with open activities by the tally are probed: a quarter of the plans at
    # national scale have none (all completed or cancelled), and their probe finds nothing.
    has_open = Q(planned_count__gt=0) | Q(started_count__gt=0)
    return Sum(
        Case(
            When(has_open, then=Subquery(count, output_field=IntegerField())),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def _behind_per_province(viewer: Any, on: date, own: bool = False) -> dict[int, int]:
    """Province id → the viewer's activities there behind plan. Its own query: probing the
    province links beside each tally row was three times slower at national scale."""
    activities = (
        Activity.objects.filter(work_plan__agreement_id__in=owned_agreement_ids(viewer))
        if own
        else Activity.objects.visible_to(viewer)
    )
    rows = (
        activities.filter(status__in=OPEN_STATUSES, end_date__lt=on, provinces__isnull=False)
        .order_by()
        .values(key_id=F("provinces"))
        .annotate(behind=Count("id"))
    )
    return {r["key_id"]: r["behind"] for r in rows}


def rollup_answers(*, viewer: Any, on: date, own: bool = False) -> bool:
    """Whether the agreements' roll-up (`workplans.AgreementActivityTally`) counts what
    `activity_progress` would for `on`: its day is `on` (the daily job has run), and the
    viewer's plans are those of its agreements (not so for a regional government's RKTs, with
    all it may read: `rollup_holds_visible_plans`). One query at most (the day)."""
    if not own and not rollup_holds_visible_plans(viewer):
        return False
    return rollup_day() == on


def activity_progress(
    *, viewer: Any, by: str, on: date | None = None, own: bool = False
) -> list[dict[str, Any]]:
    """Per `by`: activities by status (cancelled ones left out), those behind plan (planned
    end passed, not completed), planned and reached beneficiaries and the women and girls
    among them. One GROUP BY query over the tally (`ActivityTally`); for regions a second one
    for the activities behind plan.

    Region: the activity's provinces (an activity in two provinces counts in both).
    Organization: each foreign party of the activity's agreement."""
    on = on or today()
    key, label = _TALLY_KEYS[by]
    rows = _tallies(viewer, by, own).values(key_id=F(key), label=F(f"{key}__{label}"))
    if by != "region":
        return list(rows.annotate(**_tally_sums(), behind=_behind_per_plan_row(on)))
    behind = _behind_per_province(viewer, on, own)
    return [r | {"behind": behind.get(r["key_id"], 0)} for r in rows.annotate(**_tally_sums())]


def activity_totals(*, viewer: Any, own: bool = False) -> dict[str, int]:
    """All the viewer's activities (cancelled ones left out), each counted once: by status,
    and beneficiaries planned and reached, with the women and girls among them. One query."""
    totals = _tallies(viewer, "ministry", own).aggregate(**_tally_sums())
    return {name: value or 0 for name, value in totals.items()}


def _by_sex(totals: dict[str, int]) -> dict[str, dict[str, int]]:
    """Female and male counts from the sums of women and girls and of everyone
    (male = everyone - female)."""
    result = {}
    for side in ("planned", "actual"):
        female, everyone = totals[f"{side}_female_sum"], totals[f"{side}_sum"]
        result[side] = {"female": female, "male": max(everyone - female, 0)}
    return result


def report_totals(*, viewer: Any, on: date | None = None, own: bool = False) -> dict[str, int]:
    """All the viewer's reports: total, on time, late, missing, open (one query); the same
    rules as `monitoring.selectors.report_compliance`."""
    on = on or today()
    return monitoring_selectors.compliance_reports(viewer, own=own).aggregate(
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


def compliance_overview(
    *, viewer: Any, by: str, on: date | None = None, own: bool = False
) -> Compliance:
    """The dashboard for one dimension, in three to six queries whatever the data size, and
    two for the tallies' days: report counts, disclosed funds, activity counts with those
    behind plan per group (for regions from today's queries, those behind plan apart), and for
    overlapping dimensions the report totals and the activity totals with beneficiaries by sex
    (for partitions the groups add up to them). Reports and funds from the per-agreement tally
    when it counts as of `on`, activities from the agreements' roll-up when it answers
    (`rollup_answers`): the same numbers."""
    if by not in DIMENSIONS:
        by = DEFAULT_DIMENSION
    on = on or today()
    from_tally = monitoring_selectors.report_tally_is_current(on)
    from_rollup = rollup_answers(viewer=viewer, on=on, own=own)
    rows: dict[int, ComplianceRow] = {}

    def row_for(key_id: int, label: Any) -> ComplianceRow:
        if key_id not in rows:
            rows[key_id] = ComplianceRow(key_id=key_id, label=str(label or "—"))
        return rows[key_id]

    # By agreement or organization (thousands of groups) the tallies first name the busiest
    # ones and only their rows are read; the totals are then summed in SQL, not from the groups.
    busiest: list[int] | None = None
    group_count = 0
    if by in MANY_GROUPS and from_tally and from_rollup:
        busiest, group_count = compliance_tally.busiest(
            viewer=viewer, by=by, own=own, limit=ROW_LIMIT
        )
        if len(busiest) > BUSIEST_KEYS_LIMIT:
            busiest = None
    report_rows: Sequence[Mapping[str, Any]]
    fund_rows: Sequence[Mapping[str, Any]]
    if from_tally:
        report_rows = compliance_tally.report_rows(viewer=viewer, by=by, own=own, groups=busiest)
        fund_rows = compliance_tally.fund_rows(viewer=viewer, by=by, own=own, groups=busiest)
    else:
        report_rows = monitoring_selectors.report_compliance(viewer=viewer, by=by, on=on, own=own)
        fund_rows = monitoring_selectors.funds_disclosed(viewer=viewer, by=by, own=own)
    for r in report_rows:
        if r["key_id"] is None:
            continue
        row_for(r["key_id"], r["label"]).reports = {k: r[k] or 0 for k in _REPORT_COUNTS}
    funds: dict[str, Decimal] = {}
    for r in fund_rows:
        if r["key_id"] is not None:
            row = row_for(r["key_id"], r["label"])
            row.funds[r["currency"]] = row.funds.get(r["currency"], Decimal(0)) + r["total"]
        if by in PARTITIONS and busiest is None:
            funds[r["currency"]] = funds.get(r["currency"], Decimal(0)) + r["total"]
    if from_rollup:
        progress = compliance_tally.activity_rows(viewer=viewer, by=by, own=own, groups=busiest)
    else:
        progress = activity_progress(viewer=viewer, by=by, on=on, own=own)
    for r in progress:
        if r["key_id"] is None:
            continue
        counts = {k: r[k] or 0 for k in ("total", "planned", "started", "completed", "behind")}
        counts["planned_beneficiaries"] = r["planned_sum"] or 0
        counts["actual_beneficiaries"] = r["actual_sum"] or 0
        row_for(r["key_id"], r["label"]).activities = counts
    if busiest is not None:  # only the busiest groups were read: totals from all the rows
        totals = compliance_tally.activity_totals(viewer=viewer, own=own)
        reports = compliance_tally.report_totals(viewer=viewer, own=own)
        if by in PARTITIONS:  # as below: funds add up only where the groups do not overlap
            funds = compliance_tally.fund_totals(viewer=viewer, own=own)
    elif by in PARTITIONS:  # the groups add up to the totals: no queries for them
        totals = {k: sum(r[k] or 0 for r in progress) for k in _TALLY_SUMS}
        reports = {k: sum(r[k] or 0 for r in report_rows) for k in _REPORT_COUNTS}
    else:
        if from_rollup:
            totals = compliance_tally.activity_totals(viewer=viewer, own=own)
        else:
            totals = activity_totals(viewer=viewer, own=own)
        if from_tally:
            reports = compliance_tally.report_totals(viewer=viewer, own=own)
        else:
            reports = report_totals(viewer=viewer, on=on, own=own)
    ordered = sorted(rows.values(), key=lambda r: (-r.weight, r.label, r.key_id))
    return Compliance(
        by=by,
        rows=ordered[:ROW_LIMIT],
        group_count=group_count if busiest is not None else len(ordered),
        reports=reports,
        beneficiaries=_by_sex(totals),
        activities={
            "total": totals["total"],
            "planned": totals["planned"],
            "started": totals["started"],
            "completed": totals["completed"],
            "planned_beneficiaries": totals["planned_sum"],
            "actual_beneficiaries": totals["actual_sum"],
        },
        funds=funds,
    )


# --- the activity map ----------------------------------------------------------------------


def activity_map_points(*, viewer: Any, level: str = "province") -> list[dict[str, Any]]:
    """Markers for the map: one per province (or regency/city) with activities the viewer
    may see: {code, name, lat, lon, count, planned, actual}. One GROUP BY query over the
    activity tally (`ActivityTally`: its rows per work plan and region), joined to the region's
    centroid; regions without a centroid are still listed (lat/lon None) so the table beside
    the map stays complete."""
    region = "regency" if level == "regency" else "province"
    rows = (
        ActivityTally.objects.visible_to(viewer)
        .filter(**({"regency__isnull": False} if region == "regency" else _PROVINCE_ROWS))
        .order_by()
        .values(
            code=F(f"{region}__code"),
            name=F(f"{region}__name"),
            lat=F(f"{region}__latitude"),
            lon=F(f"{region}__longitude"),
        )
        .annotate(
            count=Sum("activities"),
            planned_sum=Sum("planned_beneficiaries"),
            actual_sum=Sum("actual_beneficiaries"),
        )
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
