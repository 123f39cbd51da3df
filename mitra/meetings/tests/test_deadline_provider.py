"""Action item deadlines tell the truth: an open item is listed however long ago it fell due
(overdue after its date), a done or cancelled one is gone, and reopening brings it back."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.deadlines.registry import collect
from mitra.deadlines.selectors import HORIZON_DAYS, user_deadlines
from mitra.meetings import services
from mitra.meetings.deadline_providers import action_item_deadlines
from mitra.meetings.models import ActionItem

from .factories import make_meeting

pytestmark = pytest.mark.django_db
BASE = date(2026, 6, 15)
STATUSES = list(ActionItem.Status.values)


@pytest.fixture
def cast(kemendagri, officer, kemenkes, other_officer) -> SimpleNamespace:
    """A Kemendagri meeting Kemenkes was invited to (so Kemenkes sees its action items)."""
    meeting = make_meeting(kemendagri, officer)
    services.meeting_invite_body(meeting_id=meeting.pk, body=kemenkes, actor=officer)
    return SimpleNamespace(
        meeting=meeting, officer=officer, kemenkes=kemenkes, owner_officer=other_officer
    )


def key(item: ActionItem) -> str:
    return f"action_item:{item.pk}:due"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    due_offset=st.integers(-1500, HORIZON_DAYS),
    changes=st.lists(st.sampled_from(STATUSES), max_size=4),
    window=st.integers(0, 60),
)
def test_listed_exactly_while_open_and_overdue_after_its_date(cast, due_offset, changes, window):
    """`BASE` is the day the user looks; the item falls due `due_offset` days from it."""
    with transaction.atomic():
        due = BASE + timedelta(days=due_offset)
        item = services.meeting_action_item_add(
            meeting_id=cast.meeting.pk, text="Send the draft", owner_body=cast.kemenkes,
            due_date=due, actor=cast.officer,
        )  # fmt: skip
        for status in changes:
            services.meeting_action_item_set_status(
                action_item_id=item.pk, status=status, actor=cast.officer
            )
        unmet = (changes[-1] if changes else ActionItem.Status.OPEN) == ActionItem.Status.OPEN
        # The provider: no lower bound, whatever `start` says.
        provided = {
            d.key for d in action_item_deadlines(start=BASE, end=BASE + timedelta(days=window))
        }
        assert (key(item) in provided) == (unmet and due <= BASE + timedelta(days=window))
        # What the owner sees on "my deadlines" (and the dashboard and the feed) on BASE.
        mine = {d.key: d for d in user_deadlines(user=cast.owner_officer, on=BASE)}
        assert (key(item) in mine) == unmet
        if unmet:
            assert mine[key(item)].due == due
            assert (mine[key(item)].due < BASE) == (due_offset < 0)  # overdue after its date
            # Still there a thousand days after it fell due, until it is done.
            later = due + timedelta(days=1000)
            assert key(item) in {d.key for d in user_deadlines(user=cast.owner_officer, on=later)}
        transaction.set_rollback(True)


def test_done_takes_it_away_and_reopening_brings_it_back(cast):
    item = services.meeting_action_item_add(
        meeting_id=cast.meeting.pk, text="Send the draft", owner_body=cast.kemenkes,
        due_date=BASE - timedelta(days=400), actor=cast.officer,
    )  # fmt: skip

    def listed() -> bool:
        return key(item) in {d.key for d in collect(end=BASE)}

    assert listed()  # 400 days overdue, still listed
    services.meeting_action_item_set_status(
        action_item_id=item.pk, status="done", actor=cast.officer
    )
    assert not listed()
    services.meeting_action_item_set_status(
        action_item_id=item.pk, status="open", actor=cast.officer
    )
    assert listed()
    services.meeting_action_item_set_status(
        action_item_id=item.pk, status="cancelled", actor=cast.officer
    )
    assert not listed()


def test_items_without_a_due_date_are_no_deadline(cast):
    services.meeting_action_item_add(
        meeting_id=cast.meeting.pk, text="Someday", owner_body=cast.kemenkes, actor=cast.officer
    )
    assert list(action_item_deadlines(end=BASE + timedelta(days=10_000))) == []


def test_a_user_who_cannot_see_the_meeting_sees_no_deadline(cast):
    from mitra.accounts.tests.factories import UserFactory
    from mitra.bodies.tests.factories import GovernmentBodyFactory

    services.meeting_action_item_add(
        meeting_id=cast.meeting.pk, text="Send", owner_body=cast.kemenkes,
        due_date=BASE - timedelta(days=3), actor=cast.officer,
    )  # fmt: skip
    stranger = UserFactory(officer=True, body=GovernmentBodyFactory(key="kemenhan"))
    assert list(action_item_deadlines(end=BASE, user=stranger)) == []
    assert len(list(action_item_deadlines(end=BASE, user=cast.owner_officer))) == 1
