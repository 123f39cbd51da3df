"""Issue 18 §4: the account services called directly: each refusal changes nothing (no row, no
audit event), each write is audited, and reads stay within the user's own records."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mitra.accounts import services
from mitra.accounts.forms import TokenCreateForm
from mitra.accounts.models import ApiToken, User, token_hash
from mitra.accounts.selectors import api_token_list
from mitra.accounts.tests.factories import PASSWORD, UserFactory
from mitra.accounts.tests.otp import enrol, totp_code
from mitra.accounts.validators import RepeatedCharacterValidator
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def events(name: str) -> int:
    return AuditEvent.objects.filter(event=name).count()


@pytest.fixture
def request_():
    return RequestFactory().post("/id/accounts/login/", REMOTE_ADDR="10.0.0.7")


# --- sign-in -------------------------------------------------------------------------------


def test_login_authenticate_returns_the_user(officer, request_):
    assert services.login_authenticate(
        username="kemendagri", password=PASSWORD, request=request_
    ) == User.objects.get(pk=officer.pk)


@pytest.mark.parametrize("password", ["wrong-password", ""])
def test_a_wrong_password_is_refused_and_audited_against_the_account(officer, request_, password):
    with pytest.raises(services.LoginRefused) as refused:
        services.login_authenticate(username="kemendagri", password=password, request=request_)
    assert not refused.value.locked
    assert str(refused.value.message) == services.bad_credentials_message()
    event = AuditEvent.objects.get(event="user.login_failed")
    assert event.target_id == officer.pk
    assert event.data == {"ip": "10.0.0.7", "reason": "password"}


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(kemendagri, request_):
    UserFactory(username="gone", officer=True, body=kemendagri, is_active=False)
    with pytest.raises(services.LoginRefused) as refused:
        services.login_authenticate(username="gone", password=PASSWORD, request=request_)
    assert str(refused.value.message) == services.bad_credentials_message()


def test_an_unknown_username_is_refused_without_an_audit_event(db, request_):
    with pytest.raises(services.LoginRefused) as refused:
        services.login_authenticate(username="nobody", password=PASSWORD, request=request_)
    assert str(refused.value.message) == services.bad_credentials_message()
    assert not AuditEvent.objects.exists()


# --- second factor -------------------------------------------------------------------------


def test_confirming_without_a_pending_device_changes_nothing(officer):
    with pytest.raises(ApplicationError):
        services.mfa_device_confirm(user=officer, code="123456")
    officer.refresh_from_db()
    assert not officer.mfa_enabled
    assert not StaticDevice.objects.exists()
    assert events("user.mfa_enabled") == 0


def test_a_wrong_code_leaves_the_device_pending(officer):
    device = services.mfa_device_start(user=officer)
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    with pytest.raises(ApplicationError) as refused:
        services.mfa_device_confirm(user=officer, code=wrong)
    assert "code" in refused.value.extra
    device.refresh_from_db()
    assert not device.confirmed
    officer.refresh_from_db()
    assert not officer.mfa_enabled
    assert not StaticDevice.objects.exists()
    assert events("user.mfa_enabled") == 0


def test_confirming_gives_recovery_codes_and_a_new_device_replaces_the_old_one(officer):
    first, codes = enrol(officer)
    assert len(codes) == services.RECOVERY_CODES == services.mfa_recovery_codes_left(user=officer)
    officer.refresh_from_db()
    assert officer.mfa_enabled
    pending = services.mfa_device_start(user=officer)
    # Until confirmed, the old device still works and is still the only confirmed one.
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).get() == first
    services.mfa_device_confirm(user=officer, code=totp_code(pending))
    assert list(TOTPDevice.objects.filter(user=officer)) == [pending]
    assert events("user.mfa_enabled") == 2


def test_regenerating_recovery_codes_needs_a_second_factor(officer):
    with pytest.raises(ApplicationError):
        services.mfa_recovery_codes_regenerate(user=officer)
    assert not StaticToken.objects.exists()
    assert events("user.recovery_codes_regenerated") == 0


def test_regenerated_codes_replace_the_old_ones(officer):
    _device, old = enrol(officer)
    new = services.mfa_recovery_codes_regenerate(user=officer)
    stored = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)
    assert events("user.recovery_codes_regenerated") == 1


def test_a_user_whose_role_requires_it_cannot_turn_it_off(settings, operator):
    settings.MITRA = {**settings.MITRA, "MFA_REQUIRED": True}
    enrol(operator)
    with pytest.raises(ApplicationError):
        services.mfa_disable(user=operator, actor=operator)
    operator.refresh_from_db()
    assert operator.mfa_enabled
    assert TOTPDevice.objects.filter(user=operator).exists()
    assert events("user.mfa_disabled") == 0


def test_turning_it_off_removes_every_device(officer):
    enrol(officer)
    services.mfa_disable(user=officer, actor=officer)
    officer.refresh_from_db()
    assert not officer.mfa_enabled
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert events("user.mfa_disabled") == 1


# --- API tokens ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [("", 30, "name"), ("   ", 30, "name"), ("x" * 101, 30, "name"), ("ok", 0, "days")],
)
def test_token_create_refuses_bad_input_per_field(officer, name, days, field):
    with pytest.raises(ApplicationError) as refused:
        services.api_token_create(user=officer, name=name, days=days)
    assert field in refused.value.extra
    assert not ApiToken.objects.exists()
    assert events("user.api_token_issued") == 0


def test_token_create_refuses_more_days_than_the_setting(officer, settings):
    settings.MITRA = {**settings.MITRA, "API_TOKEN_DAYS": 10}
    with pytest.raises(ApplicationError) as refused:
        services.api_token_create(user=officer, name="sync", days=11)
    assert "days" in refused.value.extra
    assert not ApiToken.objects.exists()
    token, _key = services.api_token_create(user=officer, name="sync")
    assert timedelta(days=9) < token.expires_at - timezone.now() <= timedelta(days=10)


def test_only_the_hash_of_the_key_is_stored(officer):
    token, key = services.api_token_create(user=officer, name="  laptop  ")
    assert token.name == "laptop"
    assert token.key_hash == token_hash(key) != key
    assert token.prefix == key[:8]
    event = AuditEvent.objects.get(event="user.api_token_issued")
    assert key not in str(event.data)


def test_authenticate_finds_only_an_active_token_of_an_active_user(officer):
    token, key = services.api_token_create(user=officer, name="sync")
    assert services.api_token_authenticate(key=key) == token
    assert services.api_token_authenticate(key="") is None
    assert services.api_token_authenticate(key=key + "x") is None
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert services.api_token_authenticate(key=key) is None
    User.objects.filter(pk=officer.pk).update(is_active=True)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert services.api_token_authenticate(key=key) is None


def test_last_use_is_written_at_most_once_a_minute(officer, django_assert_num_queries):
    token, key = services.api_token_create(user=officer, name="sync")
    with django_assert_num_queries(2):  # read + the first use
        services.api_token_authenticate(key=key)
    with django_assert_num_queries(1):  # read only
        services.api_token_authenticate(key=key)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with django_assert_num_queries(2):
        services.api_token_authenticate(key=key)


def test_revoking_someone_elses_token_is_refused_and_changes_nothing(officer, other_officer):
    token, key = services.api_token_create(user=other_officer, name="theirs")
    with pytest.raises(ApplicationError):
        services.api_token_revoke(token_id=token.pk, actor=officer)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert events("user.api_token_revoked") == 0
    assert services.api_token_authenticate(key=key) == token


def test_revoking_twice_audits_once(officer):
    token, _key = services.api_token_create(user=officer, name="mine")
    services.api_token_revoke(token_id=token.pk, actor=officer)
    services.api_token_revoke(token_id=token.pk, actor=officer)
    assert events("user.api_token_revoked") == 1


def test_the_token_list_is_the_users_own(officer, other_officer):
    mine, _ = services.api_token_create(user=officer, name="mine")
    services.api_token_create(user=other_officer, name="theirs")
    assert list(api_token_list(user=officer)) == [mine]


def test_api_token_obtain_names_the_token_by_date_when_unnamed(officer, request_):
    token, key = services.api_token_obtain(
        username="kemendagri", password=PASSWORD, request=request_
    )
    assert token.name.startswith("API token ")
    assert services.api_token_authenticate(key=key) == token


def test_api_token_obtain_with_a_second_factor_needs_the_code(officer, request_):
    enrol(officer)
    with pytest.raises(ApplicationError) as refused:
        services.api_token_obtain(username="kemendagri", password=PASSWORD, request=request_)
    assert "otp" in refused.value.extra
    assert not ApiToken.objects.exists()


def test_the_token_form_refuses_more_days_than_the_setting(settings):
    settings.MITRA = {**settings.MITRA, "API_TOKEN_DAYS": 10}
    form = TokenCreateForm(data={"name": "sync", "days": 11})
    assert not form.is_valid()
    assert "days" in form.errors
    assert TokenCreateForm(data={"name": "sync", "days": 10}).is_valid()


# --- sessions and passwords ----------------------------------------------------------------


def test_logout_everywhere_changes_the_epoch_and_revokes_tokens(officer):
    before = officer.get_session_auth_hash()
    services.api_token_create(user=officer, name="a")
    revoked, _ = services.api_token_create(user=officer, name="b")
    services.api_token_revoke(token_id=revoked.pk, actor=officer)
    assert services.user_logout_everywhere(user=officer) == 1
    assert officer.session_epoch
    assert officer.get_session_auth_hash() != before
    assert not ApiToken.objects.active().filter(user=officer).exists()
    assert AuditEvent.objects.get(event="user.logged_out_everywhere").data == {"tokens": 1}


def test_an_empty_epoch_keeps_djangos_hash(officer):
    from django.contrib.auth.models import AbstractUser

    assert officer.session_epoch == ""
    assert officer.get_session_auth_hash() == AbstractUser.get_session_auth_hash(officer)


def test_a_completed_reset_lifts_the_lock_and_revokes_tokens(officer, request_, settings):
    for _attempt in range(settings.MITRA.get("LOGIN_MAX_FAILURES", 5) + 1):
        with pytest.raises(services.LoginRefused):
            services.login_authenticate(username="kemendagri", password="bad", request=request_)
    _token, key = services.api_token_create(user=officer, name="old")
    assert services.password_reset_completed(user=officer) == 1
    assert services.api_token_authenticate(key=key) is None
    other_address = RequestFactory().post("/", REMOTE_ADDR="10.0.0.8")
    assert services.login_authenticate(
        username="kemendagri", password=PASSWORD, request=other_address
    )
    assert AuditEvent.objects.get(event="user.password_reset").data == {"tokens": 1}


def test_a_password_change_is_audited(officer):
    services.password_changed(user=officer)
    assert AuditEvent.objects.get(event="user.password_changed").actor_id == officer.pk


@pytest.mark.parametrize("password", ["zzzzzzzzzzzz", "abababababab"])
def test_repeated_characters_are_refused(password):
    from django.core.exceptions import ValidationError

    validator = RepeatedCharacterValidator()
    with pytest.raises(ValidationError):
        validator.validate(password)
    validator.validate("abcabcabcabc")  # three distinct characters pass
    assert "two" in validator.get_help_text()
