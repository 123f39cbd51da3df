"""The compliance and map reads: right counts on a small data set, scoped to the viewer, and
a constant number of queries whatever the data size."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mitra.agreements.models import AgreementParty
from mitra.agreements.tests.factories import AgreementFactory
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import FundingDisclosureLineFactory, ReportFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans.models import Activity
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

from ..compliance import activity_map_points, activity_progress, compliance_overview

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 29)


def beneficiaries(female_adult: int, male_adult: int) -> dict:
    value = {s: {"child": 0, "youth": 0, "adult": 0, "elderly": 0} for s in ("female", "male")}
    value["female"]["adult"] = female_adult
    value["male"]["adult"] = male_adult
    return value


def populate(kemendagri, *, agreements: int = 1, province=None, regency=None):
    """Per agreement: 3 activities (completed, started behind plan, cancelled) and 4 reports
    (on time, late, missing, not yet due) plus a disclosure line of 1,000 USD."""
    org = ForeignOrganizationFactory()
    province = province or ProvinceFactory(latitude=-7.0, longitude=110.0)
    made = []
    for _ in range(agreements):
        agreement = AgreementFactory(owner=kemendagri, foreign_parties=[org], active=True)
        agreement.provinces.add(province)
        rik = WorkPlanFactory(agreement=agreement, status="active")
        common = {
            "work_plan": rik,
            "provinces": [province],
            "regencies": [regency] if regency else [],
        }
        ActivityFactory(
            **common, status="completed", start_date=date(2025, 1, 1), end_date=date(2025, 6, 1),
            planned_total=10, actual_total=8, planned_beneficiaries=beneficiaries(6, 4),
            actual_beneficiaries=beneficiaries(5, 3),
        )  # fmt: skip
        ActivityFactory(
            **common, status="started", start_date=date(2025, 1, 1), end_date=date(2026, 1, 1),
            planned_total=20, planned_beneficiaries=beneficiaries(10, 10),
        )  # fmt: skip
        ActivityFactory(**common, status="cancelled", planned_total=99)
        ReportFactory(
            agreement=agreement, status=Report.Status.ACCEPTED,
            period_start=date(2024, 1, 1), period_end=date(2024, 6, 30),
            due_date=date(2024, 7, 30), first_submitted_on=date(2024, 7, 1),
        )  # fmt: skip
        ReportFactory(
            agreement=agreement, status=Report.Status.SUBMITTED,
            period_start=date(2024, 7, 1), period_end=date(2024, 12, 31),
            due_date=date(2025, 1, 30), first_submitted_on=date(2025, 3, 1),
        )  # fmt: skip
        ReportFactory(
            agreement=agreement,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            due_date=date(2025, 7, 30),
        )
        ReportFactory(
            agreement=agreement,
            period_start=date(2026, 7, 1),
            period_end=date(2026, 12, 31),
            due_date=date(2027, 1, 30),
        )
        disclosure = ReportFactory(
            agreement=agreement, kind=Report.Kind.DISCLOSURE, status=Report.Status.ACCEPTED,
            period_start=date(2024, 1, 1), period_end=date(2024, 6, 30), due_date=date(2024, 7, 30),
            first_submitted_on=date(2024, 7, 30),
        )  # fmt: skip
        FundingDisclosureLineFactory(
            report=disclosure, amount=Decimal("1000"), currency="USD", province=province
        )
        made.append(agreement)
    return made


def test_overview_counts_by_ministry(kemendagri, officer):
    populate(kemendagri)
    overview = compliance_overview(viewer=officer, by="ministry", on=ON)
    assert overview.reports == {"total": 5, "on_time": 2, "late": 1, "missing": 1}
    [row] = overview.rows
    assert row.label == kemendagri.name
    assert row.reports == {"total": 5, "on_time": 2, "late": 1, "missing": 1}
    assert row.activities["total"] == 2  # the cancelled one is left out
    assert row.activities["completed"] == 1
    assert row.activities["behind"] == 1  # started, planned end passed
    assert row.activities["planned_beneficiaries"] == 30
    assert row.activities["actual_beneficiaries"] == 8
    assert row.funds == {"USD": Decimal("1000")}
    assert overview.beneficiaries == {
        "planned": {"female": 16, "male": 14},
        "actual": {"female": 5, "male": 3},
    }


@pytest.mark.parametrize("by", ["organization", "agreement", "region"])
def test_overview_other_dimensions(kemendagri, officer, by):
    populate(kemendagri, agreements=2)
    overview = compliance_overview(viewer=officer, by=by, on=ON)
    totals = sum(r.reports.get("missing", 0) for r in overview.rows)
    assert totals == 2
    assert sum(r.activities.get("total", 0) for r in overview.rows) == 4
    assert len(overview.rows) == (2 if by == "agreement" else 1)


@pytest.mark.parametrize("by", ["ministry", "organization", "agreement", "region"])
def test_totals_count_each_activity_once_in_every_dimension(kemendagri, officer, by):
    """An activity in two provinces is in two region rows but once in the totals."""
    [agreement] = populate(kemendagri)
    second = ProvinceFactory()
    for activity in Activity.objects.filter(work_plan__agreement=agreement):
        activity.provinces.add(second)
    overview = compliance_overview(viewer=officer, by=by, on=ON)
    assert overview.activities == {
        "total": 2, "planned": 0, "started": 1, "completed": 1,
        "planned_beneficiaries": 30, "actual_beneficiaries": 8,
    }  # fmt: skip
    assert overview.beneficiaries == {
        "planned": {"female": 16, "male": 14},
        "actual": {"female": 5, "male": 3},
    }
    rows = sum(r.activities.get("total", 0) for r in overview.rows)
    assert rows == (4 if by == "region" else 2)
    assert sum(r.activities.get("behind", 0) for r in overview.rows) == rows // 2


@pytest.mark.parametrize("by", ["ministry", "organization", "agreement", "region"])
def test_report_totals_count_each_report_once_in_every_dimension(kemendagri, officer, by):
    """The partitions (agreement, ministry) add their groups up instead of counting again; in
    the other dimensions a report in two groups (two partners, two provinces) counts once."""
    first, _second = populate(kemendagri, agreements=2)
    first.provinces.add(ProvinceFactory())
    partner = ForeignOrganizationFactory()
    AgreementParty.objects.create(
        agreement=first, side=AgreementParty.Side.FOREIGN, role=AgreementParty.Role.PARTY,
        organization=partner, name_at_signing=partner.legal_name,
    )  # fmt: skip
    overview = compliance_overview(viewer=officer, by=by, on=ON)
    assert overview.reports == {"total": 10, "on_time": 4, "late": 2, "missing": 2}
    in_rows = sum(r.reports["total"] for r in overview.rows)
    assert in_rows == (15 if by in ("organization", "region") else 10)


def test_scoped_to_the_viewer(kemendagri, other_officer, officer):
    populate(kemendagri)
    overview = compliance_overview(viewer=other_officer, by="ministry", on=ON)
    assert overview.rows == []
    assert overview.reports["total"] == 0
    assert activity_map_points(viewer=other_officer) == []
    assert activity_progress(viewer=officer, by="region", on=ON)[0]["total"] == 2


def test_map_points(kemendagri, officer):
    province = ProvinceFactory(code="33", name="Jawa Tengah", latitude=-7.1, longitude=110.2)
    regency = RegencyFactory(code="33.74", province=province, latitude=-7.0, longitude=110.4)
    populate(kemendagri, agreements=2, province=province, regency=regency)
    [point] = activity_map_points(viewer=officer)
    assert point["code"] == "33"
    assert point["count"] == 4
    assert (point["lat"], point["lon"]) == (-7.1, 110.2)
    assert point["planned"] == 60
    assert point["actual"] == 16
    [point] = activity_map_points(viewer=officer, level="regency")
    assert point["code"] == "33.74"
    assert point["count"] == 4


def _count_queries(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("by", ["organization", "agreement", "ministry", "region"])
def test_compliance_queries_constant(
    client, kemendagri, officer, by, django_assert_max_num_queries
):
    client.force_login(officer)
    url = reverse("dashboard:compliance") + f"?by={by}"
    # By agreement: one more query names the busiest agreements, and the totals are summed
    # apart (three) instead of from every group's row; by organization the busiest too.
    limit = {"agreement": 14, "organization": 13}.get(by, 12)
    populate(kemendagri, agreements=1)
    _count_queries(client, django_assert_max_num_queries, url, limit)
    populate(kemendagri, agreements=4)
    response = _count_queries(client, django_assert_max_num_queries, url, limit)
    assert b'id="compliance-table"' in response.content


@pytest.mark.parametrize("level", ["province", "regency"])
def test_map_queries_constant(client, kemendagri, officer, level, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("dashboard:activity_map") + f"?level={level}"
    populate(kemendagri, agreements=1, regency=RegencyFactory())
    _count_queries(client, django_assert_max_num_queries, url, 8)
    for _ in range(4):
        populate(kemendagri, agreements=1, regency=RegencyFactory())
    response = _count_queries(client, django_assert_max_num_queries, url, 8)
    assert b'id="activity-map-data"' in response.content


def test_svg_numbers_have_no_decimal_comma(client, kemendagri, officer):
    """The Indonesian locale writes 12,5: SVG attributes must stay 12.5."""
    import re

    populate(kemendagri, agreements=3)
    client.force_login(officer)
    for url in (reverse("dashboard:compliance"), reverse("dashboard:activity_map")):
        body = client.get(url.replace("/en/", "/id/")).content.decode()
        assert "<svg" in body
        assert not re.search(r'(?:x|y|width|r|cx|cy)="\d+,\d', body), url


def test_the_map_draws_every_regency_centre_as_context(client, kemendagri, officer):
    province = ProvinceFactory(latitude=-7.0, longitude=110.0)
    RegencyFactory(province=province, latitude=-7.1, longitude=110.4)
    RegencyFactory(province=province, latitude=None, longitude=None)  # no centre: left out
    client.force_login(officer)
    response = client.get(reverse("dashboard:activity_map"))
    assert response.context["map_data"]["context"] == [(-7.1, 110.4)]
    assert response.content.decode().count('class="plain-map__context"') == 1


def test_own_agreements_by_default_and_all_readable_on_request(client, kemendagri):
    """A TPOA member reads Kemendagri's agreements with an ormas asing through its grant: the
    page counts its own agreements first (none) and those it supervises when asked."""
    from mitra.accounts.tests.factories import UserFactory
    from mitra.bodies.tests.factories import GovernmentBodyFactory

    kemhan = UserFactory(officer=True, body=GovernmentBodyFactory(key="kemhan", name="Kemhan"))
    populate(kemendagri)  # an ormas asing partner: the TPOA grant applies
    own = compliance_overview(viewer=kemhan, by="ministry", on=ON, own=True)
    every = compliance_overview(viewer=kemhan, by="ministry", on=ON)
    assert (own.reports["total"], own.activities["total"]) == (0, 0)
    assert (every.reports["total"], every.activities["total"]) == (5, 2)
    client.force_login(kemhan)
    url = reverse("dashboard:compliance")
    assert client.get(url).context["overview"].reports["total"] == 0
    assert client.get(url + "?scope=all").context["overview"].reports["total"] == 5
    assert client.get(url + "?scope=bogus").context["scope"] == "own"


@pytest.mark.parametrize("by", ["organization", "agreement", "ministry", "region"])
def test_operator_compliance_constant_queries(client, kemendagri, operator, officer, by):
    """The operator's dashboard (`make bench`'s compliance_dashboard_operator): everything,
    counted without a scope; the same queries with five times the agreements, and the same
    figures as the agency's own dashboard when the agency's are all there is."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(operator)
    url = reverse("dashboard:compliance") + f"?by={by}"
    populate(kemendagri, agreements=1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    populate(kemendagri, agreements=4)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(more.captured_queries) == len(few.captured_queries)
    mine = compliance_overview(viewer=officer, by=by, on=ON)
    theirs = compliance_overview(viewer=operator, by=by, on=ON)
    assert theirs.reports == mine.reports
    assert theirs.activities == mine.activities
    assert response.context["overview"].activities["total"] == theirs.activities["total"]
