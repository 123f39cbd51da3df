"""Finding organizations by a misspelt name ("Ford Fundation", "UCGL ASPAC", "Konrad
Adenaur"): the words of every organization's names, acronyms and aliases, compared with each
query word by edit distance (core.search.close_words). The same on SQLite and PostgreSQL
(ADR 0019): the registry holds a few thousand organizations, and their words fit in memory
for the length of one search.
"""

from collections.abc import Callable

from django.db.models import Q

from mitra.core.search import close_words, typos_allowed, words_of

from .models import ForeignOrganization


def organization_vocabulary() -> dict[str, set[int]]:
    """Each word of the registry's names → the organizations whose names contain it."""
    vocabulary: dict[str, set[int]] = {}
    for pk, text in ForeignOrganization.objects.values_list("pk", "search_text").iterator():
        for word in words_of(text):
            vocabulary.setdefault(word, set()).add(pk)
    return vocabulary


def misspelt_names_q(to_q: Callable[[set[int]], Q]) -> Callable[[str], Q | None]:
    """A `word_q` for core.search.words_q: a query word also matches the records of the
    organizations that have a word it is a misspelling of (`to_q(organization ids)`). The
    registry's words are read once per search, and only if some word is long enough."""
    vocabulary: dict[str, set[int]] | None = None

    def word_q(word: str) -> Q | None:
        nonlocal vocabulary
        if not typos_allowed(word):
            return None
        if vocabulary is None:
            vocabulary = organization_vocabulary()
        ids: set[int] = set()
        for close in close_words(word, list(vocabulary)):
            if word not in close:  # containing it is the substring test's already
                ids |= vocabulary[close]
        return to_q(ids) if ids else None

    return word_q
