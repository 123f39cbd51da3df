"""Background work for work plans (django.tasks; the db_worker runs them in production)."""

from django.tasks import task

from .tally import activity_tally_new_day


@task
def refresh_activity_tally() -> dict[str, int]:
    """Daily: count the activities behind plan as of today in the compliance roll-up."""
    return {"rows": activity_tally_new_day()}
