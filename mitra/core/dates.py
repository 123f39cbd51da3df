"""Date helpers that know the project's time zone."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone


def today() -> date:
    """Today in Asia/Jakarta (the project's TIME_ZONE), not UTC."""
    return timezone.localdate()


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, clamped to the month's last day
    (dateutil's relativedelta: 31 January + 1 month is 28 or 29 February)."""
    return day + relativedelta(months=months)
