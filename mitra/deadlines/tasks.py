"""Background work for deadlines (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .services import reminders_send


@task
def send_deadline_reminders() -> dict[str, int]:
    """Daily: send the reminders due today (never the same one twice)."""
    return reminders_send()
