"""Matching (review queue) and every cross-check finding on a small hand-made scene whose
expected findings are known (issue 17 §2, §3, §6)."""

from datetime import date
from decimal import Decimal

import pytest

from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.iati.crosscheck import crosscheck_run
from mitra.iati.matching import (
    activity_matches_refresh,
    agency_of,
    organization_matches_refresh,
)
from mitra.iati.models import ActivityMatch, Finding, MatchStatus, OrganizationMatch
from mitra.iati.selectors import open_finding_counts
from mitra.iati.services import (
    activity_match_decide,
    exchange_rate_set,
    finding_dismiss,
    finding_follow_up,
    iati_import,
    organization_identifier_add,
    organization_match_decide,
)
from mitra.monitoring.models import FollowUpItem, Report
from mitra.monitoring.tests.factories import (
    FindingFactory,
    FundingDisclosureLineFactory,
    MonitoringVisitFactory,
    ReportFactory,
)
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory
from mitra.regions.models import Province

from .helpers import activity, xml

pytestmark = pytest.mark.django_db
FORD_REF = "US-EIN-13-1684331"


def txn(code: str, on: str, value: str, currency: str = "USD", provider: str = "") -> str:
    prov = f"<provider-org><narrative>{provider}</narrative></provider-org>" if provider else ""
    return (
        f'<transaction><transaction-type code="{code}"/><transaction-date iso-date="{on}"/>'
        f'<value currency="{currency}" value-date="{on}">{value}</value>{prov}</transaction>'
    )


def dates(start: str, end: str) -> str:
    return f'<activity-date type="2" iso-date="{start}"/><activity-date type="3" iso-date="{end}"/>'


def reporting(ref: str, type_: str, name: str) -> str:
    return (
        f'<reporting-org ref="{ref}" type="{type_}"><narrative>{name}</narrative></reporting-org>'
    )


def location(code: str = "", name: str = "") -> str:
    admin = f'<administrative vocabulary="A9" level="1" code="{code}"/>' if code else ""
    return f"<location><name><narrative>{name}</narrative></name>{admin}</location>"


ID = '<recipient-country code="ID" percentage="100"/>'
FORD = reporting(FORD_REF, "60", "Ford Foundation")


@pytest.fixture
def scene(operator):
    jb, _ = Province.objects.get_or_create(code="32", defaults={"name": "Jawa Barat"})
    jt, _ = Province.objects.get_or_create(code="33", defaults={"name": "Jawa Tengah"})
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation", acronym="FF")
    organization_identifier_add(organization_id=ford.pk, identifier=FORD_REF, actor=operator)
    msp1 = AgreementFactory(
        active=True,
        foreign_parties=[ford],
        provinces=[jb],
        start_date=date(2021, 1, 1),
        end_date=date(2024, 3, 31),
    )
    msp2 = AgreementFactory(
        active=True,
        foreign_parties=[ford],
        provinces=[jb],
        start_date=date(2024, 4, 19),
        end_date=date(2027, 4, 18),
    )
    PermitFactory(organization=ford, valid_from=date(2021, 1, 1), valid_until=date(2024, 3, 31))
    report = ReportFactory(
        agreement=msp1,
        kind=Report.Kind.DISCLOSURE,
        status="accepted",
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
    )
    FundingDisclosureLineFactory(
        report=report,
        donor_name="Ford Foundation",
        amount=Decimal(50000),
        currency="USD",
        intermediaries="",
    )
    similar = ForeignOrganizationFactory(legal_name="Save the Children International")
    iati_import(
        sources=[
            (
                "scene.xml",
                xml(
                    activity(
                        "F1",
                        FORD
                        + ID
                        + dates("2022-01-01", "2025-12-31")
                        + location("ID-JB", "Bandung")
                        + location("ID-JT", "Semarang")
                        + location(name="Somewhere unknown")
                        + txn("3", "2022-06-01", "100000")
                        + txn("3", "2024-04-10", "5000")
                        + txn("1", "2022-01-15", "90000", provider="Mystery Donor"),
                    ),
                    activity(
                        "F2",
                        FORD
                        + ID
                        + dates("2018-01-01", "2019-12-31")
                        + txn("3", "2019-05-01", "1000"),
                    ),
                    activity("U1", reporting("GB-CHC-999", "21", "Unregistered Helpers") + ID),
                    activity(
                        "S1",
                        reporting("GB-CHC-1076822", "21", "Save the Children Internationl") + ID,
                    ),
                    activity("G1", reporting("DE-1", "10", "Germany") + ID),
                    activity("X1", FORD + '<recipient-country code="KE"/>'),
                ),
            )
        ],
        actor=operator,
    )
    return {"ford": ford, "msp1": msp1, "msp2": msp2, "similar": similar, "jb": jb, "jt": jt}


def test_agency_prefixes_come_from_the_codelist():
    assert agency_of("US-EIN-13-1684331") == "US-EIN"
    assert agency_of("ID-KLN-0042") == "ID-KLN"
    assert agency_of("NOPE-123") == ""


def test_identifier_without_agency_prefix_refused(operator):
    org = ForeignOrganizationFactory()
    with pytest.raises(ApplicationError) as exc:
        organization_identifier_add(organization_id=org.pk, identifier="ZZ-1", actor=operator)
    assert "identifier" in exc.value.extra
    assert not org.iati_identifiers.exists()


def test_organization_matching_and_review_queue(scene, operator):
    assert organization_matches_refresh() == 2
    by_identifier = OrganizationMatch.objects.get(iati_key=FORD_REF)
    assert by_identifier.status == MatchStatus.CONFIRMED
    assert by_identifier.method == "identifier"
    fuzzy = OrganizationMatch.objects.get(organization=scene["similar"])
    assert fuzzy.status == MatchStatus.PROPOSED
    assert fuzzy.method == "name"
    assert Decimal("0.9") <= fuzzy.score < 1
    # the unregistered and the government publisher are not matched to anything
    assert not OrganizationMatch.objects.filter(iati_key__in=["GB-CHC-999", "DE-1"]).exists()
    organization_match_decide(match_id=fuzzy.pk, confirm=False, actor=operator)
    fuzzy.refresh_from_db()
    assert fuzzy.status == MatchStatus.REJECTED
    assert fuzzy.decided_by == operator
    assert AuditEvent.objects.filter(event="iati_org_match.rejected").count() == 1
    # remembered: a refresh does not propose the rejected pair again, nor duplicate anything
    assert organization_matches_refresh() == 0
    with pytest.raises(ApplicationError):
        organization_match_decide(match_id=fuzzy.pk, confirm=True, actor=operator)


def test_only_operators_decide(scene, officer):
    organization_matches_refresh()
    match = OrganizationMatch.objects.get(status=MatchStatus.PROPOSED)
    with pytest.raises(ApplicationError):
        organization_match_decide(match_id=match.pk, confirm=True, actor=officer)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_activity_matching_proposes_overlapping_agreements(scene, operator):
    organization_matches_refresh()
    assert activity_matches_refresh() >= 1
    f1 = ActivityMatch.objects.get(activity__identifier="F1", agreement=scene["msp1"])
    assert f1.status == MatchStatus.PROPOSED
    assert {"partner", "period", "regions"} <= set(f1.reasons)
    # F2 (2018–2019) overlaps no agreement: not proposed
    assert not ActivityMatch.objects.filter(activity__identifier="F2").exists()
    activity_match_decide(match_id=f1.pk, confirm=True, actor=operator)
    assert (
        activity_matches_refresh() == 0
        or not ActivityMatch.objects.filter(activity__identifier="F1", agreement=scene["msp1"])
        .exclude(pk=f1.pk)
        .exists()
    )


def _findings(kind: str) -> list[Finding]:
    return list(Finding.objects.filter(kind=kind).select_related("activity"))


def test_every_finding_kind_on_the_scene(scene, operator):
    organization_matches_refresh()
    activity_matches_refresh()
    match = ActivityMatch.objects.get(activity__identifier="F1", agreement=scene["msp1"])
    activity_match_decide(match_id=match.pk, confirm=True, actor=operator)
    counts = crosscheck_run()
    ford = scene["ford"]
    # F2 (2018–2019): no agreement of Ford's covers it
    [no_agreement] = _findings(Finding.Kind.NO_AGREEMENT)
    assert no_agreement.activity.identifier == "F2"
    assert no_agreement.organization == ford
    # F1 runs to 2025, past MSP 1 (to 2024-03-31)
    [outside] = _findings(Finding.Kind.OUTSIDE_PERIOD)
    assert outside.agreement == scene["msp1"]
    # Semarang (ID-JT) is outside MSP 1's provinces; "Somewhere unknown" is unresolved
    [region] = _findings(Finding.Kind.OUTSIDE_REGIONS)
    assert region.detail["location"] == "Semarang"
    [unresolved] = _findings(Finding.Kind.UNRESOLVED_LOCATION)
    assert unresolved.detail == {
        "activity": "F1",
        "location": "Somewhere unknown",
        "resolution": "unresolved",
    }
    # the disbursement of 2024-04-10 falls in the gap between the MSPs, after the izin prinsip
    after = _findings(Finding.Kind.AFTER_END)
    assert {(f.detail["what"], f.detail["date"]) for f in after} == {
        ("agreement", "2024-04-10"),
        ("izin_prinsip", "2024-04-10"),
    }
    assert next(f for f in after if f.detail["what"] == "agreement").agreement == scene["msp1"]
    # 100,000 USD published for 2022 against 50,000 disclosed
    [amount] = _findings(Finding.Kind.AMOUNT_MISMATCH)
    assert amount.detail["published_usd"] == "100000.00"
    assert amount.detail["disclosed_usd"] == "50000.00"
    # incoming funds from a donor the disclosures never name
    [chain] = _findings(Finding.Kind.INTERMEDIARY)
    assert chain.detail["provider_name"] == "Mystery Donor"
    # the NGO publishers with no match: U1's, not Germany (a government), not Save the
    # Children (proposed for review)
    unregistered = _findings(Finding.Kind.UNREGISTERED)
    assert [f.publisher_ref for f in unregistered] == ["GB-CHC-999"]
    assert sum(counts.values()) == Finding.objects.count() == 9
    assert open_finding_counts() == {ford.pk: 8}
    assert open_finding_counts(organization_ids=[scene["similar"].pk]) == {}
    # idempotent: a second run adds nothing
    assert crosscheck_run() == {}
    assert Finding.objects.count() == 9


def test_while_suspended(scene):
    ford = scene["ford"]
    PermitFactory(
        organization=ford,
        valid_from=date(2024, 4, 1),
        valid_until=date(2027, 3, 31),
        status_changed_on=date(2024, 4, 5),
    )
    ForeignOrganization.objects.filter(pk=ford.pk).update(status="suspended")
    organization_matches_refresh()
    crosscheck_run()
    [suspended] = _findings(Finding.Kind.WHILE_SUSPENDED)
    assert suspended.detail["date"] == "2024-04-10"


def test_amounts_compared_through_the_exchange_rate(scene, operator):
    iati_import(
        sources=[
            (
                "eur.xml",
                xml(
                    activity(
                        "F3",
                        FORD
                        + ID
                        + dates("2022-01-01", "2022-12-31")
                        + txn("3", "2022-03-01", "10000", currency="EUR"),
                    )
                ),
            )
        ],
        actor=operator,
    )
    exchange_rate_set(currency="eur", month=date(2022, 3, 9), usd_per_unit="1.10", actor=operator)
    organization_matches_refresh()
    crosscheck_run()
    [amount] = _findings(Finding.Kind.AMOUNT_MISMATCH)
    assert amount.detail["published_usd"] == "111000.00"


def test_exchange_rate_bad_input_writes_nothing(operator):
    with pytest.raises(ApplicationError) as exc:
        exchange_rate_set(
            currency="EURO", month=date(2022, 3, 1), usd_per_unit="-1", actor=operator
        )
    assert set(exc.value.extra) == {"currency", "usd_per_unit"}


def test_dismiss_needs_a_reason_and_is_audited(scene, operator):
    organization_matches_refresh()
    crosscheck_run()
    finding = Finding.objects.filter(kind=Finding.Kind.UNREGISTERED).get()
    with pytest.raises(ApplicationError) as exc:
        finding_dismiss(finding_id=finding.pk, reason=" ", actor=operator)
    assert "reason" in exc.value.extra
    finding_dismiss(finding_id=finding.pk, reason="Registered under another name.", actor=operator)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISMISSED
    assert finding.decided_by == operator
    assert AuditEvent.objects.filter(event="iati_finding.dismissed").count() == 1
    # a new run does not reopen it
    crosscheck_run()
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISMISSED


def test_follow_up_through_monitoring(scene, operator):
    organization_matches_refresh()
    crosscheck_run()
    finding = Finding.objects.filter(kind=Finding.Kind.AFTER_END).first()
    visit = MonitoringVisitFactory(agreement=scene["msp1"], organization=scene["ford"])
    monitoring_finding = FindingFactory(visit=visit)
    record = finding_follow_up(
        finding_id=finding.pk,
        note="Ask Ford for the disbursement's contract.",
        monitoring_finding_id=monitoring_finding.pk,
        owner="Pusat Fasker",
        due_date=date(2026, 1, 31),
        actor=operator,
    )
    finding.refresh_from_db()
    item = FollowUpItem.objects.get(pk=finding.follow_up_id)
    assert finding.status == Finding.Status.FOLLOWED_UP
    assert record.finding == finding
    assert record.monitoring_item == item
    assert item.finding == monitoring_finding
    assert finding.key in item.description
    assert AuditEvent.objects.filter(event="iati_finding.followed_up").count() == 1
    # a new run does not reopen it
    crosscheck_run()
    finding.refresh_from_db()
    assert finding.status == Finding.Status.FOLLOWED_UP


# --- spending while suspended: the suspension history, not only the current one -------------


def test_while_suspended_uses_the_suspension_history(scene, operator):
    """Ford was suspended from 2022-05-01 to 2022-07-01 (reinstated) and again from
    2024-04-01 on: the disbursements of 2022-06-01 and 2024-04-10 fall inside; the one of
    2019-05-01 does not."""
    from mitra.audit.services import audit_effective_on
    from mitra.iati.crosscheck import suspension_periods
    from mitra.permits.lifecycle import permit_reinstate, permit_suspend

    ford = scene["ford"]
    permit = ford.permits.get()
    grounds = {"reason": "Uji", "legal_basis": "Permenlu 11/2020 Ps 30"}
    with audit_effective_on(date(2022, 5, 1)):
        permit_suspend(permit_id=permit.pk, actor=operator, **grounds)
    with audit_effective_on(date(2022, 7, 1)):
        permit_reinstate(permit_id=permit.pk, actor=operator, **grounds)
    with audit_effective_on(date(2024, 4, 1)):
        permit_suspend(permit_id=permit.pk, actor=operator, **grounds)
    assert suspension_periods([ford.pk]) == {
        ford.pk: [(date(2022, 5, 1), date(2022, 7, 1)), (date(2024, 4, 1), None)]
    }
    organization_matches_refresh()
    crosscheck_run()
    found = {
        f.detail["date"]: (f.detail["suspended_since"], f.detail["reinstated_on"])
        for f in _findings(Finding.Kind.WHILE_SUSPENDED)
    }
    assert found == {
        "2022-06-01": ("2022-05-01", "2022-07-01"),
        "2024-04-10": ("2024-04-01", None),
    }


def test_reinstated_before_the_spending_is_no_finding(scene, operator):
    from mitra.audit.services import audit_effective_on
    from mitra.permits.lifecycle import permit_reinstate, permit_suspend

    permit = scene["ford"].permits.get()
    grounds = {"reason": "Uji", "legal_basis": "Permenlu 11/2020 Ps 30"}
    with audit_effective_on(date(2020, 1, 1)):
        permit_suspend(permit_id=permit.pk, actor=operator, **grounds)
    with audit_effective_on(date(2020, 2, 1)):
        permit_reinstate(permit_id=permit.pk, actor=operator, **grounds)
    organization_matches_refresh()
    crosscheck_run()
    assert _findings(Finding.Kind.WHILE_SUSPENDED) == []


# --- published amounts against the work-plan budgets ----------------------------------------


def _plans(scene):
    """Ford's work plans: MSP 1's RIK (approved) budgets 40,000 USD for 2022, realised
    45,000; a cancelled 2022 activity and MSP 2's draft RIK are left out; an IDR activity
    without an exchange rate is not compared (counted)."""
    from mitra.workplans.models import Activity as PlanActivity
    from mitra.workplans.models import WorkPlan
    from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

    rik = WorkPlanFactory(agreement=scene["msp1"], status=WorkPlan.Status.APPROVED)
    ActivityFactory(
        work_plan=rik,
        start_date=date(2022, 2, 1),
        end_date=date(2022, 11, 30),
        currency="USD",
        planned_budget=Decimal(40000),
        realised_budget=Decimal(45000),
    )
    ActivityFactory(
        work_plan=rik,
        start_date=date(2022, 3, 1),
        end_date=date(2022, 4, 30),
        currency="USD",
        planned_budget=Decimal(55000),
        status=PlanActivity.Status.CANCELLED,
    )
    ActivityFactory(
        work_plan=rik,
        start_date=date(2022, 5, 1),
        end_date=date(2022, 5, 31),
        currency="IDR",
        planned_budget=Decimal(500_000_000),
    )
    draft = WorkPlanFactory(agreement=scene["msp2"], status=WorkPlan.Status.DRAFT)
    ActivityFactory(
        work_plan=draft,
        start_date=date(2022, 6, 1),
        end_date=date(2022, 6, 30),
        currency="USD",
        planned_budget=Decimal(55000),
    )


def test_published_amounts_against_work_plan_budgets(scene):
    _plans(scene)
    organization_matches_refresh()
    crosscheck_run()
    [budget] = _findings(Finding.Kind.BUDGET_MISMATCH)
    assert budget.organization == scene["ford"]
    assert budget.detail == {
        "year": 2022,
        "published_usd": "100000.00",
        "budget_usd": "45000.00",
        "planned_usd": "40000.00",
        "budget_not_converted": 1,
        "tolerance": "0.10",
        "not_converted": 0,
    }
    # idempotent
    assert crosscheck_run() == {}


def test_budget_threshold_is_configurable(scene, settings):
    _plans(scene)
    settings.IATI_BUDGET_TOLERANCE = "0.60"  # 55,000 apart on 100,000: within 60 %
    organization_matches_refresh()
    crosscheck_run()
    assert _findings(Finding.Kind.BUDGET_MISMATCH) == []


def test_budget_in_another_currency_is_converted(scene, operator):
    _plans(scene)
    # 500,000,000 IDR at 0.00011 USD = 55,000 USD: 100,000 against 100,000 is no finding
    exchange_rate_set(
        currency="IDR", month=date(2022, 5, 1), usd_per_unit="0.00011", actor=operator
    )
    organization_matches_refresh()
    crosscheck_run()
    assert _findings(Finding.Kind.BUDGET_MISMATCH) == []
