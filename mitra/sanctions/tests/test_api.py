"""The sanctions and deadlines API: same rules and scoping as the pages."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from mitra.notifications.models import Notice
from mitra.sanctions import services
from mitra.sanctions.models import SanctionCase

from .conftest import move

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def ford_case(ford, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    services.sanction_case_update_notes(
        case_id=case.pk, assessment_notes="SECRET", public_outcome="", actor=secretariat
    )
    return move(case, "escalate", secretariat, date(2026, 1, 7))


def test_list_detail_and_scoping(ford_case, officer, ford_rep, other_officer):
    listed = api(officer).get("/api/v1/sanctions/").json()
    assert [c["id"] for c in listed["results"]] == [ford_case.pk]
    detail = api(officer).get(f"/api/v1/sanctions/{ford_case.pk}/").json()
    assert detail["assessment_notes"] == "SECRET"
    assert len(detail["steps"]) == 3
    as_rep = api(ford_rep).get(f"/api/v1/sanctions/{ford_case.pk}/").json()
    assert as_rep["assessment_notes"] == ""
    assert as_rep["available_actions"] == []
    assert api(other_officer).get(f"/api/v1/sanctions/{ford_case.pk}/").status_code == 404


def test_create_and_move(ford, officer, secretariat, viewer):
    response = api(officer).post(
        "/api/v1/sanctions/",
        {"organization": ford.pk, "violation": "Fundraising.", "source": "public"},
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert api(viewer).post("/api/v1/sanctions/", {}, format="json").status_code == 403
    # Kemendagri sees the case but does not move it: 404.
    assert api(officer).post(f"/api/v1/sanctions/{pk}/actions/assess/", {}).status_code == 404
    moved = api(secretariat).post(f"/api/v1/sanctions/{pk}/actions/assess/", {}, format="json")
    assert moved.status_code == 200
    assert moved.json()["status"] == "assessed"
    refused = api(secretariat).post(
        f"/api/v1/sanctions/{pk}/actions/escalate/", {"legal_basis": ""}, format="json"
    )
    assert refused.status_code == 400
    assert "legal_basis" in refused.json()["extra"]
    ok = api(secretariat).post(
        f"/api/v1/sanctions/{pk}/actions/escalate/",
        {"legal_basis": "UU 17/2013 Ps 60(2)", "authority": "kemlu", "notified_bodies": []},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "persuasion"
    assert SanctionCase.objects.get(pk=pk).status == "persuasion"


def test_deadline_endpoints(officer, other_officer):
    rules = api(officer).get("/api/v1/deadlines/rules/")
    assert rules.status_code == 200
    computed = api(officer).get(
        "/api/v1/deadlines/compute/",
        {"rule": "sanction.written_warning", "anchor": "2026-03-16", "on": "2026-03-16"},
    )
    assert computed.status_code == 200
    # 7 working days without Nyepi and the cuti bersama of 18, 20, 23 and 24 March 2026.
    assert computed.json()["due"] == "2026-04-01"
    assert (
        api(officer)
        .get("/api/v1/deadlines/compute/", {"rule": "nope", "anchor": "2026-01-01"})
        .status_code
        == 400
    )
    assert api(officer).get("/api/v1/deadlines/").status_code == 200
    note = Notice.objects.create(
        user=officer, event="tests.hello", key="tests.hello:1", title="Hello"
    )
    listed = api(officer).get("/api/v1/notifications/").json()
    assert [n["title"] for n in listed["results"]] == ["Hello"]
    assert (
        api(other_officer).post(f"/api/v1/notifications/{note.pk}/actions/read/").status_code == 404
    )
    read = api(officer).post(f"/api/v1/notifications/{note.pk}/actions/read/")
    assert read.status_code == 200
    assert read.json()["read_at"]
