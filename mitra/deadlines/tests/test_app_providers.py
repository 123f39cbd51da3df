"""The licensing, reporting and meeting clocks reach the deadline engine (issue 3 §5)."""

from datetime import date

import pytest
from django.core.management import call_command

from mitra.accounts.models import User
from mitra.deadlines.registry import deadlines_for_user, providers

pytestmark = pytest.mark.django_db(transaction=False)


def test_every_app_registers_its_provider():
    assert {"permits", "monitoring", "meetings"} <= set(providers())


@pytest.fixture
def demo(db):
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)


def test_the_demo_deadlines_reach_the_people_concerned(demo):
    start, end = date(2026, 11, 29), date(2027, 12, 31)
    ford = User.objects.get(username="ford")
    keys = {
        d.key.split(":")[0] + ":" + d.key.split(":")[-1]
        for d in deadlines_for_user(start=start, end=end, user=ford)
    }
    # Ford's izin prinsip extension filing and expiry, and its reports, are its own clock.
    assert "permit:extension_filing" in keys
    assert "permit:expiry" in keys
    kemenkes = User.objects.get(username="kemenkes")
    theirs = deadlines_for_user(start=start, end=end, user=kemenkes)
    assert not any(ford.organization_id in d.organizations for d in theirs)
    kemendagri = User.objects.get(username="kemendagri")
    ours = {d.key for d in deadlines_for_user(start=start, end=end, user=kemendagri)}
    assert any(key.endswith(":extension_filing") for key in ours)
