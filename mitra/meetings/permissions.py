"""Per-object predicates for meetings (the querysets apply the same rules to many rows)."""

from typing import Any

from django.http import Http404

from mitra.accounts.ownership import user_edits_for

from .models import Meeting


def meeting_is_editable_by(*, user: Any, meeting: Meeting) -> bool:
    """SECURITY: as `Meeting.objects.editable_by(user)` for one loaded meeting, no query."""
    return user_edits_for(
        user, agency_id=meeting.organizer_agency_id, unit_id=meeting.organizer_unit_id
    )


def meeting_get_editable(*, user: Any, pk: int) -> Meeting:
    """SECURITY: the meeting if `user` may change it; 404 when invisible or only readable."""
    from .selectors import meeting_get_for_user

    meeting = meeting_get_for_user(user=user, pk=pk)
    if not meeting_is_editable_by(user=user, meeting=meeting):
        raise Http404
    return meeting
