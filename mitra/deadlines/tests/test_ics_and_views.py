"""The private calendar feed (RFC 5545, token privacy), my deadlines, notifications."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines import registry
from mitra.deadlines.ics import build_calendar
from mitra.deadlines.models import CalendarToken
from mitra.deadlines.services import calendar_token_regenerate
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def agreements(kemendagri, kemenkes):
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    mine = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        title="MSP Kemendagri, Ford; phase 2",
    )
    theirs = AgreementFactory(
        owner=kemenkes,
        active=True,
        start_date=date(2024, 1, 1),
        end_date=date(2027, 3, 1),
        title="Kemenkes secret programme",
    )
    return mine, theirs


def test_escaping_and_folding():
    """icalendar escapes TEXT values and folds lines at 75 octets; parsed back, each value is
    the deadline's own."""
    deadline = registry.Deadline(
        key="x:2", title="é" * 80, due=date(2027, 1, 4), description="a,b;c\\d\ne",
        url="/en/agreements/2/?a=1,b;c",
    )  # fmt: skip
    text = build_calendar([deadline], name="Tenggat, Mitra; uji", base_url="https://mitra.test")
    assert all(len(part.encode()) <= 75 for part in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "\r\nSUMMARY:" + "é" * 80 + "\r\n" in unfolded
    assert "\r\nDESCRIPTION:a\\,b\\;c\\\\d\\ne\r\n" in unfolded
    assert "\r\nURL:https://mitra.test/en/agreements/2/?a=1,b;c\r\n" in unfolded  # a URI
    # an X- property has no declared type: written as TEXT (escaped), as before; the parser
    # hands X- values back raw, so the escaped line is what is checked
    assert "\r\nX-WR-CALNAME:Tenggat\\, Mitra\\; uji\r\n" in unfolded
    calendar = Calendar.from_ical(text)
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == "x:2@mitra"
    assert str(event["SUMMARY"]) == "é" * 80
    assert str(event["DESCRIPTION"]) == "a,b;c\\d\ne"
    assert event.decoded("DTSTART") == date(2027, 1, 4)
    assert event.decoded("DTEND") == date(2027, 1, 5)
    assert event.categories == [deadline.kind]


def test_calendar_structure_uses_crlf():
    deadline = registry.Deadline(key="x:1", title="T, with; specials", due=date(2027, 1, 4))
    text = build_calendar([deadline], name="Mitra")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART;VALUE=DATE:20270104\r\n" in text
    assert "DTEND;VALUE=DATE:20270105\r\n" in text
    assert "SUMMARY:T\\, with\\; specials\r\n" in text


def test_the_feed_holds_my_deadlines_only_and_needs_no_login(client, officer, agreements):
    token = calendar_token_regenerate(actor=officer).token
    with freeze_today(date(2026, 9, 15)):
        response = client.get(reverse("deadlines:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "MSP Kemendagri\\, Ford\\; phase 2" in body.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20270403" in body  # the end
    assert "DTSTART;VALUE=DATE:20261003" in body  # the renewal window (6 months before)
    assert "Kemenkes secret programme" not in body


def test_a_wrong_replaced_or_deactivated_token_is_404(client, officer, agreements):
    old = calendar_token_regenerate(actor=officer).token
    new = calendar_token_regenerate(actor=officer).token
    assert old != new
    assert len(new) >= 40
    assert client.get(reverse("deadlines:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("deadlines:calendar_feed", args=["guess"])).status_code == 404
    assert client.get(reverse("deadlines:calendar_feed", args=[new])).status_code == 200
    officer.is_active = False
    officer.save()
    assert client.get(reverse("deadlines:calendar_feed", args=[new])).status_code == 404
    events = AuditEvent.objects.filter(event__startswith="calendar_token.")
    assert events.count() == 2
    assert all(new not in str(e.data) for e in events)  # the secret is never logged


def test_my_deadlines_page_draws_the_timeline_and_offers_the_feed(client, officer, agreements):
    client.force_login(officer)
    with freeze_today(TODAY):
        page = client.get(reverse("deadlines:mine"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "<svg" in html
        assert "MSP Kemendagri" in html
        assert "Kemenkes secret programme" not in html
        assert "feed-url" not in html
        client.post(reverse("deadlines:calendar_token"))
        html = client.get(reverse("deadlines:mine")).content.decode()
    token = CalendarToken.objects.get(user=officer).token
    assert f"/deadlines/calendar/{token}.ics" in html


def test_a_missing_or_broken_provider_contributes_nothing(officer, agreements):
    def broken(**kwargs):
        raise RuntimeError("boom")

    registry.register_provider("zz_broken", broken)
    try:
        found = registry.deadlines_for_user(
            user=officer, start=date(2026, 1, 1), end=date(2028, 1, 1)
        )
    finally:
        registry.unregister_provider("zz_broken")
    assert {d.source for d in found} >= {"agreements"}
    assert registry.deadlines_for_user(user=None, start=TODAY, end=TODAY) == []
