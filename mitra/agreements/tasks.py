"""Background work for agreements (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .services import agreement_refresh_statuses


@task
def refresh_agreement_statuses() -> dict[str, int]:
    """Daily: activate agreements whose start has come and expire those that ended."""
    return agreement_refresh_statuses()
