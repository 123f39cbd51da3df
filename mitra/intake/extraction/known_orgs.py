"""Organizations known before reading: Mitra's registry, the well-known list and the IATI
publishers, indexed by their surface forms and matched as whole words (exact, or fuzzy on
long names that look foreign)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .countries import trie_pattern
from .foreign_orgs import WELL_KNOWN, with_indonesian_variants, with_un_variants
from .iati_publishers import iati_publishers
from .limits import Budget
from .model import KnownOrganization
from .name_words import NAME_CONNECTORS
from .names import WORD_RE, normalise_name, similar, strip_country_suffix
from .scan import Triggered

MAX_NAME_WORDS = 12  # longest organization name looked up as a whole


class KnownIndex:
    """Surface forms of registry and well-known organizations, matched as whole words."""

    def __init__(self, registry: Sequence[KnownOrganization]):
        self.orgs: list[tuple[KnownOrganization, bool]] = []  # (org, from_registry)
        self.forms: dict[str, int] = {}
        self.case_sensitive: dict[str, int] = {}
        entries = [(org, True) for org in registry]
        entries += [
            (KnownOrganization(n, a, with_un_variants(with_indonesian_variants(n, al))), False)
            for n, a, al in WELL_KNOWN
        ]
        # IATI publishers are matched by their exact name or acronym only: they are not put
        # in the pattern of names with lower-case words below (hundreds of names there would
        # slow every document down for little gain).
        exact_only = len(entries)
        entries += [(KnownOrganization(n, a, ()), False) for n, a in iati_publishers()]
        for index, (org, _from_registry) in enumerate(entries):
            self.orgs.append(entries[index])
            for form in (org.name, org.acronym, *org.aliases):
                form = (form or "").strip()
                if len(form) < 2:
                    continue
                if form.isupper() and len(form) <= 6 or (len(form) <= 5 and " " not in form):
                    self.case_sensitive.setdefault(form, index)
                else:
                    self.forms.setdefault(normalise_name(form), index)
        self.by_prefix: dict[str, list[tuple[str, int]]] = {}
        for form, index in self.forms.items():
            self.by_prefix.setdefault(form[:3], []).append((form, index))
        alternatives = sorted({re.escape(f) for f in self.case_sensitive}, key=len, reverse=True)
        self.acronym_re = re.compile(
            # "Kerja Sama RI-UNICEF": a hyphen joins the partner to Indonesia, not to a word
            rf"(?:(?<![\w-])|(?<=RI-)|(?<=Indonesia-))(?:{'|'.join(alternatives)})(?![\w])"
            if alternatives
            else r"(?!x)x"
        )
        # Its matches start with an acronym as written: tried only where one stands (scan.py).
        self.acronyms = Triggered(
            self.acronym_re,
            trie_pattern(self.case_sensitive) if alternatives else None,
            on_text=True,
        )
        # Names that contain lower-case words ("Badan PBB untuk Pengungsi") or a comma are not
        # one capitalised run; they are found by one pass of this pattern.
        with_lower = sorted(
            {
                form.strip()
                for org, _ in self.orgs[:exact_only]
                for form in (org.name, *org.aliases)
                if form
                and " " in form.strip()
                and any(w[:1].islower() for w in form.split())
                and (
                    not all(w.lower() in NAME_CONNECTORS or w[:1].isupper() for w in form.split())
                    # "Gavi, the Vaccine Alliance": a comma splits the capitalised runs too,
                    # and so do two small words ("... Gender Equality and the Empowerment")
                    or "," in form
                    or re.search(r"(?<!\S)[a-z]+\s[a-z]+(?!\S)", form) is not None
                )
            },
            key=len,
            reverse=True,
        )
        self.lowercase_re = (
            re.compile(
                rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in with_lower)})(?![\w])",
                re.IGNORECASE,
            )
            if with_lower
            else None
        )
        # Its matches start with a name's first word: tried only where one stands (scan.py);
        # a name that opens with anything but an ASCII letter leaves it scanned the plain way.
        leads = [re.match(r"[A-Za-z]+", form) for form in with_lower]
        self.lowercase = (
            Triggered(
                self.lowercase_re,
                "|".join(sorted({lead.group().lower() for lead in leads if lead}))
                if all(leads)
                else None,
            )
            if self.lowercase_re is not None
            else None
        )

    def match_name(
        self, name: str, fuzzy: bool = False, budget: Budget | None = None
    ) -> KnownOrganization | None:
        key = normalise_name(name)
        if not key:
            return None
        if key in self.forms:
            return self.orgs[self.forms[key]][0]
        if name in self.case_sensitive:
            return self.orgs[self.case_sensitive[name]][0]
        if " " in name and name[-1].isdigit() and name.replace(" ", "") in self.case_sensitive:
            # "FHI 360" for the acronym-like name "FHI360"
            return self.orgs[self.case_sensitive[name.replace(" ", "")]][0]
        # spelling variants ("Konrad Adenaur Stiftung"): fuzzy on long names only
        if fuzzy and len(key) >= 10:
            # spelling variants keep the first letters ("Konrad Adenaur Stiftung")
            for form, index in self.by_prefix.get(key[:3], ()):
                if abs(len(form) - len(key)) <= 3 and similar(form, key, 0.9, budget):
                    return self.orgs[index][0]
        return None


def known_index(registry: Sequence[KnownOrganization]) -> KnownIndex:
    key = tuple(registry)
    cached = _INDEX_CACHE.get(key)
    if cached is None:
        cached = KnownIndex(registry)
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = cached
    return cached


_INDEX_CACHE: dict[tuple[KnownOrganization, ...], KnownIndex] = {}


def known_suffix(
    text: str, start: int, end: int, index: KnownIndex
) -> tuple[int, KnownOrganization | None]:
    """The longest tail of a name run that is a known organization's name (exact forms)."""
    words = list(WORD_RE.finditer(text, start, end))[-MAX_NAME_WORDS:]
    for word in words:
        tail = text[word.start() : end]
        known = index.match_name(tail)
        if known is None:
            # "Save the Children Indonesia": the name with its country-office suffix
            bare = strip_country_suffix(tail)
            known = index.match_name(bare) if bare != tail else None
        if known is not None:
            return word.start(), known
    return start, None


# Most words of a person's name that follow an organization in one capitalised run.
MAX_PERSON_WORDS = 4


def known_prefix(
    text: str, start: int, end: int, index: KnownIndex
) -> tuple[int, KnownOrganization] | None:
    """A known organization's name that opens the run and is followed only by a person's
    name, with where it ends: "Mercy Corps Indonesia Ade Soekadis" (after its title "Country
    Director") is Mercy Corps and the name of its director."""
    words = list(WORD_RE.finditer(text, start, end))
    if not 3 <= len(words) <= MAX_NAME_WORDS:
        return None
    for cut in range(len(words) - 1, max(0, len(words) - 1 - MAX_PERSON_WORDS), -1):
        if cut < 2 and words[0].group().isupper():
            return None  # a one-word acronym is found as an acronym on its own
        if any(not w.group()[:1].isupper() for w in words[cut:]):
            return None
        head = text[start : words[cut - 1].end()]
        known = index.match_name(head) or index.match_name(strip_country_suffix(head))
        if known is not None:
            return words[cut - 1].end(), known
    return None
