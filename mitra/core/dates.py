"""Date helpers that know the project's time zone."""

import calendar
from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in Asia/Jakarta (the project's TIME_ZONE), not UTC."""
    return timezone.localdate()


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
