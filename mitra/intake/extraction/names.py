"""Names of foreign organizations as the press writes them: words, capitalised runs, title
words and datelines stripped from the front, country-office suffixes from the back, the
normalised key two spellings share, and the candidate that gathers one organization's forms.

Shared by the finders of foreign counterparts (parties.py, foreign_side.py, known_orgs.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from .bodies import COUNTRY_RE, indonesian_places
from .countries import ENGLISH_LEAD_PATTERN
from .limits import Budget
from .model import KnownOrganization
from .name_words import (
    COMPANY_FORMS,
    DAN_NAME_HEADS,
    DOMESTIC_BRAND_WORDS,
    DOMESTIC_INSTITUTION_WORDS,
    FOREIGN_HEAD_ENDINGS,
    HEADLINE_STOP,
    HEADLINE_VERBS,
    NAME_CONNECTORS,
    ORG_HEADS,
    TITLE_AFTER_NAME,
    TITLE_WORDS,
    UNIVERSITY_WORDS,
)

# A word: letters and digits, with apostrophes, "&", and "-" or "." between two word
# characters ("Ritz-Carlton", "Water.org"). Written as runs of word characters joined by
# single "-" or "." (the same matches as `[^\W_](?:[\w'’&]|-(?=\w)|\.(?=\w))*`, in a
# form the engine reads in fewer steps; it reads every line of every item).
WORD_RE = re.compile(r"[^\W_][\w'’&]*(?:[-.](?=\w)[\w'’&]*)*")


def is_headline_verb(word: str) -> bool:
    """A verb of a title-case headline: a listed stem or imperative ("Bahas", "Terima",
    "Sambut"), or its passive ("Dibahas", "Diperkuat", "Diteken", "Dijajaki")."""
    lower = word.lower()
    return lower in HEADLINE_VERBS or (
        lower.startswith("di") and len(lower) > 5 and lower[2:] in HEADLINE_VERBS
    )


@lru_cache(maxsize=4096)
def cut_at_headline_verb(form: str) -> str:
    """`form` up to the first headline verb or person's title after its first word
    ("Negara Bagian Victoria Jajaki" -> "Negara Bagian Victoria", "FAO Representative for
    Indonesia" -> "FAO")."""
    for word in list(WORD_RE.finditer(form))[1:]:
        lower = word.group().lower()
        if is_headline_verb(lower) or lower in TITLE_AFTER_NAME:
            return form[: word.start()].rstrip(" -,")
    return form


@dataclass
class OrgCandidate:
    """One foreign organization: its surface forms, mentions and role cues."""

    forms: list[str]
    acronym: str = ""
    known: KnownOrganization | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    counterpart_cues: list[str] = field(default_factory=list)
    attend_cues: int = 0
    witness_cues: int = 0  # of the attend cues, those of witnessing a signing
    defined_full: str = ""  # full name given with the acronym in brackets
    first_at: dict[str, int] = field(default_factory=dict)  # form -> first offset

    def display_name(self) -> str:
        # The name as first spelled out in the text (not an acronym), without a
        # country-office suffix, with the acronym it was defined with; else the longest form.
        spelled = [
            f for f in self.forms if f in self.first_at and _spelled_out(strip_country_suffix(f))
        ]
        first = min(spelled, key=lambda f: (self.first_at[f], -len(f))) if spelled else None
        if self.defined_full and self.acronym:
            # "Dana Kependudukan PBB atau United Nations Population Fund (UNFPA)": the name
            # written before the defined one, when there is one
            name = self.defined_full
            if first is not None and self.first_at[first] < self.first_at.get(name, 1 << 62):
                name = strip_country_suffix(first)
            return f"{name} ({self.acronym})"
        if first is not None:
            return strip_country_suffix(first)
        best = max(self.forms, key=len)
        return strip_country_suffix(best)


def _spelled_out(name: str) -> bool:
    words = name.split()
    if len(words) == 1 and _EAST_ASIAN_LOCAL_RE.fullmatch(name):
        return True  # "Kitakyushu-shi": one word, the city's whole name
    return len(words) > 1 and not all(w.isupper() for w in words)


# "Pemerintah Australia-Indonesia", "Kedutaan Besar Jepang-RI": a pair of countries written
# after a foreign government; Indonesia is the other side, not part of the name.
_PAIRED_WITH_INDONESIA_RE = re.compile(r"[-–](?:Indonesia|RI)$")
_INDONESIA_SUFFIX_RE = re.compile(r"(?:,?\s(?:di\s)?(?:Indonesia|Korsel))$")
# ", Jepang" after a name is its country; ", dan Pemetaan Belanda" is the last of its fields.
_AFTER_LAST_COMMA_RE = re.compile(r",\s(?!dan\s|and\s|serta\s|&\s)[^,]{2,30}$")


_OFFICE_SUFFIXES = ("Program", "Programme", "Office")
_COUNTRY_OFFICE_RE = re.compile(
    r"[-\s](?:Indonesia|RI)\s(?:Country\s)?(?:Program|Programme|Office)$"
)


def _ends_with(name: str, suffixes: tuple[str, ...]) -> bool:
    """Whether `name` ends with one of `suffixes`, or with one and a line break (where a
    pattern's "$" matches too)."""
    return name.endswith(suffixes) or name.endswith("\n") and name[:-1].endswith(suffixes)


def strip_country_suffix(name: str) -> str:
    # Called for every tail of every name run: each pattern below only runs on the names
    # that end as it requires.
    paired = (
        _PAIRED_WITH_INDONESIA_RE.search(name) if _ends_with(name, ("Indonesia", "RI")) else None
    )
    if paired and " " in name[: paired.start()]:
        head = name[: paired.start()]
        countries = [c.end() for c in COUNTRY_RE.finditer(head)]
        if countries and countries[-1] == len(head):
            name = head
    stripped = (
        _INDONESIA_SUFFIX_RE.sub("", name) if _ends_with(name, ("Indonesia", "Korsel")) else name
    )
    if _ends_with(stripped, _OFFICE_SUFFIXES):
        # "Wildlife Conservation Society-Indonesia Program", "JICA Indonesia Office"
        stripped = _COUNTRY_OFFICE_RE.sub("", stripped)
    stripped = (
        _AFTER_LAST_COMMA_RE.sub("", stripped)
        if "," in stripped and COUNTRY_RE.search(stripped.rsplit(",", 1)[-1])
        else stripped
    )
    return stripped.strip() or name


_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]")


def normalise_name(name: str) -> str:
    name = name.lower().replace("internasional", "international")
    if name.isascii() and name.isalnum():
        return name  # one plain word (most lookups): nothing to take out
    return _NOT_ALNUM_RE.sub("", name)


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (with name connectors) inside one line."""
    runs: list[tuple[int, int]] = []
    # every line of every item passes here: each word's span, text and case read once
    spans = [word.span() for word in WORD_RE.finditer(text, start, end)]
    words = [text[s:e] for s, e in spans]
    caps = [_is_cap(word) for word in words]
    count = len(words)
    i = 0
    while i < count:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < count:
            nxt = words[j + 1]
            gap = text[spans[j][1] : spans[j + 1][0]]
            # "Toyota Tsusho Co., Ltd", "Mitsubishi Heavy Industries, Ltd": a company's legal
            # form after a comma or an abbreviation's period
            legal_form = gap in (", ", "., ", ". ") and nxt in COMPANY_FORMS
            # "Taal-, Land- en Volkenkunde": a compound's elided head in German and Dutch
            elided = gap in ("-, ", "- ")
            if (
                gap not in (" ", "  ", " - ", "-")
                and gap.strip() not in ("&",)
                and not (legal_form or elided)
            ):
                break
            if caps[j + 1]:
                j += 1
                continue
            connector = nxt.lower() in NAME_CONNECTORS or (
                nxt == "dan" and words[i] in DAN_NAME_HEADS
            )
            if connector and j + 2 < count and caps[j + 2]:
                j += 2
                continue
            break
        runs.append((spans[i][0], spans[j][1]))
        i = j + 1
    return runs


# Words that open a sentence before a name ("Menurut X, ...", "Selain itu X ...").
SENTENCE_OPENERS = frozenset(
    [
        "menurut", "sementara", "selain", "bahkan", "namun", "sedangkan", "adapun", "kemudian",
        "selanjutnya", "sebelumnya", "akhirnya", "dalam", "pada", "saat", "ketika", "oleh",
        "kepada", "bagi", "terkait", "kata", "ujar", "turut", "hadir", "tampak", "diketahui",
        "sebagaimana", "seperti", "yakni", "yaitu", "sejak",
        # a preposition opening the sentence: "Dari Jepang, Wali Kota ... menyampaikan"
        "dari", "di", "ke", "untuk", "bersama",
    ]
)  # fmt: skip
# A dateline before the name: "SURABAYA - ", "Jakarta – ".
_DATELINE_PREFIX_RE = re.compile(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s?(?:\([^()]{2,20}\)\s?)?[-–—]\s")


_LEADING_WORDS = TITLE_WORDS | HEADLINE_STOP | SENTENCE_OPENERS


# World regions an officer's title may cover ("Regional Director Asia Pasifik").
_WORLD_REGION_RE = re.compile(
    r"(?:Asia\s(?:Tenggara|Pasifik|Timur|Selatan|Tengah)|Asia[\s-]Pacific|Southeast\sAsia"
    r"|(?:East|South|Central)\sAsia|Timur\sTengah|Middle\sEast|Amerika\sLatin|Latin\sAmerica"
    r"|Asia|Eropa|Europe|Afrika|Africa|Pasifik|Pacific)\s(?=[A-Z])"
)


def strip_leading_titles(text: str, start: int, end: int) -> int:
    """Move `start` past a dateline, sentence openers and title words ("Country Director
    ...", "Sekretaris Jenderal ...", "Menurut ...")."""
    dateline = _DATELINE_PREFIX_RE.match(text, start, end)
    if dateline and dateline.end() < end:
        start = dateline.end()
    after_title = False
    for word in WORD_RE.finditer(text, start, end):
        if word.start() < start:
            continue  # inside a world region already passed
        lower = word.group().lower()
        if (
            lower in _LEADING_WORDS
            # "Terima Duta Besar Australia", "Sambut Delegasi ...": a headline's verb
            or is_headline_verb(lower)
        ):
            start = word.end()
            while start < end and text[start] in " -":
                start += 1
            after_title = lower in TITLE_WORDS
            continue
        # "Direktur Regional Asia Tenggara Vital Strategies": the region the title covers
        region = _WORLD_REGION_RE.match(text, word.start(), end) if after_title else None
        if region and region.end() < end:
            start = region.end()
            after_title = False
            continue
        # "Australia Chief Statistician ...": a country before a title belongs to the title.
        country = COUNTRY_RE.match(text, word.start(), end)
        if country:
            following = WORD_RE.search(text, country.end(), end)
            if following and following.group().lower() in TITLE_WORDS:
                start = country.end()
                while start < end and text[start] in " -":
                    start += 1
                continue
        break
    return start


def overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """`spans` sorted and non-overlapping (gazetteer mentions): binary search."""
    index = bisect.bisect_left(spans, (span[1], -1))
    return index > 0 and spans[index - 1][1] > span[0]


# "Pusat Studi Hubungan Internasional", "Perhimpunan ... Internasional Indonesia": a field
# of study or trade, or an Indonesian association, not an international organization.
DOMESTIC_INTERNATIONAL_RE = re.compile(
    r"(?:Hubungan|Kerja\s?[Ss]ama|Studi|Kajian|Hukum|Perdagangan|Bisnis|Ekonomi)\sInternasional"
    r"|Internasional\sIndonesia$"
)


def looks_foreign(name: str) -> bool:
    written = WORD_RE.findall(name)
    words = [w.lower() for w in written]
    if not words or DOMESTIC_INTERNATIONAL_RE.search(name):
        return False
    if len(words) == 1 and words[0] in ORG_HEADS:
        return False  # "Global", "International": a head word alone names nothing
    if any(_CAMEL_HEAD_RE.fullmatch(w) for w in written):
        return True  # "SurfAid", "ChildFund", "WaterAid": an English head word run on
    if not DOMESTIC_BRAND_WORDS.isdisjoint(words):
        return False  # "Tanoto Foundation", "Traveloka": an Indonesian group or company
    if any(w in UNIVERSITY_WORDS for w in words) or written[-1] in COMPANY_FORMS:
        return len(words) > 1 and not is_domestic_institution(words)
    # "... Bureau of Statistics", "... Institute for Development Studies", "Humanistisch
    # Instituut voor Ontwikkelingssamenwerking"
    head_of = any(
        (w in ORG_HEADS or len(w) > 8 and w.endswith(FOREIGN_HEAD_ENDINGS))
        and words[i + 1] in ("of", "for", "on", "voor", "für", "pour", "de")
        for i, w in enumerate(words[:-1])
    )
    if len(words) > 1 and words[-1].endswith(FOREIGN_HEAD_ENDINGS) and len(words[-1]) > 8:
        return True  # "Deutscher Akademischer Austauschdienst"
    if len(words) == 1 and _EAST_ASIAN_LOCAL_RE.fullmatch(written[0]):
        return True  # "Kitakyushu-shi", "Gyeonggi-do", "Chiba-ken": a city, province, county
    last_part = words[-1].rsplit("-", 1)[-1]
    if last_part != words[-1] and (
        last_part in ORG_HEADS or last_part.endswith(FOREIGN_HEAD_ENDINGS)
    ):
        return len(last_part) > 4  # "Fraunhofer-Gesellschaft", "Max-Planck-Institut"
    if (
        words[-1] in ORG_HEADS
        or head_of
        or (len(words) > 1 and words[-2] in ORG_HEADS and words[-1] in ("indonesia",))
    ):
        # "Yayasan ... Internasional" or "... Indonesia" heads stay domestic-sounding only
        # when the name is Indonesian; English heads are a strong foreign signal.
        return words[0] not in ("yayasan", "ikatan", "perkumpulan", "persatuan", "lembaga")
    # An organization named by its web address: "Water.org", "Kiva.org".
    if any(w.endswith(WEB_NAME_SUFFIXES) and len(w) > 6 for w in words):
        return True
    return english_name_of_a_country(name)


# A Japanese or Korean local government named in its own language, its kind run on with a
# hyphen: "-shi" (city), "-ken"/"-fu" (prefecture), "-do" (Korean province), "-gun" (county).
_EAST_ASIAN_LOCAL_RE = re.compile(r"[A-Z][a-z]{3,}-(?:shi|ken|fu|do|gun|si|cho|machi)")


# One word that ends in a capitalised English head word: "SurfAid", "WaterAid", "ChildFund".
_CAMEL_HEAD_RE = re.compile(
    r"[A-Z][a-z]{2,}(?:Aid|Fund|Relief|Care|Vision|Corps|Trust|Alliance|Foundation|Network)"
)


# A name in English that opens with a country or its demonym: "Japan Coast Guard",
# "Australian Federal Police", "Korea Forest Service" (not "Korea Selatan", a country, nor
# "Japanese Ambassador", a title, nor "Singapore Bahas", a headline).
ENGLISH_LEAD_RE = re.compile(rf"(?:{ENGLISH_LEAD_PATTERN})\s(?=[A-Z])")


def english_name_of_a_country(name: str) -> bool:
    lead = ENGLISH_LEAD_RE.match(name)
    if lead is None or COUNTRY_RE.fullmatch(name):
        return False
    rest = WORD_RE.findall(name, lead.end())
    if not rest or COUNTRY_RE.match(name, lead.end()):
        return False
    not_name = TITLE_WORDS | TITLE_AFTER_NAME | HEADLINE_VERBS | HEADLINE_STOP
    if any(not (w[:1].isupper() or w.lower() in NAME_CONNECTORS) for w in rest):
        return False
    if any(is_headline_verb(w) or w.lower() in HEADLINE_STOP for w in rest):
        return False
    lowered = [w.lower() for w in rest]
    return any(w not in not_name for w in lowered) and not is_domestic_institution(lowered)


WEB_NAME_SUFFIXES = (".org", ".ngo")


def is_domestic_institution(words: list[str]) -> bool:
    """A university or company of Indonesia: a word of a known Indonesian name, a legal
    form of Indonesia, or an Indonesian region ("Bogor Agricultural University")."""
    if any(w in DOMESTIC_INSTITUTION_WORDS for w in words):
        return True
    places = indonesian_places()
    pairs = zip(words, [*words[1:], ""], strict=True)
    return any(w in places or f"{w} {n}" in places for w, n in pairs)


@lru_cache(maxsize=4096)
def form_key(form: str) -> str:
    return normalise_name(strip_country_suffix(form))


def similar(a: str, b: str, threshold: float, budget: Budget | None = None) -> bool:
    """Typo tolerance: the same words, one of them misspelt ("Konrad Adenaur Stiftung"). Two
    names whose words start differently are two organizations however alike the rest reads
    ("Japan International Cooperation Agency" and "Korea International Cooperation Agency")."""
    if _initials(a) != _initials(b):
        return False
    if budget is not None and not budget.spend():
        return False  # typo tolerance is spent for this item: exact forms only
    # 2 x longest common subsequence / total length (difflib's ratio, computed exactly)
    return Indel.normalized_similarity(a, b, score_cutoff=threshold) >= threshold


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split())


def cut_at_headline_words(text: str, start: int, end: int) -> int:
    """In title-case headlines a name ends where Indonesian headline words begin."""
    words = list(WORD_RE.finditer(text, start, end))
    for word in words[1:]:
        if word.group().lower() in HEADLINE_STOP:
            return _rstrip(text, start, word.start())
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " -":
        end -= 1
    return end


def disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
