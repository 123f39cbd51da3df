"""`python manage.py extract FILE... --format jsonl`: one cooperation record per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mitra.intake.extraction import KnownOrganization, extract
from mitra.intake.extraction.text_sources import text_from_file


def registry_from_db() -> list[KnownOrganization]:
    """Foreign organizations of the registry; empty when the model is not there (yet)."""
    try:
        from mitra.organizations.models import ForeignOrganization

        rows = ForeignOrganization.objects.values_list("pk", "legal_name", "acronym", "aliases")
        return [
            KnownOrganization(name, acronym or "", tuple(a for a in (aliases or []) if a), pk)
            for pk, name, acronym, aliases in rows
        ]
    except Exception:  # noqa: BLE001 - no table, no app, no database: extract without registry
        return []


class Command(BaseCommand):
    help = "Extract cooperation records from press items (txt/html/pdf/docx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
        parser.add_argument("--evidence", action="store_true", help="add spans/confidence")

    def handle(self, *args: Any, **options: Any) -> None:
        registry = registry_from_db()
        records = []
        for name in options["files"]:
            path = Path(name)
            text = text_from_file(path)
            result = extract(text, registry=registry)
            record = result.to_record(id=path.stem)
            if options["evidence"]:
                record["evidence"] = [vars(e) for e in result.evidence]
            records.append(record)
        if options["format"] == "json":
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2, default=str))
            return
        for record in records:
            self.stdout.write(json.dumps(record, ensure_ascii=False, default=str))
