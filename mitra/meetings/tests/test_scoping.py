"""Every branch of MeetingQuerySet.visible_to / editable_by, the 404 of meeting_get_for_user,
and the selectors the deadline engine and the agreement page read."""

from datetime import date

import pytest
from django.http import Http404

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.meetings import services
from mitra.meetings.models import Meeting
from mitra.meetings.permissions import meeting_is_editable_by
from mitra.meetings.selectors import (
    meeting_get_for_user,
    meetings_for_agreement,
    open_action_items_due,
)
from mitra.organizations.tests.factories import ForeignOrganizationFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def visible(user) -> set[int]:
    return set(Meeting.objects.visible_to(user).values_list("pk", flat=True))


def test_operator_sees_all(operator, kemendagri, kemenkes):
    a, b = make_meeting(kemendagri), make_meeting(kemenkes)
    assert visible(operator) == {a.pk, b.pk}
    assert set(Meeting.objects.editable_by(operator)) == {a, b}


def test_government_user_branches(officer, viewer, other_officer, kemendagri, kemenkes):
    organized = make_meeting(kemendagri)
    invited = make_meeting(kemenkes, title="invited")
    services.meeting_invite_body(
        meeting_id=invited.pk, body=kemendagri, actor=UserFactory(operator=True)
    )
    attending = make_meeting(kemenkes, title="attending")
    services.meeting_attendee_add(
        meeting_id=attending.pk, name="X", body=kemendagri, actor=UserFactory(operator=True)
    )
    shared = AgreementFactory(owner=kemendagri, active=True)
    via_agreement = make_meeting(kemenkes, title="via agreement", agreements=[shared])
    unrelated = make_meeting(kemenkes, title="unrelated")
    expected = {organized.pk, invited.pk, attending.pk, via_agreement.pk}
    assert visible(officer) == expected
    assert visible(viewer) == expected
    assert unrelated.pk in visible(other_officer)
    assert organized.pk not in visible(other_officer)
    # Only the organizer's agency edits.
    assert set(Meeting.objects.editable_by(officer)) == {organized}
    assert not Meeting.objects.editable_by(viewer).exists()
    assert meeting_is_editable_by(user=officer, meeting=organized)
    assert not meeting_is_editable_by(user=officer, meeting=invited)
    assert not meeting_is_editable_by(user=viewer, meeting=organized)


def test_org_representative_branches(kemendagri):
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    rep = UserFactory(org_representative=True, organization=ford)
    linked = make_meeting(kemendagri, organizations=[ford])
    attends = make_meeting(kemendagri, title="attends")
    services.meeting_attendee_add(
        meeting_id=attends.pk, title="Regional Director", organization=ford,
        actor=UserFactory(operator=True),
    )  # fmt: skip
    other = make_meeting(kemendagri, title="other")
    assert visible(rep) == {linked.pk, attends.pk}
    assert not Meeting.objects.editable_by(rep).exists()
    with pytest.raises(Http404):
        meeting_get_for_user(user=rep, pk=other.pk)


def test_nobody_else_sees_anything(kemendagri):
    make_meeting(kemendagri)
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    assert visible(UserFactory(officer=True, body=None)) == set()
    inactive = UserFactory(operator=True, is_active=False)
    assert visible(inactive) == set()


def test_get_for_user_is_404_outside_scope(officer, other_officer, kemendagri):
    meeting = make_meeting(kemendagri)
    assert meeting_get_for_user(user=officer, pk=meeting.pk) == meeting
    with pytest.raises(Http404):
        meeting_get_for_user(user=other_officer, pk=meeting.pk)


def test_open_action_items_due(officer, other_officer, kemendagri):
    operator = UserFactory(operator=True)
    meeting = make_meeting(kemendagri)
    due = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Due", owner_person="A", due_date=date(2024, 5, 1),
        actor=operator,
    )  # fmt: skip
    services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Later", owner_person="A", due_date=date(2025, 1, 1),
        actor=operator,
    )  # fmt: skip
    done = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Done", owner_person="A", due_date=date(2024, 4, 1),
        actor=operator,
    )  # fmt: skip
    services.meeting_action_item_set_status(action_item_id=done.pk, status="done", actor=operator)
    services.meeting_action_item_add(
        meeting_id=meeting.pk, text="No date", owner_person="A", actor=operator
    )
    assert list(open_action_items_due(viewer=officer, until=date(2024, 6, 1))) == [due]
    assert list(open_action_items_due(viewer=other_officer, until=date(2030, 1, 1))) == []


def test_meetings_for_agreement_marks_signings(officer, kemendagri, kemenkes):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    signing = make_meeting(kemendagri, kind="signing", agreements=[agreement])
    services.meeting_record_signing(meeting=signing, agreements=[agreement], actor=officer)
    discussed = make_meeting(kemendagri, title="discussed", agreements=[agreement])
    rows = meetings_for_agreement(agreement=agreement, viewer=officer)
    assert {m.pk: m.signed_here for m in rows} == {signing.pk: True, discussed.pk: False}
