"""The pages for each role, and bad input on every form: a clear message, nothing written."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.staff.models import ForeignStaffPerson, StaffRequest

from .conftest import approved

pytestmark = pytest.mark.django_db


def good(scene, **overrides):
    data = {
        "name": "Jane Doe",
        "nationality": "US",
        "passport_number": "X1",
        "passport_expires_on": "2030-01-01",
        "position": "Country director",
        "start_date": "2026-02-01",
        "end_date": "2027-01-31",
        "partner_ministry": scene.kemenkes.pk,
    }
    data.update(overrides)
    return data


def counts():
    return (
        StaffRequest.objects.count(),
        ForeignStaffPerson.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_representative_files_a_request(client, scene):
    client.force_login(scene.ford_rep)
    assert client.get(reverse("staff:request_create")).status_code == 200
    response = client.post(reverse("staff:request_create"), good(scene))
    request = StaffRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:request_detail", args=[request.pk])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"nationality": "U1"}, "two-letter country code"),
        ({"end_date": "2025-01-01"}, "before the start date"),
        ({"start_date": "not a date"}, "Enter a valid date"),
        ({"partner_ministry": "999999"}, "Select a valid choice"),
        ({"end_date": "2032-01-31"}, "cumulative limit of 5 years"),
    ],
)
def test_bad_request_input(client, scene, overrides, message):
    client.force_login(scene.ford_rep)
    before = counts()
    response = client.post(reverse("staff:request_create"), good(scene, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_the_cap_is_named_on_the_page(client, scene):
    for n in range(3):
        approved(scene, name=f"Staff {n}", passport_number=f"P{n}")
    client.force_login(scene.ford_rep)
    before = counts()
    response = client.post(reverse("staff:request_create"), good(scene, passport_number="P9"))
    assert response.status_code == 400
    assert "the cap is 3 active foreign staff per organization" in response.content.decode()
    assert counts() == before


def test_each_role_acts_through_its_page(client, scene):
    client.force_login(scene.ford_rep)
    client.post(reverse("staff:request_create"), good(scene))
    request = StaffRequest.objects.get()
    detail = reverse("staff:request_detail", args=[request.pk])
    assert 'action="' + reverse("staff:request_action", args=[request.pk, "recommend"]) not in (
        client.get(detail).content.decode()
    )
    action = lambda name: reverse("staff:request_action", args=[request.pk, name])  # noqa: E731
    assert client.post(action("recommend"), {"note": "x"}).status_code == 403
    client.force_login(scene.kemenkes_officer)
    assert 'action="' + action("recommend") in client.get(detail).content.decode()
    before = counts()
    response = client.post(action("recommend"), {"note": ""})
    assert response.status_code == 400
    assert counts() == before
    assert client.post(action("recommend"), {"note": "Needed."}).status_code == 302
    assert (
        client.post(
            action("approve"), {"approval_number": "B", "approved_on": "2026-01-10"}
        ).status_code
        == 403
    )
    client.force_login(scene.ktln)
    before = counts()
    for data in (
        {"approval_number": "", "approved_on": "2026-01-10"},
        {"approval_number": "B-1", "approved_on": "2026-12-01"},
        {"approval_number": "B-1", "approved_on": "nope"},
    ):
        assert client.post(action("approve"), data).status_code == 400
    assert counts() == before
    assert (
        client.post(
            action("approve"), {"approval_number": "B-1", "approved_on": "2026-01-10"}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == StaffRequest.Status.APPROVED
    client.force_login(scene.ford_rep)
    before = counts()
    for data in (
        {
            "stay_permit_number": "",
            "stay_permit_valid_from": "2026-02-01",
            "stay_permit_valid_until": "2027-01-31",
        },
        {
            "stay_permit_number": "K",
            "stay_permit_valid_from": "2026-02-01",
            "stay_permit_valid_until": "2026-01-31",
        },
    ):
        assert client.post(action("stay_permit"), data).status_code == 400
    assert counts() == before
    response = client.post(
        action("stay_permit"),
        {
            "stay_permit_number": "K",
            "stay_permit_valid_from": "2026-02-01",
            "stay_permit_valid_until": "2027-01-31",
        },
    )
    assert response.status_code == 302
    assert client.post(action("nonsense"), {}).status_code == 404


def test_refusal_page_needs_a_reason(client, scene):
    client.force_login(scene.ford_rep)
    client.post(reverse("staff:request_create"), good(scene))
    request = StaffRequest.objects.get()
    client.force_login(scene.ktln)
    url = reverse("staff:request_action", args=[request.pk, "refuse"])
    before = counts()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert counts() == before
    assert client.post(url, {"reason": "No counterpart."}).status_code == 302
    page = client.get(reverse("staff:request_detail", args=[request.pk])).content.decode()
    assert "No counterpart." in page


def test_documents_form_bad_input(client, scene):
    request = approved(scene)
    client.force_login(scene.ford_rep)
    url = reverse("staff:person_documents", args=[request.person_id])
    before = counts()
    for data in (
        {"passport_number": ""},
        {"passport_number": "N1", "stay_permit_number": "K1"},
        {"passport_number": "N1", "passport_expires_on": "bad"},
    ):
        assert client.post(url, data).status_code == 400
    assert counts() == before
    assert (
        client.post(url, {"passport_number": "N1", "passport_expires_on": "2035-01-01"}).status_code
        == 302
    )
    assert ForeignStaffPerson.objects.get().passport_number == "N1"
    assert date(2035, 1, 1) == ForeignStaffPerson.objects.get().passport_expires_on
