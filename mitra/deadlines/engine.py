"""The one deadline engine: every due date comes from a versioned `DeadlineRule`.

    due_date("review.member_opinion", anchor=circulated_on)            # version in force today
    due_date("review.member_opinion", anchor=circulated_on, on=day)    # version in force on `day`

Rules count calendar days, Indonesian working days (`calendar`) or months (clamped to the
month's end), before or after the anchor. Apps ask by code and never hard-code a period.
"""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from mitra.core.dates import add_months, today
from mitra.core.exceptions import ApplicationError

from . import calendar
from .models import DeadlineRule


def rule_in_force(code: str, on: date | None = None) -> DeadlineRule:
    """The active version of `code` with the latest valid_from on or before `on` (default today)."""
    on = on or today()
    rule = (
        DeadlineRule.objects.filter(code=code, active=True, valid_from__lte=on)
        .order_by("-valid_from", "-version")
        .first()
    )
    if rule is None and not DeadlineRule.objects.filter(code=code).exists():
        rule = builtin_rule(code, on)
    if rule is None:
        raise ApplicationError(
            _("No deadline rule %(code)s is in force on %(day)s.")
            % {"code": code, "day": on.isoformat()}
        )
    return rule


def builtin_rule(code: str, on: date) -> DeadlineRule | None:
    """The shipped default (reference.DEFAULT_RULES) for a code that has no row in the database
    yet (before `load_reference` ran), so due dates never silently disappear."""
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
