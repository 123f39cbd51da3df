"""Sectors of cooperation as OECD DAC 5-digit purpose codes, found by Indonesian keywords.

The codes and their English names are those of the IATI "Sector" codelist (DAC 5 Digit
Sector, `shared/data/iati/codelists/csv/Sector.csv`, codelist last updated 2024-06-14; a test
checks every row below against that file, so a stale or withdrawn code fails it). The
Indonesian (and English) keywords are ours: the words Indonesian government press items use
for each purpose. Each row also names the sector of Mitra's own short vocabulary
(`mitra.organizations.reference.SECTORS`) that the agreement is tagged with.

One keyword found gives a hint (0.6); the same row found twice or more is surer (0.8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (DAC code, codelist name, Mitra sector code, keyword phrases in lower case). A phrase's
# last word of six letters or more also matches with a suffix ("bencananya", "forestry");
# shorter ones only as whole words ("desa" is not "desain", "ham" is not "hamil").
DAC_KEYWORDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "11110",
        "Education policy and administrative management",
        "education",
        ("pendidikan", "sekolah", "education"),
    ),
    ("11420", "Higher education", "education", ("perguruan tinggi", "universitas", "beasiswa")),
    (
        "13020",
        "Reproductive health care",
        "health",
        ("kesehatan reproduksi", "kesehatan ibu", "keluarga berencana"),
    ),
    (
        "12110",
        "Health policy and administrative management",
        "health",
        ("kesehatan", "health", "puskesmas"),
    ),
    ("12240", "Basic nutrition", "health", ("gizi", "stunting", "nutrisi", "nutrition")),
    (
        "14030",
        "Basic drinking water supply and basic sanitation",
        "water-sanitation",
        ("air bersih", "air minum", "sanitasi", "wash", "jamban"),
    ),
    (
        "15110",
        "Public sector policy and administrative management",
        "governance",
        ("tata kelola", "reformasi birokrasi", "pelayanan publik", "governance"),
    ),
    (
        "15112",
        "Decentralisation and support to subnational government",
        "local-government",
        ("pemerintahan daerah", "otonomi daerah", "desentralisasi", "tata kelola daerah"),
    ),
    (
        "15130",
        "Legal and judicial development",
        "governance",
        ("hukum dan peradilan", "reformasi hukum", "bantuan hukum", "peradilan"),
    ),
    (
        "15150",
        "Democratic participation and civil society",
        "governance",
        ("demokrasi", "masyarakat sipil", "pemilu", "civil society"),
    ),
    ("15160", "Human rights", "human-rights", ("hak asasi manusia", "ham", "human rights")),
    (
        "15170",
        "Women's rights organisations and movements, and government institutions",
        "gender",
        ("kesetaraan gender", "pengarusutamaan gender", "pemberdayaan perempuan", "gender"),
    ),
    (
        "15180",
        "Ending violence against women and girls",
        "gender",
        ("kekerasan terhadap perempuan", "kekerasan berbasis gender"),
    ),
    (
        "15190",
        "Facilitation of orderly, safe, regular and responsible migration and mobility",
        "social-welfare",
        ("pekerja migran", "migrasi", "migration"),
    ),
    (
        "16010",
        "Social Protection",
        "child-protection",
        ("perlindungan anak", "hak anak", "child protection"),
    ),
    (
        "16015",
        "Social services (incl youth development and women+ children)",
        "social-welfare",
        ("kesejahteraan sosial", "pelayanan sosial", "disabilitas", "lansia", "kepemudaan"),
    ),
    (
        "16061",
        "Culture and cultural diversity",
        "culture",
        ("kebudayaan", "cagar budaya", "seni budaya", "culture"),
    ),
    (
        "25010",
        "Business policy and administration",
        "economy",
        ("investasi", "iklim usaha", "penanaman modal", "investment"),
    ),
    (
        "31110",
        "Agricultural policy and administrative management",
        "agriculture",
        ("pertanian", "petani", "agricultur"),
    ),
    (
        "31210",
        "Forestry policy and administrative management",
        "forestry",
        ("kehutanan", "hutan", "forest", "mangrove", "gambut"),
    ),
    (
        "31310",
        "Fishing policy and administrative management",
        "agriculture",
        ("perikanan", "nelayan", "kelautan", "fisher"),
    ),
    (
        "32130",
        "Small and medium-sized enterprises (SME) development",
        "economy",
        ("umkm", "usaha mikro", "koperasi", "ukm"),
    ),
    (
        "33210",
        "Tourism policy and administrative management",
        "economy",
        ("pariwisata", "wisata", "tourism"),
    ),
    (
        "41010",
        "Environmental policy and administrative management",
        "environment",
        ("lingkungan hidup", "environment"),
    ),
    (
        "41010",
        "Environmental policy and administrative management",
        "climate",
        ("perubahan iklim", "adaptasi iklim", "mitigasi iklim", "emisi", "karbon", "climate"),
    ),
    (
        "41030",
        "Biodiversity",
        "environment",
        ("keanekaragaman hayati", "konservasi", "satwa", "biodiversity"),
    ),
    (
        "43030",
        "Urban development and management",
        "urban",
        ("perkotaan", "kota berkelanjutan", "urban"),
    ),
    (
        "43040",
        "Rural development",
        "local-government",
        ("pembangunan desa", "perdesaan", "pedesaan", "dana desa", "desa"),
    ),
    (
        "43060",
        "Disaster Risk Reduction",
        "disaster",
        (
            "pengurangan risiko bencana",
            "risiko bencana",
            "ketangguhan bencana",
            "mitigasi bencana",
            "kesiapsiagaan",
            "bencana",
            "disaster",
        ),
    ),
    (
        "43071",
        "Food security policy and administrative management",
        "agriculture",
        ("ketahanan pangan", "kedaulatan pangan", "pangan", "food security"),
    ),
    ("43082", "Research/scientific institutions", "research", ("penelitian", "riset", "research")),
    (
        "72010",
        "Material relief assistance and services",
        "disaster",
        ("bantuan kemanusiaan", "tanggap darurat", "humanitarian"),
    ),
)

HINT, SURE = 0.6, 0.8
MAX_CHARS = 20_000
PREFIX_MIN = 6
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SectorFound:
    code: str  # DAC 5-digit purpose code
    name: str  # its name in the IATI codelist
    sector: str  # Mitra's sector code
    start: int
    end: int
    confidence: float


def _index() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """First word's first letters -> (row, phrase words), longest phrases first."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for row, (_code, _name, _sector, phrases) in enumerate(DAC_KEYWORDS):
        for phrase in phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0][:PREFIX_MIN], []).append((row, words))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[1]))
    return index


_INDEX = _index()


def _word_matches(keyword: str, word: str, last: bool) -> bool:
    if last and len(keyword) >= PREFIX_MIN:
        return word.startswith(keyword)
    return word == keyword


def dac_sectors(text: str, start: int = 0) -> list[SectorFound]:
    """Each (DAC code, Mitra sector) row found, at its first keyword, in table order.

    One pass over the words with a dictionary lookup per word (linear; no regex alternation
    tried at every character); at each word the longest phrase wins ("kesehatan reproduksi"
    is reproductive health, not health in general)."""
    matches = list(_WORD_RE.finditer(text[: start + MAX_CHARS].lower(), start))
    words = [match.group() for match in matches]
    first: dict[int, tuple[int, int]] = {}
    hits: dict[int, int] = {}
    free = 0  # the first word not taken by a phrase found
    for i, token in enumerate(words):
        candidates = _INDEX.get(token[:PREFIX_MIN])
        if candidates is None or i < free:
            continue  # most words open no keyword
        for row, phrase in candidates:
            size = len(phrase)
            if i + size > len(words):
                continue
            if all(
                _word_matches(keyword, words[i + k], k == size - 1)
                for k, keyword in enumerate(phrase)
            ):
                first.setdefault(row, (matches[i].start(), matches[i + size - 1].end()))
                hits[row] = hits.get(row, 0) + 1
                free = i + size
                break
    return [
        SectorFound(
            code=DAC_KEYWORDS[row][0],
            name=DAC_KEYWORDS[row][1],
            sector=DAC_KEYWORDS[row][2],
            start=first[row][0],
            end=first[row][1],
            confidence=SURE if hits[row] > 1 else HINT,
        )
        for row in sorted(first)
    ]
