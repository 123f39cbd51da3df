"""Issue 14 §1: sign-in throttling per username and per client address in the shared cache."""

from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from mitra.accounts import throttle
from mitra.accounts.tests.factories import PASSWORD, UserFactory
from mitra.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts."
WRONG = "Unable to log in with the given username and password."


def sign_in(client: Any, username: str, password: str, **extra: Any) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def signed_in(client: Any) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def limit(settings: Any) -> int:
    return settings.MITRA["LOGIN_MAX_FAILURES"]


def test_the_nth_failure_locks_and_then_the_right_password_is_refused(client, officer, limit):
    for attempt in range(1, limit):
        response = sign_in(client, "kemendagri", f"guess-{attempt}")
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    response = sign_in(client, "kemendagri", "guess-last")
    assert LOCKED in response.content.decode()
    # Locked: the right password does not sign in either (and is not even checked).
    response = sign_in(client, "kemendagri", PASSWORD)
    assert LOCKED in response.content.decode()
    assert not signed_in(client)
    events = AuditEvent.objects.filter(target_id=officer.pk)
    assert events.filter(event="user.login_failed").count() == limit
    assert events.filter(event="user.login_locked").count() == 1


def test_before_the_limit_the_right_password_works_and_forgets_the_failures(client, officer, limit):
    for _ in range(limit - 1):
        sign_in(client, "kemendagri", "guess")
    assert sign_in(client, "kemendagri", PASSWORD).status_code == 302
    client.logout()
    # The count started again: limit - 1 more failures still do not lock.
    for _ in range(limit - 1):
        sign_in(client, "kemendagri", "guess")
    assert sign_in(client, "kemendagri", PASSWORD).status_code == 302


def test_the_lock_expires(client, officer, limit, clock, settings):
    for _ in range(limit):
        sign_in(client, "kemendagri", "guess")
    assert LOCKED in sign_in(client, "kemendagri", PASSWORD).content.decode()
    clock.advance(settings.MITRA["LOGIN_LOCK_MINUTES"] * 60 - 5)
    assert LOCKED in sign_in(client, "kemendagri", PASSWORD).content.decode()
    clock.advance(10)
    assert sign_in(client, "kemendagri", PASSWORD).status_code == 302
    assert signed_in(client)


def test_another_account_is_unaffected(client, officer, other_officer, limit):
    for _ in range(limit + 3):
        sign_in(client, "kemendagri", "guess")
    response = sign_in(client, "kemenkes", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_an_unknown_username_gets_the_same_answers_as_a_real_one(client, officer, limit):
    """Nothing in the answer tells whether the account exists: same messages, same lock."""
    real, unknown = [], []
    for _ in range(limit + 1):
        real.append(sign_in(client, "kemendagri", "guess").content.decode().count(LOCKED))
        unknown.append(sign_in(client, "no-such-user", "guess").content.decode().count(LOCKED))
    assert real == unknown == [0] * (limit - 1) + [1, 1]
    assert not AuditEvent.objects.exclude(target_id=officer.pk).exists()


def test_usernames_are_counted_regardless_of_case_and_spaces(client, officer, limit):
    for variant in ["Kemendagri", " kemendagri", "KEMENDAGRI", "kemendagri ", "kemendagri"]:
        sign_in(client, variant, "guess")
    assert LOCKED in sign_in(client, "kemendagri", PASSWORD).content.decode()


def test_one_address_is_locked_across_usernames(client, settings, db):
    settings.MITRA = {**settings.MITRA, "LOGIN_IP_MAX_FAILURES": 6}
    UserFactory(username="target")
    for n in range(6):  # six different usernames: no single username reaches its limit
        sign_in(client, f"user-{n}", "guess", REMOTE_ADDR="203.0.113.7")
    assert LOCKED in sign_in(client, "target", PASSWORD, REMOTE_ADDR="203.0.113.7").content.decode()
    # Another address is not locked.
    assert sign_in(client, "target", PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 302


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(rf, settings):
    settings.MITRA = {**settings.MITRA, "TRUSTED_PROXIES": ["10.0.0.2"]}
    spoofed = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert throttle.client_ip(spoofed) == "198.51.100.9"
    proxied = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9, 10.0.0.2"
    )
    # The client can write anything at the left; the nearest untrusted hop is the client.
    assert throttle.client_ip(proxied) == "198.51.100.9"
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert throttle.client_ip(garbage) == "10.0.0.2"


LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
CACHE_TABLE = "mitra_test_login_cache"
SHARED = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
    }
}


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_count(officer, limit, monkeypatch, client):
    """Two worker processes each hold their own cache connection: with the database cache
    (what production uses without Redis) the failures add up across them; two separate local
    memory caches (what per-process throttling was) would not."""
    with override_settings(CACHES=SHARED):
        call_command("createcachetable", CACHE_TABLE, verbosity=0)
        workers = [caches.create_connection("default"), caches.create_connection("default")]
        assert workers[0] is not workers[1]
        for n in range(limit):
            monkeypatch.setattr(throttle, "cache", workers[n % 2])
            sign_in(client, "kemendagri", "guess")
        for worker in workers:
            monkeypatch.setattr(throttle, "cache", worker)
            assert LOCKED in sign_in(client, "kemendagri", PASSWORD).content.decode()

    # The control: each process's own memory (what DRF's per-process throttle counted in)
    # never reaches the limit when the failures alternate between two workers.
    for n in range(limit):
        location = f"worker-{n % 2}"
        with override_settings(CACHES={"default": {"BACKEND": LOCMEM, "LOCATION": location}}):
            monkeypatch.setattr(throttle, "cache", caches.create_connection("default"))
        sign_in(client, "other-user", "guess")
    assert LOCKED not in sign_in(client, "other-user", "guess").content.decode()


def test_the_counters_have_a_cache_of_their_own():
    """The page cache grows with any query string anyone sends, and a database cache culls
    its oldest keys when full: the sign-in counters live elsewhere, so no flood of pages can
    drop a lock (both with Redis and with the database cache)."""
    from config.settings import base
    from mitra.core.cache import CACHE_ALIAS

    assert CACHE_ALIAS != "throttle"
    throttle_cache, page_cache = base.CACHES["throttle"], base.CACHES[CACHE_ALIAS]
    assert (throttle_cache["LOCATION"], throttle_cache.get("KEY_PREFIX")) != (
        page_cache["LOCATION"],
        page_cache.get("KEY_PREFIX"),
    )
    assert throttle.cache._alias == "throttle"
