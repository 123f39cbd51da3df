"""iCalendar (RFC 5545) text for a meeting invitation, written with the `icalendar` library:
it escapes TEXT values (§3.3.11), quotes parameters (RFC 6868), folds lines at 75 octets
(§3.1) and ends them with CRLF."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from .models import Meeting

PRODID = "-//Mitra//Meetings//EN"


def meeting_ics(
    meeting: Meeting,
    *,
    attendees: Iterable[str] = (),
    method: str = "REQUEST",
    now: datetime | None = None,
) -> str:
    """The VCALENDAR with one VEVENT for `meeting`; cancelled meetings give STATUS:CANCELLED."""
    now = now or timezone.now()
    ends_at = meeting.ends_at or meeting.starts_at
    location_parts = [meeting.venue]
    if meeting.online_platform or meeting.online_link:
        location_parts.append(
            " ".join(p for p in (meeting.online_platform, meeting.online_link) if p)
        )
    location = " / ".join(p for p in location_parts if p)
    description = meeting.purpose or ""
    if meeting.online_link:
        description = (description + "\n\n" + meeting.online_link).strip()
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["CN"] = str(meeting.organizer_unit or meeting.organizer)

    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    event = Event()
    event.add("UID", f"meeting-{meeting.pk}@mitra")
    event.add("DTSTAMP", now.astimezone(UTC))
    event.add("DTSTART", meeting.starts_at.astimezone(UTC))
    event.add("DTEND", ends_at.astimezone(UTC))
    event.add("SUMMARY", meeting.title)
    event.add("DESCRIPTION", description)
    event.add("LOCATION", location)
    event.add("ORGANIZER", organizer)
    for address in attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["RSVP"] = "TRUE"
        event.add("ATTENDEE", attendee)
    event.add("STATUS", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("SEQUENCE", 0)
    calendar.add_component(event)
    # sorted=False: the properties in the order added (the order the hand-written file had)
    return calendar.to_ical(sorted=False).decode("utf-8")
