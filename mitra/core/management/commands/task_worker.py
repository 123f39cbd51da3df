"""`manage.py task_worker`: django-tasks-db's `db_worker` that also takes over the tasks of
workers that died (mitra.core.worker): at start and every `--reclaim-every` seconds."""

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from mitra.core.worker import tasks_reclaim, worker_id

logger = logging.getLogger("mitra.core.worker")


def reclaim() -> None:
    try:
        counts = tasks_reclaim()
        if any(counts.values()):
            logger.warning("tasks of dead workers: %s", counts)
    except Exception:  # noqa: BLE001 - a locked or unreachable database: try again later
        logger.exception("reclaiming the tasks of dead workers failed")


class Command(DbWorkerCommand):
    help = "Run the background task worker; tasks whose worker died are run again (once)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())
        parser.add_argument(
            "--reclaim-every",
            type=float,
            default=60.0,
            help="Seconds between two looks for tasks of dead workers (0: only at start).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reclaim_every = float(options.pop("reclaim_every", 60.0))
        reclaim()
        if reclaim_every > 0:
            stop = threading.Event()

            def loop() -> None:
                while not stop.wait(reclaim_every):
                    reclaim()
                    connection.close()  # this thread's own connection

            threading.Thread(target=loop, daemon=True, name="task-reclaim").start()
        super().handle(*args, **options)
