"""Rules a meeting must satisfy, returned as per-field messages (nothing is written here)."""

from datetime import datetime

from django.utils.translation import gettext as _

from .models import Meeting


def check_meeting(
    *,
    title: str,
    kind: str,
    mode: str,
    venue: str,
    online_platform: str,
    online_link: str,
    starts_at: datetime | None,
    ends_at: datetime | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (title or "").strip():
        error("title", _("Give the meeting a title."))
    if kind not in Meeting.Kind.values:
        error("kind", _("Unknown kind of meeting."))
    if mode not in Meeting.Mode.values:
        error("mode", _("Choose in person, online or hybrid."))
    if mode in (Meeting.Mode.OFFLINE, Meeting.Mode.HYBRID) and not (venue or "").strip():
        error("venue", _("An in-person or hybrid meeting needs a venue."))
    if mode in (Meeting.Mode.ONLINE, Meeting.Mode.HYBRID) and not (
        (online_platform or "").strip() or (online_link or "").strip()
    ):
        error(
            "online_platform",
            _("An online or hybrid meeting needs an online platform or a link."),
        )
    if starts_at is None:
        error("starts_at", _("Give the date and time the meeting starts."))
    elif ends_at is not None and ends_at < starts_at:
        error("ends_at", _("The meeting cannot end before it starts."))
    return errors
