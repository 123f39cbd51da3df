"""Daily job: recompute every organization's risk indicators (cron/worker)."""

from django.core.management.base import BaseCommand

from mitra.risk.services import risk_indicators_refresh
from mitra.risk.tasks import refresh_risk_indicators


class Command(BaseCommand):
    help = "Recompute every organization's risk indicators (the supervisor's risk list)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            result = refresh_risk_indicators.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        count = risk_indicators_refresh()
        self.stdout.write(f"Risk indicators computed for {count} organizations.")
