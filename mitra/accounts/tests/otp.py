"""What an authenticator app does, for tests and the browser tests: enrol a user through the
services and compute the current code (e2e's Site.login uses it)."""

import time
from typing import Any

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_code(device: Any, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for a TOTP device, now or `steps_ahead` periods
    later (the device accepts one period of drift and never the same period twice, so a
    second sign-in in one test uses the next period's code)."""
    generator = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():0{device.digits}d}"


def enrol(user: Any) -> tuple[TOTPDevice, list[str]]:
    """Set up a second factor for `user` as the set-up page does: a device, confirmed with its
    current code. Returns the device and the recovery codes."""
    from mitra.accounts.services import mfa_device_confirm, mfa_device_start

    device = mfa_device_start(user=user)
    codes = mfa_device_confirm(user=user, code=totp_code(device))
    device.refresh_from_db()
    return device, codes


def sign_in_code(username: str) -> str:
    """A code that the second sign-in step of `username` accepts now: the app's code for the
    first period not used yet (the device takes one period of drift), else an unused
    recovery code (a second sign-in within the same 30 seconds)."""
    from django_otp.plugins.otp_static.models import StaticToken

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    generator = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    now = generator.t()
    target = max(now - device.tolerance, device.last_t + 1)
    if target <= now + device.tolerance:
        return totp_code(device, steps_ahead=target - now)
    return StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True)[0]


def totp_code_for_secret(secret: str, steps_ahead: int = 0) -> str:
    """What an app shows for a key typed from the set-up page (base32, spaces allowed)."""
    from base64 import b32decode

    key = b32decode("".join(secret.split()).upper())
    generator = TOTP(key)
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"
