"""Meetings for tests, written through the service (so they carry their audit and copies)."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody

from ..models import Meeting
from ..services import MeetingInput, meeting_create


def jakarta(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def meeting_input(organizer: GovernmentBody, **overrides: Any) -> MeetingInput:
    values: dict[str, Any] = {
        "kind": Meeting.Kind.COORDINATION,
        "title": "Rapat koordinasi",
        "starts_at": jakarta(2024, 4, 4),
        "mode": Meeting.Mode.HYBRID,
        "venue": "Gedung F Kementerian Dalam Negeri",
        "online_platform": "Zoom",
        "organizer": organizer,
    }
    values.update(overrides)
    return MeetingInput(**values)


def make_meeting(organizer: GovernmentBody, actor: Any = None, **overrides: Any) -> Meeting:
    actor = actor or UserFactory(operator=True)
    return meeting_create(data=meeting_input(organizer, **overrides), actor=actor)
