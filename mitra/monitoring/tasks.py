"""Background work for reporting (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .services import report_refresh_statuses


@task
def refresh_report_statuses() -> dict[str, int]:
    """Daily: generate the reports due from every schedule; record those that became overdue."""
    return report_refresh_statuses()
