"""iCalendar (RFC 5545) output for the private calendar feeds, written with the `icalendar`
library (TEXT escaping §3.3.11, lines folded at 75 octets §3.1, CRLF line ends). All-day
events."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from .registry import Deadline

PRODID = "-//Mitra//Deadlines//EN"


def build_calendar(
    deadlines: Iterable[Deadline], *, name: str, base_url: str = "", now: datetime | None = None
) -> str:
    stamp = (now or timezone.now()).astimezone(UTC)
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # X- properties have no declared type; both are TEXT by the calendar clients' convention.
    calendar.add("X-WR-CALNAME", vText(name))
    calendar.add("X-WR-TIMEZONE", vText("Asia/Jakarta"))
    for deadline in deadlines:
        event = Event()
        event.add("UID", f"{deadline.key}@mitra")
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", deadline.due)
        event.add("DTEND", deadline.due + timedelta(days=1))
        event.add("SUMMARY", deadline.title)
        if deadline.description:
            event.add("DESCRIPTION", deadline.description)
        if deadline.url:
            event.add("URL", f"{base_url}{deadline.url}")
        event.add("CATEGORIES", [deadline.kind])
        event.add("TRANSP", "TRANSPARENT")
        calendar.add_component(event)
    # sorted=False: the properties in the order added (the order the hand-written feed had)
    return calendar.to_ical(sorted=False).decode("utf-8")
