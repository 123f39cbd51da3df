"""Background work for meetings (django.tasks; the db_worker runs them in production).

Invitations are notices now (`meetings.invitation`, delivered by the notifications app's
worker). `deliver_meeting_invitations` stays only so an invitation queued before the upgrade
still leaves: it becomes the same notice, to the addresses, once. Remove it once no such task
is left in the queue.
"""

from django.db import transaction
from django.tasks import task


@task
def deliver_meeting_invitations(*, meeting_id: int, recipients: list[str]) -> int:
    """Send a pre-upgrade queued invitation through the notifications app (addresses only)."""
    from mitra.notifications.services import notify

    from .models import Meeting
    from .notices import invitation_key

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.status != Meeting.Status.PLANNED:
        return 0
    with transaction.atomic():
        created = notify(
            event="meetings.invitation",
            subject=meeting,
            key=invitation_key(meeting),
            recipients=[],
        )
    return len(created)
