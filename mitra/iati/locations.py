"""Resolving IATI locations to Indonesian provinces/regencies (issue 17 §3).

IATI locations carry GAUL or ISO 3166-2 codes, names or points, not Kemendagri codes. A location
resolves through ISO 3166-2 (ID-xx, built in below) or the operators' `LocationCrosswalk` rows
(GAUL codes, names); anything else stays "unresolved" (never the nearest centroid).
"""

from typing import Any

from mitra.organizations.models import normalise_name
from mitra.regions.models import Province

from .models import Location, LocationCrosswalk

# ISO 3166-2:ID subdivision -> Kemendagri province code (incl. the 2022 Papua provinces).
ISO_TO_KEMENDAGRI = {
    "ID-AC": "11",
    "ID-SU": "12",
    "ID-SB": "13",
    "ID-RI": "14",
    "ID-JA": "15",
    "ID-SS": "16",
    "ID-BE": "17",
    "ID-LA": "18",
    "ID-BB": "19",
    "ID-KR": "21",
    "ID-JK": "31",
    "ID-JB": "32",
    "ID-JT": "33",
    "ID-YO": "34",
    "ID-JI": "35",
    "ID-BT": "36",
    "ID-BA": "51",
    "ID-NB": "52",
    "ID-NT": "53",
    "ID-KB": "61",
    "ID-KT": "62",
    "ID-KS": "63",
    "ID-KI": "64",
    "ID-KU": "65",
    "ID-SA": "71",
    "ID-ST": "72",
    "ID-SN": "73",
    "ID-SG": "74",
    "ID-GO": "75",
    "ID-SR": "76",
    "ID-MA": "81",
    "ID-MU": "82",
    "ID-PA": "91",
    "ID-PB": "92",
    "ID-PS": "93",
    "ID-PT": "94",
    "ID-PE": "95",
    "ID-PD": "96",
}
GAUL_VOCABULARY = "A1"

Crosswalk = dict[tuple[str, str], tuple[int, int | None]]


def crosswalk() -> Crosswalk:
    provinces = dict(Province.objects.values_list("code", "id"))
    table: Crosswalk = {
        ("iso3166-2", iso): (provinces[code], None)
        for iso, code in ISO_TO_KEMENDAGRI.items()
        if code in provinces
    }
    for vocabulary, code, province_id, regency_id in LocationCrosswalk.objects.values_list(
        "vocabulary", "code", "province_id", "regency_id"
    ):
        table[(vocabulary, code)] = (province_id, regency_id)
    return table


def resolve(location: Location, table: Crosswalk) -> None:
    """Set province/regency and `resolution` from the codes and name (no database access)."""
    found = resolve_values(location.administrative or [], location.name, table)
    location.province_id, location.regency_id, location.resolution = found


def resolve_values(
    administrative: list[dict[str, Any]], name: str, table: Crosswalk
) -> tuple[int | None, int | None, str]:
    """(province id, regency id, resolution) of a location's codes and name."""
    found: tuple[int, int | None] | None = None
    for admin in administrative:
        code = str(admin.get("code", "")).strip().upper()
        if code.startswith("ID-") and ("iso3166-2", code) in table:
            found = table[("iso3166-2", code)]
        elif admin.get("vocabulary") == GAUL_VOCABULARY and ("gaul", code) in table:
            found = table[("gaul", code)]
        if found and found[1]:
            break
    if found is None and name:
        found = table.get(("name", normalise_name(name)))
    if found is None:
        return None, None, Location.Resolution.UNRESOLVED
    return found[0], found[1], Location.Resolution.RESOLVED


def summary(rows: list[Any]) -> dict[str, int]:
    return {
        "resolved": sum(1 for r in rows if r.resolution == Location.Resolution.RESOLVED),
        "unresolved": sum(1 for r in rows if r.resolution != Location.Resolution.RESOLVED),
    }
