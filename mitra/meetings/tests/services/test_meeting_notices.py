"""Meeting notices: who is told of an invitation, approved minutes and action items (and who is
not), the invitation email with its ICS file, never twice, and action item reminders."""

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.registry import collect
from mitra.deadlines.services import reminders_send
from mitra.meetings import services
from mitra.meetings.models import Attendee
from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients
from mitra.organizations.tests.factories import ForeignOrganizationFactory

from ..factories import jakarta, make_meeting, meeting_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(kemendagri, fasker, officer, viewer, kemenkes, other_officer) -> SimpleNamespace:
    """Kemendagri organizes (its officer acts); Kemenkes with a unit, Kemlu with a unit and
    Kemenhan are around; Ford's representative reads English."""
    kemenkes_unit = GovernmentBodyFactory(
        key="kemenkes-biro-kln", name="Biro KLN", kind=GovernmentBody.Kind.UNIT, parent=kemenkes
    )
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")
    kemlu_unit = GovernmentBodyFactory(
        key="kemlu-dit-sosbud", name="Dit. Sosbud", kind=GovernmentBody.Kind.UNIT, parent=kemlu
    )
    kemenhan = GovernmentBodyFactory(key="kemenhan", name="Kementerian Pertahanan")
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    rep = UserFactory(
        username="ford", org_representative=True, organization=ford, preferred_language="en"
    )
    return SimpleNamespace(
        kemendagri=kemendagri,
        fasker=fasker,
        officer=officer,
        viewer=viewer,
        kemenkes=kemenkes,
        kemenkes_officer=other_officer,
        kemenkes_unit=kemenkes_unit,
        kemenkes_unit_officer=UserFactory(
            username="kemenkes_kln", officer=True, body=kemenkes_unit
        ),
        kemenkes_retired=UserFactory(
            username="kemenkes_old", officer=True, body=kemenkes, is_active=False
        ),
        kemlu=kemlu,
        kemlu_officer=UserFactory(username="kemlu", officer=True, body=kemlu),
        kemlu_unit_viewer=UserFactory(username="kemlu_sosbud", viewer=True, body=kemlu_unit),
        kemlu_unit=kemlu_unit,
        kemenhan_officer=UserFactory(username="kemenhan", officer=True, body=kemenhan),
        ford=ford,
        rep=rep,
        operator=UserFactory(username="ops", operator=True),
    )


def invited_meeting(c: SimpleNamespace, **overrides: Any) -> Any:
    """A December meeting (month names differ between the languages) with its invitees."""
    overrides.setdefault("starts_at", jakarta(2026, 12, 10))
    meeting = make_meeting(c.kemendagri, c.officer, title="Rapat koordinasi MSP", **overrides)
    services.meeting_invite_body(
        meeting_id=meeting.pk, body=c.kemenkes, email="kln@kemkes.go.id", actor=c.officer
    )
    services.meeting_invite_body(meeting_id=meeting.pk, body=c.kemlu_unit, actor=c.officer)
    services.meeting_invite_body(
        meeting_id=meeting.pk, description="Pemerintah provinsi", email="pemprov@example.id",
        actor=c.officer,
    )  # fmt: skip
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Rep", organization=c.ford, email=c.rep.email.upper(),
        actor=c.officer,
    )  # fmt: skip
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Tara", email="tara@setneg.go.id", actor=c.officer
    )
    # An attendee row carrying the address of a Kemenhan account, with no affiliation that
    # lets Kemenhan see the meeting: the account is not told (the address gets the email).
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Guest", email=c.kemenhan_officer.email, actor=c.officer
    )
    return meeting


# --- the invitation ----------------------------------------------------------------------------


def test_invitation_recipients_are_the_invited_bodies_officials_and_attendees_with_accounts(cast):
    c = cast
    meeting = invited_meeting(c)
    told = event_recipients("meetings.invitation", meeting)
    assert {u.username for u in told} == {
        "kemenkes",  # the invited body, with its units
        "kemenkes_kln",
        "kemlu_sosbud",  # the invited unit only, not the rest of Kemlu
        "ford",  # an attendee with an account who may see the meeting
    }
    for outsider in ("kemlu", "kemenhan", "kemendagri_viewer", "kemenkes_old", "ops"):
        assert outsider not in {u.username for u in told}


def test_sending_invitations_tells_each_in_their_language_and_emails_the_ics(
    cast, django_capture_on_commit_callbacks
):
    c = cast
    meeting = invited_meeting(c)
    with django_capture_on_commit_callbacks(execute=True):
        recipients = services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    notices = Notice.objects.filter(event="meetings.invitation")
    assert {n.user.username for n in notices if n.user} == {
        "kemenkes", "kemenkes_kln", "kemlu_sosbud", "ford",
    }  # fmt: skip
    # Addresses without an account; the representative's address is not told twice, the
    # Kemenhan account's address (an attendee row) is reached as an address only.
    assert {n.address for n in notices if n.user is None} == {
        "kln@kemkes.go.id", "pemprov@example.id", "tara@setneg.go.id", c.kemenhan_officer.email,
    }  # fmt: skip
    assert not notices.filter(user=c.officer).exists()  # the actor is not told of their own act
    assert len(recipients) == notices.count() == 8
    by_user = {n.user.username: n for n in notices if n.user}
    assert by_user["ford"].title == "Invitation: Rapat koordinasi MSP (10 December 2026)"
    assert by_user["kemenkes"].title == "Undangan: Rapat koordinasi MSP (10 Desember 2026)"
    assert by_user["kemenkes"].url == f"/id/meetings/{meeting.pk}/"
    assert "invitation.ics" in by_user["kemenkes"].body
    # Every email, to an account or a bare address, carries the calendar file.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [u.email for u in (c.kemenkes_officer, c.kemenkes_unit_officer, c.kemlu_unit_viewer, c.rep)]
        + ["kln@kemkes.go.id", "pemprov@example.id", "tara@setneg.go.id", c.kemenhan_officer.email]
    )
    for message in mail.outbox:
        [(name, content, mimetype)] = message.attachments
        assert name == "invitation.ics"
        assert mimetype.startswith("text/calendar")
        assert f"UID:meeting-{meeting.pk}@mitra" in content
        assert "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:tara@setneg.go.id" in content
    [event] = AuditEvent.objects.filter(event="meeting.invitations_sent")
    assert sorted(event.data["recipients"]) == sorted(recipients)


def test_a_second_send_tells_nobody_twice_and_a_moved_meeting_is_invited_again(
    cast, django_capture_on_commit_callbacks
):
    c = cast
    meeting = invited_meeting(c)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    sent, audits = len(mail.outbox), AuditEvent.objects.filter(event="meeting.invitations_sent")
    # A double click: refused, nothing written, nothing sent.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    assert Notice.objects.count() == len(first)
    assert len(mail.outbox) == sent
    assert audits.count() == 1
    # Someone invited later gets the invitation alone.
    kemenkeu = GovernmentBodyFactory(key="kemenkeu", name="Kementerian Keuangan")
    newcomer = UserFactory(username="kemenkeu", officer=True, body=kemenkeu)
    services.meeting_invite_body(meeting_id=meeting.pk, body=kemenkeu, actor=c.officer)
    with django_capture_on_commit_callbacks(execute=True):
        added = services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    assert added == [newcomer.email]
    assert mail.outbox[-1].to == [newcomer.email]
    # Moved to another day: everyone is invited again, once.
    services.meeting_update(
        meeting_id=meeting.pk,
        data=meeting_input(
            c.kemendagri, title="Rapat koordinasi MSP", starts_at=jakarta(2026, 12, 11)
        ),
        actor=c.officer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    assert len(again) == len(first) + 1
    assert Notice.objects.filter(user=c.kemenkes_officer, event="meetings.invitation").count() == 2
    assert "11 Desember 2026" in Notice.objects.filter(user=c.kemenkes_officer).first().title
    assert audits.count() == 3


def test_invitations_are_refused_for_a_meeting_no_longer_planned(cast):
    c = cast
    meeting = invited_meeting(c)
    services.meeting_transition(
        meeting_id=meeting.pk, transition="cancel", actor=c.officer, reason="Off."
    )
    with pytest.raises(ApplicationError):
        services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer)
    assert not Notice.objects.exists()
    assert not AuditEvent.objects.filter(event="meeting.invitations_sent").exists()


def test_an_invited_body_without_an_address_is_told_through_its_officials(cast):
    c = cast
    meeting = make_meeting(c.kemendagri, c.officer)
    services.meeting_invite_body(meeting_id=meeting.pk, body=c.kemlu_unit, actor=c.officer)
    assert services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer) == [
        c.kemlu_unit_viewer.email
    ]


# --- minutes and action items ------------------------------------------------------------------


def test_approved_minutes_tell_the_invited_and_attending_bodies(cast):
    c = cast
    meeting = make_meeting(c.kemendagri, c.officer)  # 4 April 2024
    services.meeting_invite_body(meeting_id=meeting.pk, body=c.kemlu_unit, actor=c.officer)
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Analis", body=c.kemenkes_unit, actor=c.officer
    )
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Rep", organization=c.ford, email=c.rep.email, actor=c.officer
    )
    assert {u.username for u in event_recipients("meetings.minutes_approved", meeting)} == {
        "kemlu_sosbud", "kemenkes_kln", "ford",
    }  # fmt: skip
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=c.officer)
    services.meeting_minutes_add(meeting_id=meeting.pk, text="Agreed.", actor=c.officer)
    services.meeting_transition(
        meeting_id=meeting.pk, transition="circulate_minutes", actor=c.officer
    )
    assert not Notice.objects.exists()  # circulating tells nobody yet
    services.meeting_transition(
        meeting_id=meeting.pk, transition="approve_minutes", actor=c.officer
    )
    notices = Notice.objects.filter(event="meetings.minutes_approved")
    assert {n.user.username for n in notices} == {"kemlu_sosbud", "kemenkes_kln", "ford"}
    english = notices.get(user=c.rep)
    assert english.title == "Minutes approved: Rapat koordinasi (4 April 2024)"
    assert "Version 1 of the minutes was approved." in english.body
    assert english.url == f"/en/meetings/{meeting.pk}/#minutes-heading"


def test_an_assigned_action_item_tells_the_responsible_body(cast):
    c = cast
    meeting = make_meeting(c.kemendagri, c.officer)
    item = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Send the draft MSP", owner_body=c.kemenkes_unit,
        due_date=date(2026, 12, 20), actor=c.officer,
    )  # fmt: skip
    assert [u.username for u in event_recipients("meetings.action_item_assigned", item)] == [
        "kemenkes_kln"
    ]
    [notice] = Notice.objects.filter(event="meetings.action_item_assigned")
    assert notice.user == c.kemenkes_unit_officer
    assert "Send the draft MSP" in notice.title
    assert "20 Desember 2026" in notice.body
    # An item owned by a person only tells nobody when it is added.
    services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Call Ford", owner_person="Pak Budi", actor=c.officer
    )
    assert Notice.objects.count() == 1


def test_action_item_reminders_go_to_the_responsible_body_until_it_is_done(
    cast, django_capture_on_commit_callbacks
):
    c = cast
    meeting = make_meeting(c.fasker, c.officer)  # organized by the Pusat Fasker unit
    services.meeting_invite_body(meeting_id=meeting.pk, body=c.kemenkes, actor=c.officer)
    due = date(2026, 12, 20)
    item = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Send the draft MSP", owner_body=c.kemenkes,
        due_date=due, actor=c.officer,
    )  # fmt: skip
    orphan = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Call Ford", owner_person="Pak Budi", due_date=due,
        actor=c.officer,
    )  # fmt: skip
    [deadline] = [d for d in collect(end=due) if d.record == item]
    assert (deadline.due_event, deadline.overdue_event) == (
        "meetings.action_item_due",
        "meetings.action_item_overdue",
    )
    # Without a responsible body, the organizing unit is reminded.
    assert [u.username for u in event_recipients("meetings.action_item_due", orphan)] == [
        "kemendagri"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=due - timedelta(days=7))
    reminded = Notice.objects.filter(event="meetings.action_item_due")
    assert {(n.user.username, n.target_id) for n in reminded} == {
        ("kemenkes", str(item.pk)),
        ("kemenkes_kln", str(item.pk)),
        ("kemendagri", str(orphan.pk)),
    }
    assert "20 Desember 2026" in reminded.get(user=c.kemenkes_officer).title
    assert not Notice.objects.filter(event="deadlines.reminder").exists()
    assert c.kemenkes_officer.email in {m.to[0] for m in mail.outbox}
    # Done: no overdue notice; still open: one.
    services.meeting_action_item_set_status(action_item_id=item.pk, status="done", actor=c.officer)
    reminders_send(on=due + timedelta(days=2))
    overdue = Notice.objects.filter(event="meetings.action_item_overdue")
    assert {(n.user.username, n.target_id) for n in overdue} == {("kemendagri", str(orphan.pk))}
    reminders_send(on=due + timedelta(days=3))
    assert overdue.count() == 1


def test_attendee_rows_without_an_account_are_addresses_only(cast):
    c = cast
    meeting = make_meeting(c.kemendagri, c.officer)
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Tara", email="tara@setneg.go.id", actor=c.officer
    )
    assert Attendee.objects.filter(meeting=meeting).count() == 1
    assert event_recipients("meetings.invitation", meeting) == []
    assert services.meeting_send_invitations(meeting_id=meeting.pk, actor=c.officer) == [
        "tara@setneg.go.id"
    ]


def test_an_invitation_queued_before_the_upgrade_still_leaves_once(
    cast, django_capture_on_commit_callbacks
):
    from mitra.meetings.tasks import deliver_meeting_invitations

    meeting = invited_meeting(cast)
    with django_capture_on_commit_callbacks(execute=True):
        sent = deliver_meeting_invitations.call(meeting_id=meeting.pk, recipients=["x@y.id"])
    # The addresses of the meeting as it stands, as the old task did; no account is told.
    assert sent == 5  # kln@, pemprov@, tara@, and the two attendee rows with accounts
    assert not Notice.objects.filter(user__isnull=False).exists()
    assert all(m.attachments[0][0] == "invitation.ics" for m in mail.outbox)
    assert deliver_meeting_invitations.call(meeting_id=meeting.pk, recipients=["x@y.id"]) == 0
