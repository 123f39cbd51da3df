"""Intake confirm records the meeting (issue 5 §2): kind, date, mode, venue, invited bodies,
the signatories as attendees, the agreements as its outcomes (drafts, not signed: issue 12),
all in one transaction; on the demo data it links to the meeting already recorded."""

from datetime import datetime

import pytest
from django.utils import timezone

from mitra.agreements.models import Agreement
from mitra.audit.selectors import audit_history
from mitra.core.exceptions import ApplicationError
from mitra.intake import services
from mitra.meetings.models import Meeting
from mitra.meetings.services import MeetingInput, meeting_create

from .conftest import nothing_written

pytestmark = pytest.mark.django_db


def confirm(officer, press_text, change=None):
    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    if change:
        change(proposal)
    return services.intake_confirm(submission_id=submission.pk, reviewed=proposal, actor=officer)


def test_confirm_records_the_meeting_with_its_outcomes(officer, earlier, fasker, press_text):
    submission = confirm(officer, press_text)
    (meeting_id,) = submission.created_records["meetings"]
    meeting = Meeting.objects.get(pk=meeting_id)
    assert meeting.kind == Meeting.Kind.SIGNING
    assert timezone.localtime(meeting.starts_at).date().isoformat() == "2024-04-04"
    assert meeting.mode == Meeting.Mode.HYBRID
    assert meeting.venue == "Gedung F Kementerian Dalam Negeri"
    assert meeting.online_platform == "Zoom"
    assert meeting.organizer.key == "kemendagri"
    assert meeting.organizer_unit == fasker  # the officer's unit
    assert meeting.status == Meeting.Status.HELD
    created = set(submission.created_records["agreements"])
    # The agreements are the meeting's outcomes, as drafts: recording them as signed at the
    # meeting would sign them, and intake's records move only by their own transitions.
    assert set(meeting.agreements.values_list("pk", flat=True)) == created
    assert not meeting.signed_agreements.exists()
    assert set(Agreement.objects.filter(pk__in=created).values_list("status", flat=True)) == {
        Agreement.Status.DRAFT
    }
    titles = sorted(a.title for a in meeting.attendees.all())
    assert titles == [
        "Kepala Pusat Fasilitasi Kerja Sama",
        "Regional Director",
        "Sekretaris Jenderal",
    ]
    assert meeting.invited.exists()
    for agreement in meeting.agreements.all():
        events = [e.event for e in audit_history(target=agreement)]
        assert "agreement.signed_at_meeting" not in events
        assert "agreement.signed" not in events
    assert "intake.record_created" in [e.event for e in audit_history(target=meeting)]


def test_on_demo_data_the_meeting_is_linked_not_duplicated(officer, demo_like, press_text):
    kemendagri = demo_like["uclg_new"].owner
    existing = meeting_create(
        data=MeetingInput(
            kind=Meeting.Kind.SIGNING,
            title="Rapat 4 April",
            starts_at=timezone.make_aware(datetime(2024, 4, 4, 10)),
            mode="hybrid",
            venue="Gedung F",
            online_platform="Zoom",
            organizer=kemendagri,
        ),
        actor=officer,
    )
    submission = services.intake_submission_create(text=press_text, actor=officer)
    assert submission.extraction["proposal"]["meeting"]["existing"] == existing.pk
    submission = services.intake_confirm(
        submission_id=submission.pk, reviewed=submission.extraction["proposal"], actor=officer
    )
    assert Meeting.objects.count() == 1
    assert submission.created_records["meetings"] == []
    assert submission.created_records["linked_meetings"] == [existing.pk]
    assert set(existing.signed_agreements.all()) == {demo_like["uclg_new"], demo_like["ford_new"]}


def test_a_hybrid_meeting_without_platform_is_refused_and_nothing_is_written(
    officer, earlier, press_text
):
    def no_platform(proposal):
        proposal["meeting"]["online_platform"] = ""

    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    no_platform(proposal)
    with nothing_written(), pytest.raises(ApplicationError) as caught:
        services.intake_confirm(submission_id=submission.pk, reviewed=proposal, actor=officer)
    assert "meeting.online_platform" in caught.value.extra
    assert not Meeting.objects.exists()


def test_no_event_date_no_meeting(officer, earlier, press_text):
    def no_date(proposal):
        proposal["meeting"]["event_date"] = None

    submission = confirm(officer, press_text, no_date)
    assert submission.created_records["meetings"] == []
    assert not Meeting.objects.exists()
