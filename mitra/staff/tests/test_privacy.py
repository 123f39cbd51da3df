"""The passport and stay-permit numbers are seen only by the employing organization's users,
Biro KTLN, the TPOA secretariat (and operators): not by other ministries, other organizations
or the public, in pages, the API and audit data (issue 15 §2)."""

import json
from datetime import date

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import api_key_for
from mitra.audit.models import AuditEvent
from mitra.permits.models import Permit
from mitra.staff import services

from .conftest import PASSPORT, approved

pytestmark = pytest.mark.django_db
KITAS = "KITAS-77-SECRET"


@pytest.fixture
def staffed(scene):
    request = approved(scene)
    services.staff_request_record_stay_permit(
        request_id=request.pk,
        data=services.StayPermitInput(KITAS, date(2026, 2, 1), date(2027, 1, 31)),
        actor=scene.ford_rep,
    )
    return request


ALLOWED = ["ford_rep", "ktln", "kemlu", "operator"]
DENIED = ["kemenkes_officer", "kemenkes_viewer", "kemenkeu_officer"]


@pytest.mark.parametrize("who", ALLOWED)
def test_those_allowed_read_the_numbers(client, scene, staffed, who):
    client.force_login(getattr(scene, who))
    for url in (
        reverse("staff:request_detail", args=[staffed.pk]),
        reverse("staff:person_detail", args=[staffed.person_id]),
    ):
        page = client.get(url).content.decode()
        assert PASSPORT in page, (who, url)
        assert KITAS in page, (who, url)


@pytest.mark.parametrize("who", DENIED)
def test_other_ministries_see_the_person_but_not_the_numbers(client, scene, staffed, who):
    client.force_login(getattr(scene, who))
    for url in (
        reverse("staff:home"),
        reverse("staff:request_detail", args=[staffed.pk]),
        reverse("staff:person_detail", args=[staffed.person_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Jane Doe" in page
        assert PASSPORT not in page
        assert KITAS not in page


def test_another_organization_and_the_public_see_nothing(client, scene, staffed):
    client.force_login(scene.asia_rep)
    assert client.get(reverse("staff:request_detail", args=[staffed.pk])).status_code == 404
    assert client.get(reverse("staff:person_detail", args=[staffed.person_id])).status_code == 404
    assert "Jane Doe" not in client.get(reverse("staff:home")).content.decode()
    client.logout()
    assert client.get(reverse("staff:person_detail", args=[staffed.person_id])).status_code == 302


def test_a_person_who_moved_on_is_private_to_the_new_organization(scene, staffed):
    from mitra.staff.querysets import sees_private_data

    person = staffed.person
    assert sees_private_data(scene.ford_rep, person)
    assert not sees_private_data(scene.asia_rep, person)
    person.organization = scene.asia
    assert sees_private_data(scene.asia_rep, person)
    assert not sees_private_data(scene.ford_rep, person)


def test_no_audit_event_holds_a_number(scene, staffed):
    services.staff_person_update_documents(
        person_id=staffed.person_id,
        data=services.PersonDocumentsInput(
            "NEWPASS-1", date(2031, 1, 1), "KITAS-NEW-2", date(2027, 2, 1), date(2028, 1, 31)
        ),
        actor=scene.ford_rep,
    )
    dumped = json.dumps(list(AuditEvent.objects.values("event", "data")), default=str)
    for secret in (PASSPORT, KITAS, "NEWPASS-1", "KITAS-NEW-2"):
        assert secret not in dumped
    assert "staff_person.documents_updated" in dumped


@pytest.mark.parametrize("who", [*ALLOWED, *DENIED])
def test_the_api_never_returns_the_numbers(client, scene, staffed, who):
    permit = Permit.objects.get(organization=scene.ford)
    key = api_key_for(getattr(scene, who))
    response = client.get(
        reverse("api-permit-staff", args=[permit.pk]), HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert PASSPORT not in body
    assert KITAS not in body
