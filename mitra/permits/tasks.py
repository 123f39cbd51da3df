"""Background work: the daily licensing job (deemed opinions when configured, expiries)."""

from django.tasks import task

from .services import permits_daily


@task
def permits_daily_task() -> dict[str, int]:
    return permits_daily()
