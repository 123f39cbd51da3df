"""Indonesian working days: weekends, public holidays (holidays package), cuti bersama."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mitra.deadlines import calendar
from mitra.deadlines.models import CollectiveLeaveDay

pytestmark = pytest.mark.django_db


def test_n_zero_is_the_start_and_negative_is_refused():
    assert calendar.add_working_days(date(2025, 3, 29), 0) == date(2025, 3, 29)
    with pytest.raises(ValueError, match="zero or more"):
        calendar.add_working_days(date(2025, 3, 29), -1)


def test_weekends_are_skipped_and_the_start_is_not_counted():
    friday = date(2025, 1, 10)
    assert calendar.add_working_days(friday, 1) == date(2025, 1, 13)
    assert calendar.working_days_between(friday, date(2025, 1, 13)) == 1


def test_lebaran_2025_public_holidays_only(db):
    # Idul Fitri 31 Mar and 1 Apr 2025 are public holidays; without cuti bersama loaded,
    # 28 Mar (Fri) and 2 Apr (Wed) are working days.
    assert not calendar.is_working_day(date(2025, 3, 31))
    assert not calendar.is_working_day(date(2025, 4, 1))
    assert calendar.add_working_days(date(2025, 3, 27), 1) == date(2025, 3, 28)
    assert calendar.add_working_days(date(2025, 3, 28), 1) == date(2025, 4, 2)


def test_lebaran_2025_with_cuti_bersama(leave_days):
    # 28 Mar cuti (Nyepi), 29–30 weekend, 31 Mar–1 Apr Idul Fitri, 2–4 Apr cuti, 5–6 weekend,
    # 7 Apr cuti: the first working day after 27 Mar is Tuesday 8 April.
    assert leave_days == 29
    assert calendar.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)
    assert calendar.working_days_between(date(2025, 3, 27), date(2025, 4, 8)) == 1
    # 15 working days from the Monday before Lebaran.
    assert calendar.add_working_days(date(2025, 3, 24), 15) == date(
        2025, 4, 24
    )  # Good Friday 18 Apr


def test_lebaran_2026_with_cuti_bersama(leave_days):
    # 18 Mar cuti (Nyepi), 19 Mar Nyepi, 20 Mar cuti, 21–22 Mar Idul Fitri (weekend),
    # 23–24 Mar cuti: the working day after Tuesday 17 March is Wednesday 25 March.
    for day in (18, 19, 20, 21, 22, 23, 24):
        assert not calendar.is_working_day(date(2026, 3, day)), day
    assert calendar.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert calendar.working_days_between(date(2026, 3, 17), date(2026, 3, 25)) == 1
    assert calendar.working_days_between(date(2026, 3, 25), date(2026, 3, 17)) == -1


def test_year_end_christmas_and_cuti_bersama(leave_days):
    # 25 Dec 2025 Christmas, 26 Dec cuti, weekend, then Monday 29 Dec; 1 Jan 2026 holiday.
    assert calendar.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert calendar.subtract_working_days(date(2025, 12, 29), 1) == date(2025, 12, 24)


def test_an_operator_added_leave_day_counts_at_once(db):
    day = date(2027, 6, 14)  # a Monday
    assert calendar.is_working_day(day)
    CollectiveLeaveDay.objects.create(date=day, name="Cuti bersama (test)")
    assert not calendar.is_working_day(day)
    CollectiveLeaveDay.objects.filter(date=day).delete()  # bulk delete: no signal
    calendar.clear_cache()
    assert calendar.is_working_day(day)


def test_loading_leave_days_is_idempotent_and_keeps_edits(leave_days):
    CollectiveLeaveDay.objects.filter(date=date(2025, 8, 18)).update(name="Edited")
    from mitra.deadlines.reference import load_collective_leave_days

    assert load_collective_leave_days() == 0
    assert CollectiveLeaveDay.objects.get(date=date(2025, 8, 18)).name == "Edited"


def test_the_year_is_cached(django_assert_num_queries, leave_days):
    calendar.clear_cache()
    with django_assert_num_queries(1):
        for offset in range(60):
            calendar.is_working_day(date(2026, 3, 1) + timedelta(days=offset))


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2023, 12, 1), max_value=date(2026, 12, 31)),
    n=st.integers(min_value=0, max_value=40),
)
def test_add_and_between_agree_across_holidays_and_year_ends(start, n):
    end = calendar.add_working_days(start, n)
    assert end >= start
    assert calendar.working_days_between(start, end) == n
    if n > 0:
        assert calendar.is_working_day(end)
        assert (end - start).days >= n
