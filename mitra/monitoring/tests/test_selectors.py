"""Scoping (every branch, 404 outside), the public overdue flag, compliance counts, queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring import selectors
from mitra.monitoring.models import MonitoringVisit, Report
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.tests.factories import ProvinceFactory

from .factories import FundingDisclosureLineFactory, MonitoringVisitFactory, ReportFactory

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)


@pytest.fixture
def draft(kemendagri, ford):
    return AgreementFactory(owner=kemendagri, foreign_parties=[ford])


def test_report_scoping_follows_the_agreement(
    msp, draft, operator, officer, viewer, other_officer, ford_rep, other_rep
):
    report = ReportFactory(agreement=msp)
    on_draft = ReportFactory(agreement=draft)
    for user in (operator, officer, viewer, ford_rep):
        assert selectors.report_get_for_user(user=user, pk=report.pk) == report
    for user in (other_officer, other_rep):
        with pytest.raises(Http404):
            selectors.report_get_for_user(user=user, pk=report.pk)
    # A representative does not see reports of drafts (nor the drafts themselves).
    with pytest.raises(Http404):
        selectors.report_get_for_user(user=ford_rep, pk=on_draft.pk)
    assert selectors.report_get_for_user(user=officer, pk=on_draft.pk) == on_draft
    anonymous = type("Anon", (), {"is_authenticated": False, "is_active": False})()
    assert not Report.objects.visible_to(anonymous).exists()


def test_visits_are_for_government_users_only(
    msp, operator, officer, viewer, other_officer, ford_rep
):
    visit = MonitoringVisitFactory(agreement=msp)
    for user in (operator, officer, viewer):
        assert selectors.visit_get_for_user(user=user, pk=visit.pk) == visit
    for user in (other_officer, ford_rep):
        with pytest.raises(Http404):
            selectors.visit_get_for_user(user=user, pk=visit.pk)
    assert list(MonitoringVisit.objects.editable_by(officer)) == [visit]
    assert not MonitoringVisit.objects.editable_by(viewer).exists()


def test_compliance_counts_by_each_dimension(msp, officer, ford, kemendagri):
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    msp.provinces.set([jateng])
    ReportFactory(agreement=msp, period_start=date(2025, 1, 1), due_date=date(2025, 7, 30),
                  status="accepted", first_submitted_on=date(2025, 7, 1))  # fmt: skip
    ReportFactory(agreement=msp, period_start=date(2025, 7, 1), period_end=date(2025, 12, 31),
                  due_date=date(2026, 1, 30), status="submitted",
                  first_submitted_on=date(2026, 2, 15))  # fmt: skip
    ReportFactory(agreement=msp, period_start=date(2026, 1, 1), period_end=date(2026, 6, 30),
                  due_date=date(2026, 7, 30))  # fmt: skip  # missing
    ReportFactory(agreement=msp, period_start=date(2026, 7, 1), period_end=date(2026, 12, 31),
                  due_date=date(2027, 1, 30))  # fmt: skip  # not yet due
    disclosure = ReportFactory(agreement=msp, kind="funding_disclosure", status="accepted",
                               first_submitted_on=date(2025, 7, 1))  # fmt: skip
    FundingDisclosureLineFactory(report=disclosure, amount=Decimal("100.50"), province=jateng)
    FundingDisclosureLineFactory(report=disclosure, amount=Decimal("200.00"), province=jateng)
    FundingDisclosureLineFactory(
        report=disclosure, amount=Decimal("1000000"), currency="IDR", province=jateng
    )
    with freeze_today(PINNED):
        for by, label in [
            ("organization", "Ford Foundation"),
            ("agreement", msp.title),
            ("ministry", kemendagri.name),
            ("region", "Jawa Tengah"),
        ]:
            rows = selectors.report_compliance(viewer=officer, by=by)
            assert [
                (r["label"], r["total"], r["on_time"], r["late"], r["missing"]) for r in rows
            ] == [(label, 5, 2, 1, 1)], by
            funds = selectors.funds_disclosed(viewer=officer, by=by)
            assert [(r["label"], r["currency"], r["total"]) for r in funds] == [
                (label, "IDR", Decimal("1000000")),
                (label, "USD", Decimal("300.50")),
            ], by


@pytest.mark.parametrize("by", ["organization", "agreement", "ministry", "region"])
def test_compliance_is_one_query_each(django_assert_num_queries, msp, officer, by):
    ReportFactory(agreement=msp)
    officer.agency  # noqa: B018  (cached: the user's body is loaded once per request anyway)
    with django_assert_num_queries(1):
        selectors.report_compliance(viewer=officer, by=by)
    with django_assert_num_queries(1):
        selectors.funds_disclosed(viewer=officer, by=by)


def _reports(n: int, owner, org) -> None:
    for i in range(n):
        agreement = AgreementFactory(owner=owner, foreign_parties=[org], active=True)
        ReportFactory(agreement=agreement, due_date=date(2026, 1, 1 + i % 27))
        ReportFactory(agreement=agreement, kind="funding_disclosure", status="accepted")


def test_report_list_pages_keep_constant_queries(
    client, officer, kemendagri, ford, django_assert_max_num_queries
):
    client.force_login(officer)
    _reports(2, kemendagri, ford)
    with freeze_today(PINNED):
        client.get(reverse("monitoring:reports"))
        with django_assert_max_num_queries(12) as small:
            client.get(reverse("monitoring:reports"), {"overdue": "yes"})
        _reports(8, kemendagri, ford)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(reverse("monitoring:reports"), {"overdue": "yes"})
    assert response.content.decode().count("report-overdue") == 10


def test_the_directory_flags_organizations_with_overdue_reports(
    client, msp, ford, django_assert_max_num_queries
):
    punctual = ForeignOrganizationFactory(legal_name="Punctual Stiftung")
    other = AgreementFactory(foreign_parties=[punctual], active=True)
    ReportFactory(agreement=other, status="accepted")
    ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    with freeze_today(PINNED):
        with django_assert_max_num_queries(6) as small:
            page = client.get(reverse("portal:directory")).content.decode()
        for i in range(6):
            org = ForeignOrganizationFactory(legal_name=f"Late Org {i}")
            ReportFactory(agreement=AgreementFactory(foreign_parties=[org], active=True))
        with django_assert_max_num_queries(len(small.captured_queries)):
            bigger = client.get(reverse("portal:directory")).content.decode()
    assert page.count("reports-overdue-flag") == 1
    ford_block = page.split("Ford Foundation")[1].split("list-group-item")[0]
    assert "reports-overdue-flag" in ford_block
    assert bigger.count("reports-overdue-flag") == 7
    with freeze_today(date(2026, 10, 1)):  # before Ford's deadline: the six others only
        earlier = client.get(reverse("portal:directory")).content.decode()
    assert earlier.count("reports-overdue-flag") == 6
    # Ford's own public page carries the flag too; the punctual organization's does not.
    with freeze_today(PINNED):
        ford_page = client.get(reverse("portal:organization", args=[ford.pk])).content.decode()
        punctual_page = client.get(reverse("portal:organization", args=[punctual.pk]))
    assert "reports-overdue-flag" in ford_page
    assert "reports-overdue-flag" not in punctual_page.content.decode()


def test_the_public_non_filers_list(client, msp, ford):
    hidden = ForeignOrganizationFactory(legal_name="Unpublished Stiftung", unpublished=True)
    ReportFactory(agreement=AgreementFactory(foreign_parties=[hidden], active=True))
    ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    ReportFactory(agreement=msp, kind="funding_disclosure", due_date=date(2026, 10, 1))
    with freeze_today(PINNED):
        page = client.get(reverse("portal:non_filers"))
    assert page.status_code == 200
    rows = list(page.context["organizations"])
    assert [(o.legal_name, o.overdue_count, o.oldest_deadline) for o in rows] == [
        ("Ford Foundation", 2, date(2026, 10, 1))
    ]
    assert "Unpublished" not in page.content.decode()


def test_the_dashboard_lists_overdue_reports_in_scope(client, msp, officer, other_officer):
    report = ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    url = reverse("monitoring:report_detail", args=[report.pk])
    with freeze_today(PINNED):
        client.force_login(officer)
        assert url in client.get(reverse("dashboard:home")).content.decode()
        client.force_login(other_officer)
        assert url not in client.get(reverse("dashboard:home")).content.decode()


def test_a_representative_sees_only_their_reports_in_the_list(client, msp, ford_rep, other_rep):
    ReportFactory(agreement=msp)
    client.force_login(other_rep)
    assert not list(client.get(reverse("monitoring:reports")).context["reports"])
    client.force_login(ford_rep)
    assert len(list(client.get(reverse("monitoring:reports")).context["reports"])) == 1
    user = UserFactory(org_representative=True)
    assert not Report.objects.visible_to(user).exists()


def test_an_overdue_report_says_how_long_past_its_deadline(client, msp, officer):
    overdue = ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    not_yet = ReportFactory(agreement=msp, due_date=date(2026, 12, 31), kind="funding_disclosure")
    client.force_login(officer)
    with freeze_today(date(2026, 11, 29)):
        page = client.get(reverse("monitoring:report_detail", args=[overdue.pk]))
        calm = client.get(reverse("monitoring:report_detail", args=[not_yet.pk]))
    assert "28 days past the deadline" in page.content.decode()
    assert 'id="days-overdue"' not in calm.content.decode()
