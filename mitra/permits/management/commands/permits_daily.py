"""Daily: deemed no-objection and lapsed queries (each if configured) and expiry of izin
prinsip with its cascade."""

from django.core.management.base import BaseCommand

from mitra.permits.services import permits_daily


class Command(BaseCommand):
    help = (
        "Apply deemed member opinions and lapse unanswered queries (each when configured) and "
        "expire ended izin prinsip."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = permits_daily()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
