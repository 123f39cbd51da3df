"""Back up the database and the uploaded files into a new directory (docs/dev/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mitra.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc) and every "
        "file under MEDIA_ROOT, with a manifest of sha256 hashes and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="New directory to write (default: backups/mitra-<UTC timestamp>).",
        )
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument("--media-root", help="Uploaded files (default: MEDIA_ROOT).")

    def handle(self, *args: object, **options: object) -> None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        destination = Path(str(options["destination"] or f"backups/mitra-{stamp}"))
        media_root = Path(str(options["media_root"])) if options["media_root"] else None
        try:
            result = backup(destination, using=str(options["database"]), media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for note in result.notes:
            self.stdout.write(f"  {note}")
        self.stdout.write(
            f"Backup written to {result.path}: {result.rows:,} rows in {result.tables} tables, "
            f"{result.files:,} files, {result.bytes / 1e6:,.1f} MB in {result.seconds:.1f} s."
        )
