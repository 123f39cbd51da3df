"""Date helpers that know the project's time zone."""

from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.utils import timezone


def today() -> date:
    """Today in Asia/Jakarta (the project's TIME_ZONE), not UTC."""
    return timezone.localdate()


@lru_cache(maxsize=8192)
def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, clamped to the month's last day
    (dateutil's relativedelta: 31 January + 1 month is 28 or 29 February). Memoised: deadline
    providers ask it for the same few thousand dates on every page, and building a
    relativedelta costs more than the rest of the arithmetic."""
    return day + relativedelta(months=months)
