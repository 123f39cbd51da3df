"""Background work of the notifications app (django.tasks; `manage.py db_worker` runs them)."""

from django.tasks import TaskContext, task

from . import delivery


@task(takes_context=True)
def deliver_notices(context: TaskContext, notice_ids: list[int]) -> dict[str, int]:
    """Email the notices `notify` created (queued when its transaction commits). Run again
    after its worker died (manage.py task_worker), it sends only what the lost run did not."""
    return delivery.deliver(notice_ids, attempt=str(context.task_result.id))


@task
def send_notification_digests() -> dict[str, int]:
    """Daily: queue again the notices whose email was lost, then one email per user with the
    notices they chose to receive as a digest."""
    from .services import requeue_pending

    counts = delivery.send_digests()
    counts["requeued"] = requeue_pending()
    return counts
