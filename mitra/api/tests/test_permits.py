"""Licensing API: the applicant's flow, the member's opinion, scoping (404) and refusals."""

from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.permits.models import AgencyReview, Application
from mitra.permits.tests.factories import PermitFactory, complete_application, members
from mitra.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(kemendagri: Any, ford: Any, ford_rep: Any) -> dict[str, Any]:
    agencies = members()
    province = ProvinceFactory(code="33", name="Jawa Tengah")
    return {
        "agencies": agencies,
        "kemlu": UserFactory(username="kemlu", officer=True, body=agencies["kemlu"]),
        "kemhan": UserFactory(username="kemhan", officer=True, body=agencies["kemhan"]),
        "application": complete_application(ford, ford_rep, kemendagri, province),
    }


def test_applicant_submits_secretariat_circulates_member_decides(
    client_for: Any, cast: dict[str, Any], ford_rep: Any, other_officer: Any
) -> None:
    app = cast["application"]
    rep = client_for(ford_rep)
    listed = rep.get("/api/v1/permits/applications/")
    assert listed.status_code == 200
    assert [row["reference"] for row in listed.json()["results"]] == [app.reference]
    assert rep.post(f"/api/v1/permits/applications/{app.pk}/actions/submit/").status_code == 200
    kemlu = client_for(cast["kemlu"])
    for action in ("open_verification", "circulate"):
        response = kemlu.post(f"/api/v1/permits/applications/{app.pk}/actions/{action}/")
        assert response.status_code == 200, response.json()
    assert response.json()["status"] == "inter_agency_review"
    # Another ministry's officer does not see the application at all.
    assert (
        client_for(other_officer).get(f"/api/v1/permits/applications/{app.pk}/").status_code == 404
    )
    kemhan = client_for(cast["kemhan"])
    inbox = kemhan.get("/api/v1/permits/reviews/").json()["results"]
    assert len(inbox) == 1
    review_id = inbox[0]["id"]
    bad = kemhan.post(
        f"/api/v1/permits/reviews/{review_id}/actions/decide/",
        {"state": "objection", "reason_code": "security"},
        format="json",
    )
    assert bad.status_code == 400
    assert "text" in bad.json()["extra"]
    ok = kemhan.post(
        f"/api/v1/permits/reviews/{review_id}/actions/decide/",
        {"state": "objection", "reason_code": "security", "text": "Internal view."},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["state"] == "objection"
    again = kemhan.post(
        f"/api/v1/permits/reviews/{review_id}/actions/decide/",
        {"state": "no_objection", "reason_code": "none"},
        format="json",
    )
    assert again.status_code == 400
    assert AgencyReview.objects.get(pk=review_id).state == "objection"
    # The applicant never sees the member opinions.
    detail = rep.get(f"/api/v1/permits/applications/{app.pk}/").json()
    assert detail["reviews"] == []
    # Another member agency sees the review but not the text.
    kemlu_view = kemlu.get(f"/api/v1/permits/applications/{app.pk}/").json()
    assert any(r["text"] == "Internal view." for r in kemlu_view["reviews"])


def test_a_member_cannot_decide_another_agencys_review(client_for: Any, cast: dict[str, Any]):
    app = cast["application"]
    client_for(app.organization.users.first()).post(
        f"/api/v1/permits/applications/{app.pk}/actions/submit/"
    )
    kemlu = client_for(cast["kemlu"])
    kemlu.post(f"/api/v1/permits/applications/{app.pk}/actions/open_verification/")
    kemlu.post(f"/api/v1/permits/applications/{app.pk}/actions/circulate/")
    review = AgencyReview.objects.get(application=app, agency__key="kemlu")
    response = client_for(cast["kemhan"]).post(
        f"/api/v1/permits/reviews/{review.pk}/actions/decide/",
        {"state": "no_objection", "reason_code": "none"},
        format="json",
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.state == "requested"


def test_decision_over_three_years_is_refused(client_for: Any, cast: dict[str, Any]):
    app = cast["application"]
    response = client_for(cast["kemlu"]).post(
        f"/api/v1/permits/applications/{app.pk}/actions/decide/",
        {"approve": True, "valid_from": "2026-12-01", "valid_until": "2030-01-01"},
        format="json",
    )
    assert response.status_code == 404  # a draft is not visible to the secretariat
    Application.objects.filter(pk=app.pk)  # unchanged
    assert Application.objects.get(pk=app.pk).status == "draft"


def test_permits_are_scoped(client_for: Any, ford: Any, ford_rep: Any, officer: Any):
    own = PermitFactory(organization=ford)
    other = PermitFactory()
    rep = client_for(ford_rep)
    assert rep.get(f"/api/v1/permits/permits/{own.pk}/").status_code == 200
    assert rep.get(f"/api/v1/permits/permits/{other.pk}/").status_code == 404
    assert client_for(officer).get(f"/api/v1/permits/permits/{other.pk}/").status_code == 200
    assert rep.get(f"/api/v1/permits/permits/{own.pk}/staff/").json() == []
    refused = rep.post(f"/api/v1/permits/permits/{own.pk}/staff/", {}, format="json")
    assert refused.status_code == 403
