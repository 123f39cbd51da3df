"""Background work for the risk indicators (django.tasks; the db_worker runs them)."""

from django.tasks import task

from .services import risk_indicators_refresh


@task
def refresh_risk_indicators() -> dict[str, int]:
    """Daily: recompute every organization's risk indicators (docs/dev/risk.md)."""
    return {"organizations": risk_indicators_refresh()}
