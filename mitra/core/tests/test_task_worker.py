"""A task worker killed in the middle of a job (issue 13 §6): the job is picked up again once,
by the next `manage.py task_worker`, and its effect (a notice's email) happens exactly once.

The crash test runs real worker processes on a copy of the test database (SQLite: a file made
with SQLite's backup API; PostgreSQL: the test database itself, the data committed)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from mitra.accounts.tests.factories import UserFactory
from mitra.core.worker import _host, tasks_reclaim
from mitra.notifications.models import Notice
from mitra.notifications.tasks import deliver_notices

ROOT = Path(settings.BASE_DIR)


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def running_task(worker_ids: list[str], started_ago: timedelta = timedelta(0)) -> DBTaskResult:
    result = DatabaseBackend("default", {})._task_to_db_task(
        deliver_notices, args=[], kwargs={"notice_ids": [1]}
    )
    result.status = TaskResultStatus.RUNNING
    result.worker_ids = worker_ids
    result.started_at = timezone.now() - started_ago
    result.save()
    return result


@pytest.mark.django_db
def test_reclaim_requeues_once_then_fails_and_leaves_live_workers_alone(settings):
    settings.MITRA = {**settings.MITRA, "TASK_LEASE_SECONDS": 3600}
    dead = f"{_host()}:{dead_pid()}:aaaa"
    first_death = running_task([dead])
    second_death = running_task([f"{_host()}:{dead_pid()}:bbbb", dead])
    alive = running_task([f"{_host()}:{os.getpid()}:cccc"])
    elsewhere_recent = running_task(["other-host:12:dddd"])
    elsewhere_expired = running_task(["other-host:13:eeee"], started_ago=timedelta(hours=2))
    random_id_expired = running_task(["WxYz" * 8], started_ago=timedelta(hours=2))

    assert tasks_reclaim() == {"requeued": 3, "failed": 1}

    statuses = {
        name: DBTaskResult.objects.get(pk=task.pk).status
        for name, task in {
            "first_death": first_death,
            "second_death": second_death,
            "alive": alive,
            "elsewhere_recent": elsewhere_recent,
            "elsewhere_expired": elsewhere_expired,
            "random_id_expired": random_id_expired,
        }.items()
    }
    assert statuses == {
        "first_death": TaskResultStatus.READY,
        "second_death": TaskResultStatus.FAILED,
        "alive": TaskResultStatus.RUNNING,
        "elsewhere_recent": TaskResultStatus.RUNNING,
        "elsewhere_expired": TaskResultStatus.READY,
        "random_id_expired": TaskResultStatus.READY,
    }
    failed = DBTaskResult.objects.get(pk=second_death.pk)
    assert failed.exception_class_path == "mitra.core.worker.WorkerLost"
    assert tasks_reclaim() == {"requeued": 0, "failed": 0}  # nothing left to take over


# --- the crash, with real worker processes ----------------------------------------------------


class WorkerDatabase:
    """Where the worker subprocesses read and write, and how the test reads it back."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "worker.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.path)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.path}"
        else:
            db = connection.settings_dict
            password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
            self.url = (
                f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )

    def one(self, sql: str, params: list) -> tuple:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()


def start_worker(database: WorkerDatabase, outbox: Path, gate: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database.url,
        "DJANGO_DEBUG": "0",
        "DJANGO_EMAIL_BACKEND": "mitra.core.tests.blocking_mail.EmailBackend",
        "MITRA_TEST_OUTBOX": str(outbox),
        "MITRA_TEST_MAIL_GATE": str(gate),
    }
    command = [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--no-reload",
               "--interval", "0.1", "--reclaim-every", "0", "-v", "0", "--skip-checks"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603


def wait_for(predicate, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_runs_again_once_and_emails_once(tmp_path):
    user = UserFactory(email="siti@example.go.id")
    notice = Notice.objects.create(
        user=user, event="test.crash", key="crash-1", language="en", title="Crash test notice"
    )
    task = DatabaseBackend("default", {})._task_to_db_task(
        deliver_notices, args=[], kwargs={"notice_ids": [notice.pk]}
    )
    database = WorkerDatabase(tmp_path)
    task_id = task.pk.hex if database.vendor == "sqlite" else task.pk
    task_sql = f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table} WHERE id = %s"  # noqa: S608
    notice_sql = f"SELECT email_status FROM {Notice._meta.db_table} WHERE id = %s"  # noqa: S608
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    gate = tmp_path / "gate"
    gate.touch()  # the backend waits before sending while this exists

    first = start_worker(database, outbox, gate)
    try:
        wait_for(lambda: (outbox / "sending").exists(), "the first worker to start sending")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert database.one(task_sql, [task_id])[0] == TaskResultStatus.RUNNING  # left behind
    assert database.one(notice_sql, [notice.pk])[0] == Notice.Email.SENDING
    assert not list(outbox.glob("*.eml"))  # killed before anything was sent

    gate.unlink()
    second = start_worker(database, outbox, gate)
    try:
        wait_for(
            lambda: database.one(task_sql, [task_id])[0] == TaskResultStatus.SUCCESSFUL,
            "the second worker to finish the task",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    status, worker_ids = database.one(task_sql, [task_id])
    if isinstance(worker_ids, str):
        worker_ids = json.loads(worker_ids)
    assert len(worker_ids) == 2  # picked up again once, by another worker
    assert str(first.pid) in worker_ids[0]
    assert str(second.pid) in worker_ids[1]
    emails = list(outbox.glob("*.eml"))
    assert len(emails) == 1  # the effect happened exactly once
    assert "siti@example.go.id" in emails[0].read_text()
    assert database.one(notice_sql, [notice.pk])[0] == Notice.Email.SENT
