"""Background work for meetings (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .services import meeting_invitations_deliver


@task
def deliver_meeting_invitations(*, meeting_id: int, recipients: list[str]) -> int:
    """Send the invitation emails with their ICS attachment."""
    return meeting_invitations_deliver(meeting_id=meeting_id, recipients=recipients)
