"""Background work of the notifications app (django.tasks; `manage.py db_worker` runs them)."""

from django.tasks import task

from . import delivery


@task
def deliver_notices(notice_ids: list[int]) -> dict[str, int]:
    """Email the notices `notify` created (queued when its transaction commits)."""
    return delivery.deliver(notice_ids)


@task
def send_notification_digests() -> dict[str, int]:
    """Daily: queue again the notices whose email was lost, then one email per user with the
    notices they chose to receive as a digest."""
    from .services import requeue_pending

    counts = delivery.send_digests()
    counts["requeued"] = requeue_pending()
    return counts
