"""Foreign publishers of the IATI ReportingOrganisation codelist: (name, acronym).

The table is data: `data/iati_publishers.csv`, generated from the codelist
(shared/data/iati/codelists/csv/ReportingOrganisation.csv and Country.csv) by
`scripts/iati_publishers.py` with the rules of `iati_rules.publisher_entries`; a test checks
that the file is what the codelist gives. General knowledge of which organizations exist
abroad; never typed from press items. Read once per process.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "iati_publishers.csv"


@lru_cache(maxsize=1)
def iati_publishers() -> tuple[tuple[str, str], ...]:
    """(name, acronym) of every kept publisher, sorted as the generator wrote them."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((row["name"], row["acronym"]) for row in csv.DictReader(handle))
