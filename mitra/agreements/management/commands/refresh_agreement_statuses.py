"""Daily job: move agreements to active/expired by their dates (cron or the task worker)."""

from django.core.management.base import BaseCommand

from mitra.agreements.access import agreement_access_sync_grants
from mitra.agreements.services import agreement_refresh_statuses
from mitra.agreements.tasks import refresh_agreement_statuses


class Command(BaseCommand):
    help = "Activate signed agreements whose start has come; expire active ones that ended."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            result = refresh_agreement_statuses.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        counts = agreement_refresh_statuses()
        self.stdout.write(f"Activated {counts['activated']}, expired {counts['expired']}.")
        if agreement_access_sync_grants():
            self.stdout.write("A visibility grant came into force: agreement access rebuilt.")
