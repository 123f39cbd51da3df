#!/usr/bin/env python3
"""Write mitra/intake/extraction/data/iati_publishers.csv from the IATI codelists.

Usage: scripts/iati_publishers.py [CODELISTS_CSV_DIR]

Source: the IATI ReportingOrganisation codelist (publishers with name, type and headquarters
country) and the Country codelist (names that are places, not organizations), by default in
../shared/data/iati/codelists/csv/ beside the repository. Which publishers are kept and under
which name is `mitra.intake.extraction.iati_rules.publisher_entries`. The extractor reads the
generated file, so it works without ../shared; a test checks the file against the codelist.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mitra.intake.extraction.iati_publishers import DATA_FILE  # noqa: E402
from mitra.intake.extraction.iati_rules import publisher_entries  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "iati" / "codelists" / "csv"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    publishers, countries = source / "ReportingOrganisation.csv", source / "Country.csv"
    if not publishers.is_file() or not countries.is_file():
        print(f"needs {publishers} and {countries}", file=sys.stderr)
        return 2
    with publishers.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with countries.open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    entries = publisher_entries(rows, names)
    with DATA_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "acronym"])
        writer.writerows(entries)
    print(f"wrote {len(entries)} publishers to {DATA_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
