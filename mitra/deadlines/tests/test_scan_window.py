"""The reminder job's window (issue 13 §7): providers given `start` skip in the database the
records whose deadlines all fall before it, and lose nothing they yield without it from that
day on (the registry's filter), so the daily scan reads a window, not all history."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from mitra.deadlines.registry import providers

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(db):
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("name", ["agreements", "monitoring", "permits"])
def test_a_provider_given_start_yields_exactly_the_deadlines_from_then(demo, name):
    provider = providers()[name]
    end = date(2027, 12, 31)
    everything = list(provider(start=None, end=end))
    assert everything, f"the demo has {name} deadlines"
    days = sorted({d.due for d in everything})
    # Every boundary: before all, on each deadline day and the day after it, after all.
    starts = {days[0] - timedelta(days=1), days[-1] + timedelta(days=1)}
    starts |= set(days) | {d + timedelta(days=1) for d in days}
    for start in sorted(starts):
        expected = sorted((d.key, d.due) for d in everything if d.due >= start)
        got = list(provider(start=start, end=end))
        # Nothing lost; what a provider still yields from before `start` (a record's other,
        # earlier deadline) the registry drops.
        assert sorted((d.key, d.due) for d in got if d.due >= start) == expected, start
        assert len(got) <= len(everything)
