"""API: /api/v1/reports/ and /api/v1/monitoring-visits/ (scoping, submit, review, errors)."""

from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from mitra.accounts.tests.factories import api_key_for
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring.models import FundingDisclosureLine, Report

from .factories import FindingFactory, MonitoringVisitFactory, ReportFactory

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _no_throttle_leftovers():
    cache.clear()
    yield
    cache.clear()


def api(user: Any) -> APIClient:
    key = api_key_for(user)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_list_is_scoped_and_flags_overdue(msp, officer, other_officer, ford_rep):
    ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    ReportFactory(agreement=msp, kind="funding_disclosure", due_date=date(2026, 12, 30))
    with freeze_today(PINNED):
        body = api(officer).get("/api/v1/reports/").json()
        assert body["count"] == 2
        assert [r["overdue"] for r in body["results"]] == [True, False]
        assert api(officer).get("/api/v1/reports/", {"overdue": "true"}).json()["count"] == 1
        assert api(ford_rep).get("/api/v1/reports/").json()["count"] == 2
        assert api(other_officer).get("/api/v1/reports/").json()["count"] == 0


def test_outside_scope_is_404(msp, other_officer):
    report = ReportFactory(agreement=msp)
    response = api(other_officer).get(f"/api/v1/reports/{report.pk}/")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


def test_submit_a_disclosure_then_review(msp, officer, ford_rep):
    report = ReportFactory(agreement=msp, kind="funding_disclosure")
    payload = {
        "media_name": "Kompas",
        "published_on": "2026-11-20",
        "lines": [
            {"donor_name": "Ford Foundation", "donor_country": "US", "amount": "250000.00",
             "currency": "USD", "programme": "Inclusive governance",
             "intermediaries": "Ford Foundation Jakarta"},
        ],
    }  # fmt: skip
    with freeze_today(PINNED):
        response = api(ford_rep).post(
            f"/api/v1/reports/{report.pk}/actions/submit/", payload, format="json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "submitted"
        assert response.json()["lines"][0]["intermediaries"] == ["Ford Foundation Jakarta"]
        # The representative may not review; the partner ministry asks for a revision.
        refused = api(ford_rep).post(f"/api/v1/reports/{report.pk}/actions/accept/")
        assert refused.status_code == 403
        no_reason = api(officer).post(f"/api/v1/reports/{report.pk}/actions/request_revision/")
        assert no_reason.status_code == 400
        assert "reason" in no_reason.json()["extra"]
        accepted = api(officer).post(f"/api/v1/reports/{report.pk}/actions/accept/")
        assert accepted.json()["status"] == "accepted"


def test_a_bad_line_is_refused_and_nothing_is_written(msp, ford_rep):
    report = ReportFactory(agreement=msp, kind="funding_disclosure")
    before = (AuditEvent.objects.count(), FundingDisclosureLine.objects.count())
    payload = {
        "lines": [
            {"donor_name": "X", "donor_country": "US", "amount": "10", "currency": "ABC",
             "programme": "P"},
            {"donor_name": "Y", "donor_country": "US", "amount": "ten", "currency": "USD",
             "programme": "P"},
        ]
    }  # fmt: skip
    with freeze_today(PINNED):
        response = api(ford_rep).post(
            f"/api/v1/reports/{report.pk}/actions/submit/", payload, format="json"
        )
    assert response.status_code == 400
    assert "lines.1.amount" in response.json()["extra"]
    assert (AuditEvent.objects.count(), FundingDisclosureLine.objects.count()) == before
    assert Report.objects.get(pk=report.pk).status == "due"


def test_a_closed_period_is_refused(msp, ford_rep):
    report = ReportFactory(agreement=msp, status="accepted")
    with freeze_today(PINNED):
        response = api(ford_rep).post(
            f"/api/v1/reports/{report.pk}/actions/submit/", {"activities": "x"}, format="json"
        )
    assert response.status_code == 400
    assert "closed" in response.json()["message"]


def test_visits_for_government_users(msp, officer, ford_rep, other_officer):
    visit = MonitoringVisitFactory(agreement=msp)
    FindingFactory(visit=visit)
    body = api(officer).get("/api/v1/monitoring-visits/").json()
    assert body["count"] == 1
    assert body["results"][0]["finding_count"] == 1
    detail = api(officer).get(f"/api/v1/monitoring-visits/{visit.pk}/").json()
    assert detail["findings"][0]["severity"] == "minor"
    assert api(ford_rep).get("/api/v1/monitoring-visits/").status_code == 403
    assert api(other_officer).get(f"/api/v1/monitoring-visits/{visit.pk}/").status_code == 404
