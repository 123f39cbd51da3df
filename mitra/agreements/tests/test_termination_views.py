"""Ending early in the UI and the API: a termination needs a reason and a ticked confirmation;
there is no "mark expired" button; an operator may undo a mistaken termination (issue 11 §3)."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mitra.accounts.tests.factories import api_key_for
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
S = Agreement.Status
TODAY = date(2026, 11, 29)


@pytest.fixture
def agreement(kemendagri):
    # Running 2024-01-10 → 2027-01-09 with a partner that needs no izin prinsip.
    return AgreementFactory(
        owner=kemendagri, active=True, foreign_parties=[ForeignOrganizationFactory(un_agency=True)]
    )


def page(client, agreement):
    return client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()


def post(client, agreement, name, **data):
    url = reverse("agreements:transition", args=[agreement.pk, name])
    with freeze_today(TODAY):
        return client.post(url, data, follow=True).content.decode()


def test_the_page_offers_termination_with_a_confirmation_and_no_mark_expired(
    client, officer, agreement
):
    client.force_login(officer)
    html = page(client, agreement)
    assert 'id="confirm-terminate"' in html
    assert 'name="confirmed"' in html
    assert "Mark expired" not in html
    assert "/transitions/expire/" not in html
    assert 'id="confirm-undo_termination"' not in html


def test_an_unconfirmed_termination_changes_nothing(client, officer, agreement):
    client.force_login(officer)
    html = post(client, agreement, "terminate", reason="Programme closed.")
    assert "Confirm that you mean it" in html
    assert Agreement.objects.get(pk=agreement.pk).status == S.ACTIVE
    assert not AuditEvent.objects.filter(target_id=agreement.pk).exists()


def test_the_job_only_expires(client, officer, agreement):
    client.force_login(officer)
    post(client, agreement, "expire")
    assert Agreement.objects.get(pk=agreement.pk).status == S.ACTIVE


def test_terminate_then_an_operator_undoes_it_in_the_ui(client, officer, operator, agreement):
    client.force_login(officer)
    post(client, agreement, "terminate", reason="Programme closed.", confirmed="1")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.terminated_reason) == (S.TERMINATED, "Programme closed.")
    html = page(client, agreement)
    assert 'id="termination"' in html
    assert 'id="confirm-undo_termination"' not in html  # not an officer's

    client.force_login(operator)
    assert 'id="confirm-undo_termination"' in page(client, agreement)
    post(client, agreement, "undo_termination", reason="Wrong record.", confirmed="1")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.terminated_reason) == (S.ACTIVE, "")
    events = list(
        AuditEvent.objects.filter(target_id=agreement.pk)
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == ["agreement.terminated", "agreement.termination_undone"]


def test_an_operator_undoes_it_through_the_api(operator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.TERMINATED, terminated_reason="x")
    key = api_key_for(operator)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = f"/api/v1/agreements/{agreement.pk}/actions/undo_termination/"
    with freeze_today(TODAY):
        refused = client.post(url, {"reason": "Wrong record."}, format="json")
        assert refused.status_code == 400
        done = client.post(url, {"reason": "Wrong record.", "confirmed": True}, format="json")
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["terminated_reason"]) == ("active", "")
