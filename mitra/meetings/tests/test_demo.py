"""The demo meeting of 4 April 2024 (product.md, press item 000), loaded once per run."""

from datetime import date, time

import pytest
from django.core.management import call_command
from django.utils import timezone

from mitra.agreements.models import Agreement
from mitra.audit.selectors import audit_history
from mitra.core.tests.helpers import freeze_today
from mitra.meetings.demo import KTLN_ANALYSTS
from mitra.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_meeting_of_4_april_2024_once():
    with freeze_today(date(2026, 11, 29)):
        call_command("load_reference", verbosity=0, stdout=None)
        call_command("load_demo", verbosity=0, stdout=None)
        call_command("load_demo", verbosity=0, stdout=None)  # idempotent
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.SIGNING
    assert timezone.localtime(meeting.starts_at).date() == date(2024, 4, 4)
    # The seed gives no time: the day only, as its first moment, and the purpose says so.
    assert timezone.localtime(meeting.starts_at).time() == time.min
    assert "tidak disebutkan sumber" in meeting.purpose
    head = meeting.attendees.get(title="Kepala Pusat Fasilitasi Kerja Sama")
    assert (head.body.key, head.role) == ("kemendagri-pusat-fasker", "signatory")
    assert meeting.mode == Meeting.Mode.HYBRID
    assert "Gedung F" in meeting.venue
    assert meeting.online_platform == "Zoom"
    assert (meeting.organizer.key, meeting.organizer_unit.key) == (
        "kemendagri",
        "kemendagri-pusat-fasker",
    )
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    analysts = meeting.attendees.filter(name__in=KTLN_ANALYSTS)
    assert analysts.count() == 3
    for attendee in analysts:
        assert attendee.body.key == "kemensetneg-biro-ktln"
        assert attendee.agency.key == "kemensetneg"
        assert any("TPOA" in r for r in attendee.represents)
        assert any("Multilateral" in r for r in attendee.represents)
    invited = {i.body.key for i in meeting.invited.all() if i.body}
    assert {"kemlu", "kemenkumham", "kemenkeu"} <= invited
    kemenkumham = meeting.invited.get(body__key="kemenkumham").body
    assert kemenkumham.name == "Kementerian Hukum dan Hak Asasi Manusia"
    assert meeting.invited.filter(description__icontains="provinsi").exists()
    signed = set(meeting.signed_agreements.values_list("reference", flat=True))
    assert signed == {"DEMO-KEMENDAGRI-UCLG-2024", "DEMO-KEMENDAGRI-FORD-2024"}
    for agreement in Agreement.objects.filter(reference__in=signed):
        events = [e.event for e in audit_history(target=agreement)]
        assert events.count("agreement.signed_at_meeting") == 1
