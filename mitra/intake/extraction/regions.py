"""Regions named in the text: Indonesian provinces and regencies/cities.

They come from the gazetteer's mentions of regional governments, which already know their
region: "Kabupaten Sumba Timur" and "Bupati Sumba Timur" name the regency, "Pemprov NTT",
"Gubernur NTT" and "Bappeda NTT" the province. A named regency also implies its province.
A province name standing alone ("di Bali") is only a hint (low confidence): the same words
start names that are not the region ("Papua Nugini", "Bali Process"), so a bare name followed
by another capitalised word is not taken at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .bodies import BodyMention, Gazetteer

REGIONAL_KINDS = ("provincial_government", "regency_government", "city_government")
NAMED, IMPLIED, BARE_HINT = 0.8, 0.7, 0.5
_CAPITALISED_AFTER_RE = re.compile(r"[ \t]+[A-Z]")


@dataclass(frozen=True)
class Region:
    province_code: str
    regency_code: str | None  # None: the province as a whole
    name: str  # "Nusa Tenggara Timur", "Kabupaten Sumba Timur"


@dataclass(frozen=True)
class RegionFound:
    region: Region
    start: int
    end: int
    confidence: float
    rule: str


def regions_named(
    text: str,
    gazetteer: Gazetteer,
    mentions: list[BodyMention],
    bare: list[BodyMention],
    on: date | None,
) -> list[RegionFound]:
    """Each region once, at its first mention, with the highest confidence it gets."""
    found: dict[Region, RegionFound] = {}

    def keep(item: RegionFound) -> None:
        current = found.get(item.region)
        if current is None or item.confidence > current.confidence:
            found[item.region] = item

    for mention, confidence in [
        *((m, NAMED) for m in mentions),
        *((m, BARE_HINT) for m in bare if not _CAPITALISED_AFTER_RE.match(text, m.end)),
    ]:
        entry = gazetteer.resolve(mention.entries, on)
        if entry.kind not in REGIONAL_KINDS or not entry.province_code:
            continue
        rule = "bare-province-name" if confidence == BARE_HINT else "regional-mention"
        if entry.regency_code:
            keep(
                RegionFound(
                    Region(entry.province_code, entry.regency_code, _regency_name(entry.name)),
                    mention.start,
                    mention.end,
                    confidence,
                    rule,
                )
            )
            confidence, rule = min(confidence, IMPLIED), "province-of-regency"
        province = gazetteer.get(f"pemprov-{entry.province_code}")
        name = province.name if province else entry.province_code
        keep(
            RegionFound(
                Region(entry.province_code, None, name.removeprefix("Pemerintah Provinsi ")),
                mention.start,
                mention.end,
                confidence,
                rule,
            )
        )
    return sorted(found.values(), key=lambda r: (r.start, r.region.regency_code or ""))


def _regency_name(government: str) -> str:
    return government.removeprefix("Pemerintah ")
