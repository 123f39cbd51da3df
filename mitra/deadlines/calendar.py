"""Indonesian working days (hari kerja): Monday–Friday, minus public holidays (the `holidays`
package, pinned) and collective leave days (cuti bersama, `CollectiveLeaveDay`, kept by operators).

Both sets are cached per year in this process; saving or deleting a collective leave day clears
the cache (signals in apps.py), and the cache also expires after an hour so other processes
pick up admin edits. domain.md §5 N13.
"""

import time
from datetime import date, timedelta
from threading import Lock

import holidays

CACHE_SECONDS = 3600
_cache: dict[int, tuple[float, frozenset[date]]] = {}
_lock = Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _load_year(year: int) -> frozenset[date]:
    from .models import CollectiveLeaveDay

    public = holidays.country_holidays("ID", years=year)
    leave = CollectiveLeaveDay.objects.filter(date__year=year).values_list("date", flat=True)
    return frozenset(public) | frozenset(leave)


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

    name = holidays.country_holidays("ID", years=day.year).get(day)
    if name:
        return str(name)
    leave = CollectiveLeaveDay.objects.filter(date=day).first()
    return leave.name if leave else ""


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
