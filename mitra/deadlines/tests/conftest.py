"""Deadlines test setup: a fresh working-day cache per test (mitra/conftest.py also clears the
rule cache for every app's tests)."""

from collections.abc import Iterator

import pytest

from mitra.deadlines import calendar


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    calendar.clear_cache()
    yield
    calendar.clear_cache()
