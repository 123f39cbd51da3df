"""Daily job: send deadline reminders by email and in the app (cron or the task worker)."""

from datetime import date

from django.core.management.base import BaseCommand

from mitra.deadlines.services import reminders_send
from mitra.deadlines.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Send the deadline reminders due today; a reminder already sent is never sent again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )
        parser.add_argument("--on", type=date.fromisoformat, help="Run as if today were ON.")

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            result = send_deadline_reminders.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        counts = reminders_send(on=options.get("on"))  # type: ignore[arg-type]
        self.stdout.write(
            f"Deadlines in range {counts['deadlines']}: reminders {counts['sent']}, overdue "
            f"notices {counts['overdue']}, windows opened {counts['opened']} (new notices; "
            "emails are queued to the worker)."
        )
