"""Meeting services: validation of mode/venue, the FSM matrix, minutes versions, participants,
action items, the signing outcome and invitations."""

from datetime import date
from typing import Any

import pytest
from django.core import mail

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.audit.selectors import audit_history
from mitra.core.exceptions import ApplicationError
from mitra.meetings import services
from mitra.meetings.models import ActionItem, Attendee, InvitedBody, Meeting, MinutesVersion
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory

from ..factories import jakarta, make_meeting, meeting_input

pytestmark = pytest.mark.django_db


def events(target: Any) -> list[str]:
    return [e.event for e in audit_history(target=target)]


# --- create / update -------------------------------------------------------------------------


def test_create_stores_the_top_level_organizer_and_the_unit_and_audits(officer, fasker):
    meeting = services.meeting_create(data=meeting_input(fasker), actor=officer)
    assert meeting.organizer == fasker.parent
    assert meeting.organizer_unit == fasker
    assert meeting.organizer_agency == fasker.parent
    assert meeting.status == Meeting.Status.PLANNED
    assert events(meeting) == ["meeting.created"]


@pytest.mark.parametrize(
    ("mode", "venue", "platform", "link", "field"),
    [
        ("offline", "", "", "", "venue"),
        ("hybrid", "", "Zoom", "", "venue"),
        ("hybrid", "Gedung F", "", "", "online_platform"),
        ("online", "", "", "", "online_platform"),
        ("telepathy", "Gedung F", "Zoom", "", "mode"),
    ],
)
def test_mode_needs_its_venue_or_platform(officer, kemendagri, mode, venue, platform, link, field):
    data = meeting_input(
        kemendagri, mode=mode, venue=venue, online_platform=platform, online_link=link
    )
    with pytest.raises(ApplicationError) as error:
        services.meeting_create(data=data, actor=officer)
    assert field in error.value.extra
    assert Meeting.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("mode", "venue", "platform", "link"),
    [
        ("offline", "Gedung F", "", ""),
        ("online", "", "Zoom", ""),
        ("online", "", "", "https://zoom.us/j/1"),
        ("hybrid", "Gedung F", "", "https://zoom.us/j/1"),
    ],
)
def test_valid_modes(officer, kemendagri, mode, venue, platform, link):
    data = meeting_input(
        kemendagri, mode=mode, venue=venue, online_platform=platform, online_link=link
    )
    assert services.meeting_create(data=data, actor=officer).mode == mode


def test_end_before_start_is_refused(officer, kemendagri):
    data = meeting_input(kemendagri, ends_at=jakarta(2024, 4, 4, 8))
    with pytest.raises(ApplicationError) as error:
        services.meeting_create(data=data, actor=officer)
    assert "ends_at" in error.value.extra


def test_officer_of_another_agency_and_viewer_cannot_create(other_officer, viewer, kemendagri):
    for actor in (other_officer, viewer, None):
        with pytest.raises(ApplicationError):
            services.meeting_create(data=meeting_input(kemendagri), actor=actor)
    assert Meeting.objects.count() == 0


def test_update_audits_the_diff_and_keeps_signed_agreements(officer, kemendagri):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    meeting = make_meeting(kemendagri, officer, agreements=[agreement])
    services.meeting_record_signing(meeting=meeting, agreements=[agreement], actor=officer)
    services.meeting_update(
        meeting_id=meeting.pk, data=meeting_input(kemendagri, title="Renamed"), actor=officer
    )
    meeting.refresh_from_db()
    assert meeting.title == "Renamed"
    assert list(meeting.agreements.all()) == [agreement]
    update = AuditEvent.objects.filter(event="meeting.updated").get()
    assert update.data["new"] == {"title": "Renamed"}


def test_update_by_another_agency_is_refused(officer, other_officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):
        services.meeting_update(
            meeting_id=meeting.pk, data=meeting_input(kemendagri, title="X"), actor=other_officer
        )
    meeting.refresh_from_db()
    assert meeting.title == "Rapat koordinasi"


# --- the FSM matrix --------------------------------------------------------------------------

ALLOWED = {
    ("planned", "hold"): "held",
    ("planned", "cancel"): "cancelled",
    ("held", "circulate_minutes"): "minutes_circulated",
    ("minutes_circulated", "circulate_minutes"): "minutes_circulated",
    ("minutes_circulated", "approve_minutes"): "minutes_approved",
}
STATUSES = ["planned", "held", "minutes_circulated", "minutes_approved", "cancelled"]


def bring_to(meeting: Meeting, status: str, actor: Any) -> None:
    path = {
        "planned": [],
        "held": ["hold"],
        "minutes_circulated": ["hold", "minutes", "circulate_minutes"],
        "minutes_approved": ["hold", "minutes", "circulate_minutes", "approve_minutes"],
        "cancelled": ["cancel"],
    }[status]
    for step in path:
        if step == "minutes":
            services.meeting_minutes_add(meeting_id=meeting.pk, text="v", actor=actor)
        else:
            services.meeting_transition(
                meeting_id=meeting.pk, transition=step, actor=actor, reason="Because."
            )


@pytest.mark.parametrize("source", STATUSES)
@pytest.mark.parametrize("transition", list(services.TRANSITIONS))
def test_transition_matrix(officer, kemendagri, source, transition):
    meeting = make_meeting(kemendagri, officer)
    bring_to(meeting, source, officer)
    if source in ("held", "minutes_circulated") and transition == "circulate_minutes":
        services.meeting_minutes_add(meeting_id=meeting.pk, text="v2", actor=officer)
    before = AuditEvent.objects.count()
    expected = ALLOWED.get((source, transition))
    if expected is None:
        with pytest.raises(ApplicationError):
            services.meeting_transition(
                meeting_id=meeting.pk, transition=transition, actor=officer, reason="Because."
            )
        assert Meeting.objects.get(pk=meeting.pk).status == source
        assert AuditEvent.objects.count() == before
    else:
        services.meeting_transition(
            meeting_id=meeting.pk, transition=transition, actor=officer, reason="Because."
        )
        assert Meeting.objects.get(pk=meeting.pk).status == expected
        assert AuditEvent.objects.latest("id").event == services.TRANSITIONS[transition]


def test_a_future_meeting_cannot_be_held(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer, starts_at=jakarta(2999, 1, 1))
    with pytest.raises(ApplicationError):
        services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=officer)


def test_cancel_needs_a_reason(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):
        services.meeting_transition(meeting_id=meeting.pk, transition="cancel", actor=officer)
    services.meeting_transition(
        meeting_id=meeting.pk, transition="cancel", actor=officer, reason="Postponed."
    )
    meeting.refresh_from_db()
    assert meeting.cancelled_reason == "Postponed."


def test_unknown_transition_and_other_agency_are_refused(officer, other_officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):
        services.meeting_transition(meeting_id=meeting.pk, transition="delete", actor=officer)
    with pytest.raises(ApplicationError):
        services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=other_officer)
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


# --- minutes versions ------------------------------------------------------------------------


def test_minutes_versions_are_kept_circulated_and_approved(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):  # not held yet
        services.meeting_minutes_add(meeting_id=meeting.pk, text="Early", actor=officer)
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=officer)
    with pytest.raises(ApplicationError):  # nothing to circulate
        services.meeting_transition(
            meeting_id=meeting.pk, transition="circulate_minutes", actor=officer
        )
    v1 = services.meeting_minutes_add(meeting_id=meeting.pk, text="First draft", actor=officer)
    services.meeting_transition(
        meeting_id=meeting.pk, transition="circulate_minutes", actor=officer
    )
    with pytest.raises(ApplicationError):  # v1 circulated already
        services.meeting_transition(
            meeting_id=meeting.pk, transition="circulate_minutes", actor=officer
        )
    v2 = services.meeting_minutes_add(meeting_id=meeting.pk, text="Corrected", actor=officer)
    with pytest.raises(ApplicationError):  # v2 not circulated
        services.meeting_transition(
            meeting_id=meeting.pk, transition="approve_minutes", actor=officer
        )
    services.meeting_transition(
        meeting_id=meeting.pk, transition="circulate_minutes", actor=officer
    )
    services.meeting_transition(meeting_id=meeting.pk, transition="approve_minutes", actor=officer)
    versions = {v.number: v for v in MinutesVersion.objects.filter(meeting=meeting)}
    assert (v1.number, v2.number) == (1, 2)
    assert versions[1].text == "First draft"
    assert versions[1].circulated_at is not None
    assert versions[1].approved_at is None
    assert versions[2].text == "Corrected"
    assert versions[2].approved_at is not None
    with pytest.raises(ApplicationError):  # approved minutes are final
        services.meeting_minutes_add(meeting_id=meeting.pk, text="Late", actor=officer)
    assert events(meeting).count("meeting.minutes_written") == 2


def test_empty_minutes_are_refused(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=officer)
    with pytest.raises(ApplicationError):
        services.meeting_minutes_add(meeting_id=meeting.pk, text="  ", actor=officer)
    assert not MinutesVersion.objects.exists()


# --- participants ----------------------------------------------------------------------------


def test_invite_a_unit_stores_its_body_and_agency(officer, kemendagri, kemenkes):
    from mitra.bodies.models import GovernmentBody
    from mitra.bodies.tests.factories import GovernmentBodyFactory

    unit = GovernmentBodyFactory(
        key="kemenkes-biro", name="Biro KLN", kind=GovernmentBody.Kind.UNIT, parent=kemenkes
    )
    meeting = make_meeting(kemendagri, officer)
    invited = services.meeting_invite_body(meeting_id=meeting.pk, body=unit, actor=officer)
    assert (invited.body, invited.unit, invited.agency) == (kemenkes, unit, kemenkes)
    with pytest.raises(ApplicationError):
        services.meeting_invite_body(meeting_id=meeting.pk, body=unit, actor=officer)
    group = services.meeting_invite_body(
        meeting_id=meeting.pk, description="Pemerintah provinsi dan kota", actor=officer
    )
    assert group.body is None
    assert str(group) == "Pemerintah provinsi dan kota"
    with pytest.raises(ApplicationError):
        services.meeting_invite_body(meeting_id=meeting.pk, actor=officer)
    assert InvitedBody.objects.count() == 2
    assert events(meeting).count("meeting.body_invited") == 2


def test_attendee_with_capacities_and_attendance(officer, kemendagri, kemenkes):
    meeting = make_meeting(kemendagri, officer)
    attendee = services.meeting_attendee_add(
        meeting_id=meeting.pk,
        name="Pratiwi Riama Larosa",
        title="Analis Kebijakan",
        body=kemenkes,
        represents="TPOA\nWorking group on multilateral organizations",
        actor=officer,
    )
    assert attendee.represents == ["TPOA", "Working group on multilateral organizations"]
    assert attendee.agency == kemenkes
    services.meeting_attendance_record(
        meeting_id=meeting.pk, attended={attendee.pk: True}, actor=officer
    )
    assert Attendee.objects.get(pk=attendee.pk).attended is True
    count = AuditEvent.objects.count()
    services.meeting_attendance_record(  # unchanged: no event
        meeting_id=meeting.pk, attended={attendee.pk: True}, actor=officer
    )
    assert AuditEvent.objects.count() == count


def test_attendee_needs_a_name_and_one_affiliation(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    org = ForeignOrganizationFactory()
    with pytest.raises(ApplicationError):
        services.meeting_attendee_add(meeting_id=meeting.pk, actor=officer)
    with pytest.raises(ApplicationError):
        services.meeting_attendee_add(
            meeting_id=meeting.pk, name="X", body=kemendagri, organization=org, actor=officer
        )
    assert not Attendee.objects.exists()


# --- agenda, positions, decisions, action items ----------------------------------------------


def test_agenda_position_decision_action_item(officer, kemendagri, kemenkes):
    meeting = make_meeting(kemendagri, officer)
    item = services.meeting_agenda_item_add(meeting_id=meeting.pk, title="MSP", actor=officer)
    second = services.meeting_agenda_item_add(meeting_id=meeting.pk, title="RIK", actor=officer)
    assert (item.order, second.order) == (1, 2)
    position = services.meeting_position_record(
        meeting_id=meeting.pk, agenda_item_id=item.pk, body=kemenkes, stance="support",
        actor=officer,
    )  # fmt: skip
    assert position.agenda_item == item
    other = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):  # an agenda item of another meeting
        services.meeting_position_record(
            meeting_id=other.pk, agenda_item_id=item.pk, body=kemenkes, stance="support",
            actor=officer,
        )  # fmt: skip
    services.meeting_decision_add(meeting_id=meeting.pk, text="Agreed.", actor=officer)
    action = services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Send the text", owner_body=kemenkes,
        due_date=date(2024, 5, 1), actor=officer,
    )  # fmt: skip
    with pytest.raises(ApplicationError):  # no owner
        services.meeting_action_item_add(meeting_id=meeting.pk, text="Orphan", actor=officer)
    services.meeting_action_item_set_status(action_item_id=action.pk, status="done", actor=officer)
    assert ActionItem.objects.get(pk=action.pk).status == "done"
    assert set(events(meeting)) >= {
        "meeting.agenda_item_added",
        "meeting.position_recorded",
        "meeting.decision_recorded",
        "meeting.action_item_added",
        "meeting.action_item_status_changed",
    }


def test_a_cancelled_meeting_takes_no_more_changes(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    services.meeting_transition(
        meeting_id=meeting.pk, transition="cancel", actor=officer, reason="Off."
    )
    with pytest.raises(ApplicationError):
        services.meeting_agenda_item_add(meeting_id=meeting.pk, title="X", actor=officer)


# --- the signing outcome ---------------------------------------------------------------------


def test_signing_links_the_agreements_and_audits_each(officer, kemendagri):
    uclg = AgreementFactory(owner=kemendagri, active=True, title="UCLG 2024")
    ford = AgreementFactory(owner=kemendagri, active=True, title="Ford 2024")
    meeting = make_meeting(kemendagri, officer, kind=Meeting.Kind.SIGNING)
    done = services.meeting_record_signing(meeting=meeting, agreements=[uclg, ford], actor=officer)
    assert {a.pk for a in done} == {uclg.pk, ford.pk}
    assert set(meeting.signed_agreements.all()) == {uclg, ford}
    assert set(meeting.agreements.all()) == {uclg, ford}
    for agreement in (uclg, ford):
        event = audit_history(target=agreement)[0]
        assert event.event == "agreement.signed_at_meeting"
        assert event.data["meeting"] == meeting.pk
    assert "meeting.signing_recorded" in events(meeting)
    count = AuditEvent.objects.count()
    assert services.meeting_record_signing(meeting=meeting, agreements=[uclg], actor=officer) == []
    assert AuditEvent.objects.count() == count  # recorded once


def test_signing_signs_a_draft_that_has_its_signing_date(officer, kemendagri):
    draft = AgreementFactory(owner=kemendagri, signing_date=date(2024, 4, 4))
    # Its partner, an ormas asing, holds an izin prinsip over the draft's period (N3/N4).
    PermitFactory(
        organization=draft.parties.get(side="foreign").organization,
        valid_from=date(2024, 1, 10),
        valid_until=date(2027, 1, 9),
    )
    meeting = make_meeting(kemendagri, officer, kind=Meeting.Kind.SIGNING)
    services.meeting_record_signing(meeting=meeting, agreements=[draft], actor=officer)
    assert Agreement.objects.get(pk=draft.pk).status == Agreement.Status.SIGNED


def test_signing_at_a_meeting_obeys_n4(officer, kemendagri):
    draft = AgreementFactory(owner=kemendagri, signing_date=date(2024, 4, 4))
    meeting = make_meeting(kemendagri, officer, kind=Meeting.Kind.SIGNING)
    with pytest.raises(ApplicationError) as error:
        services.meeting_record_signing(meeting=meeting, agreements=[draft], actor=officer)
    assert "holds no izin prinsip" in error.value.extra["izin_prinsip"][0]
    assert Agreement.objects.get(pk=draft.pk).status == Agreement.Status.DRAFT
    assert not meeting.signed_agreements.exists()


def test_signing_an_agreement_of_another_agency_is_refused(officer, kemendagri, kemenkes):
    theirs = AgreementFactory(owner=kemenkes, active=True)
    meeting = make_meeting(kemendagri, officer, kind=Meeting.Kind.SIGNING)
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError):
        services.meeting_record_signing(meeting=meeting, agreements=[theirs], actor=officer)
    assert not meeting.signed_agreements.exists()
    assert AuditEvent.objects.count() == before


# --- invitations -----------------------------------------------------------------------------


def test_invitations_are_emailed_with_an_ics_after_commit(
    officer, kemendagri, kemenkes, django_capture_on_commit_callbacks
):
    meeting = make_meeting(kemendagri, officer, title="Rapat, koordinasi; MSP")
    services.meeting_invite_body(
        meeting_id=meeting.pk, body=kemenkes, email="kln@kemkes.go.id", actor=officer
    )
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Tara", email="tara@setneg.go.id", actor=officer
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        recipients = services.meeting_send_invitations(meeting_id=meeting.pk, actor=officer)
    assert recipients == ["kln@kemkes.go.id", "tara@setneg.go.id"]
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert "Rapat, koordinasi; MSP" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    assert "SUMMARY:Rapat\\, koordinasi\\; MSP\r\n" in content
    assert "invitations_sent" in events(meeting)[0]


def test_invitations_need_an_address(officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    with pytest.raises(ApplicationError):
        services.meeting_send_invitations(meeting_id=meeting.pk, actor=officer)


def test_only_the_agencys_own_agreements_are_linked_to_a_meeting(officer, kemendagri, kemenkes):
    """SECURITY (visibility grant meeting.agenda): Kemendagri, a TPOA member, reads Kemenkes's
    ormas asing agreement through a grant, but may not link it to a meeting of its own, which
    would let every invited body read it too. Its own agreement it links."""
    from mitra.agreements.models import Agreement, AgreementAccess
    from mitra.agreements.tests.factories import AgreementFactory
    from mitra.core.exceptions import ApplicationError
    from mitra.meetings.models import Meeting
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    ngo = ForeignOrganizationFactory(legal_name="Yayasan Contoh")
    theirs = AgreementFactory(owner=kemenkes, foreign_parties=[ngo])
    mine = AgreementFactory(owner=kemendagri, foreign_parties=[ngo])
    assert Agreement.objects.visible_to(officer).filter(pk=theirs.pk).exists()
    access_before = AgreementAccess.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.meeting_create(data=meeting_input(kemendagri, agreements=[theirs]), actor=officer)
    assert "agreements" in refused.value.extra
    assert not Meeting.objects.exists()
    assert AgreementAccess.objects.count() == access_before
    meeting = services.meeting_create(
        data=meeting_input(kemendagri, agreements=[mine]), actor=officer
    )
    assert list(meeting.agreements.all()) == [mine]
