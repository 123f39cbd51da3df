"""Names read from a text matched against the registry: government bodies, organizations.

In order: the exact name, acronym or alias, compared normalised (case, punctuation,
spacing); for bodies, the gazetteer's surface forms ("Gubernur NTT", "Bappeda NTT", names
in force on the event date, typos of long names), resolved to the top-level body; for
organizations, the name without a country-office suffix ("Mercy Corps Indonesia") and both
halves of "Full Name (ACR)"; last, a close spelling of a long name (rapidfuzz's Indel
similarity >= 0.9: twice the longest common subsequence over the two lengths added).

Each matcher reads its table once (one query) and then answers any number of names without
a query; `body()` / `organization()` fetch the one row matched.
"""

import re
from datetime import date
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Indel

from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import normalise_name

from .extraction import default_gazetteer
from .extraction.bodies import regional_unit_before
from .extraction.names import strip_country_suffix
from .extraction.regions import REGIONAL_KINDS

FUZZY_RATIO = 0.9
FUZZY_MIN_CHARS = 8


class _LongNames:
    """Long names and their ids, for one many-against-one comparison per name looked up."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.ids: list[int] = []

    def append(self, name: str, pk: int) -> None:
        self.names.append(name)
        self.ids.append(pk)

    def closest(self, wanted: str) -> int | None:
        """The id of the name closest to `wanted` at FUZZY_RATIO or more (None: none is); of
        equally close names, the first added."""
        if len(wanted) < FUZZY_MIN_CHARS:
            return None
        found = process.extractOne(
            wanted, self.names, scorer=Indel.normalized_similarity, score_cutoff=FUZZY_RATIO
        )
        return self.ids[found[2]] if found is not None else None


class BodyMatcher:
    """Top-level government bodies by name, acronym, alias, gazetteer form or close name."""

    def __init__(self) -> None:
        rows = GovernmentBody.objects.values_list(
            "pk", "key", "name", "name_en", "acronym", "aliases", "parent_id", "valid_until"
        )
        self._parent: dict[int, int | None] = {}
        self._by_key: dict[str, int] = {}
        self._rank: dict[int, int] = {}
        self._exact: dict[str, list[int]] = {}
        self._long = _LongNames()
        self._rows: dict[int, GovernmentBody] = {}
        for pk, key, name, name_en, acronym, aliases, parent_id, valid_until in rows:
            self._parent[pk] = parent_id
            self._by_key[key] = pk
            # Prefer a top-level body still in force over units and old names.
            self._rank[pk] = (0 if parent_id is None else 2) + (1 if valid_until else 0)
            for form in (name, name_en, acronym, *(aliases or [])):
                wanted = normalise_name(form or "")
                if wanted:
                    self._exact.setdefault(wanted, []).append(pk)
                    if len(wanted) >= FUZZY_MIN_CHARS:
                        self._long.append(wanted, pk)

    def _root(self, pk: int) -> int:
        seen = set()
        while self._parent.get(pk) is not None and pk not in seen:
            seen.add(pk)
            pk = self._parent[pk]  # type: ignore[assignment]
        return pk

    def match_id(self, name: str, on: date | None = None) -> int | None:
        """The id of the top-level body `name` stands for, or None."""
        wanted = normalise_name(name or "")
        if not wanted:
            return None
        exact = self._exact.get(wanted)
        if exact:
            return self._root(min(exact, key=lambda pk: self._rank[pk]))
        entry = default_gazetteer().lookup(name.strip(), on) or _regional_unit(name, on)
        if entry is not None and entry.key in self._by_key:
            return self._root(self._by_key[entry.key])
        close = self._long.closest(wanted)
        return self._root(close) if close is not None else None

    def key_id(self, key: str | None) -> int | None:
        return self._root(self._by_key[key]) if key and key in self._by_key else None

    def body(self, pk: int | None) -> GovernmentBody | None:
        if pk is None:
            return None
        if pk not in self._rows:
            self._rows[pk] = GovernmentBody.objects.get(pk=pk)
        return self._rows[pk]

    def match(self, name: str, on: date | None = None, key: str | None = None) -> Any:
        """The top-level body: by the extractor's gazetteer `key` when it gave one, else by
        `name`. None when nothing matches."""
        return self.body(self.key_id(key) or self.match_id(name, on))


def _regional_unit(name: str, on: date | None) -> Any:
    """A regional government's unit named with its region at the end ("Bappeda NTT", "Dinas
    Kesehatan Kabupaten Bantul") stands for that government: its gazetteer entry, or None."""
    gazetteer = default_gazetteer()
    text = name.strip()
    for mention in reversed(gazetteer.find(text)):
        if mention.end < len(text.rstrip(" .,")) or not regional_unit_before(text, mention.start):
            continue
        entry = gazetteer.resolve(mention.entries, on)
        if entry.kind in REGIONAL_KINDS:
            return entry
    return None


_BRACKET_RE = re.compile(r"\s*(.+?)\s*\(([^()]+)\)\s*")


class OrganizationMatcher:
    """Foreign organizations by legal name, acronym, alias, or close name."""

    def __init__(self) -> None:
        rows = ForeignOrganization.objects.values_list("pk", "legal_name", "acronym", "aliases")
        self._exact: dict[str, int] = {}
        self._long = _LongNames()
        for pk, legal_name, acronym, aliases in rows.order_by("pk"):
            for form in (legal_name, acronym, *(aliases or [])):
                wanted = normalise_name(form or "")
                if len(wanted) >= 2:
                    self._exact.setdefault(wanted, pk)
                    if len(wanted) >= FUZZY_MIN_CHARS and form != acronym:
                        self._long.append(wanted, pk)

    def match_id(self, name: str) -> int | None:
        bracket = _BRACKET_RE.fullmatch(name or "")
        forms = [name, *(bracket.groups() if bracket else ())]
        forms += [strip_country_suffix(f) for f in forms]
        for form in forms:
            found = self._exact.get(normalise_name(form or ""))
            if found is not None:
                return found
        for form in forms:
            found = self._long.closest(normalise_name(form or ""))
            if found is not None:
                return found
        return None

    def match(self, name: str, known_pk: Any = None) -> ForeignOrganization | None:
        """The registry entry the extractor matched (`known_pk`), else the one `name` is."""
        if known_pk is not None:
            found = ForeignOrganization.objects.filter(pk=known_pk).first()
            if found:
                return found
        pk = self.match_id(name)
        return ForeignOrganization.objects.get(pk=pk) if pk is not None else None
