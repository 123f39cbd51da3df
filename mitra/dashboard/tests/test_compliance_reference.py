"""Every number of the compliance dashboard, in every dimension, equals a count made in Python
from the rows themselves (the reference), on a mixed data set: agreements with no, one and two
foreign partners and provinces, activities in several provinces or none, cancelled ones, ones
behind plan, reports on time, late, missing and not yet due, disclosures in two currencies and
with and without a province.

The reference states the rules of `compliance.py` and `monitoring.selectors.report_compliance`
/ `funds_disclosed` once more, independently of their SQL: a faster way to the same numbers (a
per-agreement tally, docs/dev/performance.md) must keep this test passing unchanged."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Count, F

from mitra.agreements.models import Agreement
from mitra.agreements.querysets import owned_agreement_ids
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.monitoring.models import FundingDisclosureLine, Report
from mitra.monitoring.tests.factories import FundingDisclosureLineFactory, ReportFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.tests.factories import ProvinceFactory
from mitra.workplans.models import Activity, WorkPlan
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

from ..compliance import DIMENSIONS, PARTITIONS, compliance_overview

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 29)
OPEN = (Activity.Status.PLANNED, Activity.Status.STARTED)


def _people(rng: random.Random) -> dict[str, dict[str, int]]:
    ages = ("child", "youth", "adult", "elderly")
    return {s: {a: rng.randint(0, 5) for a in ages} for s in ("female", "male")}


def build_world(kemendagri: Any, seed: int = 13) -> None:
    rng = random.Random(seed)
    owners = [kemendagri, GovernmentBodyFactory(), GovernmentBodyFactory()]
    orgs = [ForeignOrganizationFactory() for _ in range(4)]
    provinces = [ProvinceFactory() for _ in range(5)]
    made: list[Any] = []
    for i in range(10):
        drawn = rng.choice(owners)
        agreement = AgreementFactory(
            owner=kemendagri if i == 2 else drawn,  # the officer's own, with every case
            foreign_parties=rng.sample(orgs, i % 3),  # none, one or two partners
            active=True,
        )
        agreement.provinces.set(rng.sample(provinces, i % 4))
        made.append(agreement)
        for _plan in range(rng.choice((0, 1, 1))):  # one RIK per agreement
            plan = WorkPlanFactory(agreement=agreement, status="active")
            for _activity in range(rng.randint(0, 5)):
                planned, actual = _people(rng), _people(rng)
                ActivityFactory(
                    work_plan=plan,
                    status=rng.choice(list(Activity.Status.values)),
                    start_date=date(2025, 1, 1),
                    end_date=ON + timedelta(days=rng.choice((-200, -1, 0, 1, 90))),
                    provinces=rng.sample(provinces, rng.randint(0, 3)),
                    planned_beneficiaries=planned,
                    actual_beneficiaries=actual,
                    planned_total=sum(sum(v.values()) for v in planned.values()),
                    planned_female=sum(planned["female"].values()),
                    actual_total=sum(sum(v.values()) for v in actual.values()),
                    actual_female=sum(actual["female"].values()),
                )
        for n in range(rng.randint(0, 4)):
            due = ON + timedelta(days=rng.choice((-300, -1, 0, 1, 60)))
            submitted = rng.choice((None, due - timedelta(days=3), due, due + timedelta(days=9)))
            status = (
                Report.Status.DUE
                if submitted is None
                else rng.choice([s for s in Report.Status.values if s != Report.Status.DUE])
            )
            kind = rng.choice(list(Report.Kind.values))
            report = ReportFactory(
                agreement=agreement,
                kind=kind,
                period_start=date(2020 + n, 1, 1),
                period_end=date(2020 + n, 6, 30),
                due_date=due,
                first_submitted_on=submitted,
                status=status,
            )
            if kind == Report.Kind.DISCLOSURE:
                for _line in range(rng.randint(0, 3)):
                    FundingDisclosureLineFactory(
                        report=report,
                        amount=Decimal(rng.randint(1, 10_000)) / 4,
                        currency=rng.choice(("USD", "EUR")),
                        province=rng.choice([None, *provinces]),
                    )

    _every_case(made[2], provinces)  # two partners, two provinces


def _every_case(agreement: Agreement, provinces: list[Any]) -> None:
    """The cases the rules tell apart, whatever the random draws gave."""
    plan = WorkPlan.objects.filter(agreement=agreement).first() or WorkPlanFactory(
        agreement=agreement, status="active"
    )
    for status, end, where in [
        (Activity.Status.PLANNED, ON - timedelta(days=1), provinces[:2]),  # behind plan
        (Activity.Status.STARTED, ON, []),  # due today: not behind
        (Activity.Status.STARTED, ON - timedelta(days=3), provinces[2:3]),  # behind plan
        (Activity.Status.COMPLETED, ON - timedelta(days=9), provinces[1:2]),
        (Activity.Status.CANCELLED, ON - timedelta(days=9), provinces[:1]),  # left out
    ]:
        ActivityFactory(
            work_plan=plan,
            status=status,
            start_date=date(2025, 1, 1),
            end_date=end,
            provinces=where,
        )
    for n, (due, submitted, state) in enumerate(
        [
            (ON - timedelta(days=1), None, Report.Status.DUE),  # missing
            (ON + timedelta(days=1), None, Report.Status.DUE),  # not yet due
            (ON - timedelta(days=30), ON - timedelta(days=2), Report.Status.SUBMITTED),  # late
            (ON - timedelta(days=60), ON - timedelta(days=70), Report.Status.ACCEPTED),
        ]
    ):
        ReportFactory(
            agreement=agreement, period_start=date(2040 + n, 1, 1),
            period_end=date(2040 + n, 6, 30), due_date=due, first_submitted_on=submitted,
            status=state,
        )  # fmt: skip
    for n, state in enumerate((Report.Status.ACCEPTED, Report.Status.DUE)):
        disclosure = ReportFactory(
            agreement=agreement, kind=Report.Kind.DISCLOSURE, status=state,
            period_start=date(2050 + n, 1, 1), period_end=date(2050 + n, 6, 30),
            due_date=ON - timedelta(days=5),
            first_submitted_on=ON - timedelta(days=6) if state != Report.Status.DUE else None,
        )  # fmt: skip
        for currency, province in [("USD", provinces[0]), ("EUR", None), ("USD", None)]:
            FundingDisclosureLineFactory(
                report=disclosure, amount=Decimal("12.25"), currency=currency, province=province
            )


# --- the reference --------------------------------------------------------------------------


def _agreement_groups(agreement: Agreement, by: str) -> list[tuple[int, str]]:
    if by == "agreement":
        return [(agreement.pk, agreement.title)]
    if by == "ministry":
        return [(agreement.owner_id, agreement.owner.name)]
    if by == "organization":
        return [
            (p.organization.pk, p.organization.legal_name)
            for p in agreement.parties.all()
            if p.organization
        ]
    return [(p.pk, p.name) for p in agreement.provinces.all()]


def reference(by: str, on: date, agreements: set[int]) -> dict[str, Any]:
    """Rows {key: {"label", "reports", "activities", "funds"}} and the totals, counted in
    Python over the reports, disclosure lines and activities of these agreements."""
    rows: dict[int, dict[str, Any]] = {}

    def row(key: int, label: str) -> dict[str, Any]:
        return rows.setdefault(key, {"label": label, "reports": {}, "activities": {}, "funds": {}})

    report_totals = dict.fromkeys(("total", "on_time", "late", "missing"), 0)
    for report in Report.objects.filter(agreement_id__in=agreements).select_related(
        "agreement__owner"
    ):
        submitted, due = report.first_submitted_on, report.due_date
        counts = {
            "total": 1,
            "on_time": int(submitted is not None and submitted <= due),
            "late": int(submitted is not None and submitted > due),
            "missing": int(submitted is None and report.status == "due" and due < on),
        }
        for name, value in counts.items():
            report_totals[name] += value
        for key, label in _agreement_groups(report.agreement, by):
            target = row(key, label)["reports"]
            for name, value in counts.items():
                target[name] = target.get(name, 0) + value

    funds_total: dict[str, Decimal] = defaultdict(Decimal)
    lines = FundingDisclosureLine.objects.filter(
        report__agreement_id__in=agreements,
        report__kind=Report.Kind.DISCLOSURE,
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
    ).select_related("report__agreement__owner", "province")
    for line in lines:
        if by == "region":
            groups = [(line.province.pk, line.province.name)] if line.province else []
        else:
            groups = _agreement_groups(line.report.agreement, by)
        for key, label in groups:
            funds = row(key, label)["funds"]
            funds[line.currency] = funds.get(line.currency, Decimal(0)) + line.amount
        if by in PARTITIONS:
            funds_total[line.currency] += line.amount

    names = ("total", "planned", "started", "completed", "behind")
    sums = ("planned_beneficiaries", "actual_beneficiaries")
    activity_totals = dict.fromkeys((*names, *sums), 0)
    by_sex = {side: {"female": 0, "male": 0} for side in ("planned", "actual")}
    activities = (
        Activity.objects.filter(work_plan__agreement_id__in=agreements)
        .exclude(status=Activity.Status.CANCELLED)
        .select_related("work_plan__agreement__owner")
    )
    for activity in activities:
        counts = {
            "total": 1,
            "planned": int(activity.status == Activity.Status.PLANNED),
            "started": int(activity.status == Activity.Status.STARTED),
            "completed": int(activity.status == Activity.Status.COMPLETED),
            "behind": int(activity.status in OPEN and activity.end_date < on),
            "planned_beneficiaries": activity.planned_total,
            "actual_beneficiaries": activity.actual_total,
        }
        for name in activity_totals:
            if name != "behind":
                activity_totals[name] += counts[name]
        by_sex["planned"]["female"] += activity.planned_female
        by_sex["planned"]["male"] += activity.planned_total - activity.planned_female
        by_sex["actual"]["female"] += activity.actual_female
        by_sex["actual"]["male"] += activity.actual_total - activity.actual_female
        if by == "region":
            groups = [(p.pk, p.name) for p in activity.provinces.all()]
        else:
            groups = _agreement_groups(activity.work_plan.agreement, by)
        for key, label in groups:
            target = row(key, label)["activities"]
            for name, value in counts.items():
                target[name] = target.get(name, 0) + value
    activity_totals.pop("behind")
    return {
        "rows": rows,
        "reports": report_totals,
        "activities": activity_totals,
        "beneficiaries": by_sex,
        "funds": dict(funds_total),
    }


def assert_the_world_is_mixed() -> None:
    """The cases the dashboard's rules tell apart are all there (seed 13)."""
    reports = Report.objects.all()
    assert reports.filter(first_submitted_on__isnull=True, status="due", due_date__lt=ON)
    assert reports.filter(first_submitted_on__isnull=True, due_date__gte=ON)
    assert reports.filter(first_submitted_on__gt=F("due_date"))
    assert reports.filter(first_submitted_on__lte=F("due_date"))
    lines = FundingDisclosureLine.objects.filter(report__status__in=["submitted", "accepted"])
    assert lines.filter(province__isnull=True)
    assert lines.filter(province__isnull=False)
    assert lines.values("currency").distinct().count() == 2
    assert FundingDisclosureLine.objects.filter(report__status="due")  # not counted
    activities = Activity.objects.annotate(n=Count("provinces", distinct=True))
    assert activities.filter(n=0)
    assert activities.filter(n__gte=2)
    assert activities.filter(status="cancelled")
    assert activities.filter(status="completed")
    assert activities.filter(status__in=OPEN, end_date__lt=ON)
    assert activities.filter(status__in=OPEN, end_date=ON)
    agreements = Agreement.objects.annotate(
        partners=Count("parties__organization", distinct=True),
        regions=Count("provinces", distinct=True),
    )
    assert agreements.filter(partners=0)
    assert agreements.filter(partners=2)
    assert agreements.filter(regions=0)
    assert agreements.filter(regions__gte=2)


@pytest.mark.parametrize("by", list(DIMENSIONS))
@pytest.mark.parametrize("who", ["operator", "officer", "officer_own"])
def test_every_number_equals_the_reference(kemendagri, operator, officer, by, who):
    """The operator counts everything; Kemendagri's officer the agreements they may read, or
    (`own`) those of their agency (a strict part of the world: two other owners)."""
    build_world(kemendagri)
    assert_the_world_is_mixed()
    viewer = operator if who == "operator" else officer
    own = who == "officer_own"
    if who == "operator":
        agreements = set(Agreement.objects.values_list("pk", flat=True))
    elif own:
        agreements = set(
            Agreement.objects.filter(pk__in=owned_agreement_ids(officer)).values_list(
                "pk", flat=True
            )
        )
    else:
        agreements = set(Agreement.objects.visible_to(officer).values_list("pk", flat=True))
    assert 0 < len(agreements) <= Agreement.objects.count()
    assert who == "operator" or len(agreements) < Agreement.objects.count()
    expected = reference(by, ON, agreements)
    overview = compliance_overview(viewer=viewer, by=by, on=ON, own=own)
    assert expected["rows"], "the data set must fill the dimension"
    assert overview.group_count == len(expected["rows"])
    got = {
        r.key_id: {
            "label": r.label,
            "reports": r.reports,
            "activities": r.activities,
            "funds": r.funds,
        }
        for r in overview.rows
    }
    assert got == expected["rows"]
    assert overview.reports == expected["reports"]
    assert overview.activities == expected["activities"]
    assert overview.beneficiaries == expected["beneficiaries"]
    assert overview.funds == expected["funds"]
