"""Keep `User.mfa_enabled` equal to "has a confirmed TOTP device" when a device is added or
removed outside the services (an operator deleting a lost device in the admin): a
denormalised flag. And stamp every new session's start when Django signs a user in
(`django.contrib.auth.login` is the one door of every sign-in, tests' `force_login` included),
so the session policy has nothing to write on the first request."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from .middleware import session_start
from .models import User


def sync_mfa_enabled(sender: Any, instance: TOTPDevice, **kwargs: Any) -> None:
    enabled = TOTPDevice.objects.filter(user_id=instance.user_id, confirmed=True).exists()
    User.objects.filter(pk=instance.user_id).exclude(mfa_enabled=enabled).update(
        mfa_enabled=enabled
    )


def stamp_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        session_start(request)


def connect() -> None:
    user_logged_in.connect(stamp_session, dispatch_uid="accounts.session_start")
    post_save.connect(sync_mfa_enabled, sender=TOTPDevice, dispatch_uid="accounts.mfa_save")
    post_delete.connect(sync_mfa_enabled, sender=TOTPDevice, dispatch_uid="accounts.mfa_delete")
