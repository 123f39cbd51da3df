"""One organization named in Indonesian and in English: "Badan Meteorologi Jepang" and "Japan
Meteorological Agency", "Kementerian Luar Negeri Jepang" and "Ministry of Foreign Affairs of
Japan".

Each name is read as a set of concepts: its words through a small bilingual list of the words
organizations' names are made of, and its country through CLDR's names of territories in both
languages. Two names with the same set of three concepts or more are one organization (word
order differs between the languages, so the sets are compared, not the sequences). A name with
any word outside the list has no set: a guess would merge two different bodies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from .countries import DEMONYM_CODES

# Indonesian and English words of organizations' names, each to one concept (the English root).
_CONCEPTS: dict[str, str] = {
    # heads
    "badan": "agency", "agency": "agency", "agensi": "agency",
    "kementerian": "ministry", "ministry": "ministry", "departemen": "department",
    "department": "department", "dana": "fund", "fund": "fund", "program": "programme",
    "programme": "programme", "organisasi": "organization", "organization": "organization",
    "organisation": "organization", "pusat": "centre", "centre": "centre", "center": "centre",
    "dewan": "council", "council": "council", "komisi": "commission",
    "commission": "commission", "kantor": "office", "office": "office",
    "institut": "institute", "institute": "institute", "yayasan": "foundation",
    "foundation": "foundation", "asosiasi": "association", "association": "association",
    "otoritas": "authority", "authority": "authority", "administrasi": "administration",
    "administration": "administration", "layanan": "service", "service": "service",
    "dinas": "service", "bank": "bank", "korporasi": "corporation",
    "corporation": "corporation", "universitas": "university", "university": "university",
    # fields
    "meteorologi": "meteorology", "meteorological": "meteorology", "meteorology": "meteorology",
    "kesehatan": "health", "health": "health", "pertanian": "agriculture",
    "agriculture": "agriculture", "agricultural": "agriculture", "pendidikan": "education",
    "education": "education", "lingkungan": "environment", "environment": "environment",
    "environmental": "environment", "perdagangan": "trade", "trade": "trade",
    "kerja_sama": "cooperation", "cooperation": "cooperation", "co-operation": "cooperation",
    "internasional": "international", "international": "international",
    "pembangunan": "development", "development": "development", "riset": "research",
    "penelitian": "research", "research": "research", "sains": "science", "ilmu": "science",
    "science": "science", "scientific": "science", "teknologi": "technology",
    "technology": "technology", "energi": "energy", "energy": "energy", "air": "water",
    "water": "water", "pangan": "food", "food": "food", "perikanan": "fisheries",
    "fisheries": "fisheries", "kelautan": "marine", "maritim": "marine", "marine": "marine",
    "maritime": "marine", "kehutanan": "forestry", "forestry": "forestry", "industri": "industry",
    "industry": "industry", "industrial": "industry", "ekonomi": "economy", "economy": "economy",
    "economic": "economy", "keuangan": "finance", "finance": "finance",
    "financial": "finance", "transportasi": "transport", "transport": "transport",
    "pariwisata": "tourism", "tourism": "tourism", "kebudayaan": "culture", "culture": "culture",
    "cultural": "culture", "tenaga_kerja": "labour", "ketenagakerjaan": "labour",
    "labour": "labour", "labor": "labour", "statistik": "statistics", "statistics": "statistics",
    "geologi": "geology", "geological": "geology", "geology": "geology", "survei": "survey",
    "survey": "survey", "bencana": "disaster", "disaster": "disaster", "nasional": "national",
    "national": "national", "pemerintah": "government", "government": "government",
    "luar_negeri": "foreign", "foreign": "foreign", "dalam_negeri": "home", "home": "home",
    "interior": "home", "pertahanan": "defence", "defence": "defence", "defense": "defence",
    "keamanan": "security", "security": "security", "kepolisian": "police", "police": "police",
    "pajak": "tax", "tax": "tax", "bea_cukai": "customs", "customs": "customs",
    "imigrasi": "immigration", "immigration": "immigration", "standar": "standards",
    "standards": "standards", "standardisasi": "standards", "kualitas": "quality",
    "mutu": "quality", "quality": "quality", "obat": "drug", "drug": "drug", "makanan": "food",
    "perumahan": "housing", "housing": "housing", "pertanahan": "land", "tanah": "land",
    "land": "land", "infrastruktur": "infrastructure", "infrastructure": "infrastructure",
    "transportasi_laut": "shipping", "penerbangan": "aviation", "aviation": "aviation",
    "sipil": "civil", "civil": "civil", "antariksa": "space", "space": "space",
    "nuklir": "nuclear", "nuclear": "nuclear", "atom": "atomic", "atomic": "atomic",
    "arsip": "archives", "archives": "archives", "perpustakaan": "library", "library": "library",
    "museum": "museum", "olahraga": "sport", "sport": "sport", "sports": "sport",
    "pemuda": "youth", "youth": "youth", "perempuan": "women", "women": "women",
    "anak": "children", "children": "children", "sosial": "social", "social": "social",
    "kesejahteraan": "welfare", "welfare": "welfare", "pengungsi": "refugees",
    "refugees": "refugees", "migrasi": "migration", "migration": "migration",
    "iklim": "climate", "climate": "climate", "cuaca": "weather", "weather": "weather",
}  # fmt: skip
# Words that name no concept: connectors, forms of address of a state, "Affairs" (which
# English adds to foreign and home ministries), the English article.
_EMPTY = frozenset(
    ["dan", "untuk", "bagi", "urusan", "of", "for", "and", "the", "on", "affairs", "&",
     "republik", "kerajaan", "federal", "republic", "kingdom", "federation"]
)  # fmt: skip
# Two Indonesian words that are one concept, joined before the words are looked up.
_PHRASES = (
    ("kerja sama", "kerja_sama"), ("kerjasama", "kerja_sama"), ("tenaga kerja", "tenaga_kerja"),
    ("luar negeri", "luar_negeri"), ("dalam negeri", "dalam_negeri"), ("bea cukai", "bea_cukai"),
)  # fmt: skip
_DEMONYMS = {word.lower(): code for word, code in DEMONYM_CODES.items()}
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _countries() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Countries' names in both languages by their first word: (words in lower case, code),
    longest names first."""
    names: dict[tuple[str, ...], str] = {}
    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                words = tuple(w.lower() for w in _WORD_RE.findall(re.sub(r"\(.*?\)", "", name)))
                if words:
                    names.setdefault(words, code)
    for words, code in ((("korea", "selatan"), "KR"), (("korea",), "KR"), (("as",), "US")):
        names.setdefault(words, code)
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, code in sorted(names.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(words[0], []).append((words, code))
    return by_first


def _country_at(words: list[str], i: int) -> tuple[int, str] | None:
    """(number of words, code) of the country whose name starts at words[i], if one does."""
    return next(
        (
            (len(parts), code)
            for parts, code in _countries().get(words[i], ())
            if tuple(words[i : i + len(parts)]) == parts
        ),
        None,
    )


@lru_cache(maxsize=4096)
def concepts(name: str) -> frozenset[str] | None:
    """The concepts of `name`, or None when a word of it is not in the list (or it has fewer
    than three)."""
    text = " " + " ".join(_WORD_RE.findall(name.lower())) + " "
    for phrase, joined in _PHRASES:
        text = text.replace(f" {phrase} ", f" {joined} ")
    words = text.split()
    found: set[str] = set()
    i = 0
    while i < len(words):
        country = _country_at(words, i)
        if country is not None:
            found.add(f"country:{country[1]}")
            i += country[0]
            continue
        word = words[i]
        i += 1
        if word in _EMPTY:
            continue
        if word in _DEMONYMS:
            found.add(f"country:{_DEMONYMS[word]}")
        elif word in _CONCEPTS:
            found.add(_CONCEPTS[word])
        else:
            return None
    return frozenset(found) if len(found) >= 3 else None


def same_in_translation(first: str, second: str) -> bool:
    """Whether two different names are one organization in two languages."""
    if first == second:
        return False
    one, other = concepts(first), concepts(second)
    return one is not None and one == other


def country_codes(name: str) -> set[str]:
    """The countries a name names, by name in either language or by English demonym
    ("Danish Energy Agency": DK)."""
    words = [w.lower() for w in _WORD_RE.findall(name)]
    codes: set[str] = set()
    i = 0
    while i < len(words):
        country = _country_at(words, i)
        if country is not None:
            codes.add(country[1])
            i += country[0]
            continue
        if words[i] in _DEMONYMS:
            codes.add(_DEMONYMS[words[i]])
        i += 1
    return codes
