"""Issue 11 §4: the renewal lead is the deadline rule `agreement.renewal_consultation` (no
setting). An operator's new version moves the renewal window everywhere: the dashboard's
renewals to prepare, the agreement page, "My deadlines", the calendar feed and the notice the
reminder job sends when the window opens."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements import selectors
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.services import reminders_send
from mitra.deadlines.tests.helpers import feed_due, new_version, page_due
from mitra.notifications.models import Notice

pytestmark = pytest.mark.django_db
DAY = date(2026, 9, 7)


def test_an_edit_of_the_renewal_rule_moves_the_window(client, officer, kemendagri):
    msp = AgreementFactory(
        owner=kemendagri, active=True, start_date=date(2024, 4, 4), end_date=date(2027, 4, 3)
    )
    key = f"agreement:{msp.pk}:renewal_window"
    with freeze_today(DAY):
        # Version 1: six months before the end, 3 October 2026.
        assert msp.renewal_window_start == date(2026, 10, 3)
        assert page_due(client, officer, key) == feed_due(client, officer, key) == date(2026, 10, 3)
        assert list(selectors.agreements_to_renew(viewer=officer)) == []
        reminders_send(on=DAY)
        assert not Notice.objects.filter(event="deadlines.window_opened").exists()

        new_version("agreement.renewal_consultation", 7, date(2026, 1, 1))
        msp.refresh_from_db()
        assert msp.renewal_window_start == date(2026, 9, 3)
        assert msp.in_renewal_window(DAY)
        assert page_due(client, officer, key) == feed_due(client, officer, key) == date(2026, 9, 3)
        assert list(selectors.agreements_to_renew(viewer=officer)) == [msp]
        client.force_login(officer)
        home = client.get(reverse("dashboard:home")).content.decode()
        assert "Renewals to prepare (ending within 7 months)" in home
        detail = client.get(reverse("agreements:detail", args=[msp.pk])).content.decode()
        assert "Prepare renewal" in detail
        reminders_send(on=DAY)
    opened = Notice.objects.filter(event="deadlines.window_opened", user=officer)
    assert opened.count() == 1


def test_the_version_in_force_on_the_end_date_applies(officer, kemendagri):
    new_version("agreement.renewal_consultation", 9, date(2027, 4, 1))
    before = AgreementFactory(owner=kemendagri, active=True, end_date=date(2027, 3, 31))
    after = AgreementFactory(owner=kemendagri, active=True, end_date=date(2027, 4, 3))
    assert before.renewal_window_start == date(2026, 9, 30)  # six months
    assert after.renewal_window_start == date(2026, 7, 3)  # nine months
    with freeze_today(date(2026, 8, 1)):
        assert list(selectors.agreements_to_renew(viewer=officer)) == [after]


def test_walking_the_end_date_index_gives_the_same_renewals(
    officer, other_officer, operator, kemendagri, kemenkes
):
    """`walk_index` (the dashboard of an agency with thousands of own agreements) probes each
    row's own access row: the same agreements, for the owner, another agency and an operator."""
    ends = [date(2027, 1, 10), date(2027, 2, 28), date(2027, 3, 1), date(2027, 12, 1)]
    mine = [AgreementFactory(owner=kemendagri, active=True, end_date=end) for end in ends]
    theirs = [AgreementFactory(owner=kemenkes, active=True, end_date=end) for end in ends[:2]]
    with freeze_today(date(2026, 9, 1)):
        for viewer in (officer, other_officer, operator):
            plain = list(selectors.agreements_to_renew(viewer=viewer))
            walked = list(selectors.agreements_to_renew(viewer=viewer, walk_index=True))
            assert walked == plain
        assert list(selectors.agreements_to_renew(viewer=officer, walk_index=True)) == mine[:3]
        assert list(selectors.agreements_to_renew(viewer=other_officer, walk_index=True)) == theirs
