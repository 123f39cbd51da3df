"""iCalendar (RFC 5545) output for the private calendar feeds: CRLF line ends, TEXT escaping
(§3.3.11) and folding of lines longer than 75 octets (§3.1). All-day events."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from .registry import Deadline

PRODID = "-//Mitra//Deadlines//EN"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continued with CRLF + space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with one space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def build_calendar(
    deadlines: Iterable[Deadline], *, name: str, base_url: str = "", now: datetime | None = None
) -> str:
    stamp = (now or timezone.now()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Jakarta",
    ]
    for deadline in deadlines:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(deadline.key)}@mitra",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{deadline.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{deadline.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(deadline.title)}",
        ]
        if deadline.description:
            lines.append(f"DESCRIPTION:{escape_text(deadline.description)}")
        if deadline.url:
            lines.append(f"URL:{base_url}{deadline.url}")
        lines += [
            f"CATEGORIES:{escape_text(deadline.kind)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
