"""The dashboard's summary of action item deadlines (`action_item_deadline_summary`) equals the
provider's full list filtered by the viewer's concern and summarised (`registry.summarise`): the
organizer's agency, an owner body's agency (through one of its units, in a meeting it sees and
in one it does not), another agency, an organization and the operator, on edge days."""

from datetime import date, timedelta
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.deadlines.registry import Concern, summarise
from mitra.meetings import services
from mitra.meetings.deadline_providers import action_item_deadline_summary, action_item_deadlines
from mitra.meetings.models import ActionItem
from mitra.organizations.tests.factories import ForeignOrganizationFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 15)


def check(viewer: Any, on: date, end: date, first: int) -> set[str]:
    concern = Concern.of(viewer)
    assert concern is not None
    expected = summarise(
        (
            d
            for d in action_item_deadlines(end=end, user=viewer)
            if d.due <= end and concern.admits(d)
        ),
        on=on,
        first=first,
    )
    got = action_item_deadline_summary(on=on, end=end, user=viewer, concern=concern, first=first)
    assert (got.overdue, got.soon, got.total) == (expected.overdue, expected.soon, expected.total)
    assert [(d.key, d.due, d.agencies, d.title, d.url) for d in got.first] == [
        (d.key, d.due, d.agencies, d.title, d.url) for d in expected.first
    ]
    return {d.key for d in expected.first}


def test_the_summary_counts_what_each_viewer_is_told(
    kemendagri: Any, officer: Any, kemenkes: Any, other_officer: Any, operator: Any
) -> None:
    unit = GovernmentBodyFactory(key="kemenkes-unit", name="Biro Kerja Sama", parent=kemenkes)
    sub = GovernmentBodyFactory(key="kemenkes-sub", name="Bagian KLN", parent=unit)
    seen = make_meeting(kemendagri, officer)
    services.meeting_invite_body(meeting_id=seen.pk, body=kemenkes, actor=officer)
    unseen = make_meeting(kemendagri, officer, title="Rapat internal")
    third = GovernmentBodyFactory(key="bappenas", name="Bappenas")
    third_officer = UserFactory(officer=True, body=third)
    org = ForeignOrganizationFactory()
    rep = UserFactory(org_representative=True, organization=org)
    offsets = (-400, -1, 0, 1, 29, 30, 31, 200)
    items = []
    for i, offset in enumerate(offsets):
        for meeting, owner in ((seen, sub), (unseen, unit), (seen, None), (unseen, kemendagri)):
            items.append(
                services.meeting_action_item_add(
                    meeting_id=meeting.pk,
                    text=f"Action {i}",
                    owner_body=owner,
                    owner_person="Pak Budi",
                    due_date=ON + timedelta(days=offset),
                    actor=officer,
                )  # fmt: skip
            )
    done = items[0]
    services.meeting_action_item_set_status(
        action_item_id=done.pk, status=ActionItem.Status.DONE, actor=officer
    )
    viewers = [operator, officer, other_officer, third_officer, rep]
    told: dict[str, set[str]] = {}
    for on in (ON - timedelta(days=1), ON, ON + timedelta(days=1), ON + timedelta(days=30)):
        for end in (on, on + timedelta(days=30), on + timedelta(days=366)):
            for viewer in viewers:
                for first in (0, 1, 3, 99):
                    keys = check(viewer, on, end, first)
                    if first == 99:
                        told.setdefault(viewer.username, set()).update(keys)
    key = "action_item:{}:due".format
    # The scene is mixed: Kemenkes is told of the items its units own in the meeting it sees,
    # not of those in the meeting it does not see; Bappenas and the organization of none.
    assert key(items[4].pk) in told[other_officer.username]  # `seen`, owned by `sub`
    assert key(items[5].pk) not in told[other_officer.username]  # `unseen`, owned by `unit`
    assert key(items[5].pk) in told[officer.username]
    assert key(done.pk) not in told[operator.username]
    assert told[third_officer.username] == set() == told[rep.username]
    assert told[operator.username] >= told[officer.username] | told[other_officer.username]
