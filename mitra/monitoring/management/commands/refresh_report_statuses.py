"""Daily job: generate due reports from the schedules and record overdue ones (cron/worker)."""

from django.core.management.base import BaseCommand

from mitra.monitoring.services import report_refresh_statuses
from mitra.monitoring.tasks import refresh_report_statuses


class Command(BaseCommand):
    help = "Generate the reports due from every reporting schedule; record overdue reports."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            result = refresh_report_statuses.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        counts = report_refresh_statuses()
        self.stdout.write(
            f"Reports generated {counts['created']}, newly overdue {counts['overdue']}."
        )
