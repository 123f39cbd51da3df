"""Accounts test helpers: a clock for cache expiry and session timeouts."""

import time
from collections.abc import Iterator
from typing import Any

import pytest


class Clock:
    """time.time() moved by hand (cache expiry, the session middleware)."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: Any) -> Iterator[Clock]:
    """Patch the `time` the cache backends and the session middleware read."""
    from django.core.cache.backends import base, locmem

    from mitra.accounts import middleware

    fake = Clock()

    class FakeTime:
        time = staticmethod(fake.time)

    for module in (base, locmem, middleware):
        monkeypatch.setattr(module, "time", FakeTime)
    return fake
