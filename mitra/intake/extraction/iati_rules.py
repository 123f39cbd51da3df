"""Which IATI publishers the extractor knows, and under which names (see iati_publishers.py).

Kept: publishers with headquarters outside Indonesia whose type is multilateral, government,
public sector, international or regional NGO, or foundation (the counterparts of Indonesian
cooperation). National NGOs, companies and universities abroad are left out: they are rarely
counterparts, and their names add false matches. Names read "Country - Agency" keep the
agency; a bracketed acronym at the end becomes the acronym when it is all capitals (3-10).
"""

from __future__ import annotations

import re

KEPT_TYPES = frozenset(
    [
        "Multilateral",
        "Government",
        "Other Public Sector",
        "International NGO",
        "Regional NGO",
        "Foundation",
    ]
)
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Z0-9&\-]{2,9})\)\s*$")
_BRACKET_RE = re.compile(r"\s*\([^()]*\)\s*$")
_COUNTRY_PREFIX_RE = re.compile(r"^[A-Z][\w .'’]{1,40}\s[-–]\s(?=[A-Z])")


def publisher_entries(rows, countries=()) -> list[tuple[str, str]]:
    """(name, acronym) of the kept publishers, sorted and without duplicates; `countries`
    are names (of the IATI Country codelist) that are places, not organizations."""
    places = {c.lower() for c in countries}
    entries: set[tuple[str, str]] = set()
    for row in rows:
        if row.get("status") != "active":
            continue
        if row.get("codeforiati:hq-country-or-region") == "Indonesia":
            continue
        if row.get("codeforiati:organisation-type") not in KEPT_TYPES:
            continue
        name = (row.get("name") or "").strip()
        acronym = ""
        found = _ACRONYM_RE.search(name)
        if found:
            acronym = found.group(1)
            name = name[: found.start()]
        name = _BRACKET_RE.sub("", name)
        name = _COUNTRY_PREFIX_RE.sub("", name).strip()
        if len(name) < 5 and not (name.isupper() and len(name) >= 3):
            continue  # too short to be told apart from words, unless an acronym ("OECD")
        if "indonesia" in name.lower() or name.lower() in places:
            continue
        entries.add((name, acronym))
    return sorted(entries)
