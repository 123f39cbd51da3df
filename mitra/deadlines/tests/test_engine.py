"""The deadline engine: versioned rules, the version in force on a day, kinds and directions."""

from datetime import date

import pytest

from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.engine import due_date, rule_in_force
from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.reference import DEFAULT_RULES, load_default_rules

pytestmark = pytest.mark.django_db


def test_the_migrations_made_every_default_rule_and_loading_adds_nothing():
    for code, _name, kind, amount, direction, *_rest in DEFAULT_RULES:
        rule = DeadlineRule.objects.get(code=code, version=1)
        assert (rule.kind, rule.amount, rule.direction) == (kind, amount, direction), code
        assert rule.legal_basis, code
    assert load_default_rules() == 0


def test_defaults_load_once_into_an_empty_table_and_mark_the_uncertain():
    DeadlineRule.objects.all().delete()
    assert load_default_rules() == len(DEFAULT_RULES)
    assert load_default_rules() == 0
    assert DeadlineRule.objects.filter(uncertain=True).exists()
    warning = DeadlineRule.objects.get(code="sanction.written_warning")
    assert (warning.kind, warning.amount, warning.confidence) == ("working_days", 7, "B")
    codes = set(DeadlineRule.objects.values_list("code", flat=True))
    assert {
        "permit.extension_filing",
        "application.query_response",
        "review.member_opinion",
        "verification",
        "decision",
        "report.submission",
        "meeting.action_item",
        "permit.extension_window",
        "agreement.renewal_consultation",
    } <= codes
    verification = DeadlineRule.objects.get(code="verification")
    assert (verification.amount, verification.confidence) == (15, "C")  # domain.md §3.2 row 3


def test_builtin_defaults_answer_for_a_code_without_rows():
    DeadlineRule.objects.all().delete()
    assert due_date("permit.extension_filing", date(2027, 5, 31), on=date(2026, 1, 1)) == date(
        2027, 2, 28
    )  # 3 months before, clamped to the month's end


def test_working_days_after():
    # Query sent Thursday 27 March 2025: 15 working days across Lebaran.
    assert due_date("application.query_response", date(2025, 3, 27), on=date(2025, 3, 27)) == (
        date(2025, 4, 29)
    )


def test_the_version_in_force_on_the_day_decides():
    load_default_rules()
    DeadlineRule.objects.create(
        code="review.member_opinion",
        version=2,
        name="Member opinion (new regulation)",
        kind=DeadlineRule.Kind.CALENDAR_DAYS,
        amount=30,
        direction=DeadlineRule.Direction.AFTER,
        anchor="application circulated",
        valid_from=date(2026, 7, 1),
        legal_basis="Test regulation",
    )
    anchor = date(2026, 6, 29)
    assert due_date("review.member_opinion", anchor, on=date(2026, 6, 30)) == date(2026, 7, 20)
    assert due_date("review.member_opinion", anchor, on=date(2026, 7, 1)) == date(2026, 7, 29)
    with freeze_today(date(2026, 8, 1)):
        assert rule_in_force("review.member_opinion").version == 2


def test_an_inactive_version_is_ignored():
    load_default_rules()
    rule = DeadlineRule.objects.get(code="decision")
    DeadlineRule.objects.create(
        code="decision",
        version=2,
        name="x",
        kind="calendar_days",
        amount=1,
        anchor="x",
        valid_from=date(2020, 1, 1),
        active=False,
    )
    assert rule_in_force("decision", date(2026, 1, 1)).pk == rule.pk


def test_no_rule_in_force_is_a_clear_error():
    load_default_rules()
    with pytest.raises(ApplicationError, match="sanction.written_warning"):
        due_date("sanction.written_warning", date(2010, 1, 4), on=date(2010, 1, 4))
    with pytest.raises(ApplicationError):
        due_date("no.such.rule", date(2026, 1, 5))
