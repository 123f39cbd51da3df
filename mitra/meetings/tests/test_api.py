"""The meetings API: scope (404 outside it), create with validation, sub-resources, signings."""

import pytest
from rest_framework.test import APIClient

from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.audit.selectors import audit_history
from mitra.meetings import services
from mitra.meetings.models import Meeting

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_create_validates_mode_and_defaults_to_own_agency(officer, fasker):
    client = api(officer)
    bad = client.post(
        "/api/v1/meetings/",
        {
            "kind": "coordination",
            "title": "Rakor",
            "starts_at": "2024-04-04T09:00",
            "mode": "hybrid",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["extra"]) >= {"venue", "online_platform"}
    assert not Meeting.objects.exists()
    good = client.post(
        "/api/v1/meetings/",
        {
            "kind": "signing",
            "title": "Penandatanganan",
            "starts_at": "2024-04-04T09:00",
            "mode": "hybrid",
            "venue": "Gedung F",
            "online_platform": "Zoom",
        },
        format="json",
    )
    assert good.status_code == 201, good.json()
    body = good.json()
    assert body["organizer"]["key"] == "kemendagri"
    assert body["organizer_unit"]["key"] == fasker.key
    assert body["starts_at"] == "2024-04-04T09:00:00+07:00"
    assert body["status"] == "planned"
    assert body["available_transitions"] == ["hold", "cancel"]


def test_list_and_detail_are_scoped(officer, other_officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    assert api(officer).get("/api/v1/meetings/").json()["count"] == 1
    assert api(other_officer).get("/api/v1/meetings/").json()["count"] == 0
    assert api(other_officer).get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    response = api(officer).get(f"/api/v1/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert response.json()["can_edit"] is True


def test_viewer_cannot_write(viewer, kemendagri):
    meeting = make_meeting(kemendagri)
    before = AuditEvent.objects.count()
    response = api(viewer).patch(f"/api/v1/meetings/{meeting.pk}/", {"title": "X"}, format="json")
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def test_patch_transition_subresources_and_signing(officer, kemendagri, kemenkes):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    meeting = make_meeting(kemendagri, officer)
    client = api(officer)
    base = f"/api/v1/meetings/{meeting.pk}/"
    etag = client.get(base)["ETag"]
    patched = client.patch(
        base, {"title": "Renamed", "agreements": [agreement.pk]}, format="json", HTTP_IF_MATCH=etag
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["title"] == "Renamed"
    assert patched.json()["venue"] == "Gedung F Kementerian Dalam Negeri"  # kept
    invited = client.post(base + "invited/", {"body": "kemenkes"}, format="json")
    assert invited.status_code == 201
    attendee = client.post(
        base + "attendees/",
        {"name": "Tara Arani Faza", "body": "kemenkes", "represents": ["TPOA"]},
        format="json",
    )
    assert attendee.status_code == 201
    assert client.get(base + "attendees/").json()[0]["represents"] == ["TPOA"]
    assert client.post(base + "actions/hold/", {}, format="json").status_code == 200
    minutes = client.post(base + "minutes/", {"text": "Notulen"}, format="json")
    assert minutes.status_code == 201
    assert minutes.json()["number"] == 1
    item = client.post(
        base + "action-items/",
        {"text": "Kirim naskah", "owner_body": "kemenkes", "due_date": "2024-05-01"},
        format="json",
    )
    assert item.status_code == 201
    done = client.patch(
        base + f"action-items/{item.json()['id']}/", {"status": "done"}, format="json"
    )
    assert done.json()["status"] == "done"
    signed = client.post(base + "signings/", {"agreements": [agreement.pk]}, format="json")
    assert signed.status_code == 200
    assert signed.json()["agreements"] == [
        {"id": agreement.pk, "title": agreement.title, "status": "active", "signed_here": True}
    ]
    assert audit_history(target=agreement)[0].event == "agreement.signed_at_meeting"


def test_other_officer_gets_404_on_writes(other_officer, officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    client = api(other_officer)
    base = f"/api/v1/meetings/{meeting.pk}/"
    assert client.post(base + "minutes/", {"text": "x"}, format="json").status_code == 404
    assert client.post(base + "actions/cancel/", {"reason": "x"}).status_code == 404
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=officer)
    assert Meeting.objects.get().status == "held"


def test_anonymous_is_401():
    assert api(None).get("/api/v1/meetings/").status_code == 401
