"""Indonesian working days: weekends, public holidays and collective leave (cuti bersama) from
the holidays package, and the overrides operators add for decrees the package does not know."""

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


def test_the_package_gives_public_holidays_and_collective_leave():
    # Idul Fitri 31 Mar and 1 Apr 2025 are public holidays; 2–4 and 7 Apr are cuti bersama
    # (SKB 3 Menteri), in the package's "government" category: none is a working day.
    days = calendar.package_days_off(2025)
    assert "Idul Fitri" in days[date(2025, 3, 31)]
    assert days[date(2025, 4, 2)].startswith("Cuti Bersama")
    for day in (date(2025, 3, 31), date(2025, 4, 1), date(2025, 4, 2), date(2025, 4, 7)):
        assert not calendar.is_working_day(day), day
    assert not CollectiveLeaveDay.objects.exists()  # nothing typed in by hand


def test_lebaran_2025_with_cuti_bersama():
    # 28 Mar cuti (Nyepi), 29–30 weekend, 31 Mar–1 Apr Idul Fitri, 2–4 Apr cuti, 5–6 weekend,
    # 7 Apr cuti: the first working day after 27 Mar is Tuesday 8 April.
    assert calendar.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)
    assert calendar.working_days_between(date(2025, 3, 27), date(2025, 4, 8)) == 1
    # 15 working days from the Monday before Lebaran.
    assert calendar.add_working_days(date(2025, 3, 24), 15) == date(
        2025, 4, 24
    )  # Good Friday 18 Apr


def test_lebaran_2026_with_cuti_bersama():
    # 18 Mar cuti (Nyepi), 19 Mar Nyepi, 20 Mar cuti, 21–22 Mar Idul Fitri (weekend),
    # 23–24 Mar cuti: the working day after Tuesday 17 March is Wednesday 25 March.
    for day in (18, 19, 20, 21, 22, 23, 24):
        assert not calendar.is_working_day(date(2026, 3, day)), day
    assert calendar.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert calendar.working_days_between(date(2026, 3, 17), date(2026, 3, 25)) == 1
    assert calendar.working_days_between(date(2026, 3, 25), date(2026, 3, 17)) == -1


def test_2027_collective_leave_comes_from_the_package():
    # The hand-typed list ended in 2026; the package knows the 2027 decree: Lebaran 2027 with
    # cuti bersama on 9, 12 and 15 March (10–11 March Idul Fitri).
    for day in (9, 10, 11, 12, 15):
        assert not calendar.is_working_day(date(2027, 3, day)), day
    assert calendar.add_working_days(date(2027, 3, 8), 1) == date(2027, 3, 16)


def test_year_end_christmas_and_cuti_bersama():
    # 25 Dec 2025 Christmas, 26 Dec cuti, weekend, then Monday 29 Dec; 1 Jan 2026 holiday.
    assert calendar.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert calendar.subtract_working_days(date(2025, 12, 29), 1) == date(2025, 12, 24)


def test_an_operator_added_leave_day_counts_at_once():
    day = date(2028, 6, 14)  # a Wednesday the package lists as nothing
    assert calendar.is_working_day(day)
    CollectiveLeaveDay.objects.create(date=day, name="Cuti bersama (test)")
    assert not calendar.is_working_day(day)
    assert calendar.holiday_name(day) == "Cuti bersama (test)"
    CollectiveLeaveDay.objects.filter(date=day).delete()  # bulk delete: no signal
    calendar.clear_cache()
    assert calendar.is_working_day(day)


def test_an_operator_cancels_a_day_the_package_lists():
    # Suppose a later decree cancels the 24 December 2026 cuti bersama: a working day again.
    day = date(2026, 12, 24)
    assert not calendar.is_working_day(day)
    CollectiveLeaveDay.objects.create(date=day, name="Cancelled (test)", day_off=False)
    assert calendar.is_working_day(day)
    assert calendar.holiday_name(day) == ""
    assert calendar.add_working_days(date(2026, 12, 23), 1) == day


def test_the_year_is_cached(django_assert_num_queries):
    calendar.clear_cache()
    with django_assert_num_queries(1):  # the year's overrides; the package needs no query
        for offset in range(60):
            calendar.is_working_day(date(2026, 3, 1) + timedelta(days=offset))


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2023, 12, 1), max_value=date(2027, 12, 31)),
    n=st.integers(min_value=0, max_value=40),
)
def test_add_and_between_agree_across_holidays_and_year_ends(start, n):
    end = calendar.add_working_days(start, n)
    assert end >= start
    assert calendar.working_days_between(start, end) == n
    if n > 0:
        assert calendar.is_working_day(end)
        assert (end - start).days >= n
