"""Deadlines test setup: a fresh working-day cache per test, and the official leave days."""

from collections.abc import Iterator
from typing import Any

import pytest

from mitra.deadlines import calendar
from mitra.deadlines.reference import load_collective_leave_days


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def leave_days(db: Any) -> int:
    return load_collective_leave_days()
