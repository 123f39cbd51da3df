"""The home's "Your work" (issue 10 §4): per role, each count equals the rows its link opens,
and a home costs the same number of queries whatever the data size."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import AgreementParty
from mitra.agreements.services import agreements_recheck_cover
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.dates import add_months
from mitra.core.tests.helpers import freeze_today
from mitra.meetings.models import Attendee
from mitra.meetings.tests.factories import make_meeting
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import ReportFactory
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.models import AgencyReview, Application, ForeignStaffAssignment, Permit
from mitra.permits.tests.factories import PermitFactory, members
from mitra.regions.tests.factories import ProvinceFactory
from mitra.sanctions.models import SanctionCase
from mitra.workplans.models import RegionalNotification, WorkPlan
from mitra.workplans.tests.factories import ActivityFactory, NotificationFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)  # a Monday
S = Application.Status


@pytest.fixture(autouse=True)
def _today():
    with freeze_today(ON) as day:
        yield day


def home(client: Any, user: Any) -> dict[str, dict[str, Any]]:
    """{section key: {item key: item}} of the user's home."""
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert b'id="my-deadlines"' in response.content  # the morning's panel stays
    return {s.key: {i.key: i for i in s.items} for s in response.context["work_sections"]}


def rows_behind(client: Any, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def assert_counts_open_their_rows(client: Any, items: dict[str, Any], expected: dict[str, int]):
    assert {k: items[k].count for k in expected} == expected
    for key, item in items.items():
        assert rows_behind(client, item.url) == item.count, key


_seq = iter(range(1, 10_000))


def application(org: Any, status: str, track: str = "tpoa", **extra: Any) -> Application:
    return Application.objects.create(
        reference=f"T-{next(_seq):04d}", organization=org, track=track, status=status, **extra
    )


def review(app: Application, agency: GovernmentBody, due: date, state: str = "requested"):
    return AgencyReview.objects.create(application=app, agency=agency, due_date=due, state=state)


# --- the TPOA secretariat ------------------------------------------------------------------


def secretariat_data(agencies: dict[str, GovernmentBody], n: int = 1) -> None:
    for _ in range(n):
        ngo = ForeignOrganizationFactory()
        # One open application of a kind per organization (a database rule): each its own.
        application(ngo, S.SUBMITTED)
        application(ForeignOrganizationFactory(), S.VERIFICATION)
        # not Kemlu's track
        application(ForeignOrganizationFactory(), S.VERIFICATION, track="multilateral_clearance")
        application(ForeignOrganizationFactory(), S.DRAFT)
        waiting = application(ForeignOrganizationFactory(), S.REVIEW)
        review(waiting, agencies["kemhan"], ON - timedelta(days=3))  # overdue
        review(waiting, agencies["polri"], ON + timedelta(days=5))
        complete = application(ForeignOrganizationFactory(), S.REVIEW)
        review(complete, agencies["kemhan"], ON - timedelta(days=3), state="no_objection")
        application(ForeignOrganizationFactory(), S.DECISION_PENDING)
        # Operating without a valid izin prinsip: party to an active agreement Kemlu sees.
        AgreementFactory(owner=agencies["kemlu"], foreign_parties=[ngo], active=True)
        licensed = ForeignOrganizationFactory()
        PermitFactory(organization=licensed, valid_from=ON - timedelta(days=10))
        AgreementFactory(owner=agencies["kemlu"], foreign_parties=[licensed], active=True)
        un = ForeignOrganizationFactory(kind=ForeignOrganization.Kind.UN_AGENCY)
        AgreementFactory(owner=agencies["kemlu"], foreign_parties=[un], active=True)
        # N3/N4 over the agreements' periods (2024-01-10 → 2027-01-09): neither ormas asing
        # is covered (the licensed one's izin prinsip starts in 2026); the UN agency needs none.
        agreements_recheck_cover(organization_ids=[ngo.pk, licensed.pk, un.pk])


def test_the_secretariat_home_counts_open_their_rows(client):
    agencies = members()
    kemlu = UserFactory(username="kemlu", officer=True, body=agencies["kemlu"])
    secretariat_data(agencies)
    sections = home(client, kemlu)
    assert_counts_open_their_rows(
        client,
        sections["secretariat-tpoa"],
        {
            "verification": 2,
            "circulations": 1,
            "deliberations": 1,
            "decisions": 1,
            "overdue_reviews": 1,
            "unlicensed": 1,
            "uncovered": 2,
        },
    )


def test_the_secretariat_home_costs_constant_queries(client, django_assert_max_num_queries):
    agencies = members()
    kemlu = UserFactory(username="kemlu", officer=True, body=agencies["kemlu"])
    secretariat_data(agencies)
    client.force_login(kemlu)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:home"))
    secretariat_data(agencies, n=4)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("dashboard:home"))


# --- a member agency ----------------------------------------------------------------------


def test_a_member_home_lists_its_reviews_with_a_working_day_countdown(client):
    agencies = members()
    kemhan = UserFactory(username="kemhan", officer=True, body=agencies["kemhan"])
    ngo = ForeignOrganizationFactory()
    app = application(ngo, S.REVIEW)
    review(app, agencies["kemhan"], ON + timedelta(days=7))  # Mon → next Mon: 5 working days
    late = application(ForeignOrganizationFactory(), S.REVIEW)
    review(late, agencies["kemhan"], ON - timedelta(days=3))  # the Friday before: 1 day late
    review(late, agencies["polri"], ON + timedelta(days=7))  # another agency's
    sections = home(client, kemhan)
    assert_counts_open_their_rows(client, sections["member"], {"reviews": 2})
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "5 working days left" in content
    assert "1 working day overdue" in content


# --- Biro KTLN ----------------------------------------------------------------------------


def test_the_ktln_home_counts_staff_and_meetings_attended(client, kemendagri):
    agencies = members()
    unit = GovernmentBodyFactory(
        key="kemensetneg-biro-ktln",
        name="Biro KTLN",
        kind=GovernmentBody.Kind.UNIT,
        parent=agencies["kemensetneg"],
    )
    ktln = UserFactory(username="ktln", officer=True, body=unit)
    ngo = ForeignOrganizationFactory()
    permit = PermitFactory(organization=ngo)
    common = {"organization": ngo, "nationality": "US", "position": "Director"}
    dates = {"start_date": date(2025, 1, 1), "end_date": date(2027, 1, 1)}
    approval = {"ktln_approval_number": "B-1", "ktln_approved_on": date(2024, 12, 1)}
    ForeignStaffAssignment.objects.create(
        name="A", flag="The izin prinsip ended.", **common, **dates, **approval
    )
    ForeignStaffAssignment.objects.create(name="B", **common, **dates, **approval)
    agreement = AgreementFactory(owner=kemendagri, foreign_parties=[ngo], active=True)
    attended = make_meeting(kemendagri)
    attended.agreements.add(agreement)
    Attendee.objects.create(meeting=attended, name="Analyst", body=unit, agency=unit.parent)
    make_meeting(kemendagri, title="Not attended")
    assert permit.status == Permit.Status.ACTIVE
    sections = home(client, ktln)
    assert_counts_open_their_rows(client, sections["ktln"], {"staff": 1, "meetings": 1})


# --- a region -----------------------------------------------------------------------------


def region_data(jateng: GovernmentBody, kemendagri: GovernmentBody, n: int = 1) -> None:
    for _ in range(n):
        agreement = AgreementFactory(owner=kemendagri, active=True)
        rik = WorkPlanFactory(agreement=agreement, status=WorkPlan.Status.ACTIVE)
        rkt = WorkPlanFactory(
            agreement=agreement, rkt=True, parent=rik, province=jateng.province,
            regional_government=jateng, status=WorkPlan.Status.ACTIVE,
        )  # fmt: skip
        WorkPlanFactory(
            agreement=agreement, rkt=True, parent=rik, province=jateng.province,
            regional_government=jateng, status=WorkPlan.Status.APPROVED, year=2026,
        )  # fmt: skip
        ActivityFactory(work_plan=rkt, provinces=[jateng.province], status="planned")
        ActivityFactory(work_plan=rkt, provinces=[ProvinceFactory()], status="planned")
        ActivityFactory(work_plan=rkt, provinces=[jateng.province], status="cancelled")
        common = {
            "work_plan": rkt,
            "recipient": RegionalNotification.Recipient.REGIONAL_GOVERNMENT,
            "notified_body": jateng,
            "province": jateng.province,
        }
        NotificationFactory(**common)
        NotificationFactory(**common, acknowledged_at=timezone.now())  # acknowledged


def test_the_region_home_counts_open_their_rows(client, kemendagri):
    province = ProvinceFactory()
    jateng_body = GovernmentBodyFactory(
        key="pemprov-test", kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=province
    )
    jateng = UserFactory(username="jateng", officer=True, body=jateng_body)
    region_data(jateng_body, kemendagri)
    sections = home(client, jateng)
    assert_counts_open_their_rows(client, sections["region"], {"n5": 1, "territory": 1, "rkt": 1})


def test_the_region_home_costs_constant_queries(client, kemendagri, django_assert_max_num_queries):
    province = ProvinceFactory()
    body = GovernmentBodyFactory(
        key="pemprov-test", kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=province
    )
    jateng = UserFactory(username="jateng", officer=True, body=body)
    region_data(body, kemendagri)
    client.force_login(jateng)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:home"))
    region_data(body, kemendagri, n=4)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("dashboard:home"))


# --- a foreign organization -----------------------------------------------------------------


def organization_data(org: Any, owner: GovernmentBody, n: int = 1) -> None:
    for _ in range(n):
        agreement = AgreementFactory(owner=owner, foreign_parties=[org], active=True)
        ReportFactory(agreement=agreement, due_date=ON - timedelta(days=10))  # overdue
        second_half = {"period_start": date(2025, 7, 1), "period_end": date(2025, 12, 31)}
        ReportFactory(agreement=agreement, **second_half, due_date=ON + timedelta(days=20))
        earlier = {"period_start": date(2024, 7, 1), "period_end": date(2024, 12, 31)}
        ReportFactory(agreement=agreement, **earlier, status=Report.Status.ACCEPTED)
        PermitFactory(
            organization=org, valid_from=ON - timedelta(days=900), valid_until=add_months(ON, 4)
        )
        PermitFactory(organization=org, valid_from=ON, valid_until=add_months(ON, 30))
        # One open application of a kind per organization (so one of each, however many
        # rounds): the other open one extends.
        if not Application.objects.filter(organization=org).exists():
            application(org, S.RETURNED, query_deadline=ON + timedelta(days=10))
            application(org, S.REVIEW, kind=Application.Kind.EXTENSION)
        for status in ("persuasion", "assessed"):
            SanctionCase.objects.create(
                organization=org, status=status, ladder="current", violation="Late reports.",
                source="report", reported_on=ON - timedelta(days=30),
            )  # fmt: skip


def test_the_organization_home_counts_open_their_rows(client, kemendagri):
    org = ForeignOrganizationFactory()
    rep = UserFactory(username="ford", org_representative=True, organization=org)
    organization_data(org, kemendagri)
    sections = home(client, rep)
    assert_counts_open_their_rows(
        client,
        sections["organization"],
        {
            "reports_overdue": 1,
            "reports_due": 1,
            "extension_window": 1,
            "queries": 1,
            "sanctions": 1,
        },
    )


def test_the_organization_home_costs_constant_queries(
    client, kemendagri, django_assert_max_num_queries
):
    org = ForeignOrganizationFactory()
    rep = UserFactory(username="ford", org_representative=True, organization=org)
    organization_data(org, kemendagri)
    client.force_login(rep)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:home"))
    organization_data(org, kemendagri, n=6)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("dashboard:home"))


# --- the partner ministry -------------------------------------------------------------------


def partner_data(kemendagri: GovernmentBody, n: int = 1) -> None:
    for _ in range(n):
        province = ProvinceFactory()
        ending = AgreementFactory(
            owner=kemendagri, active=True, start_date=date(2023, 1, 1),
            end_date=add_months(ON, 2),
        )  # fmt: skip
        ReportFactory(agreement=ending, due_date=ON - timedelta(days=10))
        rik = WorkPlanFactory(agreement=ending, status=WorkPlan.Status.ACTIVE)
        ActivityFactory(work_plan=rik, provinces=[province], status="planned")
        noticed = ActivityFactory(work_plan=rik, provinces=[province], status="planned")
        for recipient in RegionalNotification.Recipient.values:
            NotificationFactory(
                work_plan=rik, activity=noticed, recipient=recipient, province=province,
                notified_body=kemendagri, notified_on=ON - timedelta(days=5),
            )  # fmt: skip
        # A draft RKT (one RIK per agreement): its activities need no notice yet.
        draft = WorkPlanFactory(
            agreement=ending, rkt=True, parent=rik, province=province,
            status=WorkPlan.Status.DRAFT, year=2026,
        )  # fmt: skip
        ActivityFactory(work_plan=draft, provinces=[province], status="planned")
        # Its ormas asing holds no izin prinsip: the cascade's task for the partner ministry.
        # Another agency's uncovered agreement is not Kemendagri's task.
        other = AgreementFactory(active=True)
        agreements_recheck_cover(
            organization_ids=[
                p.organization_id
                for p in AgreementParty.objects.filter(agreement__in=[ending, other])
                if p.organization_id
            ]
        )


def test_the_partner_ministry_home_counts_open_their_rows(client, officer, kemendagri):
    partner_data(kemendagri)
    sections = home(client, officer)
    assert_counts_open_their_rows(
        client,
        sections["partner"],
        {"renewals": 1, "reports_overdue": 1, "without_notice": 1, "uncovered_own": 1},
    )


def test_the_partner_ministry_home_costs_constant_queries(
    client, officer, kemendagri, django_assert_max_num_queries
):
    partner_data(kemendagri)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:home"))
    partner_data(kemendagri, n=25)  # past the home's 20 renewals shown
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("dashboard:home"))


def test_a_work_list_outside_the_registry_is_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("dashboard:work_list", args=["nothing"])).status_code == 404
