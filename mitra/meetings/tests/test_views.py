"""Meeting pages: list (constant queries), form errors, detail, print, ICS, agreement page."""

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.meetings import services
from mitra.meetings.ics import meeting_ics
from mitra.meetings.models import Meeting

from .factories import jakarta, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_list_queries_are_constant(client, officer, kemendagri, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("meetings:list")
    for index in range(2):
        make_meeting(kemendagri, title=f"small {index}")
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    for index in range(8):
        make_meeting(kemendagri, title=f"big {index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"kind": "coordination", "period_from": "2024-01-01"})
    assert response.status_code == 200
    assert "big 7" in response.content.decode()


def test_list_filters(client, officer, kemendagri):
    client.force_login(officer)
    make_meeting(kemendagri, title="Signing day", kind="signing")
    make_meeting(kemendagri, title="Old rakor", starts_at=jakarta(2020, 1, 1))
    page = client.get(reverse("meetings:list"), {"kind": "signing"}).content.decode()
    assert "Signing day" in page
    assert "Old rakor" not in page
    page = client.get(reverse("meetings:list"), {"period_to": "2021-01-01"}).content.decode()
    assert "Old rakor" in page
    assert "Signing day" not in page


def test_create_form_shows_mode_errors_and_saves_nothing(client, officer, kemendagri):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "coordination",
            "title": "Rakor",
            "starts_at": "2024-04-04T09:00",
            "mode": "hybrid",
            "organizer": kemendagri.pk,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "An in-person or hybrid meeting needs a venue." in page
    assert "An online or hybrid meeting needs an online platform or a link." in page
    assert not Meeting.objects.exists()


def test_create_reads_the_time_in_jakarta(client, officer, kemendagri, fasker):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "signing",
            "title": "Penandatanganan",
            "starts_at": "2024-04-04T09:00",
            "ends_at": "2024-04-04T12:00",
            "mode": "hybrid",
            "venue": "Gedung F",
            "online_platform": "Zoom",
            "organizer": kemendagri.pk,
            "organizer_unit": fasker.pk,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == jakarta(2024, 4, 4, 9)
    assert meeting.starts_at.astimezone(__import__("datetime").UTC).hour == 2
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "09:00" in page
    assert "12:00 WIB" in page


def test_detail_and_print_show_everything(client, officer, kemendagri, kemenkes):
    operator = UserFactory(operator=True)
    agreement = AgreementFactory(owner=kemendagri, active=True, title="MSP Ford 2024")
    meeting = make_meeting(kemendagri, operator, kind="signing", agreements=[agreement])
    services.meeting_invite_body(meeting_id=meeting.pk, body=kemenkes, actor=operator)
    services.meeting_attendee_add(
        meeting_id=meeting.pk, name="Maharani Fara", body=kemenkes,
        represents=["TPOA", "Working group"], actor=operator,
    )  # fmt: skip
    services.meeting_agenda_item_add(meeting_id=meeting.pk, title="Renewal", actor=operator)
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=operator)
    services.meeting_minutes_add(meeting_id=meeting.pk, text="First text", actor=operator)
    services.meeting_minutes_add(meeting_id=meeting.pk, text="Second text", actor=operator)
    services.meeting_decision_add(meeting_id=meeting.pk, text="Renewed.", actor=operator)
    services.meeting_action_item_add(
        meeting_id=meeting.pk, text="Share the text", owner_body=kemenkes, actor=operator
    )
    services.meeting_record_signing(meeting=meeting, agreements=[agreement], actor=operator)
    client.force_login(officer)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    for text in [
        "Maharani Fara", "TPOA; Working group", "Kementerian Kesehatan", "Renewal", "First text",
        "Second text", "Version 2", "Renewed.", "Share the text", "MSP Ford 2024",
        "Signed at this meeting", "Meeting recorded",
    ]:  # fmt: skip
        assert text in page, text
    printed = client.get(reverse("meetings:print", args=[meeting.pk])).content.decode()
    assert "Second text" in printed
    assert "First text" not in printed  # the latest version only
    assert 'class="meeting-print"' in printed
    agreement_page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    body = agreement_page.content.decode()
    assert 'id="agreement-meetings"' in body
    assert meeting.title in body
    assert "Signed at a meeting" in body  # the history label


def test_bad_sub_form_input_shows_the_error(client, officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    client.force_login(officer)
    response = client.post(reverse("meetings:action_item_add", args=[meeting.pk]), {"text": "X"})
    assert response.status_code == 400
    assert "Name the body or the person responsible." in response.content.decode()
    assert not meeting.action_items.exists()
    response = client.post(reverse("meetings:minutes_add", args=[meeting.pk]), {"text": "Early"})
    assert response.status_code == 400
    assert "Minutes are written after the meeting is held" in response.content.decode()


def test_attendance_form(client, officer, kemendagri):
    meeting = make_meeting(kemendagri, officer)
    one = services.meeting_attendee_add(meeting_id=meeting.pk, name="One", actor=officer)
    two = services.meeting_attendee_add(meeting_id=meeting.pk, name="Two", actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"attended": [one.pk]}
    )
    assert response.status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.attended, two.attended) == (True, False)


# --- ICS -----------------------------------------------------------------------------------


def test_text_is_escaped_and_long_lines_folded(officer, kemendagri):
    """icalendar escapes TEXT (RFC 5545 §3.3.11) and folds at 75 octets without splitting a
    UTF-8 character; parsed back, every value is what the meeting holds."""
    meeting = make_meeting(
        kemendagri, officer, title="a,b;c\\d", purpose="é" * 80 + "\nline two",
        venue='Ruang "Garuda", lantai 2',
    )  # fmt: skip
    assert meeting.title == "a,b;c\\d"
    text = meeting_ics(meeting, now=jakarta(2024, 3, 1))
    assert "\r\nSUMMARY:a\\,b\\;c\\\\d\r\n" in text
    pieces = text.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    start = next(i for i, p in enumerate(pieces) if p.startswith("DESCRIPTION:"))
    end = next(i for i in range(start + 1, len(pieces)) if not pieces[i].startswith(" "))
    assert end - start == 3  # 172 octets: three lines
    assert pieces[start] + "".join(p[1:] for p in pieces[start + 1 : end]) == (
        "DESCRIPTION:" + "é" * 80 + "\\nline two"
    )
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["DESCRIPTION"]) == meeting.purpose
    assert str(event["LOCATION"]) == 'Ruang "Garuda", lantai 2 / Zoom'


def test_meeting_ics(client, officer, kemendagri):
    meeting = make_meeting(
        kemendagri, officer, title="Rapat, MSP; 2024", purpose="Line one\nLine two " + "x" * 100,
        ends_at=jakarta(2024, 4, 4, 12), online_link="https://zoom.us/j/123",
    )  # fmt: skip
    text = meeting_ics(meeting, attendees=["a@example.org"], now=jakarta(2024, 3, 1))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert f"UID:meeting-{meeting.pk}@mitra" in lines
    assert "DTSTART:20240404T020000Z" in lines  # 09:00 WIB
    assert "DTEND:20240404T050000Z" in lines
    assert "DTSTAMP:20240301T020000Z" in lines
    assert "SUMMARY:Rapat\\, MSP\\; 2024" in lines
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:Line one\\nLine two" in unfolded
    assert "LOCATION:Gedung F Kementerian Dalam Negeri / Zoom https://zoom.us/j/123" in unfolded
    assert "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:a@example.org" in lines
    assert "METHOD:REQUEST" in lines
    calendar = Calendar.from_ical(text)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == jakarta(2024, 4, 4)
    assert event.decoded("DTEND") == jakarta(2024, 4, 4, 12)
    assert str(event["DESCRIPTION"]) == meeting.purpose + "\n\nhttps://zoom.us/j/123"
    assert event["ORGANIZER"].params["CN"] == str(meeting.organizer_unit or meeting.organizer)
    assert str(event["ATTENDEE"]) == "mailto:a@example.org"  # one attendee: one value
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"
    assert str(event["STATUS"]) == "CONFIRMED"
    client.force_login(officer)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "METHOD:PUBLISH" in response.content.decode()
