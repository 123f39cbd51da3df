"""Background work for the risk indicators (django.tasks; the db_worker runs them)."""

from typing import TYPE_CHECKING, Any

from django.tasks import task

from .services import risk_indicators_refresh

if TYPE_CHECKING:
    from mitra.jobs.models import Job
    from mitra.jobs.registry import Progress


@task
def refresh_risk_indicators() -> dict[str, int]:
    """Daily: recompute every organization's risk indicators (docs/dev/risk.md)."""
    return {"organizations": risk_indicators_refresh()}


def run_risk_refresh_job(job: "Job", progress: "Progress") -> dict[str, Any]:
    """The "risk.refresh" job an operator starts from the risk page: the daily refresh, now."""
    progress(0, 1, "compute")
    count = risk_indicators_refresh()
    progress(1, 1, "compute")
    return {"organizations": count}
