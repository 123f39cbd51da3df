"""The one deadline engine: every legal period comes from a versioned `DeadlineRule`.

    due_date("review.member_opinion", anchor=circulated_on)            # version in force today
    due_date("review.member_opinion", anchor=circulated_on, on=day)    # version in force on `day`
    versions("permit.extension_filing").due(valid_until)                # in force on the anchor

Rules count calendar days, Indonesian working days (`calendar`) or months (clamped to the
month's end), before or after the anchor. Apps ask by code and never hard-code a period: an
operator who adds a version with a later `valid_from` changes what the workflow enforces and
what pages and feeds show, from that day on.

Which day's version applies: the day the count starts from (the anchor: a query sent, a permit's
start or end, a period's end), so a later change never moves a clock that is already running.

The versions of a rule are cached per process for CACHE_SECONDS (lists ask for thousands of
dates); saving or deleting a rule clears the cache (signals in apps.py).
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Lock

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mitra.core.dates import add_months, today
from mitra.core.exceptions import ApplicationError

from . import calendar
from .models import DeadlineRule

CACHE_SECONDS = 60
_cache: dict[str, tuple[float, "Versions"]] = {}
_lock = Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


@dataclass(frozen=True)
class Versions:
    """Every active version of one rule, oldest first: the version in force on any day, without
    a query per day."""

    code: str
    active: tuple[DeadlineRule, ...]
    known: bool  # the code has rows (active or not); if not, the shipped default answers

    def in_force(self, on: date) -> DeadlineRule:
        """The active version with the latest valid_from on or before `on` (ties: the higher
        version); a clear error when none is."""
        rule = next((v for v in reversed(self.active) if v.valid_from <= on), None)
        if rule is None and not self.known:
            rule = builtin_rule(self.code, on)
        if rule is None:
            raise ApplicationError(
                _("No deadline rule %(code)s is in force on %(day)s.")
                % {"code": self.code, "day": on.isoformat()}
            )
        return rule

    def due(self, anchor: date, on: date | None = None) -> date:
        """The due date counted from `anchor` by the version in force on `on` (default: the
        anchor itself)."""
        return apply_rule(self.in_force(on or anchor), anchor)

    def reach_days(self) -> int:
        """At least as many calendar days as any version moves a date: the margin of a database
        prefilter ("ends within the lead"), refined exactly in Python."""
        rules = list(self.active)
        if not self.known:
            rule = builtin_rule(self.code, date.max)
            rules = [rule] if rule is not None else []
        return max((span_days(rule) for rule in rules), default=0)


def versions(code: str) -> Versions:
    now = time.monotonic()
    with _lock:
        cached = _cache.get(code)
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1]
    rows = tuple(
        DeadlineRule.objects.filter(code=code, active=True).order_by("valid_from", "version")
    )
    known = bool(rows) or DeadlineRule.objects.filter(code=code).exists()
    found = Versions(code=code, active=rows, known=known)
    with _lock:
        _cache[code] = (now, found)
    return found


def rule_in_force(code: str, on: date | None = None) -> DeadlineRule:
    """The active version of `code` with the latest valid_from on or before `on` (default today)."""
    return versions(code).in_force(on or today())


def builtin_rule(code: str, on: date) -> DeadlineRule | None:
    """The shipped default (reference.DEFAULT_RULES) for a code that has no row in the database
    (a database emptied by hand, or a code added since the last migration), so due dates never
    silently disappear."""
    from .reference import default_rule

    rule = default_rule(code)
    return rule if rule is not None and rule.valid_from <= on else None


def apply_rule(rule: DeadlineRule, anchor: date) -> date:
    sign = -1 if rule.direction == DeadlineRule.Direction.BEFORE else 1
    if rule.kind == DeadlineRule.Kind.CALENDAR_DAYS:
        return anchor + timedelta(days=sign * rule.amount)
    if rule.kind == DeadlineRule.Kind.MONTHS:
        return add_months(anchor, sign * rule.amount)
    if sign > 0:
        return calendar.add_working_days(anchor, rule.amount)
    return calendar.subtract_working_days(anchor, rule.amount)


def due_date(rule_code: str, anchor: date, on: date | None = None) -> date:
    """The due date of `rule_code` counted from `anchor`, by the version in force on `on`.

    `on` defaults to today; pass the day the clock started (a query sent, a warning issued) so
    a later rule change does not move deadlines already running.
    """
    return apply_rule(rule_in_force(rule_code, on), anchor)


def span_days(rule: DeadlineRule) -> int:
    """An upper bound of how many calendar days `rule` moves a date (see Versions.reach_days):
    a month has at most 31 days; n working days never span more than 2n + 30 days (weekends
    and the longest Lebaran run of holidays and collective leave)."""
    if rule.kind == DeadlineRule.Kind.CALENDAR_DAYS:
        return rule.amount
    if rule.kind == DeadlineRule.Kind.MONTHS:
        return rule.amount * 31
    return rule.amount * 2 + 30


def period_text(rule: DeadlineRule) -> str:
    """The rule's period in words for pages and notices: "3 months", "15 working days"."""
    n = rule.amount
    if rule.kind == DeadlineRule.Kind.MONTHS:
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
    if rule.kind == DeadlineRule.Kind.WORKING_DAYS:
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    return ngettext("%(n)d calendar day", "%(n)d calendar days", n) % {"n": n}


def period_in_force(code: str, on: date | None = None) -> str:
    """`period_text` of the version of `code` in force on `on` (default today)."""
    return period_text(rule_in_force(code, on))
