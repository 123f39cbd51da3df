"""Issue 13 §2 for work plans and activities: ETag, If-Match, Idempotency-Key, one RIK (409)."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from mitra.workplans.models import Activity, WorkPlan

pytestmark = pytest.mark.django_db
RKT = {
    "kind": "rkt",
    "title": "RKT 2025",
    "start_date": "2025-01-01",
    "end_date": "2025-12-31",
    "province": "33",
}


def api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_workplan_and_activity_versions_through_the_api(cast: Any) -> None:
    ford = api(cast.users["ford"])
    body = {**RKT, "agreement": cast.msp.pk, "parent": cast.rik.pk}
    created = ford.post("/api/v1/workplans/", body, format="json", HTTP_IDEMPOTENCY_KEY="rkt")
    assert created.status_code == 201, created.json()
    assert created["ETag"] == '"1"'
    replay = ford.post("/api/v1/workplans/", body, format="json", HTTP_IDEMPOTENCY_KEY="rkt")
    assert (replay.status_code, replay["Idempotent-Replayed"]) == (201, "true")
    assert WorkPlan.objects.filter(kind="rkt", agreement=cast.msp).count() == 1
    url = f"/api/v1/workplans/{created.json()['id']}/"
    assert ford.get(url)["ETag"] == '"1"'
    assert ford.patch(url, {"title": "x"}, format="json").status_code == 428
    changed = ford.patch(url, {"title": "RKT 2025 (rev)"}, format="json", HTTP_IF_MATCH='"1"')
    assert (changed.status_code, changed["ETag"]) == (200, '"2"')
    stale = ford.patch(url, {"objectives": "y"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale.json()["current"]["title"] == "RKT 2025 (rev)"

    activity = ford.post(
        "/api/v1/activities/",
        {
            "work_plan": created.json()["id"],
            "title": "Forum warga",
            "start_date": "2025-03-01",
            "end_date": "2025-05-01",
            "regencies": ["33.74"],
            "planned_budget": "10.00",
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="act",
    )
    assert activity.status_code == 201, activity.json()
    activity_url = f"/api/v1/activities/{activity.json()['id']}/"
    assert ford.get(activity_url)["ETag"] == '"1"'
    assert ford.patch(activity_url, {"title": "x"}, format="json").status_code == 428
    ok = ford.patch(activity_url, {"title": "Forum"}, format="json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200, ok.json()
    assert (
        ford.patch(activity_url, {"title": "Other"}, format="json", HTTP_IF_MATCH='"1"').status_code
        == 412
    )
    assert Activity.objects.get(pk=activity.json()["id"]).title == "Forum"


def test_a_second_rik_is_409(cast: Any) -> None:
    body = {
        "kind": "rik",
        "agreement": cast.msp.pk,
        "title": "Another RIK",
        "start_date": str(cast.msp.start_date),
        "end_date": str(cast.msp.end_date),
    }
    response = api(cast.users["operator"]).post("/api/v1/workplans/", body, format="json")
    assert response.status_code == 409
    assert response.json()["extra"]["kind"] == ["This agreement already has an RIK."]
    assert WorkPlan.objects.filter(kind="rik", agreement=cast.msp).count() == 1
