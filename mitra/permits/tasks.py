"""Background work: the daily licensing job (expiries with their cascade; deemed opinions and
lapsed queries when configured)."""

from datetime import date

from django.tasks import task

from .services import permits_daily


@task
def permits_daily_task(on: str | None = None) -> dict[str, int]:
    """`on`: the job's day as YYYY-MM-DD (task arguments are JSON), default today."""
    return permits_daily(on=date.fromisoformat(on) if on else None)
