"""Finding Indonesian government bodies in text with the gazetteer.

The gazetteer's names, acronyms and aliases are tokenised into a token trie, built once.
Scanning walks the trie from every token and keeps the longest match, so the cost is
linear in the text (times the longest name, ~12 tokens). Short all-caps acronyms (BIN,
KPK, TNI) only match upper-case text, so "bin" in a personal name is not a body.

Regional governments get extra surface forms: "Bupati Bantul" (a head of region stands
for its government), "Kabupaten Bantul" / "Provinsi Jawa Tengah" (weak: the region may
just be a place), and bare province names after a regional unit noun ("Bappeda NTB",
"Dinas Kesehatan Provinsi Jateng"). A mention is resolved to its top-level body (unit ->
ministry) and to the entry in force on the event date ("Kemenkumham" in 2023 ->
Kementerian Hukum dan Hak Asasi Manusia).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Indel

from mitra.bodies.gazetteer import (
    PROVINCE_SHORT_NAMES,
    BodyEntry,
    all_bodies,
    entry_from_row,
    press_names,
)

from .countries import COUNTRY_PATTERN
from .limits import FUZZY_BODY_COMPARISONS, Budget

TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Between two tokens of one name only spaces and light punctuation may stand.
JOINER_RE = re.compile(r"[\s,/&\-–.]{0,4}")
MAX_FUZZY_TOKENS = 12

STRONG, TITLE, WEAK, BARE = "strong", "title", "weak", "bare"

# Nouns of regional government units: "Dinas ... Kabupaten X" is Pemkab X.
REGIONAL_UNIT_WORDS = frozenset(
    [
        "dinas",
        "badan",
        "bappeda",
        "bapelitbangda",
        "bappelitbangda",
        "bapperida",
        "biro",
        "bagian",
        "sekretariat",
        "setda",
        "kesbangpol",
        "dpmptsp",
        "bpbd",
        "inspektorat",
        "satpol",
        "rsud",
        "bapenda",
        "disdukcapil",
        "diskominfo",
        "dinkes",
        "disdik",
        "kantor",
        "upt",
        "uptd",
        "asisten",
        "sekda",
        "sekretaris",  # "Sekretaris Daerah Kota Bogor"
        "staf",
        "kepala",
    ]
)
# Words that may stand inside a unit name between the unit noun and the region.
UNIT_NAME_CONNECTORS = frozenset(["dan", "&", "serta", "untuk"])
# Abbreviated heads of unit names (general Indonesian usage), expanded both ways.
UNIT_ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Direktorat Jenderal", ("Ditjen", "Dirjen")),
    ("Sekretariat Jenderal", ("Setjen", "Sekjen")),
    ("Inspektorat Jenderal", ("Itjen",)),
    ("Badan Penelitian dan Pengembangan", ("Balitbang",)),
    ("Sekretariat Utama", ("Settama", "Sestama")),
)
# The official who heads a unit stands for it, as "Bupati Bantul" for its regency: "Direktur
# Jenderal Pajak" is the Ditjen Pajak, "Sekretaris Jenderal Kementerian X" its Setjen.
UNIT_HEAD_TITLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Direktorat Jenderal", ("Direktur Jenderal",)),
    ("Sekretariat Jenderal", ("Sekretaris Jenderal",)),
    ("Inspektorat Jenderal", ("Inspektur Jenderal", "Irjen")),
    ("Direktorat", ("Direktur",)),
    ("Sekretariat Utama", ("Sekretaris Utama",)),
)
# Words after a national name that show it is a foreign body ("Kementerian Luar Negeri
# dan Perdagangan Selandia Baru", "Kementerian Luar Negeri Jepang").
FOREIGN_CONTINUATION_MAX_TOKENS = 6


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    entries: tuple[BodyEntry, ...]  # candidates (same surface, different validity)
    strength: str  # strong | title | weak | bare
    surface: str

    @property
    def is_weak(self) -> bool:
        return self.strength in (WEAK, BARE)


def _norm_token(token: str) -> str:
    return token.lower().replace("’", "'")


def _tokens(text: str) -> list[str]:
    return [_norm_token(m.group()) for m in TOKEN_RE.finditer(text)]


def _is_short_acronym(token: str) -> bool:
    return token.isupper() and len(token) <= 4


class Gazetteer:
    """Index of government bodies for lookup by surface form, key, date."""

    def __init__(self, bodies: Iterable[BodyEntry]):
        self.entries: dict[str, BodyEntry] = {}
        for entry in bodies:
            self.entries[entry.key] = entry
        # trie node: dict token -> node; terminal data under key None
        self._trie: dict = {}
        # first token -> name length -> [(name, entry)]: a typo-tolerant match compares a
        # run only with names of nearly its length.
        self._fuzzy_names: dict[str, dict[int, list[tuple[str, BodyEntry]]]] = {}
        self._unique_local = _unique_local_names(self.entries.values())
        self._english: set[str] = set()
        for entry in self.entries.values():
            for surface, strength in self._surfaces(entry):
                self._add(surface, entry, strength)
            if entry.kind not in ("provincial_government", "regency_government", "city_government"):
                for name in (entry.name, *entry.aliases):
                    toks = _tokens(name)
                    if len(toks) >= 3:
                        joined = " ".join(toks)
                        by_length = self._fuzzy_names.setdefault(toks[0], {})
                        by_length.setdefault(len(joined), []).append((joined, entry))

    # -- building -------------------------------------------------------------------
    def _surfaces(self, entry: BodyEntry) -> list[tuple[str, str]]:
        surfaces = [(entry.name, STRONG)]
        if entry.acronym:
            surfaces.append((entry.acronym, STRONG))
        surfaces += [(alias, STRONG) for alias in entry.aliases]
        # Units are written with their usual abbreviations: "Ditjen Bina Pembangunan Daerah".
        for name in (entry.name, *entry.aliases):
            for long_form, short_forms in UNIT_ABBREVIATIONS:
                if name.startswith(long_form + " "):
                    rest = name[len(long_form) :]
                    surfaces += [(short + rest, STRONG) for short in short_forms]
        if entry.kind == "unit":
            for name in (entry.name, *entry.aliases):
                for long_form, titles in UNIT_HEAD_TITLES:
                    if name.startswith(long_form + " "):
                        rest = name[len(long_form) :]
                        surfaces += [(title + rest, TITLE) for title in titles]
                        break
        if entry.kind in ("ministry", "coordinating_ministry") and entry.name.startswith(
            "Kementerian "
        ):
            # "Menteri Kesehatan" stands for its ministry, as "Bupati Bantul" for its regency
            # (a foreign minister is caught by the country after it, `_foreign_continuation`).
            rest = entry.name.removeprefix("Kementerian ")
            surfaces += [(f"Menteri {rest}", TITLE), (f"Wakil Menteri {rest}", TITLE)]
            surfaces += [(minister, TITLE) for minister in _minister_short_forms(entry)]
            first = _first_field(rest)
            if first:
                # "Kementerian Desa" for "Kementerian Desa, Pembangunan Daerah Tertinggal, dan
                # Transmigrasi", "Kementerian Kelautan" for KKP: a ministry by its first field
                surfaces.append((f"Kementerian {first}", STRONG))
        if entry.kind == "provincial_government":
            bare = entry.name.removeprefix("Pemerintah Provinsi ")
            refs = [bare, *PROVINCE_SHORT_NAMES.get(entry.province_code or "", ())]
            for ref in refs:
                for head in (
                    "Gubernur",
                    "Wakil Gubernur",
                    "Wagub",
                    "Sekda Provinsi",
                    "Sekretaris Daerah Provinsi",
                ):
                    surfaces.append((f"{head} {ref}", TITLE))
                surfaces += [(f"Provinsi {ref}", WEAK), (f"Prov. {ref}", WEAK), (ref, BARE)]
        elif entry.kind in ("regency_government", "city_government"):
            bare = entry.acronym.split(" ", 1)[1]
            heads: tuple[str, ...]
            weak: tuple[str, ...]
            if entry.kind == "regency_government":
                heads = ("Bupati", "Wakil Bupati", "Wabup", "Sekda Kabupaten")
                weak = (f"Kabupaten {bare}", f"Kab. {bare}", f"Kab {bare}")
            else:
                heads = ("Wali Kota", "Walikota", "Wakil Wali Kota", "Wakil Walikota", "Sekda Kota")
                weak = (f"Kota {bare}",)
            surfaces += [(f"{head} {bare}", TITLE) for head in heads]
            surfaces += [(w, WEAK) for w in weak]
            for press in press_names(entry):  # "Wali Kota Solo", "Kabupaten TTS"
                surfaces += [(f"{head} {press}", TITLE) for head in heads]
                surfaces += [(w.replace(bare, press), WEAK) for w in weak]
            # "Bau-Bau" / "Baubau", "Tanjung Pinang" / "Tanjungpinang": the press writes
            # compound names of regions in one word as often as in two
            joined = re.sub(r"[\s\-]", "", bare)
            if joined != bare:
                joined = joined[:1] + joined[1:].lower()
                surfaces += [(f"{head} {joined}", TITLE) for head in heads]
                surfaces += [(w.replace(bare, joined), WEAK) for w in weak]
                surfaces.append((entry.acronym.replace(bare, joined), STRONG))
            if bare in self._unique_local:
                # "Pemda Sleman": a regional government by its bare name, when no other
                # regency, city or province goes by it ("Pemda Bogor" could be either)
                surfaces.append((f"Pemda {bare}", STRONG))
        surfaces += [(head, TITLE) for head in OFFICE_HEADS.get(entry.key, ())]
        if entry.name_en and entry.kind not in (
            "provincial_government",
            "regency_government",
            "city_government",
        ):
            # "the Ministry of Health", "National Disaster Management Agency": the English
            # name (a foreign one is told by its country, `_foreign_english`)
            surfaces.append((entry.name_en, STRONG))
            self._english.add(_english_key(entry.name_en))
        if entry.kind == "ministry" and entry.name.startswith("Kementerian "):
            # a unit the press names by the ministry's field alone ("Badan Litbang
            # Pertanian", "BPSDM Kesehatan") is raised to the ministry
            rest = entry.name.removeprefix("Kementerian ")
            surfaces += [(f"{unit} {rest}", STRONG) for unit in FIELD_UNITS]
        surfaces += [(unit, STRONG) for unit in MINISTRY_UNITS.get(entry.key, ())]
        surfaces += [(office, STRONG) for office in vertical_offices().get(entry.key, ())]
        return surfaces

    def _add(self, surface: str, entry: BodyEntry, strength: str) -> None:
        raw_tokens = [m.group() for m in TOKEN_RE.finditer(surface)]
        if not raw_tokens:
            return
        if len(raw_tokens) == 1 and len(raw_tokens[0]) <= 2:
            return  # two-letter acronyms are too ambiguous to match alone
        node = self._trie
        for token in raw_tokens:
            node = node.setdefault(_norm_token(token), {})
        case_mask = tuple(_is_short_acronym(t) for t in raw_tokens)
        terminals: list = node.setdefault(None, [])
        terminals.append((entry, strength, case_mask))

    # -- lookup ---------------------------------------------------------------------
    def get(self, key: str) -> BodyEntry | None:
        return self.entries.get(key)

    def top_level(self, entry: BodyEntry) -> BodyEntry:
        seen = set()
        while entry.parent and entry.parent in self.entries and entry.key not in seen:
            seen.add(entry.key)
            entry = self.entries[entry.parent]
        return entry

    def resolve(self, entries: Iterable[BodyEntry], on: date | None) -> BodyEntry:
        """The top-level body for a mention, choosing the entry in force on `on`."""
        candidates = list(entries)
        if on is not None:
            in_force = [e for e in candidates if e.in_force_on(on)]
            if in_force:
                candidates = in_force
            else:
                # nearest validity window
                def distance(e: BodyEntry) -> int:
                    if e.valid_until and on > e.valid_until:
                        return (on - e.valid_until).days
                    if e.valid_from and on < e.valid_from:
                        return (e.valid_from - on).days
                    return 0

                candidates.sort(key=distance)
        else:
            current = [e for e in candidates if e.valid_until is None]
            candidates = current or candidates
        top = self.top_level(candidates[0])
        if on is not None and not top.in_force_on(on):
            # A unit whose parent was renamed: pick the parent's successor in force.
            for key in top.successors:
                successor = self.entries.get(key)
                if successor and successor.in_force_on(on):
                    return successor
        return top

    def lookup(self, name: str, on: date | None = None) -> BodyEntry | None:
        """Resolve a whole name ("Biro KTLN", "Pemprov Jateng") to its top-level body."""
        mentions = self.find(name)
        full = [m for m in mentions if m.start == 0 and m.end >= len(name.rstrip(" .,"))]
        if not full:
            return None
        return self.resolve(full[0].entries, on)

    def find(self, text: str) -> list[BodyMention]:
        """All longest, non-overlapping body mentions in `text`."""
        tokens = list(TOKEN_RE.finditer(text))
        norm = [_norm_token(t.group()) for t in tokens]
        mentions: list[BodyMention] = []
        fuzzy_memo: dict[str, tuple[float, str, BodyEntry] | None] = {}
        budget = Budget(FUZZY_BODY_COMPARISONS)
        i = 0
        n = len(tokens)
        while i < n:
            best: tuple[int, list] | None = None
            node = self._trie.get(norm[i])
            j = i
            while node is not None:
                if None in node:
                    ok = [t for t in node[None] if self._case_ok(tokens, i, t[2])]
                    if ok:
                        best = (j, ok)
                j += 1
                if j >= n or not self._joined(text, tokens[j - 1].end(), tokens[j].start()):
                    break
                node = node.get(norm[j])
            if best is None:
                fuzzy = self._fuzzy(text, tokens, norm, i, fuzzy_memo, budget)
                if fuzzy:
                    mentions.append(fuzzy)
                    i = self._token_index_after(tokens, fuzzy.end, i)
                    continue
                i += 1
                continue
            last, terminals = best
            strength = _strongest(t[1] for t in terminals)
            entries = tuple(dict.fromkeys(t[0] for t in terminals if t[1] == strength))
            start, end = tokens[i].start(), tokens[last].end()
            mentions.append(BodyMention(start, end, entries, strength, text[start:end]))
            i = last + 1
        return [
            m
            for m in mentions
            if not self._foreign_continuation(text, m)
            and not self._foreign_english(text, m)
            and not _inside_company_name(text, m)
        ]

    def _foreign_english(self, text: str, mention: BodyMention) -> bool:
        """An English ministry name of another country: "Japan's Ministry of Health", "the
        Malaysian Ministry of Trade", "Ministry of Health of Japan"."""
        if _english_key(mention.surface) not in self._english:
            return False
        before = text[max(0, mention.start - 40) : mention.start]
        after = text[mention.end : mention.end + 50]
        return bool(_FOREIGN_BEFORE_EN_RE.search(before) or _FOREIGN_AFTER_EN_RE.match(after))

    @staticmethod
    def _token_index_after(tokens: list[re.Match[str]], end: int, i: int) -> int:
        while i < len(tokens) and tokens[i].start() < end:
            i += 1
        return i

    @staticmethod
    def _joined(text: str, left: int, right: int) -> bool:
        gap = text[left:right]
        return len(gap) <= 4 and JOINER_RE.fullmatch(gap) is not None and "\n" not in gap

    @staticmethod
    def _case_ok(tokens: list[re.Match[str]], i: int, mask: tuple[bool, ...]) -> bool:
        for offset, needs_upper in enumerate(mask):
            if needs_upper and not tokens[i + offset].group().isupper():
                return False
        return True

    def _fuzzy(
        self,
        text: str,
        tokens: list[re.Match[str]],
        norm: list[str],
        i: int,
        memo: dict[str, tuple[float, str, BodyEntry] | None],
        budget: Budget,
    ) -> BodyMention | None:
        """Typo-tolerant match of long names ("Kementerian Luara Negeri").

        Linear in the text: at most MAX_FUZZY_TOKENS run lengths per position, each compared
        only with the names of nearly its length, and each distinct run string compared once
        per scan (`memo`), so repetitive input does not repeat the work; `budget` caps the
        comparisons of one scan (see limits.py).
        """
        by_length = self._fuzzy_names.get(norm[i])
        if not by_length or not tokens[i].group()[:1].isupper():
            return None
        # The capitalised run starting here (names are written in title case).
        last = i
        while (
            last + 1 < len(tokens)
            and last + 1 - i < MAX_FUZZY_TOKENS
            and self._joined(text, tokens[last].end(), tokens[last + 1].start())
            and (tokens[last + 1].group()[:1].isupper() or norm[last + 1] == "dan")
        ):
            last += 1
        if last - i < 2:
            return None
        for size in range(last - i + 1, 2, -1):
            candidate = " ".join(norm[i : i + size])
            if candidate not in memo:
                memo[candidate] = self._closest_name(candidate, by_length, budget)
            best = memo[candidate]
            if best is not None:
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                return BodyMention(start, end, (best[2],), STRONG, text[start:end])
        return None

    @staticmethod
    def _closest_name(
        candidate: str, by_length: dict[int, list[tuple[str, BodyEntry]]], budget: Budget
    ) -> tuple[float, str, BodyEntry] | None:
        length = len(candidate)
        names = [
            named for size in range(length - 3, length + 4) for named in by_length.get(size, ())
        ]
        if not names or not budget.spend(len(names)):
            return None
        # the closest name at 0.9 or more (the first of equally close ones) whose words are
        # each a spelling of the run's words: "Sekretariat Jenderal Kementerian Kesehatan" is
        # close to "... Kementerian Pertanian" as a string, but one word is another field.
        for name, ratio, index in process.extract(
            candidate,
            [name for name, _entry in names],
            scorer=Indel.normalized_similarity,
            score_cutoff=0.9,
            limit=3,
        ):
            if _same_words(candidate, name):
                return ratio, name, names[index][1]
        return None

    def _foreign_continuation(self, text: str, mention: BodyMention) -> bool:
        """'Kementerian Luar Negeri dan Perdagangan Selandia Baru' is not Kemlu."""
        if not any(
            e.kind in ("ministry", "coordinating_ministry", "agency", "unit")
            for e in mention.entries
        ):
            return False
        following = text[mention.end : mention.end + 80]
        if _AFFAIRS_OF_A_COUNTRY_RE.match(following):
            return True  # "Sekretariat Negara untuk Urusan Ekonomi Swiss" (SECO)
        run = re.match(r"(?:\s(?:dan\s)?[A-Z][\w\-]*){1,6}", following)
        # "Kementerian PUPR dan LH Korea": a name closed by its acronym is whole as well
        if " " not in mention.surface or mention.surface.rsplit(" ", 1)[-1].split("/")[0].isupper():
            # "BNPB dan Palang Merah Jerman", "BNPB, IOM, dan ...": an acronym names the
            # whole body; a "dan" or a comma after it opens the next name, never more fields
            second = re.search(r"\sdan\s", run.group()) if run else None
            return run is not None and contains_country(
                run.group()[: second.start()] if second else run.group()
            )
        if run:
            # "Kementerian ESDM dan Badan Pembangunan Internasional Amerika Serikat": the
            # "dan" opens a second body, so the country closes that one, not this name.
            second = re.search(r"\sdan\s([A-Z][\w\-]*)", run.group())
            if second and _second_body(mention.surface, run.group()[second.start(1) :]):
                return contains_country(run.group()[: second.start()])
            return contains_country(run.group())
        # "Kementerian Pertanian, Kehutanan dan Perikanan Jepang": more fields after a comma,
        # the country closing the name; not a list of bodies ("Kemenlu, Kedutaan Besar Jepang")
        run = _FIELDS_THEN_COUNTRY_RE.match(following)
        return run is not None and not any(
            # an acronym is a name of its own, not a ministry's field ("..., IOM, dan ...")
            w in NOT_A_FIELD or w.isupper()
            for w in re.findall(r"[A-Z][\w\-]*", run.group("fields"))
        )


# "... untuk Urusan Ekonomi Swiss": the affairs a foreign body is for, then its country.
_AFFAIRS_OF_A_COUNTRY_RE = re.compile(
    rf"\suntuk\sUrusan(?:\s(?:dan\s)?[A-Z][\w\-]*){{1,4}}?\s(?:{COUNTRY_PATTERN})(?!\w)"
)
_FIELDS_THEN_COUNTRY_RE = re.compile(
    r"(?P<fields>(?:,\s(?:dan\s)?[A-Z][\w\-]*(?:\s(?:dan\s)?(?!Kerajaan\s|Republik\s)[A-Z][\w\-]*)"
    r"{0,2}){1,3})"
    # "... dan Perikanan Kerajaan Norwegia": the state's form before the country
    rf"\s(?:(?:Kerajaan|Republik(?:\sFederal|\sRakyat)?)\s)?(?:{COUNTRY_PATTERN})(?!\w)"
)
NOT_A_FIELD = frozenset(
    [
    "Kedutaan", "Kedubes", "Pemerintah", "Kementerian", "Badan", "Konsulat", "Duta", "Dubes",
    "Lembaga", "Provinsi", "Kota", "Negara", "Presiden", "Menteri", "Perdana", "Raja",
    "Republik", "Kerajaan", "Kabupaten", "Departemen", "Kejaksaan", "Mahkamah", "Kepolisian",
    "Parlemen", "Majelis", "Otoritas", "Komisi", "Bank",
    # heads of other organizations' names ("BNPB dan Palang Merah Jerman")
    "Palang", "Organisasi", "Yayasan", "Universitas", "Institut", "Dana", "Program", "Pusat",
    "Perhimpunan", "Asosiasi", "Federasi", "Dewan", "Kamar", "Komite", "Agensi", "Korps",
    ]
)  # fmt: skip
# Words between the "dan" and the country: up to three are the fields of one ministry
# ("... dan Perdagangan Selandia Baru", "... dan Sumber Daya Manusia Korea"); more are a
# second body's name ("Komisi Pemberantasan Korupsi dan Corrupt Practices Investigation Bureau
# Singapura").
MAX_FIELD_WORDS = 3
_COUNTRY_OPENS_NAME_RE = re.compile(rf"(?:{COUNTRY_PATTERN})\s[A-Z]")


# "Standard Chartered Bank Indonesia", "HSBC Bank Indonesia": a bank's name that ends with
# "Bank Indonesia" is a company: an acronym or two capitalised words before it, none of them
# an office or title of the central bank itself ("Deputi Gubernur Bank Indonesia", "Kepala
# Departemen Komunikasi Bank Indonesia"). One capitalised word alone may open the sentence
# ("Selain Bank Indonesia, ...").
_CAPITALISED_BEFORE_RE = re.compile(r"(?:(?<![\w-])[A-Z][\w&.\-]* ){1,4}$")
BANK_OFFICE_WORDS = frozenset(
    ["Gubernur", "Deputi", "Dewan", "Kantor", "Perwakilan", "Kepala", "Direktur", "Departemen",
     "Pejabat", "Tim", "Anggota", "Pimpinan", "Institut", "Gedung", "Museum", "Asisten",
     "Ekonom", "Direktorat", "Satuan", "Pusat", "Grup", "Divisi", "Bagian"]
)  # fmt: skip


def _inside_company_name(text: str, mention: BodyMention) -> bool:
    if not mention.surface.startswith("Bank "):
        return False
    before = _CAPITALISED_BEFORE_RE.search(text, max(0, mention.start - 60), mention.start)
    if before is None:
        return False
    words = before.group().split()
    if any(word in BANK_OFFICE_WORDS for word in words):
        return False
    last = words[-1]
    return len(words) >= 2 or (last.isupper() and len(last) >= 2 and last != "RI")


def _second_body(surface: str, after_dan: str) -> bool:
    """Whether the capitalised words after "<body> dan" open a second body rather than
    continue the first one's name: a head word of bodies (`NOT_A_FIELD`), the first word of
    the body itself ("Kejaksaan Agung dan Kejaksaan Agung Tiongkok"), a country that opens a
    name ("Basarnas dan Japan Coast Guard"), or more words than a ministry's fields."""
    words = after_dan.split()
    if not words:
        return False
    if words[0] in NOT_A_FIELD or words[0] == surface.split()[0]:
        return True
    if words[0] in ("Wakil", "Plt", "Plt.") and len(words) > 1 and words[1] in NOT_A_FIELD:
        return True  # "Menteri Kesehatan dan Wakil Duta Besar Jepang": a second person
    if _COUNTRY_OPENS_NAME_RE.match(after_dan):
        return True
    country = COUNTRY_RE.search(after_dan)
    before_country = after_dan[: country.start()].split() if country else words
    return len(before_country) > MAX_FIELD_WORDS


# How alike two words must be to be one word misspelt ("Luara" / "Luar"); an abbreviation
# is another word ("Kementan" is not a misspelt "Kementerian").
SAME_WORD_MIN = 0.85


def _same_words(run: str, name: str) -> bool:
    """Word by word, `run` is a misspelling of `name` (same number of words, each alike);
    with a different number of words (a word split or joined) the whole-string ratio rules."""
    run_words, name_words = run.split(), name.split()
    if len(run_words) != len(name_words):
        return True
    return all(
        a == b or Indel.normalized_similarity(a, b) >= SAME_WORD_MIN
        for a, b in zip(run_words, name_words, strict=True)
    )


# "Kemenkes" -> "Menkes", "Kemenko PMK" -> "Menko PMK", "KemenPPPA" -> "MenPPPA": the
# minister's short form drops the "Ke-" of the ministry's (general Indonesian usage).
_MINISTRY_SHORT_RE = re.compile(r"Kemen(?=[A-Za-z])|Kemen(?=\s)|Kementerian\s")


@lru_cache(maxsize=1)
def minister_short_titles() -> dict[str, str]:
    """Short titles of ministers ("Menkes", "Menko Polhukam", "MenPAN-RB") and the title
    each stands for in full ("Menteri Kesehatan", "Menteri Koordinator Bidang ...")."""
    titles: dict[str, str] = {}
    for entry in all_bodies():
        if entry.kind in ("ministry", "coordinating_ministry"):
            full = "Menteri " + entry.name.removeprefix("Kementerian ")
            for short in _minister_short_forms(entry):
                if not short.startswith("Menteri"):
                    titles.setdefault(short, full)
    return titles


def _minister_short_forms(entry: BodyEntry) -> list[str]:
    forms = []
    for short in (entry.acronym, *entry.aliases):
        if short and short.startswith("Kemen") and _MINISTRY_SHORT_RE.match(short):
            minister = "Men" + short.removeprefix("Kemen")
            if short.startswith("Kementerian "):
                minister = "Menteri " + short.removeprefix("Kementerian ")
            if len(minister) >= 5 and not minister.startswith("Men ") and " RI" not in minister:
                forms.append(minister)
    return forms


_FIELD_BREAK_RE = re.compile(r",|\sdan\s|/")


def _first_field(rest: str) -> str:
    """The first field of a ministry's name with several ("Desa" of "Desa, Pembangunan
    Daerah Tertinggal, dan Transmigrasi"; "Kelautan" of "Kelautan dan Perikanan"), or ""."""
    found = _FIELD_BREAK_RE.search(rest)
    if found is None or rest.startswith(("Koordinator", "Negara")):
        return ""
    return rest[: found.start()].strip()


def _strongest(strengths: Iterable[str]) -> str:
    order = {STRONG: 0, TITLE: 1, WEAK: 2, BARE: 3}
    return min(strengths, key=lambda s: order[s])


# Countries (Indonesian names, CLDR and press forms) that mark a body as foreign when they
# follow its name.
COUNTRY_RE = re.compile(rf"(?<!\w)(?:{COUNTRY_PATTERN})(?!\w)")


def contains_country(text: str) -> bool:
    return COUNTRY_RE.search(text) is not None


# The President and the Vice President host events themselves ("Presiden Joko Widodo
# menerima ..."). The registry of bodies lists ministries and agencies, not the two offices,
# so the extractor knows them here: written with "RI"/"Republik Indonesia" or with the name of
# a holder of the office (the Presidents and Vice Presidents since 2004, public record). A
# bare "Presiden" is left out: it heads foreign names too ("Presiden Bank Dunia").
PRESIDENTS = ("Susilo Bambang Yudhoyono", "SBY", "Joko Widodo", "Jokowi", "Prabowo Subianto",
              "Prabowo")  # fmt: skip
VICE_PRESIDENTS = ("Jusuf Kalla", "JK", "Boediono", "Ma'ruf Amin", "Ma’ruf Amin",
                   "Gibran Rakabuming Raka", "Gibran")  # fmt: skip
_OF_INDONESIA = ("RI", "Republik Indonesia", "Indonesia")
HEADS_OF_STATE = (
    BodyEntry(
        key="presiden-ri",
        name="Presiden Republik Indonesia",
        acronym="",
        kind="other",
        aliases=tuple(f"Presiden {who}" for who in (*_OF_INDONESIA, *PRESIDENTS)),
    ),
    BodyEntry(
        key="wakil-presiden-ri",
        name="Wakil Presiden Republik Indonesia",
        acronym="",
        kind="other",
        aliases=tuple(
            f"{head} {who}"
            for head in ("Wakil Presiden", "Wapres")
            for who in (*_OF_INDONESIA, *VICE_PRESIDENTS)
        ),
    ),
)


STATE_INSTITUTIONS_FILE = Path(__file__).resolve().parent / "data" / "state_institutions.yaml"


@lru_cache(maxsize=1)
def state_institutions() -> tuple[BodyEntry, ...]:
    """State institutions that are not ministries (Bank Indonesia, OJK, DPR, Mahkamah Agung,
    KPU, ...) from `data/state_institutions.yaml`, less those the registry already lists (by
    code or name): the organs of UUD 1945 and the bodies set up by law or regulation, each
    with its legal basis in the file."""
    rows = yaml.safe_load(STATE_INSTITUTIONS_FILE.read_text(encoding="utf-8"))
    if not isinstance(rows, list):
        raise ValueError(f"{STATE_INSTITUTIONS_FILE.name}: expected a list of bodies")
    known = all_bodies()
    codes = {entry.key for entry in known}
    names = {entry.name.lower() for entry in known}
    entries = []
    for row in rows:
        if not row.get("basis"):
            raise ValueError(f"{STATE_INSTITUTIONS_FILE.name}: {row.get('code')!r} has no basis")
        entry = entry_from_row({k: v for k, v in row.items() if k != "basis"})
        if entry.key not in codes and entry.name.lower() not in names:
            entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of all bodies, built once per process."""
    return Gazetteer([*all_bodies(), *state_institutions(), *HEADS_OF_STATE])


# Heads of offices whose title is not the office's name with a head word: they stand for it.
OFFICE_HEADS: dict[str, tuple[str, ...]] = {
    "setkab": ("Sekretaris Kabinet", "Sekretaris Kabinet RI"),
    "ksp": ("Kepala Staf Kepresidenan", "Kepala Staf Presiden", "Kepala KSP"),
}


@lru_cache(maxsize=1)
def vertical_offices() -> dict[str, tuple[str, ...]]:
    """Regional offices of national bodies, by registry code (data/vertical_offices.yaml)."""
    with (Path(__file__).parent / "data" / "vertical_offices.yaml").open(encoding="utf-8") as f:
        return {code: tuple(names) for code, names in yaml.safe_load(f).items()}


@lru_cache(maxsize=1)
def body_name_words() -> frozenset[str]:
    """Every word of the Indonesian names of government bodies, lower case ("pendidikan",
    "tinggi", "kerja", "sama"): the words the field of an unnamed unit is written in."""
    words: set[str] = set()
    for entry in all_bodies():
        for name in (entry.name, *entry.aliases):
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+", name))
    return frozenset(words)


@lru_cache(maxsize=1)
def indonesian_places() -> frozenset[str]:
    """Bare names of Indonesia's provinces, regencies and cities, lower case ("bogor",
    "jawa barat", "sumba timur"): an institution named after one is Indonesian."""
    names: set[str] = set()
    for entry in all_bodies():
        if entry.kind in ("regency_government", "city_government") and entry.acronym:
            names.add(entry.acronym.split(" ", 1)[1].lower())
            names.update(press.lower() for press in press_names(entry))
        elif entry.kind == "provincial_government":
            names.add(entry.name.removeprefix("Pemerintah Provinsi ").lower())
            names.update(n.lower() for n in PROVINCE_SHORT_NAMES.get(entry.province_code or "", ()))
    return frozenset(names)


def _english_key(name: str) -> str:
    return " ".join(_norm_token(t) for t in _tokens(name))


# Units named by a ministry's field alone ("Badan Litbang Pertanian" = the research agency
# of Kementerian Pertanian; "BPSDM Kesehatan").
FIELD_UNITS = (
    "Badan Penelitian dan Pengembangan", "Badan Litbang", "Balitbang",
    "Badan Pengembangan Sumber Daya Manusia", "BPSDM",
    "Badan Penyuluhan dan Pengembangan Sumber Daya Manusia",
)  # fmt: skip
# Regional offices named without their ministry, by the kind of office (more in
# data/vertical_offices.yaml, with their legal basis).
MINISTRY_UNITS: dict[str, tuple[str, ...]] = {
    "kemenpupr": ("Balai Besar Wilayah Sungai", "Balai Wilayah Sungai", "BBWS",
                  "Balai Besar Pelaksanaan Jalan Nasional", "BBPJN",
                  "Balai Pelaksanaan Jalan Nasional", "BPJN"),
    "kemenpu": ("Balai Besar Wilayah Sungai", "Balai Wilayah Sungai", "BBWS",
                "Balai Besar Pelaksanaan Jalan Nasional", "BBPJN",
                "Balai Pelaksanaan Jalan Nasional", "BPJN"),
}  # fmt: skip
_FOREIGN_BEFORE_EN_RE = re.compile(
    rf"(?:(?<!\w)(?!Indonesia)(?:{COUNTRY_PATTERN})(?:['’]s)?"
    r"|(?<!\w)(?!Indonesian)[A-Z][a-z]+(?:ese|ian|ish|ean|ch))\s(?:[Tt]he\s)?$"
)
_FOREIGN_AFTER_EN_RE = re.compile(
    rf"\s(?:of|for)\s(?:the\s)?(?!Indonesia(?!\w)|Republic\sof\sIndonesia)(?:{COUNTRY_PATTERN})(?!\w)"
)


def _unique_local_names(entries: Iterable[BodyEntry]) -> frozenset[str]:
    """Bare names of regencies and cities that no other regional government shares."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.kind in ("regency_government", "city_government") and entry.acronym:
            bare = entry.acronym.split(" ", 1)[1]
            counts[bare] = counts.get(bare, 0) + 1
        elif entry.kind == "provincial_government":
            for name in (entry.name.removeprefix("Pemerintah Provinsi "),
                         *PROVINCE_SHORT_NAMES.get(entry.province_code or "", ())):  # fmt: skip
                counts[name] = counts.get(name, 0) + 2
    return frozenset(name for name, count in counts.items() if count == 1)


def regional_unit_before(text: str, start: int) -> bool:
    """Whether a regional unit noun heads the noun phrase that ends at `start`.

    Walks back over capitalised words and connectors ("Dinas Pemberdayaan Perempuan dan
    Perlindungan Anak, ... Kabupaten Bantul") for at most 20 words.
    """
    window = text[max(0, start - 160) : start]
    words = re.findall(r"[^\s,()]+", window)
    for back, word in enumerate(reversed(words[-20:])):
        bare = word.strip(".,;:\"'“”")
        if not bare:
            continue
        lower = bare.lower()
        if lower in REGIONAL_UNIT_WORDS and bare[:1].isupper():
            return True
        if bare[:1].isupper() or lower in UNIT_NAME_CONNECTORS or bare.isupper():
            continue
        if back == 0 and lower == "dari" and window.endswith("dari "):
            continue  # "Dinas Tenaga Kerja dari Provinsi Jawa Barat": the unit's region
        return False
    return False
