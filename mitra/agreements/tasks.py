"""Background work for agreements (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .access import agreement_access_sync_grants
from .services import agreement_refresh_statuses


@task
def refresh_agreement_statuses() -> dict[str, int]:
    """Daily: activate agreements whose start has come and expire those that ended; rebuild
    the access table when a visibility grant version came into force (ADR 0015)."""
    counts = agreement_refresh_statuses()
    counts["access_rebuilt"] = int(agreement_access_sync_grants())
    return counts
