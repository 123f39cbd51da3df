"""Indonesian working days (hari kerja): Monday–Friday, minus the days government offices close.

Those come from the `holidays` package (pinned), Indonesia's public holidays and its
"government" category, the collective leave days (cuti bersama) of the joint ministerial decrees
(SKB 3 Menteri), for every year the package knows. The `CollectiveLeaveDay` table holds only the
overrides operators enter when a decree comes after the package's release: a day added (a new
cuti bersama) or a listed day cancelled (`day_off` unticked). domain.md §5 N13.

Each year's set is cached in this process; saving or deleting an override clears the cache
(signals in apps.py), and the cache also expires after an hour so other processes pick up admin
edits.
"""

import time
from datetime import date, timedelta
from threading import Lock

import holidays
from holidays.constants import GOVERNMENT, PUBLIC

CACHE_SECONDS = 3600
# Public holidays and the collective leave days of civil servants (the package's "government"
# category): government offices are closed on both.
CATEGORIES = (PUBLIC, GOVERNMENT)
_cache: dict[int, tuple[float, frozenset[date]]] = {}
_lock = Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def package_days_off(year: int) -> dict[date, str]:
    """The package's public holidays and collective leave days of `year`, with their names."""
    found = holidays.country_holidays("ID", years=year, categories=CATEGORIES)
    return {day: str(name) for day, name in found.items()}


def _load_year(year: int) -> frozenset[date]:
    from .models import CollectiveLeaveDay

    days = set(package_days_off(year))
    overrides = CollectiveLeaveDay.objects.filter(date__year=year).values_list("date", "day_off")
    for day, day_off in overrides:
        if day_off:
            days.add(day)
        else:
            days.discard(day)
    return frozenset(days)


def days_off(year: int) -> frozenset[date]:
    """Public holidays and collective leave days of `year` (weekends not included)."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get(year)
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1]
    loaded = _load_year(year)
    with _lock:
        _cache[year] = (now, loaded)
    return loaded


def holiday_name(day: date) -> str:
    """The public holiday's or collective leave day's name, or "" (for agenda pages)."""
    from .models import CollectiveLeaveDay

    override = CollectiveLeaveDay.objects.filter(date=day).first()
    if override is not None:
        return override.name if override.day_off else ""
    return package_days_off(day.year).get(day, "")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: date, n: int) -> date:
    """The `n`-th working day after `start` (start itself is not counted); n=0 gives `start`."""
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def subtract_working_days(start: date, n: int) -> date:
    """The `n`-th working day before `start` (start itself is not counted)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    while n > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (so add_working_days(a, n) = b gives n).

    Negative when `b` is before `a`.
    """
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
