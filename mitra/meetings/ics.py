"""iCalendar (RFC 5545) text for a meeting invitation, written by hand: CRLF line ends, text
escaping (backslash, semicolon, comma, newline) and lines folded at 75 octets."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from .models import Meeting

PRODID = "-//Mitra//Meetings//EN"


def escape_text(value: str) -> str:
    """TEXT value escaping of RFC 5545 §3.3.11."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (RFC 5545 §3.1), never splitting
    a UTF-8 character."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = " " + char
            limit = 75
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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
    organizer = str(meeting.organizer_unit or meeting.organizer)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@mitra",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location)}",
        f"ORGANIZER;CN={_param(organizer)}:mailto:{settings.DEFAULT_FROM_EMAIL}",
    ]
    for address in attendees:
        lines.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{address}")
    status = "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
    lines += [f"STATUS:{status}", "SEQUENCE:0", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def _param(value: str) -> str:
    """A parameter value: quoted, without the characters a quoted value may not hold."""
    return '"' + (value or "").replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'
