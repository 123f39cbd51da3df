"""/api/v1/workplans/ and /api/v1/activities/: the same services, the same 404s."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from mitra.workplans.models import WorkPlan

from .conftest import make_rkt, notify

pytestmark = pytest.mark.django_db


def api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")  # messages asserted in English
    client.force_authenticate(user)
    return client


def test_list_detail_and_scope(cast, other_officer):
    rkt = make_rkt(cast, status="draft")
    listed = api(cast.users["jateng"]).get("/api/v1/workplans/").json()
    assert [r["id"] for r in listed["results"]] == [rkt.pk]
    detail = api(cast.users["ford"]).get(f"/api/v1/workplans/{rkt.pk}/").json()
    assert detail["province"] == "33"
    assert detail["containment_problems"] == []
    assert detail["can_edit"] is True
    assert api(other_officer).get(f"/api/v1/workplans/{rkt.pk}/").status_code == 404


def test_create_an_rkt_outside_its_rik_is_400_and_writes_nothing(cast):
    before = WorkPlan.objects.count()
    response = api(cast.users["ford"]).post(
        "/api/v1/workplans/",
        {
            "kind": "rkt",
            "agreement": cast.msp.pk,
            "parent": cast.rik.pk,
            "title": "RKT 2028",
            "start_date": "2028-01-01",
            "end_date": "2028-12-31",
            "province": "33",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "The work plan was not saved."
    assert "The RKT ends on 2028-12-31, after the RIK ends (2027-04-03)." in body["extra"]["period"]
    assert WorkPlan.objects.count() == before


def test_the_whole_flow_through_the_api(cast):
    ford, officer, jateng = cast.users["ford"], cast.users["officer"], cast.users["jateng"]
    created = api(ford).post(
        "/api/v1/workplans/",
        {
            "kind": "rkt",
            "agreement": cast.msp.pk,
            "parent": cast.rik.pk,
            "title": "RKT 2025",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "province": "33",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    activity = api(ford).post(
        "/api/v1/activities/",
        {
            "work_plan": pk,
            "title": "Forum warga Semarang",
            "start_date": "2025-03-01",
            "end_date": "2025-05-01",
            "regencies": ["33.74"],
            "planned_beneficiaries": {"female": {"adult": 4}},
            "planned_budget": "1500.00",
            "currency": "USD",
        },
        format="json",
    )
    assert activity.status_code == 201, activity.json()
    activity_id = activity.json()["id"]
    assert activity.json()["provinces"] == ["33"]
    assert api(ford).post(f"/api/v1/workplans/{pk}/actions/approve/").status_code == 404
    assert api(officer).post(f"/api/v1/workplans/{pk}/actions/approve/").status_code == 200
    signed = api(jateng).post(f"/api/v1/workplans/{pk}/actions/sign/", {"on": "2025-02-10"})
    assert signed.json()["signed_on"] == "2025-02-10"
    start = api(ford).post(f"/api/v1/activities/{activity_id}/actions/start/", {"on": "2025-03-01"})
    assert start.status_code == 400
    assert "notification of Kemendagri" in start.json()["message"]
    for recipient in ("kemendagri", "regional_government"):
        noted = api(ford).post(
            f"/api/v1/workplans/{pk}/notifications/",
            {
                "recipient": recipient,
                "province": "33",
                "notified_on": "2025-02-15",
                "reference": f"B/{recipient}",
            },
            format="json",
        )
        assert noted.status_code == 201, noted.json()
    start = api(ford).post(f"/api/v1/activities/{activity_id}/actions/start/", {"on": "2025-03-01"})
    assert start.status_code == 200
    assert start.json()["status"] == "started"
    assert start["ETag"] == f'"{start.json()["version"]}"'
    actuals = api(ford).patch(
        f"/api/v1/activities/{activity_id}/",
        {"actual_beneficiaries": {"male": {"youth": 3}}, "realised_budget": "1200.00"},
        format="json",
        HTTP_IF_MATCH=start["ETag"],
    )
    assert actuals.status_code == 200, actuals.json()
    assert actuals.json()["actual_total"] == 3
    listed = api(ford).get("/api/v1/activities/", {"province": "33"}).json()
    assert [a["id"] for a in listed["results"]] == [activity_id]


def test_notification_for_another_province_is_refused(cast):
    rkt = make_rkt(cast)
    notify(cast, rkt, "kemendagri")
    response = api(cast.users["operator"]).post(
        f"/api/v1/workplans/{rkt.pk}/notifications/",
        {
            "recipient": "kemendagri",
            "province": "34",
            "notified_on": "2025-01-01",
            "reference": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["province"] == ["The RKT covers Jawa Tengah only."]
