"""Daily: lapsed queries, expiry of izin prinsip with its cascade, and deemed opinions (the
first and last when configured), for one day: today, or the day given with --date."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mitra.permits.services import permits_daily


class Command(BaseCommand):
    help = (
        "Lapse unanswered queries and apply deemed member opinions (each when configured) and "
        "expire ended izin prinsip, with their cascade, for today or --date YYYY-MM-DD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # The job's date, not the clock: a rerun for a missed day acts as of that day.
        parser.add_argument("--date", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        counts = permits_daily(on=options["date"])
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
