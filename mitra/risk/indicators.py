"""The risk indicators (issue 17 §4): what each one means, its formula, and how it is computed.

No black box: every indicator is a pure function of a few counts or amounts (the `*_result`
functions below, unit-tested with hand-made numbers), and `collect` reads those inputs for
many organizations at once with a fixed number of aggregate queries (one per source), never
one query per organization. Each result is scored in [0, 1] (1 = most in need of review);
the supervisor's list sorts by any score or by the weighted sum of scores. The indicators are
guidance for review, never an automatic decision.
"""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import Agreement
from mitra.iati.selectors import open_finding_counts
from mitra.monitoring.models import FollowUpItem, FundingDisclosureLine, Report
from mitra.monitoring.querysets import overdue_q
from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import Permit
from mitra.sanctions.models import SanctionCase
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan

# Saturation points: a count at or above it scores 1 (documented in each formula).
OVERDUE_CAP = 5
SANCTION_CAP = 3
IATI_CAP = 5
PERMIT_HORIZON_DAYS = 365
# Activities due to start this soon need their N5 notices now (the dashboard's horizon).
NOTICE_HORIZON_DAYS = 30
NOT_SIGNED = (Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Any  # lazy translations
    formula: Any
    source: Any
    unit: str  # how the value reads: "share" (0–1), "count" or "days"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "punctuality",
        _("Reporting punctuality"),
        _(
            "Share of reports submitted late or missing: (late + missing) ÷ (on time + late + "
            "missing). On time: first submitted on or before the due date; late: after it; "
            "missing: never submitted and past the due date. Score = the share."
        ),
        _("Monitoring reports of the agreements the organization is party to."),
        "share",
    ),
    Indicator(
        "overdue",
        _("Overdue obligations"),
        _(
            "Reports overdue today plus open monitoring follow-ups past their due date. "
            "Score = min(count, 5) ÷ 5."
        ),
        _("Monitoring reports and monitoring-visit follow-ups."),
        "count",
    ),
    Indicator(
        "notice",
        _("Activities without regional notice"),
        _(
            "Share of open activities (planned or started, of a signed or active work plan, "
            "starting within 30 days or already started) with a province lacking its N5 "
            "notice to Kemendagri or to the regional government. Score = the share."
        ),
        _("Work plan activities and their regional notifications (N5)."),
        "share",
    ),
    Indicator(
        "sanctions",
        _("Sanction history"),
        _("Sanction cases ever opened, dismissed ones not counted. Score = min(cases, 3) ÷ 3."),
        _("Sanction cases."),
        "count",
    ),
    Indicator(
        "permit_margin",
        _("Permit validity margin"),
        _(
            "Days left on the izin prinsip valid today (extensions that follow without a gap "
            "included). Score = 1 − min(days, 365) ÷ 365; 1 without a valid izin prinsip or "
            "while the organization is suspended; 0 for kinds that need none."
        ),
        _("Izin prinsip (licensing)."),
        "days",
    ),
    Indicator(
        "iati",
        _("Open IATI findings"),
        _("IATI cross-check findings still open. Score = min(findings, 5) ÷ 5."),
        _("IATI cross-check findings."),
        "count",
    ),
    Indicator(
        "concentration",
        _("Funding concentration"),
        _(
            "Share of the largest source (original donor) in the amounts of the submitted or "
            "accepted funding disclosures, in the currency with the largest total (amounts "
            "in other currencies are not converted). Score = the share."
        ),
        _("Funding disclosure lines."),
        "share",
    ),
    Indicator(
        "intermediaries",
        _("Share through intermediaries"),
        _(
            "Share of the disclosed amount (same currency) that reached the organization "
            "through an intermediary chain. Score = the share."
        ),
        _("Funding disclosure lines."),
        "share",
    ),
    Indicator(
        "stale",
        _("Stale data"),
        _(
            "Days since the last update of the organization's record, a report submission or "
            "a work plan activity. Score = 1 when there was none in the configured number of "
            "months, else 0."
        ),
        _("Organization record, reports, activities."),
        "days",
    ),
)
# What the stored inputs are called on the detail page.
INPUT_LABELS: dict[str, Any] = {
    "on_time": _("On time"),
    "late": _("Late"),
    "missing": _("Missing"),
    "overdue_reports": _("Overdue reports"),
    "overdue_follow_ups": _("Overdue follow-ups"),
    "without_notice": _("Activities without notice"),
    "open_activities": _("Open activities"),
    "cases": _("Cases (not dismissed)"),
    "open_cases": _("Cases still open"),
    "required": _("Izin prinsip required"),
    "suspended": _("Suspended"),
    "valid_until": _("Valid until"),
    "days_left": _("Days left"),
    "open_findings": _("Open findings"),
    "currency": _("Currency"),
    "total": _("Total disclosed"),
    "largest_source": _("Largest source"),
    "largest_amount": _("Largest source's amount"),
    "sources": _("Sources"),
    "through_intermediaries": _("Through intermediaries"),
    "last_update_on": _("Last update"),
    "months": _("Months"),
    "cutoff": _("Stale before"),
}
INDICATOR_KEYS: tuple[str, ...] = tuple(i.key for i in INDICATORS)
BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}
# Stored as a score column; "stale" is scored when read (it depends on the configured months).
SCORED_KEYS: tuple[str, ...] = tuple(k for k in INDICATOR_KEYS if k != "stale")


@dataclass
class Result:
    """One indicator for one organization: the value shown, its score, and its inputs."""

    value: Any
    score: float
    inputs: dict[str, Any] = field(default_factory=dict)
    data_date: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "value": _jsonable(self.value),
            "score": self.score,
            "inputs": {k: _jsonable(v) for k, v in self.inputs.items()},
            "data_date": self.data_date.isoformat() if self.data_date else None,
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _share(part: float | Decimal, whole: float | Decimal) -> float | None:
    return round(float(part) / float(whole), 4) if whole else None


def _capped(count: int, cap: int) -> float:
    return round(min(count, cap) / cap, 4)


# --- the formulas (pure) --------------------------------------------------------------------


def punctuality_result(*, on_time: int, late: int, missing: int) -> Result:
    share = _share(late + missing, on_time + late + missing)
    inputs = {"on_time": on_time, "late": late, "missing": missing}
    return Result(share, share or 0.0, inputs)


def overdue_result(*, reports: int, follow_ups: int) -> Result:
    count = reports + follow_ups
    inputs = {"overdue_reports": reports, "overdue_follow_ups": follow_ups}
    return Result(count, _capped(count, OVERDUE_CAP), inputs)


def notice_result(*, without_notice: int, open_activities: int) -> Result:
    share = _share(without_notice, open_activities)
    inputs = {"without_notice": without_notice, "open_activities": open_activities}
    return Result(share, share or 0.0, inputs)


def sanctions_result(*, cases: int, open_cases: int) -> Result:
    inputs = {"cases": cases, "open_cases": open_cases}
    return Result(cases, _capped(cases, SANCTION_CAP), inputs)


def permit_margin_result(
    *, required: bool, suspended: bool, valid_until: date | None, on: date
) -> Result:
    if not required:
        return Result(None, 0.0, {"required": False})
    inputs: dict[str, Any] = {"required": True, "suspended": suspended, "valid_until": valid_until}
    if suspended or valid_until is None or valid_until < on:
        return Result(None, 1.0, inputs)
    days = (valid_until - on).days
    inputs["days_left"] = days
    return Result(days, round(1 - min(days, PERMIT_HORIZON_DAYS) / PERMIT_HORIZON_DAYS, 4), inputs)


def iati_result(*, open_findings: int) -> Result:
    return Result(open_findings, _capped(open_findings, IATI_CAP), {"open_findings": open_findings})


def _main_currency(by_currency: dict[str, Decimal]) -> str | None:
    if not by_currency:
        return None
    return min(by_currency, key=lambda c: (-by_currency[c], c))


def concentration_result(*, donors: dict[tuple[str, str], Decimal]) -> Result:
    """`donors`: (currency, donor) → amount."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for (code, _donor), amount in donors.items():
        totals[code] += amount
    currency = _main_currency(totals)
    if currency is None:
        return Result(None, 0.0, {})
    largest_donor, largest = max(
        ((d, a) for (c, d), a in donors.items() if c == currency), key=lambda x: (x[1], x[0])
    )
    share = _share(largest, totals[currency])
    inputs = {
        "currency": currency,
        "total": totals[currency],
        "largest_source": largest_donor,
        "largest_amount": largest,
        "sources": sum(1 for c, _d in donors if c == currency),
    }
    return Result(share, share or 0.0, inputs)


def intermediaries_result(*, via: dict[str, Decimal], totals: dict[str, Decimal]) -> Result:
    """`via`: currency → amount through an intermediary; `totals`: currency → amount."""
    currency = _main_currency(totals)
    if currency is None:
        return Result(None, 0.0, {})
    part = via.get(currency, Decimal(0))
    share = _share(part, totals[currency])
    inputs = {"currency": currency, "total": totals[currency], "through_intermediaries": part}
    return Result(share, share or 0.0, inputs)


def months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_result(*, last_update_on: date | None, on: date, months: int) -> Result:
    cutoff = months_before(on, months)
    inputs = {"last_update_on": last_update_on, "months": months, "cutoff": cutoff}
    if last_update_on is None:
        return Result(None, 1.0, inputs, None)
    stale = last_update_on < cutoff
    return Result((on - last_update_on).days, 1.0 if stale else 0.0, inputs, last_update_on)


def weighted_sum(scores: dict[str, float], weights: dict[str, Decimal]) -> float:
    """Σ weight × score over the indicators (a missing score counts 0)."""
    return round(sum(float(weights[k]) * scores.get(k, 0.0) for k in weights), 4)


# --- the inputs, for many organizations at once ---------------------------------------------


def _local_day(value: Any) -> date | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localdate(value)
    return value


def _scope(qs: Any, path: str, organization_ids: list[int] | None) -> Any:
    if organization_ids is None:
        return qs.filter(**{f"{path}__isnull": False})
    return qs.filter(**{f"{path}__in": organization_ids})


def collect(
    *, on: date, organization_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Result]]:
    """Every indicator but "stale"'s score for the organizations (default: all not archived),
    plus `last_update_on`. A fixed number of aggregate queries (one per source)."""
    ids = None if organization_ids is None else list(organization_ids)
    orgs_qs = ForeignOrganization.objects.exclude(status=ForeignOrganization.Status.ARCHIVED)
    if ids is not None:
        orgs_qs = orgs_qs.filter(pk__in=ids)
    orgs = list(orgs_qs.values("id", "kind", "status", "updated_at").order_by())
    party = "agreement__parties__organization"

    # Reports: punctuality and overdue (one GROUP BY).
    reports = {
        r["org"]: r
        for r in _scope(Report.objects.exclude(agreement__status__in=NOT_SIGNED), party, ids)
        .order_by()
        .values(org=F(party))
        .annotate(
            on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_date"))),
            late=Count("id", filter=Q(first_submitted_on__gt=F("due_date"))),
            missing=Count(
                "id", filter=Q(first_submitted_on__isnull=True, status="due", due_date__lt=on)
            ),
            overdue=Count("id", filter=overdue_q(on)),
            last_submitted=Max("submitted_at"),
            last_due=Max("due_date", filter=Q(due_date__lt=on)),
        )
    }
    follow_ups = {
        r["org"]: r
        for r in _scope(
            FollowUpItem.objects.filter(status=FollowUpItem.Status.OPEN, due_date__lt=on),
            "finding__visit__organization",
            ids,
        )
        .order_by()
        .values(org=F("finding__visit__organization"))
        .annotate(n=Count("id"), oldest=Min("due_date"))
    }

    # Activities without N5 notice (the dashboard's rule, for every organization at once).
    notices = RegionalNotification.objects.filter(
        agreement_id=OuterRef(OuterRef("work_plan__agreement_id")),
        province_id=OuterRef("province_id"),
        notified_on__lte=on,
    ).filter(Q(activity__isnull=True) | Q(activity_id=OuterRef("activity_id")))
    gaps = Activity.provinces.through.objects.filter(activity_id=OuterRef("pk")).filter(
        ~Exists(notices.filter(recipient=RegionalNotification.Recipient.KEMENDAGRI))
        | ~Exists(notices.filter(recipient=RegionalNotification.Recipient.REGIONAL_GOVERNMENT))
    )
    wp_party = "work_plan__agreement__parties__organization"
    activities = {
        r["org"]: r
        for r in _scope(
            Activity.objects.filter(
                status__in=(Activity.Status.PLANNED, Activity.Status.STARTED),
                work_plan__status__in=(WorkPlan.Status.SIGNED, WorkPlan.Status.ACTIVE),
                start_date__lte=on + timedelta(days=NOTICE_HORIZON_DAYS),
            ),
            wp_party,
            ids,
        )
        .order_by()
        .values(org=F(wp_party))
        .annotate(total=Count("id"), without=Count("id", filter=Exists(gaps)))
    }
    activity_updates = {
        r["org"]: r["last"]
        for r in _scope(Activity.objects.all(), wp_party, ids)
        .order_by()
        .values(org=F(wp_party))
        .annotate(last=Max("updated_at"))
    }

    sanctions = {
        r["organization_id"]: r
        for r in _scope(
            SanctionCase.objects.exclude(status=SanctionCase.Status.DISMISSED), "organization", ids
        )
        .order_by()
        .values("organization_id")
        .annotate(
            n=Count("id"),
            open=Count("id", filter=~Q(status__in=SanctionCase.CONCLUDED_STATES)),
            last=Max("reported_on"),
        )
    }

    permits: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for org_id, start, end in (
        _scope(Permit.objects.filter(status=Permit.Status.ACTIVE), "organization", ids)
        .order_by("valid_from")
        .values_list("organization_id", "valid_from", "valid_until")
    ):
        permits[org_id].append((start, end))

    iati = open_finding_counts(organization_ids=ids)

    line_party = "report__agreement__parties__organization"
    # Donors compared trimmed and case-blind (grouped by that key), shown as spelt.
    donors: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    via: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    disclosed_to: dict[int, date] = {}
    for r in (
        _scope(
            FundingDisclosureLine.objects.filter(
                report__kind=Report.Kind.DISCLOSURE,
                report__status__in=(Report.Status.SUBMITTED, Report.Status.ACCEPTED),
            ),
            line_party,
            ids,
        )
        .order_by()
        .values("currency", org=F(line_party), key=Lower(Trim("donor_name")))
        .annotate(
            donor=Max(Trim("donor_name")),  # one spelling of the name, to show
            total=Sum("amount"),
            via=Sum("amount", filter=~Q(intermediaries="")),
            last=Max("report__period_end"),
        )
    ):
        org = r["org"]
        donors[org][(r["currency"], r["donor"])] += r["total"]
        totals[org][r["currency"]] += r["total"]
        via[org][r["currency"]] += r["via"] or Decimal(0)
        disclosed_to[org] = max(disclosed_to.get(org, r["last"]), r["last"])

    out: dict[int, dict[str, Result]] = {}
    for o in orgs:
        pk = o["id"]
        rep = reports.get(pk, {})
        fu = follow_ups.get(pk, {})
        act = activities.get(pk, {})
        san = sanctions.get(pk, {})
        results = {
            "punctuality": punctuality_result(
                on_time=rep.get("on_time", 0),
                late=rep.get("late", 0),
                missing=rep.get("missing", 0),
            ),
            "overdue": overdue_result(reports=rep.get("overdue", 0), follow_ups=fu.get("n", 0)),
            "notice": notice_result(
                without_notice=act.get("without", 0), open_activities=act.get("total", 0)
            ),
            "sanctions": sanctions_result(cases=san.get("n", 0), open_cases=san.get("open", 0)),
            "permit_margin": permit_margin_result(
                required=o["kind"] == ForeignOrganization.Kind.FOREIGN_NGO,
                suspended=o["status"] == ForeignOrganization.Status.SUSPENDED,
                valid_until=_valid_until(permits.get(pk, []), on),
                on=on,
            ),
            "iati": iati_result(open_findings=iati.get(pk, 0)),
            "concentration": concentration_result(donors=dict(donors.get(pk, {}))),
            "intermediaries": intermediaries_result(
                via=dict(via.get(pk, {})), totals=dict(totals.get(pk, {}))
            ),
        }
        results["punctuality"].data_date = rep.get("last_due")
        results["overdue"].data_date = min(
            (d for d in (rep.get("last_due"), fu.get("oldest")) if d), default=None
        )
        results["sanctions"].data_date = san.get("last")
        results["concentration"].data_date = disclosed_to.get(pk)
        results["intermediaries"].data_date = disclosed_to.get(pk)
        last = max(
            (
                d
                for d in (
                    _local_day(o["updated_at"]),
                    _local_day(rep.get("last_submitted")),
                    _local_day(activity_updates.get(pk)),
                )
                if d is not None
            ),
            default=None,
        )
        results["stale"] = Result(None, 0.0, {"last_update_on": last}, last)
        out[pk] = results
    return out


def _valid_until(periods: list[tuple[date, date]], on: date) -> date | None:
    """The end of the izin prinsip valid on `on`, extended through the ones that follow it
    without a gap (permits.selectors.izin_prinsip_period's rule, for many organizations)."""
    current = next(((s, e) for s, e in periods if s <= on <= e), None)
    if current is None:
        return None
    end = current[1]
    for s, e in sorted(periods):
        if s <= end + timedelta(days=1) and e > end:
            end = e
    return end
