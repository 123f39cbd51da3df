"""`manage.py iati_import FILES…`: import IATI activity files, then match and cross-check.

Skipped activities (`file:line: message`) and, in scope "indonesia" (MITRA["IATI_IMPORT_SCOPE"],
ADR 0024), the count of activities not about Indonesia go to stderr; the summary, as JSON, to
stdout."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mitra.core.exceptions import ApplicationError
from mitra.iati.pipeline import import_and_check


class Command(BaseCommand):
    help = "Import IATI activity XML files (2.01–2.03), then match and cross-check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--no-check", action="store_true", help="Import only.")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        handles = [f.open("rb") for f in files]
        try:
            result = import_and_check(
                sources=[(f.name, h) for f, h in zip(files, handles, strict=True)],
                actor=None,
                check=not options["no_check"],
            )
        except ApplicationError as exc:
            raise CommandError(str(exc)) from None
        finally:
            for handle in handles:
                handle.close()
        for problem in result["problems"]:
            self.stderr.write(f"{problem['file']}:{problem['line']}: {problem['message']}")
        result["problems"] = len(result["problems"])
        if result["scope"] == "indonesia":
            n = result["not_indonesia"]
            self.stderr.write(
                f"{n} {'activity' if n == 1 else 'activities'} not about Indonesia skipped"
            )
        self.stdout.write(json.dumps(result, default=str))
