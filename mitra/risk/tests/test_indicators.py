"""Every indicator formula with hand-made numbers, then `collect` over a small hand-made data
set whose values are known (one organization with something in every source, one without
anything, one ormas asing without an izin prinsip), in a fixed number of queries."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring.models import FollowUpItem, Report
from mitra.monitoring.tests.factories import (
    FollowUpItemFactory,
    FundingDisclosureLineFactory,
    ReportFactory,
)
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory
from mitra.regions.tests.factories import ProvinceFactory
from mitra.risk import indicators as ind
from mitra.sanctions.models import SanctionCase
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan
from mitra.workplans.tests.factories import ActivityFactory, NotificationFactory, WorkPlanFactory

ON = date(2026, 3, 1)
JKT = ZoneInfo("Asia/Jakarta")


# --- the formulas --------------------------------------------------------------------------


def test_punctuality():
    r = ind.punctuality_result(on_time=1, late=1, missing=1)
    assert r.value == pytest.approx(0.6667)
    assert r.score == pytest.approx(0.6667)
    assert r.inputs == {"on_time": 1, "late": 1, "missing": 1}
    assert ind.punctuality_result(on_time=4, late=0, missing=0).score == 0
    nothing = ind.punctuality_result(on_time=0, late=0, missing=0)
    assert nothing.value is None
    assert nothing.score == 0


def test_overdue_saturates_at_five():
    assert ind.overdue_result(reports=1, follow_ups=1).score == pytest.approx(0.4)
    assert ind.overdue_result(reports=1, follow_ups=1).value == 2
    assert ind.overdue_result(reports=4, follow_ups=3).score == 1.0
    assert ind.overdue_result(reports=0, follow_ups=0).score == 0


def test_notice_share():
    assert ind.notice_result(without_notice=1, open_activities=4).score == 0.25
    assert ind.notice_result(without_notice=0, open_activities=0).value is None


def test_sanctions_saturate_at_three():
    assert ind.sanctions_result(cases=2, open_cases=1).score == pytest.approx(0.6667)
    assert ind.sanctions_result(cases=5, open_cases=0).score == 1.0
    assert ind.sanctions_result(cases=0, open_cases=0).score == 0


def test_permit_margin():
    r = ind.permit_margin_result(
        required=True, suspended=False, valid_until=date(2026, 8, 29), on=ON
    )
    assert r.value == 181
    assert r.score == pytest.approx(1 - 181 / 365, abs=1e-4)
    far = ind.permit_margin_result(
        required=True, suspended=False, valid_until=date(2029, 1, 1), on=ON
    )
    assert far.score == 0
    none = ind.permit_margin_result(required=True, suspended=False, valid_until=None, on=ON)
    assert none.value is None
    assert none.score == 1.0
    suspended = ind.permit_margin_result(
        required=True, suspended=True, valid_until=date(2029, 1, 1), on=ON
    )
    assert suspended.score == 1.0
    un = ind.permit_margin_result(required=False, suspended=False, valid_until=None, on=ON)
    assert un.score == 0
    assert un.value is None


def test_iati_saturates_at_five():
    assert ind.iati_result(open_findings=2).score == pytest.approx(0.4)
    assert ind.iati_result(open_findings=9).score == 1.0


def test_concentration_in_the_largest_currency():
    donors = {
        ("USD", "donor x"): Decimal(700),
        ("USD", "donor y"): Decimal(300),
        ("EUR", "donor z"): Decimal(50),
    }
    r = ind.concentration_result(donors=donors)
    assert r.value == 0.7
    assert r.score == 0.7
    assert r.inputs["currency"] == "USD"
    assert r.inputs["largest_source"] == "donor x"
    assert r.inputs["sources"] == 2
    assert ind.concentration_result(donors={}).value is None


def test_intermediaries_share():
    r = ind.intermediaries_result(
        via={"USD": Decimal(300)}, totals={"USD": Decimal(1000), "EUR": Decimal(50)}
    )
    assert r.score == 0.3
    assert r.inputs["through_intermediaries"] == Decimal(300)
    assert ind.intermediaries_result(via={}, totals={}).value is None


def test_stale_after_the_configured_months():
    assert ind.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert ind.months_before(date(2026, 3, 1), 12) == date(2025, 3, 1)
    old = ind.stale_result(last_update_on=date(2025, 2, 28), on=ON, months=12)
    assert old.score == 1.0
    assert old.value == (ON - date(2025, 2, 28)).days
    fresh = ind.stale_result(last_update_on=date(2025, 3, 1), on=ON, months=12)
    assert fresh.score == 0.0
    assert ind.stale_result(last_update_on=date(2025, 9, 1), on=ON, months=6).score == 0.0
    assert ind.stale_result(last_update_on=date(2025, 8, 31), on=ON, months=6).score == 1.0
    assert ind.stale_result(last_update_on=None, on=ON, months=6).score == 1.0


def test_weighted_sum():
    weights = {k: Decimal(0) for k in ind.INDICATOR_KEYS}
    weights |= {"punctuality": Decimal(2), "overdue": Decimal("0.5")}
    assert ind.weighted_sum({"punctuality": 0.5, "overdue": 0.4, "iati": 1.0}, weights) == 1.2


# --- collect over a hand-made data set ------------------------------------------------------


@pytest.fixture
def scene(db):
    a = ForeignOrganizationFactory(legal_name="Alpha Foundation")
    b = ForeignOrganizationFactory(legal_name="Beta Agency", un_agency=True)
    c = ForeignOrganizationFactory(legal_name="Gamma Stiftung")
    agreement = AgreementFactory(active=True, foreign_parties=[a])
    draft = AgreementFactory(foreign_parties=[a])  # not signed: its reports do not count
    R = Report.Status
    ReportFactory(
        agreement=agreement, period_start=date(2025, 1, 1), period_end=date(2025, 1, 31),
        due_date=date(2025, 3, 1), status=R.ACCEPTED, first_submitted_on=date(2025, 2, 20),
        submitted_at=datetime(2025, 2, 20, 10, tzinfo=JKT),
    )  # on time  # fmt: skip
    ReportFactory(
        agreement=agreement, period_start=date(2025, 4, 1), period_end=date(2025, 4, 30),
        due_date=date(2025, 6, 1), status=R.SUBMITTED, first_submitted_on=date(2025, 6, 10),
        submitted_at=datetime(2025, 6, 10, 10, tzinfo=JKT),
    )  # late  # fmt: skip
    ReportFactory(
        agreement=agreement, period_start=date(2025, 7, 1), period_end=date(2025, 7, 31),
        due_date=date(2025, 9, 1),
    )  # missing and overdue  # fmt: skip
    ReportFactory(
        agreement=agreement, period_start=date(2026, 2, 1), period_end=date(2026, 2, 28),
        due_date=date(2026, 4, 1),
    )  # not due yet  # fmt: skip
    ReportFactory(agreement=draft, due_date=date(2025, 1, 1))  # a draft's: ignored
    FollowUpItemFactory(finding__visit__agreement=agreement, due_date=date(2026, 1, 1))
    FollowUpItemFactory(finding__visit__agreement=agreement, due_date=date(2026, 6, 1))
    FollowUpItemFactory(
        finding__visit__agreement=agreement, due_date=date(2025, 1, 1),
        status=FollowUpItem.Status.DONE,
    )  # fmt: skip
    # Activities: one lacking its notices, one covered in its province, one too far ahead.
    p1, p2 = ProvinceFactory(code="91"), ProvinceFactory(code="92")
    plan = WorkPlanFactory(agreement=agreement, status=WorkPlan.Status.ACTIVE)
    ActivityFactory(work_plan=plan, start_date=date(2026, 2, 1), provinces=[p1])
    ActivityFactory(
        work_plan=plan, start_date=date(2026, 2, 1), provinces=[p2],
        status=Activity.Status.STARTED,
    )  # fmt: skip
    ActivityFactory(work_plan=plan, start_date=date(2026, 12, 1), provinces=[p1])
    for recipient in RegionalNotification.Recipient.values:
        NotificationFactory(
            work_plan=plan, province=p2, recipient=recipient, notified_on=date(2026, 1, 15),
            notified_body=agreement.owner,
        )  # fmt: skip
    # Sanctions: one lifted, one open, one dismissed (not counted).
    S = SanctionCase.Status
    for status in (S.LIFTED, S.PERSUASION, S.DISMISSED):
        SanctionCase.objects.create(
            organization=a, status=status, ladder="current", violation="v",
            source=SanctionCase.Source.MONITORING, reported_on=date(2025, 5, 1),
        )  # fmt: skip
    # Izin prinsip, extended without a gap: valid until 29 August 2026 (181 days after ON).
    PermitFactory(organization=a, valid_from=date(2024, 3, 1), valid_until=date(2026, 5, 30))
    PermitFactory(organization=a, valid_from=date(2026, 5, 31), valid_until=date(2026, 8, 29))
    # Disclosures: USD 700 from donor x (two spellings), 300 from y through intermediaries.
    disclosure = ReportFactory(
        agreement=agreement, kind=Report.Kind.DISCLOSURE, status=R.SUBMITTED,
        first_submitted_on=date(2025, 7, 20), due_date=date(2025, 7, 30),
    )  # fmt: skip
    FundingDisclosureLineFactory(report=disclosure, donor_name="Donor X", amount=600)
    FundingDisclosureLineFactory(report=disclosure, donor_name=" DONOR X ", amount=100)
    FundingDisclosureLineFactory(
        report=disclosure, donor_name="Donor Y", amount=300, intermediaries="Z > W"
    )
    FundingDisclosureLineFactory(report=disclosure, donor_name="Donor Z", amount=50, currency="EUR")
    unsent = ReportFactory(
        agreement=agreement, kind=Report.Kind.DISCLOSURE, period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31), due_date=date(2026, 1, 30),
    )  # fmt: skip
    FundingDisclosureLineFactory(report=unsent, donor_name="Donor Q", amount=99999)
    ForeignOrganization.objects.filter(pk__in=[a.pk, b.pk, c.pk]).update(
        updated_at=datetime(2024, 1, 1, 9, tzinfo=JKT)
    )
    Activity.objects.update(updated_at=datetime(2025, 5, 1, 9, tzinfo=JKT))
    return a, b, c


def test_collect_hand_made(scene, monkeypatch):
    a, b, c = scene
    monkeypatch.setattr(ind, "open_finding_counts", lambda organization_ids: {a.pk: 2})
    with freeze_today(ON):
        got = ind.collect(on=ON)
    ra = got[a.pk]
    # On time: January's and the submitted disclosure; late: April's; missing: July's and the
    # unsent disclosure (both overdue too). (1 + 2) / (2 + 1 + 2).
    assert ra["punctuality"].inputs == {"on_time": 2, "late": 1, "missing": 2}
    assert ra["punctuality"].score == pytest.approx(0.6)
    assert ra["overdue"].inputs == {"overdue_reports": 2, "overdue_follow_ups": 1}
    assert ra["overdue"].score == pytest.approx(0.6)
    assert ra["notice"].inputs == {"without_notice": 1, "open_activities": 2}
    assert ra["notice"].score == 0.5
    assert ra["sanctions"].inputs == {"cases": 2, "open_cases": 1}
    assert ra["permit_margin"].value == 181
    assert ra["iati"].score == pytest.approx(0.4)
    assert ra["concentration"].score == 0.7
    assert ra["concentration"].inputs["largest_source"] == "Donor X"
    assert ra["intermediaries"].score == 0.3
    assert ra["stale"].data_date == date(2025, 6, 10)  # the late report's submission
    rb, rc = got[b.pk], got[c.pk]
    assert all(rb[k].score == 0 for k in ind.SCORED_KEYS)
    assert rb["permit_margin"].inputs == {"required": False}
    assert rc["permit_margin"].score == 1.0  # an ormas asing without an izin prinsip
    assert rb["stale"].data_date == date(2024, 1, 1)


def test_collect_queries_do_not_grow_with_organizations(scene, monkeypatch):
    monkeypatch.setattr(ind, "open_finding_counts", lambda organization_ids: {})
    with CaptureQueriesContext(connection) as few:
        ind.collect(on=ON)
    for _ in range(5):
        extra = ForeignOrganizationFactory()
        AgreementFactory(active=True, foreign_parties=[extra])
        PermitFactory(organization=extra)
    with CaptureQueriesContext(connection) as many:
        ind.collect(on=ON)
    assert len(few) == len(many) <= 10


def test_collect_calls_the_iati_selector_with_the_organizations(scene, monkeypatch):
    a, b, c = scene
    seen = {}

    def counts(*, organization_ids):
        seen["ids"] = sorted(organization_ids)
        return {}

    monkeypatch.setattr(ind, "open_finding_counts", counts)
    ind.collect(on=ON, organization_ids=[a.pk, c.pk])
    assert seen["ids"] == sorted([a.pk, c.pk])


def test_collect_counts_open_iati_findings_through_the_iati_selector(db):
    from mitra.iati.models import Finding

    org, other = ForeignOrganizationFactory(), ForeignOrganizationFactory()
    for n, status in enumerate(
        (Finding.Status.OPEN, Finding.Status.OPEN, Finding.Status.DISMISSED)
    ):
        Finding.objects.create(
            kind=Finding.Kind.NO_AGREEMENT, key=f"risk-test-{n}", organization=org, status=status
        )
    got = ind.collect(on=ON)
    assert got[org.pk]["iati"].inputs == {"open_findings": 2}
    assert got[org.pk]["iati"].score == pytest.approx(0.4)
    assert got[other.pk]["iati"].score == 0


def test_bar_percent():
    from mitra.core.charts import bar_percent

    assert bar_percent(0.25, 1.0) == 25.0
    assert bar_percent(3, 2) == 100.0
    assert bar_percent(None, 1.0) == 0.0
    assert bar_percent(-1, 1.0) == 0.0
    assert bar_percent(1, 0) == 0.0
