"""Daily job: count the activities behind plan as of today in the agreements' roll-up that the
compliance dashboard reads (cron/worker; docs/dev/performance.md)."""

from django.core.management.base import BaseCommand

from mitra.workplans.tally import activity_tally_new_day
from mitra.workplans.tasks import refresh_activity_tally


class Command(BaseCommand):
    help = "Count the activities behind plan as of today for the compliance dashboard."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            result = refresh_activity_tally.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        rows = activity_tally_new_day()
        self.stdout.write(f"Activity tally moved to today: {rows} rows recounted.")
