"""add_months: calendar months with dateutil, clamped to the month's end."""

import calendar
from datetime import date, timedelta

import pytest

from mitra.core.dates import add_months


def _by_hand(day: date, months: int) -> date:
    """The arithmetic add_months did by hand before it used dateutil (the reference)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: clamped to the 29th
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),  # across the year
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
        (date(2024, 4, 4), 0, date(2024, 4, 4)),
        (date(2024, 4, 4), 36, date(2027, 4, 4)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_add_months_equals_the_former_hand_written_arithmetic():
    day = date(2023, 1, 1)
    while day < date(2025, 1, 1):  # two years, a leap day among them
        for months in range(-30, 31):
            assert add_months(day, months) == _by_hand(day, months), (day, months)
        day += timedelta(days=1)
