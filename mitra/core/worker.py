"""Tasks whose worker died (issue 13 §6): picked up again once.

django-tasks-db marks a task RUNNING when a worker claims it and only the same worker ever
moves it on (successful or failed). A worker killed mid-job (kill -9, out of memory, the
machine restarted) leaves it RUNNING for ever: the library has no lease and no reclaim.

`tasks_reclaim` finds those tasks and queues them again, once: a task whose last worker is gone
goes back to READY if it was attempted once, and is marked FAILED (`WorkerLost`) if its second
attempt died too, so a job that kills its worker cannot kill every worker in turn. A worker is
gone when it ran on this machine and its process no longer exists (worker ids made by
`worker_id()` are "host:pid:random"), or when its task has been running longer than
`MITRA["TASK_LEASE_SECONDS"]` (workers on other machines, or ids of another form).

`manage.py task_worker` (the library's `db_worker` with this added) reclaims when it starts and
then every `--reclaim-every` seconds. The tasks themselves must tolerate a second run: a job
killed half-way is run again from the start (notifications.delivery sends each notice at most
once: a notice claimed by the lost attempt is taken over by the next one, and one already
sent is marked so at once).
"""

import logging
import os
import socket
import traceback
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # the first run and one more after its worker died


class WorkerLost(Exception):
    """The worker running this task died, twice: the task is not run a third time."""


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    """An id that says where the worker runs: "host:pid:random" (at most 64 characters)."""
    return f"{_host()}:{os.getpid()}:{get_random_string(8)}"


def worker_is_gone(worker: str) -> bool:
    """True when `worker` ran on this machine and its process is no longer there."""
    host, _, rest = worker.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _host() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def lease() -> timedelta:
    return timedelta(seconds=int(settings.MITRA.get("TASK_LEASE_SECONDS", 3600)))


def tasks_reclaim(*, now: Any = None) -> dict[str, int]:
    """Queue again (or fail) the RUNNING tasks whose worker is gone. Returns the counts."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else ""
            expired = result.started_at is not None and result.started_at < now - lease()
            if not (worker_is_gone(last) or expired):
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                error = WorkerLost(f"worker {last} died; attempts: {', '.join(result.worker_ids)}")
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                result.traceback = "".join(traceback.format_exception_only(error))
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                counts["failed"] += 1
                logger.error("task %s failed: %s", result.id, error)
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                counts["requeued"] += 1
                logger.warning("task %s queued again: worker %s is gone", result.id, last)
    return counts
