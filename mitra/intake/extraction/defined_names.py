"""Names defined with an acronym in brackets that the capitalised runs do not find whole:
a name with lower-case words, found by its acronym's initials ("Centre national de la
recherche scientifique (CNRS)"), and the name written first when the defined one is given as
its other name ("Dana Kependudukan PBB atau United Nations Population Fund (UNFPA)").

Split out of parties.py, whose step 1 (names defined with an acronym) calls them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .countries import COUNTRY_PATTERN
from .known_orgs import KnownIndex
from .names import looks_foreign, overlaps, strip_leading_titles

# "X atau Y (ACR)", "X atau yang lebih dikenal sebagai Y (ACR)": X is Y's other name. A
# legal form or founding year may close X ("... Frankfurt von 1858 e.V. atau ...").
_ALIAS_GAP_RE = re.compile(
    r"(?:\s[\w.]{1,8}){0,3}?\s(?:atau|alias)\s(?:yang\s(?:lebih\s)?(?:dikenal|disebut)"
    r"\s(?:sebagai|dengan)\s)?$"
)


def first_name_of_alias(
    text: str,
    start: int,
    all_runs: list[tuple[int, int]],
    run_ends: list[int],
    gov_spans: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """The name written first when the name at `start` is given as its other name."""
    before = text[max(0, start - 70) : start]
    if " atau " not in before and " alias " not in before:
        return None  # most names: no other name given
    index = bisect.bisect_right(run_ends, start - 1) - 1
    if index < 0:
        return None
    run_start, run_end = all_runs[index]
    if not _ALIAS_GAP_RE.fullmatch(text, run_end, start) or overlaps(
        (run_start, run_end), gov_spans
    ):
        return None
    run_start = strip_leading_titles(text, run_start, run_end)
    return (run_start, run_end) if run_end - run_start > 3 else None


# Words that may go unmatched when a name is found by its acronym's initials.
_INITIALS_SKIP = frozenset(
    ["de", "la", "le", "du", "des", "of", "the", "and", "for", "voor", "van", "von", "der", "für",
     "und", "et", "pour", "del", "y", "&"]
)  # fmt: skip
_WORDS_BEFORE_BRACKET_RE = re.compile(r"[^\W\d_][\w'’-]*")


def defined_by_initials(
    text: str,
    bracket: int,
    acronym: str,
    acr_start: int,
    gov_spans: list[tuple[int, int]],
    index: KnownIndex,
    add: Callable[..., None],
) -> None:
    """A name with lower-case words defined by its acronym: the fewest words right before the
    bracket whose initials spell the acronym in order (Schwartz and Hearst's idea), kept when
    the name is known or reads foreign, or a foreign country follows the bracket."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not 2 <= len(letters) <= 10:
        return
    line_start = max(text.rfind("\n", 0, bracket) + 1, bracket - 160)
    words = list(_WORDS_BEFORE_BRACKET_RE.finditer(text, line_start, bracket))
    if not words or text[words[-1].end() : bracket].strip():
        return
    for count in range(len(letters), min(len(words), len(letters) + 5) + 1):
        window = words[-count:]
        if any(c in text[window[0].start() : bracket] for c in ".,;:()"):
            return
        if window[0].group()[0].lower() != letters[0] or not _initials_spell(window, letters):
            continue
        start, end = window[0].start(), window[-1].end()
        if overlaps((start, end), gov_spans):
            return
        full = text[start:end]
        known = index.match_name(full) or index.match_name(acronym)
        after = text[bracket + len(acronym) + 2 : bracket + len(acronym) + 40]
        if known or looks_foreign(full) or _COUNTRY_AFTER_RE.match(after):
            add(full, (start, end), known, acronym, full)
            add(acronym, (acr_start, acr_start + len(acronym)), known, acronym, full)
        return


def only_the_tail_of(run: str, acronym: str) -> bool:
    """Whether the capitalised run before a bracket spells only the end of its acronym
    ("Propriété Industrielle" for "INPI"): the name begins further left."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [w[0].lower() for w in _WORDS_BEFORE_BRACKET_RE.findall(run) if w[0].isupper()]
    return (
        acronym.isupper()
        and 0 < len(initials) < len(letters)
        and letters[-len(initials) :] == initials
    )


def country_after_bracket(text: str, bracket: int, acronym: str) -> bool:
    """Whether a foreign country follows the bracket of `acronym` at `bracket`."""
    after = text[bracket + len(acronym) + 2 : bracket + len(acronym) + 40]
    return _COUNTRY_AFTER_RE.match(after) is not None


def _initials_spell(window: list[re.Match[str]], letters: list[str]) -> bool:
    position = 0
    for word in window:
        initial = word.group()[0].lower()
        if position < len(letters) and initial == letters[position]:
            position += 1
        elif word.group().lower() not in _INITIALS_SKIP:
            return False
    return position == len(letters)


# A foreign country right after the bracket: "(CNRS) Prancis".
_COUNTRY_AFTER_RE = re.compile(
    rf",?\s(?:di\s)?(?!Indonesia(?!\w)|RI(?!\w))(?:{COUNTRY_PATTERN})(?!\w)"
)


_WORD_RE = re.compile(r"[^\W\d_]+")
_SMALL_WORDS = frozenset(["of", "for", "and", "the", "on", "de", "du", "des", "voor", "für", "en"])


def short_name_of(short: str, before: str) -> bool:
    """Whether `short` ("Norad", "Sida", "Danida", "Unicef") abbreviates the name that ends
    `before`: its letters are the first letters of the name's words, or runs of letters from
    the start of a word ("NORwegian Agency for Development"), in order, from the name's
    first word (the last eight words before the bracket are tried as its start)."""
    # "Korea Water Resources Corporation (K-water)": a hyphenated short name may take its
    # letters from the name's first words only
    hyphened = short.count("-") == 1
    key = short.lower().replace("-", "")
    if not 3 <= len(key) <= 10 or not key.isalpha():
        return False
    words = [w.lower() for w in _WORD_RE.findall(before)][-8:]
    return any(
        words[first][0] == key[0] and _abbreviates(key, words[first:], hyphened)
        for first in range(len(words))
        if words[first] not in _SMALL_WORDS
    )


def _abbreviates(key: str, words: list[str], anywhere: bool = False) -> bool:
    # a small search: at most 10 letters × 8 words × 10 letters × 10 words drawn
    # (letters used, word index, letters of that word used, words drawn from)
    todo = [(1, 0, 1, 1)]
    seen = set()
    while todo:
        used, word, taken, drawn = todo.pop()
        if used == len(key):
            # from two words at least ("Jakarta" is a word, not a short name), the name
            # ending at (or one word before) the bracket
            if drawn >= 2 and (anywhere or word >= len(words) - 2):
                return True
            continue
        if (used, word, taken, drawn) in seen:
            continue
        seen.add((used, word, taken, drawn))
        if taken < len(words[word]) and words[word][taken] == key[used]:
            todo.append((used + 1, word, taken + 1, drawn))
        for nxt in range(word + 1, len(words)):
            if words[nxt][0] == key[used]:
                todo.append((used + 1, nxt, 1, drawn + 1))
    return False


# "Sekretariat Negara untuk Urusan Ekonomi Swiss (SECO)", "Kantor Federal untuk Migrasi Swiss":
# an office's head words, "untuk", then the affairs and the country; the capitalised run
# before the bracket starts after "untuk".
_OFFICE_HEADS = (
    r"Sekretariat|Kantor|Badan|Lembaga|Dewan|Komisi|Pusat|Otoritas|Agensi|Direktorat"
    r"|Departemen|Kementerian"
)
_HEAD_FOR_AFFAIRS_RE = re.compile(
    rf"(?:^|(?<=\s))(?P<head>(?:{_OFFICE_HEADS})(?:\s[A-Z][\w-]*){{0,3}})\s(?P<link>untuk|bagi|dan)\s$"
)
# "Badan Kerja Sama dan Koordinasi Turki (TIKA)": the second field of one office's name, not
# a second office ("... dan Kementerian Luar Negeri Jepang").
_SECOND_OFFICE_RE = re.compile(rf"(?:{_OFFICE_HEADS}|Pemerintah|Kedutaan|Konsulat)\s")


def head_before_affairs(text: str, run_start: int, run_end: int) -> int:
    """Where a foreign office's name starts when the run before its acronym holds only the
    affairs it is for ("Urusan Ekonomi Swiss" after "Sekretariat Negara untuk") or its second
    field ("Koordinasi Turki" after "Badan Kerja Sama dan"): the head's start when the run
    ends with a foreign country, else `run_start`."""
    country = re.search(rf"(?:{COUNTRY_PATTERN})$", text[run_start:run_end])
    if country is None or text[run_start:run_end].startswith("Indonesia"):
        return run_start
    head = _HEAD_FOR_AFFAIRS_RE.search(text, max(0, run_start - 60), run_start)
    if head is None or head.group("link") == "dan" and _SECOND_OFFICE_RE.match(text, run_start):
        return run_start
    return head.start("head")
