from typing import Any

from django.core.management.base import BaseCommand

from mitra.notifications.tasks import send_notification_digests


class Command(BaseCommand):
    help = "Daily: queue the digest emails (one per user who chose the daily digest)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send in this process instead of queueing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            counts = send_notification_digests.call()
            self.stdout.write(f"digests: {counts}")
        else:
            result = send_notification_digests.enqueue()
            self.stdout.write(f"digests queued: {result.id}")
