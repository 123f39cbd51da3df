"""Issue 18 §4: the account pages not covered elsewhere: new recovery codes, turning the second
factor off when the role requires it, and the account page showing only the user's own
tokens."""

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mitra.accounts.services import api_token_create
from mitra.accounts.tests.otp import totp_code
from mitra.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def enrol_through_the_page(client: Any, user: Any) -> None:
    """Set up the second factor as the user does; the session is verified by it."""
    client.force_login(user)
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert (
        client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)}).status_code == 200
    )


def test_new_recovery_codes_need_a_second_factor(client, officer):
    client.force_login(officer)
    response = client.post(reverse("accounts:mfa_recovery_codes"))
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("accounts:account"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Set up a second factor first."
    ]
    assert not StaticToken.objects.exists()
    assert not AuditEvent.objects.filter(event="user.recovery_codes_regenerated").exists()


def test_new_recovery_codes_replace_the_old_ones_and_are_shown_once(client, officer):
    enrol_through_the_page(client, officer)
    old = set(StaticToken.objects.values_list("token", flat=True))
    response = client.post(reverse("accounts:mfa_recovery_codes"))
    assert response.status_code == 200
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new) == 10
    assert not new & old
    assert all(code in response.content.decode() for code in new)
    assert client.get(reverse("accounts:mfa_recovery_codes")).status_code == 405


def test_a_required_second_factor_cannot_be_turned_off_on_the_page(client, operator, settings):
    settings.MITRA = {**settings.MITRA, "MFA_REQUIRED": True}
    enrol_through_the_page(client, operator)
    response = client.post(reverse("accounts:mfa_disable"))
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.mfa_enabled
    assert TOTPDevice.objects.filter(user=operator, confirmed=True).exists()
    assert not AuditEvent.objects.filter(event="user.mfa_disabled").exists()


def test_the_account_page_lists_only_the_users_own_tokens(client, officer, other_officer):
    api_token_create(user=officer, name="my laptop")
    api_token_create(user=other_officer, name="their server")
    client.force_login(officer)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "my laptop" in page
    assert "their server" not in page
