"""Writing jobs: create, start, progress, finish, fail, and the runner the task calls.

State changes (created, started, succeeded, failed) are audited; progress is not (it changes
counters, not the state). See docs/dev/jobs.md.
"""

import logging
import time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError

from .models import Job
from .registry import get_kind

if TYPE_CHECKING:
    from mitra.accounts.models import User

logger = logging.getLogger(__name__)
ERROR_MAX_CHARS = 2000


def job_create(
    *,
    kind: str,
    owner: "User",
    upload: UploadedFile | None = None,
    params: dict[str, Any] | None = None,
    language: str = "",
) -> Job:
    """Store the job (and its input file) and queue it for the worker once committed.
    Nothing is read from the file here: the worker does that."""
    if get_kind(kind) is None:
        raise ApplicationError(_("Unknown kind of job."), {"kind": [_("Unknown kind.")]})
    with transaction.atomic():
        job = Job(
            kind=kind,
            owner=owner,
            params=params or {},
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        if upload is not None:
            job.input_name = (upload.name or "")[:255]
            job.input_size = upload.size or 0
            job.input_file.save(upload.name or "input", upload, save=False)
        job.save()
        audit_event_record(
            event="job.created",
            target=job,
            actor=owner,
            data={"kind": kind, "input_name": job.input_name, "input_size": job.input_size},
        )
        transaction.on_commit(lambda: job_enqueue(job_id=job.pk))
    return job


def job_enqueue(*, job_id: int) -> None:
    from .tasks import run_job

    run_job.enqueue(job_id=job_id)


def job_start(*, job_id: int) -> Job | None:
    """Mark the job running (one more attempt). None when it has finished already: a job that
    succeeded or failed is never run again (a re-delivered task does nothing)."""
    with transaction.atomic():
        job = Job.objects.select_for_update(no_key=True).filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        old = job.status
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.done, job.stage, job.error = 0, "", ""
        job.save()
        audit_event_record(
            event="job.started",
            target=job,
            actor=None,
            data={"old": old, "attempt": job.attempts},
        )
    return job


def job_progress(
    *, job_id: int, done: int, total: int | None = None, stage: str | None = None
) -> None:
    """Counters only (one UPDATE, no audit); ignored unless the job is running. Called outside
    the handler's transaction, else other connections see it only when that commits."""
    changes: dict[str, Any] = {"done": max(0, done), "updated_at": timezone.now()}
    if total is not None:
        changes["total"] = max(0, total)
    if stage is not None:
        changes["stage"] = stage[:32]
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(**changes)


def _lock_running(job_id: int) -> Job:
    job = Job.objects.select_for_update(no_key=True).get(pk=job_id)
    if job.status != Job.Status.RUNNING:
        raise ApplicationError(
            _("This job is not running."), {"status": [job.get_status_display()]}
        )
    return job


def job_finish(*, job_id: int, result: dict[str, Any]) -> Job:
    """The job ran to its end: keep the result. May be called inside the handler's own
    transaction, so that the handler's writes and this commit (or roll back) together."""
    with transaction.atomic():
        job = _lock_running(job_id)
        job.status = Job.Status.SUCCEEDED
        job.result = result
        job.done = max(job.done, job.total)
        job.finished_at = timezone.now()
        job.save()
        audit_event_record(event="job.succeeded", target=job, actor=None, data={"kind": job.kind})
    return job


def job_fail(*, job_id: int, error: str, result: dict[str, Any] | None = None) -> Job:
    """The job stopped: keep the message the owner will read (and a partial result, if any)."""
    with transaction.atomic():
        job = _lock_running(job_id)
        job.status = Job.Status.FAILED
        job.error = error[:ERROR_MAX_CHARS]
        if result is not None:
            job.result = result
        job.finished_at = timezone.now()
        job.save()
        audit_event_record(
            event="job.failed", target=job, actor=None, data={"error": job.error[:500]}
        )
    return job


class ProgressReporter:
    """The `progress` a handler gets: writes at most about twice a second (and on every new
    stage or total), so a loop over rows can call it on every row."""

    interval = 0.5

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.last = 0.0
        self.stage: str | None = None
        self.total: int | None = None

    def __call__(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        now = time.monotonic()
        changed = (stage is not None and stage != self.stage) or (
            total is not None and total != self.total
        )
        if not changed and now - self.last < self.interval:
            return
        self.last = now
        self.stage = stage if stage is not None else self.stage
        self.total = total if total is not None else self.total
        job_progress(job_id=self.job_id, done=done, total=total, stage=stage)


def job_run(*, job_id: int) -> Job | None:
    """What the task does: start the job, call its kind's handler in the owner's language,
    record the result or the failure. Safe to run again: a finished job is left alone, and an
    interrupted one (still marked running) is started afresh."""
    job = job_start(job_id=job_id)
    if job is None:
        return None
    kind = get_kind(job.kind)
    if kind is None:
        return job_fail(job_id=job.pk, error=_("Unknown kind of job."))
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            result = kind.handler(job, ProgressReporter(job.pk))
        except ApplicationError as error:
            return job_fail(job_id=job.pk, error=str(error.message))
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            return job_fail(
                job_id=job.pk,
                error=_("The job stopped because of an unexpected error. Try again later."),
            )
    job.refresh_from_db()
    if job.status == Job.Status.RUNNING:  # else the handler finished it in its transaction
        job = job_finish(job_id=job.pk, result=result)
    return job
