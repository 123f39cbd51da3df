"""Issue 14 §3: session idle timeout and lifetime, named expiring API tokens on the account
page, and "sign out everywhere"."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mitra.accounts.models import ApiToken
from mitra.accounts.services import api_token_create
from mitra.accounts.tests.factories import PASSWORD
from mitra.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def sign_in(client: Any, username: str = "kemendagri") -> None:
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def api(key: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


ACCOUNT = "/id/accounts/me/"


def test_idle_timeout(client, officer, clock, settings):
    sign_in(client)
    idle = settings.MITRA["SESSION_IDLE_MINUTES"] * 60
    clock.advance(idle - 10)
    assert client.get(ACCOUNT).status_code == 200  # activity moves the idle clock on
    clock.advance(idle - 10)
    assert client.get(ACCOUNT).status_code == 200
    clock.advance(idle + 1)
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_idle_minutes_are_a_setting(client, officer, clock, settings):
    settings.MITRA = {**settings.MITRA, "SESSION_IDLE_MINUTES": 5}
    sign_in(client)
    clock.advance(5 * 60 + 1)
    assert client.get(ACCOUNT).status_code == 302


def test_absolute_lifetime_even_when_active(client, officer, clock, settings):
    sign_in(client)
    step = settings.MITRA["SESSION_IDLE_MINUTES"] * 60 - 60
    elapsed = 0
    while elapsed + step < settings.SESSION_COOKIE_AGE:
        clock.advance(step)
        elapsed += step
        assert client.get(ACCOUNT).status_code == 200
    clock.advance(settings.SESSION_COOKIE_AGE - elapsed + 1)
    assert client.get(ACCOUNT).status_code == 302


def test_tokens_are_named_listed_and_shown_once(client, officer):
    client.force_login(officer)
    response = client.post(reverse("accounts:token_create"), {"name": "SIMPEL sync", "days": 30})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=officer)
    page = response.content.decode()
    key = page.split('id="new-token">')[1].split("<")[0]
    assert key.startswith(token.prefix)
    assert token.name == "SIMPEL sync"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    listed = client.get(ACCOUNT).content.decode()
    assert "SIMPEL sync" in listed
    assert token.prefix in listed
    assert key not in listed  # shown once
    assert api(key).get("/api/v1/agreements/").status_code == 200


def test_token_create_refuses_bad_input_and_writes_nothing(client, officer, settings):
    client.force_login(officer)
    too_long = settings.MITRA["API_TOKEN_DAYS"] + 1
    for data in ({"name": "", "days": 30}, {"name": "x", "days": too_long}, {"name": "x"}):
        response = client.post(reverse("accounts:token_create"), data)
        assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(event="user.api_token_issued").exists()


def test_an_expired_token_is_refused(officer):
    token, key = api_token_create(user=officer, name="short", days=1)
    assert api(key).get("/api/v1/agreements/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api(key).get("/api/v1/agreements/")
    assert response.status_code == 401
    assert response.json()["message"] == "Invalid token."


def test_revoking_on_the_account_page(client, officer):
    token, key = api_token_create(user=officer, name="laptop")
    _other, other_key = api_token_create(user=officer, name="server")
    client.force_login(officer)
    response = client.post(reverse("accounts:token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    assert api(key).get("/api/v1/agreements/").status_code == 401
    assert api(other_key).get("/api/v1/agreements/").status_code == 200
    assert AuditEvent.objects.filter(event="user.api_token_revoked").count() == 1


def test_sign_out_everywhere_ends_sessions_and_revokes_tokens(client, officer):
    _token, key = api_token_create(user=officer, name="integration")
    laptop, phone = type(client)(), type(client)()
    sign_in(laptop)
    sign_in(phone)
    assert phone.get(ACCOUNT).status_code == 200
    response = laptop.post(reverse("accounts:logout_everywhere"))
    assert response.status_code == 302
    assert laptop.get(ACCOUNT).status_code == 302
    assert phone.get(ACCOUNT).status_code == 302
    assert api(key).get("/api/v1/agreements/").status_code == 401
    event = AuditEvent.objects.get(event="user.logged_out_everywhere")
    assert event.data == {"tokens": 1}
    # Signing in again works, with a new session.
    sign_in(phone)
    assert phone.get(ACCOUNT).status_code == 200


def test_a_plain_logout_ends_only_this_session(client, officer):
    laptop, phone = type(client)(), type(client)()
    sign_in(laptop)
    sign_in(phone)
    laptop.post(reverse("accounts:logout"))
    assert laptop.get(ACCOUNT).status_code == 302
    assert phone.get(ACCOUNT).status_code == 200
