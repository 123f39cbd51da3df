"""Background work: the daily licensing job (expiries; deemed opinions and lapsed queries when
configured)."""

from django.tasks import task

from .services import permits_daily


@task
def permits_daily_task() -> dict[str, int]:
    return permits_daily()
