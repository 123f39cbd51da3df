"""Search by words: every word of the query must appear, in any order, anywhere in the
record's search text (a lower-cased text kept by the services: names, acronyms, aliases).

"ucl aspac" finds "UCLG ASPAC" (each word as a part of a word), "Ford 2024" finds the Ford
agreement of 2024 when the caller gives the year its own test (`year_q`), and a caller may
add its own test per word (`word_q`: organizations add misspelt names, `close_words`). Words
are at most `MAX_WORDS`, so a pasted paragraph cannot build a query of a thousand conditions.
"""

import re
from collections.abc import Callable

from django.db.models import Q
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extract

MAX_WORDS = 8
_WORD_RE = re.compile(r"[^\W_]+(?:[-'.&/][^\W_]+)*", re.UNICODE)
_YEAR_RE = re.compile(r"(?:19|20|21)\d\d")


def words_of(text: str) -> set[str]:
    """Every word of a stored search text, hyphenated ones also in their parts."""
    found: set[str] = set()
    for word in _WORD_RE.findall((text or "").lower()):
        found.add(word)
        found.update(part for part in re.split(r"[-'.&/]", word) if part)
    return found


def query_words(text: str) -> list[str]:
    """The query's words, lower-cased, in order, without repeats (at most MAX_WORDS)."""
    words: list[str] = []
    for word in _WORD_RE.findall((text or "").lower()):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def words_q(
    text: str,
    field: str = "search_text",
    year_q: Callable[[int], Q] | None = None,
    word_q: Callable[[str], Q | None] | None = None,
) -> Q | None:
    """A filter requiring every word of `text` in `field` (None for an empty query). With
    `year_q`, a word that is a year matches either the text or `year_q(year)`; with `word_q`,
    a word also matches what `word_q(word)` selects."""
    words = query_words(text)
    if not words:
        return None
    condition = Q()
    for word in words:
        matches = Q(**{f"{field}__contains": word})
        if year_q is not None and _YEAR_RE.fullmatch(word):
            matches |= year_q(int(word))
        extra = word_q(word) if word_q is not None else None
        if extra is not None:
            matches |= extra
        condition &= matches
    return condition


def typos_allowed(word: str) -> int:
    """Edits (a letter added, dropped, changed, or two swapped) a word may differ by and still
    be the same word misspelt: none below four letters, where one edit makes another word;
    for four letters only two letters swapped ("ucgl" for "uclg", not "fort" for "ford")."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def close_words(word: str, vocabulary: list[str]) -> list[str]:
    """The words of `vocabulary` that `word` is a misspelling of ("fundation" → "foundation",
    "ucgl" → "uclg"); words that merely contain it are the caller's substring test."""
    allowed = typos_allowed(word)
    if not allowed:
        return []
    found = extract(
        word,
        vocabulary,
        scorer=DamerauLevenshtein.distance,
        score_cutoff=allowed,
        limit=None,
    )
    words = [candidate for candidate, _distance, _index in found]
    if len(word) == 4:
        words = [candidate for candidate in words if sorted(candidate) == sorted(word)]
    return words
