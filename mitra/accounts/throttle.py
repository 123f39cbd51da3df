"""Sign-in throttling per username and per client address, in the shared cache (issue 14 §1).

The counters live in CACHES["throttle"] (Redis when REDIS_URL is set, a database cache table of
its own otherwise: never culled by the page cache), so every worker process sees the same count.
After MITRA["LOGIN_MAX_FAILURES"] failures for one (normalised) username, or
MITRA["LOGIN_IP_MAX_FAILURES"] from one address, that username or address is locked for
MITRA["LOGIN_LOCK_MINUTES"]. A username is counted whether or not an account has it, so the
answer never tells which accounts exist. The web login, its second step and the API token
endpoint all go through `login_attempt_check` / `login_failure_record`; a password reset
clears the username's lock (`login_lock_clear`).
"""

import hashlib
import ipaddress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy

PREFIX = "mitra:login"
cache: Any = ConnectionProxy(caches, "throttle")


def _config(name: str, default: int) -> int:
    return int(getattr(settings, "MITRA", {}).get(name, default))


def max_failures() -> int:
    return _config("LOGIN_MAX_FAILURES", 5)


def max_ip_failures() -> int:
    return _config("LOGIN_IP_MAX_FAILURES", 30)


def lock_seconds() -> int:
    return _config("LOGIN_LOCK_MINUTES", 15) * 60


def normalise_username(username: str) -> str:
    """Usernames differ by case and surrounding spaces only in what a guesser types."""
    return (username or "").strip().casefold()


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"{PREFIX}:{kind}:{digest}"


def client_ip(request: Any) -> str:
    """SECURITY: REMOTE_ADDR, unless it is one of MITRA["TRUSTED_PROXIES"]: then the nearest
    address in X-Forwarded-For that is not a trusted proxy (a client can write anything at the
    left of that header, so it is read from the right)."""
    if request is None:
        return ""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    trusted = set(getattr(settings, "MITRA", {}).get("TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if address in trusted:
            continue
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            return remote  # a malformed hop: count the proxy rather than a made-up address
    return remote


@dataclass(frozen=True)
class Attempt:
    user_key: str
    ip_key: str

    @property
    def locked(self) -> bool:
        keys = [self.user_key + ":lock"] + ([self.ip_key + ":lock"] if self.ip_key else [])
        return any(cache.get_many(keys).values())


def login_attempt_check(*, username: str, request: Any) -> Attempt:
    """The attempt's keys; `.locked` says whether the username or the address is locked."""
    ip = client_ip(request)
    return Attempt(
        user_key=_key("user", normalise_username(username)),
        ip_key=_key("ip", ip) if ip else "",
    )


def _increment(key: str, limit: int) -> bool:
    """Count one failure under `key`; lock it when the count reaches `limit`. The first
    failure opens a window of the lock's length. Redis increments atomically; the database
    cache reads then writes, so two failures at the same instant may count once (the lock then
    comes one attempt later), never zero."""
    if cache.add(key, 1, timeout=lock_seconds()):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=lock_seconds())
            count = 1
    if count >= limit:
        cache.set(key + ":lock", 1, timeout=lock_seconds())
        cache.delete(key)
        return True
    return False


def login_failure_record(attempt: Attempt) -> bool:
    """Count a failed password or code for the username and the address. True when this
    failure locked either."""
    locked = _increment(attempt.user_key, max_failures())
    if attempt.ip_key:
        locked = _increment(attempt.ip_key, max_ip_failures()) or locked
    return locked


def login_success_record(attempt: Attempt) -> None:
    """A correct sign-in forgets the username's failures (not the address's)."""
    cache.delete(attempt.user_key)


def login_lock_clear(*, username: str) -> None:
    """Lift the username's lock and forget its failures (after a password reset)."""
    key = _key("user", normalise_username(username))
    cache.delete_many([key, key + ":lock"])
