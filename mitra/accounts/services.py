"""Sign-in, second factor, sessions and API tokens: every write about an account (ADR 0017).

Services never take a request for their rules; the sign-in ones take it only to read the client
address for throttling (`throttle.client_ip`). Each refusal raises ApplicationError and changes
nothing but the throttling counters.
"""

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError

from . import throttle
from .models import ApiToken, User, token_hash

logger = logging.getLogger(__name__)

RECOVERY_CODES = 10
TOKEN_NAME_MAX = 100


class LoginRefused(ApplicationError):
    """Wrong credentials, an inactive account, or a lock. The message never tells whether the
    username exists. `locked` is True for a lock (the API answers 429)."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


def bad_credentials_message() -> str:
    return _("Unable to log in with the given username and password.")


def locked_message() -> str:
    minutes = throttle.lock_seconds() // 60
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(minutes)d minute, or reset your "
        "password by email.",
        "Too many failed sign-in attempts. Try again in %(minutes)d minutes, or reset your "
        "password by email.",
        minutes,
    ) % {"minutes": minutes}


def _existing_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=(username or "").strip()).first()


def _audit_failure(*, username: str, locked: bool, reason: str, request: Any) -> None:
    """Failed and locked sign-ins are audited against the account when it exists, logged
    otherwise (the audit trail names records; the client is told the same either way)."""
    ip = throttle.client_ip(request)
    user = _existing_user(username)
    events = ["user.login_failed"] + (["user.login_locked"] if locked else [])
    if user is None:
        logger.warning("sign-in %s for unknown username from %s", " + ".join(events), ip)
        return
    with transaction.atomic():
        for event in events:
            audit_event_record(
                event=event, target=user, actor=None, data={"ip": ip, "reason": reason}
            )


def login_authenticate(*, username: str, password: str, request: Any) -> User:
    """The user for a username and password, counted by the throttle.

    Raises LoginRefused (one message for a wrong password, an unknown username and an inactive
    account; another for a locked username or address, whether the account exists or not).
    Does not sign in: the caller asks for the second factor first when the user has one
    (`user.mfa_enabled`). Writes audit events for failures on existing accounts.
    """
    attempt = throttle.login_attempt_check(username=username, request=request)
    if attempt.locked:
        raise LoginRefused(locked_message(), locked=True)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User) or not user.is_active:
        locked = throttle.login_failure_record(attempt)
        _audit_failure(username=username, locked=locked, reason="password", request=request)
        if locked:
            raise LoginRefused(locked_message(), locked=True)
        raise LoginRefused(bad_credentials_message())
    if not user.mfa_enabled:
        # With a second factor the failures are forgotten only once the code is right too:
        # someone who knows the password cannot guess codes between right passwords.
        throttle.login_success_record(attempt)
    return user


def _clean_code(code: str) -> str:
    return "".join((code or "").split()).lower()


def second_factor_verify(*, user: User, code: str, request: Any) -> Any:
    """The device that accepts `code`: the user's TOTP app, else one of their recovery codes
    (which is then used up). Counted by the throttle like a password.

    Raises LoginRefused for a wrong code or a lock. Audits a recovery code's use.
    """
    attempt = throttle.login_attempt_check(username=user.username, request=request)
    if attempt.locked:
        raise LoginRefused(locked_message(), locked=True)
    token = _clean_code(code)
    device = None
    if token:
        with transaction.atomic():
            for model in (TOTPDevice, StaticDevice):
                for candidate in model.objects.devices_for_user(user).select_for_update():
                    if candidate.verify_token(token):
                        device = candidate
                        break
                if device is not None:
                    break
            if isinstance(device, StaticDevice):
                audit_event_record(
                    event="user.recovery_code_used",
                    target=user,
                    actor=user,
                    data={"left": device.token_set.count()},
                )
    if device is None:
        locked = throttle.login_failure_record(attempt)
        _audit_failure(username=user.username, locked=locked, reason="code", request=request)
        if locked:
            raise LoginRefused(locked_message(), locked=True)
        raise LoginRefused(_("That code is not valid. Try the current code from your app."))
    throttle.login_success_record(attempt)
    return device


# --- second factor: enrolment ------------------------------------------------------------


def mfa_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed TOTP device for `user` to scan (any earlier unconfirmed one goes).
    Their confirmed device, if any, keeps working until the new one is confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="Mitra", confirmed=False)


def mfa_pending_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def mfa_device_confirm(*, user: User, code: str) -> list[str]:
    """Confirm the pending TOTP device with a code from the app: it replaces any earlier
    device, the user gets new recovery codes (returned, shown once) and `mfa_enabled`.

    Raises ApplicationError when there is no pending device or the code is wrong (nothing
    changes). Audited as `user.mfa_enabled`.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
        if device is None:
            raise ApplicationError(_("Start the set-up again: scan a new code."))
        if not device.verify_token(_clean_code(code)):
            raise ApplicationError(
                _("That code is not valid. Try the current code from your app."),
                extra={"code": [_("That code is not valid.")]},
            )
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        User.objects.filter(pk=user.pk).update(mfa_enabled=True)
        user.mfa_enabled = True
        audit_event_record(event="user.mfa_enabled", target=user, actor=user)
    return codes


def mfa_recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for a user with a second factor; the old ones stop working."""
    with transaction.atomic():
        if not user.mfa_enabled:
            raise ApplicationError(_("Set up a second factor first."))
        codes = _new_recovery_codes(user)
        audit_event_record(event="user.recovery_codes_regenerated", target=user, actor=user)
    return codes


def mfa_recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def mfa_disable(*, user: User, actor: User) -> None:
    """Remove the user's second factor. Refused when their role requires one (an operator
    may still remove a lost device of another user from the admin; they set it up again at
    the next sign-in). Audited as `user.mfa_disabled`."""
    if actor.pk == user.pk and user.mfa_required:
        raise ApplicationError(_("Your role requires a second factor; it cannot be turned off."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(mfa_enabled=False)
        user.mfa_enabled = False
        audit_event_record(event="user.mfa_disabled", target=user, actor=actor)


# --- API tokens ----------------------------------------------------------------------------


def api_token_default_days() -> int:
    return int(getattr(settings, "MITRA", {}).get("API_TOKEN_DAYS", 90))


def api_token_create(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new named token for `user`, valid `days` (at most MITRA["API_TOKEN_DAYS"]). Returns the
    token and its key: the key is shown once, only its hash is stored. Audited."""
    name = (name or "").strip()
    limit = api_token_default_days()
    days = limit if days is None else days
    if not name:
        raise ApplicationError(_("Give the token a name."), extra={"name": [_("Required.")]})
    if len(name) > TOKEN_NAME_MAX:
        raise ApplicationError(
            _("The name is too long."), extra={"name": [_("At most 100 characters.")]}
        )
    if not 1 <= days <= limit:
        message = _("A token is valid for 1 to %(days)d days.") % {"days": limit}
        raise ApplicationError(message, extra={"days": [message]})
    key = secrets.token_hex(20)  # 160 bits, as DRF's tokens: clients keep working unchanged
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            key_hash=token_hash(key),
            prefix=key[:8],
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_event_record(
            event="user.api_token_issued",
            target=user,
            actor=user,
            data={"token": token.pk, "name": name, "prefix": token.prefix, "days": days},
        )
    return token, key


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """SECURITY: the active token (not revoked, not expired, of an active user) with this key,
    or None. Records when it was last used (at most once a minute per token)."""
    if not key:
        return None
    tokens = ApiToken.objects.active().select_related("user")
    token = tokens.filter(key_hash=token_hash(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_revoke(*, token_id: int, actor: User) -> ApiToken:
    """Revoke one of the actor's own tokens (404-like refusal for anyone else's). Audited."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
        if token is None:
            raise ApplicationError(_("No such token."))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_event_record(
                event="user.api_token_revoked",
                target=actor,
                actor=actor,
                data={"token": token.pk, "name": token.name, "prefix": token.prefix},
            )
    return token


def api_token_obtain(
    *, username: str, password: str, otp: str = "", name: str = "", request: Any = None
) -> tuple[ApiToken, str]:
    """The API's sign-in: a new token for a username and password, and the current one-time
    code (or a recovery code) when the user has a second factor. Throttled like the web
    sign-in. A user whose role requires a second factor gets no token before setting one up.

    Raises LoginRefused (wrong credentials, a wrong or missing code, a lock) or
    ApplicationError. Audited as `user.api_token_issued`.
    """
    user = login_authenticate(username=username, password=password, request=request)
    if user.mfa_enabled:
        if not (otp or "").strip():
            raise ApplicationError(
                _("This account has a second factor: send the one-time code as otp."),
                extra={"otp": [_("This field is required.")]},
            )
        second_factor_verify(user=user, code=otp, request=request)
    elif user.mfa_required:
        raise ApplicationError(
            _("Your role requires a second factor: set it up on your account page first.")
        )
    label = (name or "").strip() or _("API token %(date)s") % {
        "date": timezone.localdate().isoformat()
    }
    return api_token_create(user=user, name=label[:TOKEN_NAME_MAX])


# --- sessions and passwords ---------------------------------------------------------------


def user_logout_everywhere(*, user: User) -> int:
    """End every session of `user` and revoke their API tokens. A new session epoch changes
    the session auth hash, so every session in any store stops matching at its next request
    (the rows themselves expire with clearsessions). Returns the number of tokens revoked.
    Audited."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_epoch=secrets.token_hex(16))
        user.refresh_from_db(fields=["session_epoch"])
        revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_event_record(
            event="user.logged_out_everywhere", target=user, actor=user, data={"tokens": revoked}
        )
    return revoked


def password_changed(*, user: User) -> None:
    """Audit a password change (Django's form has set it; other sessions end with the hash)."""
    audit_event_record(event="user.password_changed", target=user, actor=user)


def password_reset_completed(*, user: User) -> int:
    """After a reset by email: lift the username's sign-in lock and revoke the user's API
    tokens (whoever guessed or stole the old password loses them). Audited."""
    throttle.login_lock_clear(username=user.username)
    with transaction.atomic():
        revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_event_record(
            event="user.password_reset", target=user, actor=user, data={"tokens": revoked}
        )
    return revoked
