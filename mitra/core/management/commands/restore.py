"""Restore a backup made by `manage.py backup`, then prove it (docs/dev/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mitra.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Check a backup's hashes, restore its database and uploaded files into an empty target "
        "(or, with --force, replace the target), then check row counts, file hashes and the "
        "audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup directory written by `manage.py backup`.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument("--media-root", help="Where to put the files (default: MEDIA_ROOT).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has tables and move a non-empty MEDIA_ROOT aside.",
        )

    def handle(self, *args: object, **options: object) -> None:
        media_root = Path(str(options["media_root"])) if options["media_root"] else None
        try:
            result = restore(
                Path(str(options["source"])),
                using=str(options["database"]),
                media_root=media_root,
                force=bool(options["force"]),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for note in result.notes:
            self.stdout.write(f"  {note}")
        self.stdout.write(
            f"Restored {result.rows:,} rows in {result.tables} tables and {result.files:,} files "
            f"from {result.path} in {result.seconds:.1f} s; row counts, file hashes and the "
            "checks above match the backup."
        )
