"""Issue 14 §2: TOTP with recovery codes, offered to everyone, required by role when on."""

from typing import Any

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mitra.accounts.models import ApiToken
from mitra.accounts.tests.factories import PASSWORD, UserFactory
from mitra.accounts.tests.otp import enrol, totp_code
from mitra.audit.models import AuditEvent
from mitra.bodies.tests.factories import GovernmentBodyFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def password_step(client: Any, username: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def signed_in(client: Any) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def required(settings: Any) -> None:
    settings.MITRA = {**settings.MITRA, "MFA_REQUIRED": True}


@pytest.fixture
def kemlu_officer(db: Any) -> Any:
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")
    unit = GovernmentBodyFactory(unit=True, parent=kemlu)
    return UserFactory(username="kemlu", officer=True, body=unit)


def test_enrolment_through_the_pages(client, officer):
    client.force_login(officer)
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)

    wrong = client.post(reverse("accounts:mfa_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    officer.refresh_from_db()
    assert not officer.mfa_enabled
    assert not TOTPDevice.objects.filter(confirmed=True).exists()

    done = client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)})
    assert done.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    officer.refresh_from_db()
    assert officer.mfa_enabled
    assert AuditEvent.objects.filter(event="user.mfa_enabled", target_id=officer.pk).exists()
    # This session was verified by the confirmation: it goes on.
    assert client.get(reverse("accounts:account")).status_code == 200


def test_sign_in_asks_for_the_code_after_the_password(client, officer):
    device, _codes = enrol(officer)
    response = password_step(client, "kemendagri")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_code")
    assert not signed_in(client)

    wrong = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert "not valid" in wrong.content.decode()
    assert not signed_in(client)

    right = client.post(reverse("accounts:login_code"), {"code": totp_code(device, 1)})
    assert right.status_code == 302
    assert signed_in(client)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_wrong_codes_count_towards_the_lock(client, officer, settings):
    device, _codes = enrol(officer)
    for _ in range(settings.MITRA["LOGIN_MAX_FAILURES"]):
        password_step(client, "kemendagri")
        client.post(reverse("accounts:login_code"), {"code": "000000"})
    password_step(client, "kemendagri")
    locked = password_step(client, "kemendagri")
    assert "Too many failed sign-in attempts." in locked.content.decode()
    assert not signed_in(client)


def test_a_recovery_code_works_once(client, officer):
    _device, codes = enrol(officer)
    password_step(client, "kemendagri")
    assert client.post(reverse("accounts:login_code"), {"code": codes[0]}).status_code == 302
    assert signed_in(client)
    assert AuditEvent.objects.filter(event="user.recovery_code_used").count() == 1
    client.logout()

    password_step(client, "kemendagri")
    again = client.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert "not valid" in again.content.decode()
    assert not signed_in(client)
    assert client.post(reverse("accounts:login_code"), {"code": codes[1]}).status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 8


def test_a_session_not_verified_with_the_second_factor_is_ended(client, officer):
    """The Django admin's own login (or any sign-in that skipped the code) does not stick."""
    enrol(officer)
    client.force_login(officer)
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not signed_in(client)


def test_the_admin_login_page_sends_to_mitras(client):
    response = client.get("/id/admin/login/?next=/id/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["operator", "kemlu_officer"])
def test_required_by_role_sends_to_set_up_and_nowhere_else(client, required, who, request):
    user = request.getfixturevalue(who)
    assert user.mfa_required
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa_setup")
    assert client.get(reverse("agreements:list")).status_code == 302
    assert client.get("/api/v1/agreements/").status_code == 403
    assert client.get(reverse("accounts:mfa_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)})
    assert client.get(reverse("dashboard:home")).status_code == 200
    # Required: it cannot be turned off.
    client.post(reverse("accounts:mfa_disable"))
    user.refresh_from_db()
    assert user.mfa_enabled


def test_not_required_for_other_roles_or_when_off(settings, officer, viewer, operator):
    assert not operator.mfa_required  # the setting is off (the demo, tests)
    settings.MITRA = {**settings.MITRA, "MFA_REQUIRED": True}
    assert operator.mfa_required
    ford_rep = UserFactory(org_representative=True)
    assert not any(u.mfa_required for u in (officer, viewer, ford_rep))


def test_others_may_turn_it_off(client, officer):
    enrol(officer)
    officer.refresh_from_db()
    password_step(client, "kemendagri")
    device = TOTPDevice.objects.get(user=officer)
    client.post(reverse("accounts:login_code"), {"code": totp_code(device, 1)})
    client.post(reverse("accounts:mfa_disable"))
    officer.refresh_from_db()
    assert not officer.mfa_enabled
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_api_token_needs_the_code_when_the_user_has_a_second_factor(client, officer):
    from rest_framework.test import APIClient

    device, codes = enrol(officer)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    missing = api.post(TOKEN_URL, {"username": "kemendagri", "password": PASSWORD})
    assert missing.status_code == 400
    assert missing.json()["extra"] == {"otp": ["This field is required."]}
    wrong = api.post(TOKEN_URL, {"username": "kemendagri", "password": PASSWORD, "otp": "1"})
    assert wrong.status_code == 400
    assert not ApiToken.objects.exists()
    good = api.post(
        TOKEN_URL,
        {"username": "kemendagri", "password": PASSWORD, "otp": totp_code(device, 1)},
    )
    assert good.status_code == 200
    assert ApiToken.objects.filter(user=officer).count() == 1
    by_recovery = api.post(
        TOKEN_URL, {"username": "kemendagri", "password": PASSWORD, "otp": codes[3]}
    )
    assert by_recovery.status_code == 200


def test_a_required_user_without_a_second_factor_gets_no_api_token(required, operator):
    from rest_framework.test import APIClient

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    response = api.post(TOKEN_URL, {"username": "operator", "password": PASSWORD})
    assert response.status_code == 400
    assert "requires a second factor" in response.json()["message"]
    assert not ApiToken.objects.exists()


def test_deleting_the_device_in_the_admin_turns_the_flag_off(officer):
    enrol(officer)
    TOTPDevice.objects.filter(user=officer).delete()
    officer.refresh_from_db()
    assert not officer.mfa_enabled
