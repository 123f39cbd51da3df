"""Reading work plans and activities, always scoped to the viewer; aggregates for the
compliance dashboard and the activity map."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils.text import capfirst

from mitra.core.charts import Timeline, build_timeline

from . import validation
from .models import Activity, RegionalNotification, WorkPlan


@dataclass
class WorkPlanFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    agreement: int | None = None
    province: int | None = None
    year: int | None = None
    to_sign: bool = False  # approved RKTs the viewer's agency signs as the regional government


def workplan_list(*, viewer: Any, filters: WorkPlanFilters | None = None) -> QuerySet[WorkPlan]:
    """Work plans the viewer may see, filtered, with their activity count (constant queries)."""
    filters = filters or WorkPlanFilters()
    qs = WorkPlan.objects.visible_to(viewer).select_related(
        "agreement", "province", "regency", "regional_government", "parent"
    )
    if filters.q.strip():
        term = filters.q.strip()
        qs = qs.filter(Q(title__icontains=term) | Q(agreement__title__icontains=term))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.agreement:
        qs = qs.filter(agreement_id=filters.agreement)
    if filters.province:
        qs = qs.filter(province_id=filters.province)
    if filters.year:
        qs = qs.filter(
            Q(year=filters.year)
            | Q(kind=WorkPlan.Kind.RIK, start_date__year__lte=filters.year)
            & Q(end_date__year__gte=filters.year)
        )
    if filters.to_sign:
        government = getattr(viewer, "is_government", False)
        agency = viewer.agency if government else None
        # Only a regional government signs RKTs: anyone else has none to sign (not "IS NULL").
        qs = (
            qs.filter(
                kind=WorkPlan.Kind.RKT,
                status=WorkPlan.Status.APPROVED,
                regional_government_id=agency.pk,
            )
            if agency is not None
            else qs.none()
        )
    return qs.annotate(activity_count=Count("activities")).order_by("-start_date", "kind", "-id")


def workplan_get_for_user(*, user: Any, pk: int) -> WorkPlan:
    """SECURITY: the work plan if `user` may see it; Http404 otherwise."""
    work_plan = (
        WorkPlan.objects.visible_to(user)
        .select_related(
            "agreement__owner",
            "agreement__owner_unit",
            "parent",
            "province",
            "regency",
            "regional_government",
        )
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("sector").prefetch_related(
                    "provinces", "regencies"
                ),
            ),
            Prefetch(
                "notifications",
                queryset=RegionalNotification.objects.select_related(
                    "notified_body", "province", "regency", "activity", "acknowledging_body"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if work_plan is None:
        raise Http404
    return work_plan


def activity_get_for_user(*, user: Any, pk: int) -> Activity:
    """SECURITY: the activity if `user` may see its work plan; Http404 otherwise."""
    activity = (
        Activity.objects.visible_to(user)
        .select_related("work_plan__agreement", "work_plan__province", "sector")
        .prefetch_related("provinces", "regencies")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def workplans_for_agreement(*, viewer: Any, agreement_id: int) -> list[WorkPlan]:
    """The agreement's work plans the viewer may see: the RIK first, then RKTs by year."""
    return list(
        WorkPlan.objects.visible_to(viewer)
        .filter(agreement_id=agreement_id)
        .select_related("province", "regency")
        .annotate(activity_count=Count("activities"))
        .order_by("kind", "year", "province__code", "id")
    )


# --- the N5 inbox ---------------------------------------------------------------------------

N5_STATES = ("awaiting", "acknowledged")


def n5_inbox(*, viewer: Any, state: str = "") -> QuerySet[RegionalNotification]:
    """SECURITY: the N5 notices addressed to the viewer's body, its units or its agency
    (operators: all): awaiting ones first, the oldest (most overdue) on top, then the
    acknowledged ones, latest first; `state` "awaiting" or "acknowledged" narrows it. Rows
    carry what the inbox shows (constant queries)."""
    qs = RegionalNotification.objects.addressed_to(viewer).select_related(
        "agreement",
        "work_plan",
        "activity",
        "province",
        "regency",
        "notified_body",
        "acknowledging_body",
    )
    if state == "awaiting":
        qs = qs.unacknowledged()
    elif state == "acknowledged":
        qs = qs.filter(acknowledged_at__isnull=False)
    return qs.order_by(F("acknowledged_at").desc(nulls_first=True), "notified_on", "id")


def n5_notice_get_for_user(*, user: Any, pk: int) -> RegionalNotification:
    """SECURITY: an N5 notice addressed to `user` (their inbox); Http404 otherwise."""
    notice = RegionalNotification.objects.addressed_to(user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def visible_work_plan_ids_among(*, viewer: Any, ids: list[int]) -> set[int]:
    """Which of these work plans the viewer may open (one query), to link only those."""
    return set(WorkPlan.objects.visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))


def rik_choices(*, agreement_id: int) -> QuerySet[WorkPlan]:
    """The RIKs an RKT of this agreement may belong to (the form offers them)."""
    return WorkPlan.objects.filter(agreement_id=agreement_id, kind=WorkPlan.Kind.RIK)


# --- containment status for the detail page -------------------------------------------------


@dataclass
class Containment:
    timeline: Timeline
    problems: list[str]


def workplan_containment_status(*, work_plan: WorkPlan, on: date) -> Containment:
    """The frame of a work plan (izin prinsip / agreement / RIK / RKT) as timeline bars, and
    what breaks it (the same rule as the services: validation.workplan_containment)."""
    agreement = work_plan.agreement
    outers = validation.frame_periods(
        kind=work_plan.kind, agreement=agreement, parent=work_plan.parent, on=work_plan.start_date
    )
    problems = validation.workplan_containment(
        kind=work_plan.kind,
        agreement=agreement,
        parent=work_plan.parent,
        start=work_plan.start_date,
        end=work_plan.end_date,
    )
    rows = []
    for outer in reversed(outers):  # widest first: izin prinsip, agreement, RIK
        rows.append(
            {
                "label": capfirst(str(outer.label)),  # not .capitalize(): "RIK", not "Rik"
                "sublabel": f"{_fmt(outer.start)} – {_fmt(outer.end)}",
                "start": outer.start,
                "end": outer.end,
                "css": "timeline__bar--other",
            }
        )
    broken = bool(problems)
    rows.append(
        {
            "label": work_plan.get_kind_display().split(" ")[0],
            "sublabel": f"{_fmt(work_plan.start_date)} – {_fmt(work_plan.end_date)}",
            "start": work_plan.start_date,
            "end": work_plan.end_date,
            "css": "timeline__bar--outside" if broken else "timeline__bar--current",
        }
    )
    return Containment(timeline=build_timeline(rows, today=on), problems=problems)


def _fmt(day: date | None) -> str:
    return day.isoformat() if day else "?"


# --- aggregates for the compliance dashboard and the map ------------------------------------


def activities_by_region(
    *, viewer: Any, agreement_ids: list[int] | None = None, year: int | None = None
) -> dict[str, dict[str, Any]]:
    """Province code → {name, count, planned_beneficiaries, actual_beneficiaries,
    budget: {currency: {planned, realised}}}, for the activities the viewer may see.

    One GROUP BY query over the activity–province link: an activity in two provinces counts
    (with its beneficiaries and budget) in both. Cancelled activities are left out.
    """
    Link = Activity.provinces.through
    links = Link.objects.filter(
        activity_id__in=Activity.objects.visible_to(viewer)
        .exclude(status=Activity.Status.CANCELLED)
        .filter(**({"work_plan__agreement_id__in": agreement_ids} if agreement_ids else {}))
        .filter(**({"start_date__year": year} if year else {}))
        .values("pk")
    )
    rows = (
        links.order_by()
        .values("province__code", "province__name", "activity__currency")
        .annotate(
            count=Count("activity_id"),
            planned_beneficiaries=Sum("activity__planned_total"),
            actual_beneficiaries=Sum("activity__actual_total"),
            planned_budget=Sum("activity__planned_budget"),
            realised_budget=Sum("activity__realised_budget"),
        )
    )
    result: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = result.setdefault(
            row["province__code"],
            {
                "name": row["province__name"],
                "count": 0,
                "planned_beneficiaries": 0,
                "actual_beneficiaries": 0,
                "budget": {},
            },
        )
        entry["count"] += row["count"]
        entry["planned_beneficiaries"] += row["planned_beneficiaries"] or 0
        entry["actual_beneficiaries"] += row["actual_beneficiaries"] or 0
        entry["budget"][row["activity__currency"]] = {
            "planned": row["planned_budget"] or Decimal("0"),
            "realised": row["realised_budget"] or Decimal("0"),
        }
    return result


def activities_against_plan(
    *, viewer: Any, agreement_ids: list[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Agreement id → {planned, started, completed, cancelled (counts), planned_beneficiaries,
    actual_beneficiaries, budget: {currency: {planned, realised}}}. One GROUP BY query."""
    qs = Activity.objects.visible_to(viewer)
    if agreement_ids:
        qs = qs.filter(work_plan__agreement_id__in=agreement_ids)
    rows = (
        qs.order_by()
        .values("work_plan__agreement_id", "status", "currency")
        .annotate(
            n=Count("id"),
            planned_beneficiaries=Sum("planned_total"),
            actual_beneficiaries=Sum("actual_total"),
            planned_budget=Sum("planned_budget"),
            realised_budget=Sum("realised_budget"),
        )
    )
    result: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = result.setdefault(
            row["work_plan__agreement_id"],
            {
                **dict.fromkeys(Activity.Status.values, 0),
                "total": 0,
                "planned_beneficiaries": 0,
                "actual_beneficiaries": 0,
                "budget": {},
            },
        )
        entry[row["status"]] += row["n"]
        entry["total"] += row["n"]
        if row["status"] == Activity.Status.CANCELLED:
            continue
        entry["planned_beneficiaries"] += row["planned_beneficiaries"] or 0
        entry["actual_beneficiaries"] += row["actual_beneficiaries"] or 0
        money = entry["budget"].setdefault(
            row["currency"], {"planned": Decimal("0"), "realised": Decimal("0")}
        )
        money["planned"] += row["planned_budget"] or Decimal("0")
        money["realised"] += row["realised_budget"] or Decimal("0")
    return result


def regional_governments_with_active_rkt(organization_id: int) -> list[int]:
    """For the licensing app's hook (`mitra.permits.hooks.register_affected_bodies`): the
    regional governments that signed an RKT in force (signed or active) under an agreement
    with the organization (domain.md N14: they are told when its izin prinsip ends, is
    suspended or reinstated). One query; unscoped, as it names recipients, not rows a viewer
    reads."""
    return list(
        WorkPlan.objects.filter(
            kind=WorkPlan.Kind.RKT,
            status__in=[WorkPlan.Status.SIGNED, WorkPlan.Status.ACTIVE],
            regional_government__isnull=False,
            agreement__parties__organization_id=organization_id,
        )
        .values_list("regional_government_id", flat=True)
        .distinct()
    )


def budgets_by_organization_month(
    *, organization_ids: Any
) -> list[tuple[int, str, date, Decimal, Decimal]]:
    """(organization id, currency, month, amount, planned) of the work-plan activities on the
    agreements the organizations are party to, for the IATI cross-check (issue 17 §3): a
    system-wide comparison, so unscoped; it returns sums, never rows a viewer reads. `amount`
    is what an activity cost (its realised budget, else its planned one); `planned` the
    planned budgets. Plans still in draft and cancelled activities are left out. One GROUP BY
    query; pass a `values("pk")` queryset or a collection of ids."""
    rows = (
        Activity.objects.filter(
            work_plan__agreement__parties__organization_id__in=organization_ids,
        )
        .exclude(status=Activity.Status.CANCELLED)
        .exclude(work_plan__status=WorkPlan.Status.DRAFT)
        .order_by()
        .values_list(
            "work_plan__agreement__parties__organization_id",
            "currency",
            TruncMonth("start_date"),
        )
        .annotate(
            amount=Sum(Coalesce("realised_budget", "planned_budget")),
            planned=Sum("planned_budget"),
        )
    )
    return [
        (org, currency, _as_date(month), amount or Decimal(0), planned or Decimal(0))
        for org, currency, month, amount, planned in rows
    ]


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value
