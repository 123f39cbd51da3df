"""Background work of the jobs app (django.tasks; `manage.py db_worker` runs it)."""

from django.tasks import task

from .services import job_run


@task
def run_job(job_id: int) -> str:
    """Run one job (services.job_run). Enqueued when the job's creation commits. Safe to
    enqueue again after a crash: a finished job does nothing, an interrupted one starts over."""
    job = job_run(job_id=job_id)
    return job.status if job is not None else "skipped"
