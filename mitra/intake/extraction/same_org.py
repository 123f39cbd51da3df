"""Candidates that are one organization written two ways, merged before roles are read:

* a translation with its acronym in the bracket after the name: "Badan Energi Denmark (Danish
  Energy Agency/DEA)", "Komite Internasional Palang Merah (International Committee of the Red
  Cross/ICRC)": the English name is the same body;
* an acronym followed by its country: "METI Jepang", "DFAT Australia", "FSC Korea" after
  "Kementerian Ekonomi, Perdagangan, dan Industri Jepang (METI)": the same ministry;
* one name in Indonesian and in English: "Badan Meteorologi Jepang" and "Japan Meteorological
  Agency" (translations.py);
* a bare country beside a partner of that country ("Uzbekistan" beside "Kementerian Luar
  Negeri Republik Uzbekistan"): the country is recorded only when it is the whole side.
"""

from __future__ import annotations

import bisect
import re

from .bodies import COUNTRY_RE
from .countries import COUNTRY_PATTERN
from .names import OrgCandidate
from .translations import country_codes, same_in_translation

# "(English Name/ACR)" or "(English Name, ACR)" right after a name.
_TRANSLATION_BRACKET_RE = re.compile(
    r"\s?\(\s?(?P<name>[A-Z][^()/,\n]{3,90}?)\s?[/,]\s?(?P<acronym>[A-Z][A-Za-z0-9\-&.]{1,12})\s?\)"
)
_SHORT_NAME_BRACKET_RE = re.compile(r"\s?\(\s?(?P<name>[A-Z][\w&.-]{1,20})\s?\)")
_ACRONYM_COUNTRY_RE = re.compile(
    rf"(?P<acronym>[A-Z][A-Za-z0-9\-&]{{1,11}})\s(?:{COUNTRY_PATTERN})(?:\sSelatan|\sUtara)?$"
)


def merge_same_organizations(text: str, candidates: list[OrgCandidate]) -> list[OrgCandidate]:
    """`candidates` with the second form of each organization merged into the first."""
    merged: list[OrgCandidate] = []
    for cand in sorted(candidates, key=lambda c: min(s for s, _ in c.mentions)):
        target = next((m for m in merged if _same(text, m, cand)), None)
        if target is None:
            merged.append(cand)
            continue
        short_name = _short_name_of(text, cand, target)
        target.mentions = sorted(target.mentions + cand.mentions)
        target.counterpart_cues += cand.counterpart_cues
        target.attend_cues += cand.attend_cues
        target.witness_cues += cand.witness_cues
        target.known = target.known or cand.known
        target.acronym = target.acronym or cand.acronym
        if short_name:
            # "Hivos" (in the headline) is the short name of the "Humanistisch Instituut voor
            # Ontwikkelingssamenwerking (Hivos)" of the body: the full name names them both
            for form in cand.forms:
                if form not in target.forms:
                    target.forms.append(form)
                target.first_at.setdefault(form, cand.first_at.get(form, 0))
    order = {id(c): i for i, c in enumerate(candidates)}
    merged.sort(key=lambda c: order[id(c)])
    _adopt_translation_acronyms(text, merged)
    return merged


def _adopt_translation_acronyms(text: str, candidates: list[OrgCandidate]) -> None:
    """ "Badan Meteorologi Jepang (Japan Meteorological Agency/JMA)": the acronym in the
    translation bracket is the organization's, and so are its later mentions ("Director-General
    JMA"), unless another candidate already goes by it."""
    taken = {c.acronym for c in candidates if c.acronym} | {
        form for c in candidates for form in c.forms
    }
    for cand in candidates:
        if cand.acronym:
            continue
        for _start, end in list(cand.mentions):
            bracket = _TRANSLATION_BRACKET_RE.match(text, end)
            if bracket is None or bracket.group("acronym") in taken:
                continue
            acronym = cand.acronym = bracket.group("acronym")
            taken.add(acronym)
            pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")
            spans = set(cand.mentions)
            spans.update(m.span() for m in pattern.finditer(text, bracket.end()))
            cand.mentions = sorted(spans)
            break


def _same(text: str, first: OrgCandidate, second: OrgCandidate) -> bool:
    # the second named inside a translation bracket right after a mention of the first, or as
    # the whole of a bracket there ("Humanistisch Instituut voor Ontwikkelingssamenwerking
    # (Hivos)": a short name that is no all-capital acronym)
    for _start, end in first.mentions:
        bracket = _TRANSLATION_BRACKET_RE.match(text, end)
        if bracket and any(
            bracket.start("name") <= s < bracket.end("name") for s, _ in second.mentions
        ):
            return True
    # "METI Jepang" after "... (METI)"
    if first.acronym:
        for form in second.forms:
            match = _ACRONYM_COUNTRY_RE.fullmatch(form)
            if match and match.group("acronym") == first.acronym:
                return True
    if _short_name_of(text, first, second) or _short_name_of(text, second, first):
        return True
    if _other_name_after(text, first, second):
        return True
    # "Badan Meteorologi Jepang" and, later, "Japan Meteorological Agency (JMA)"
    return any(
        same_in_translation(one, other)
        for one in first.forms
        if " " in one
        for other in second.forms
        if " " in other
    )


# "Bundesagentur für Arbeit (BA) atau Badan Ketenagakerjaan Federal Jerman": the name after
# "atau" (or "alias") is the same organization's other name.
_OTHER_NAME_LINK_RE = re.compile(r"(?:\s?\([^()\n]{1,20}\))?\s(?:atau|alias)\s")


def _other_name_after(text: str, named: OrgCandidate, other: OrgCandidate) -> bool:
    """Whether a mention of `other` follows a mention of `named` after "atau" (set lookups:
    an item may repeat one name thousands of times)."""
    other_starts = {s for s, _ in other.mentions}
    for _start, end in named.mentions:
        link = _OTHER_NAME_LINK_RE.match(text, end)
        if link is not None and link.end() in other_starts:
            return True
    return False


def _short_name_of(text: str, named: OrgCandidate, short: OrgCandidate) -> bool:
    """Whether `short` is the whole of a bracket right after a mention of `named`. Set and
    bisect lookups: an item may repeat one name thousands of times."""
    short_spans = set(short.mentions)
    starts = [s for s, _ in short.mentions]  # mentions are sorted
    for start, end in named.mentions:
        bracket = _SHORT_NAME_BRACKET_RE.match(text, end)
        if bracket is None or bracket.span("name") not in short_spans:
            continue
        # not "PBB" at the end of "Organisasi Pangan dan Pertanian PBB (FAO)", a name of the
        # other itself: the other's mention that starts last before this one ends after it
        inside = bisect.bisect_right(starts, start) - 1
        if inside >= 0 and short.mentions[inside][1] >= end:
            continue
        return True
    return False


# Regional groupings whose bare acronym the press uses as an attribute: "taman warisan ASEAN",
# "negara-negara ASEAN", "tim tanggap darurat ASEAN", "forum APEC".
_GROUPINGS = frozenset(["ASEAN", "APEC", "G20", "G7", "OKI", "BRICS", "IORA", "MIKTA", "BIMP-EAGA"])
# Words before a name that tie it to the event, not describe a noun: "dengan ASEAN".
_LINK_WORDS = frozenset(
    ["dengan", "dan", "bersama", "serta", "antara", "oleh", "kepada", "dari", "ke", "with", "and",
     "mitra", "pihak", "delegasi", "sekretariat", "menerima", "bertemu", "mengunjungi"]
)  # fmt: skip
_WORD_BEFORE_RE = re.compile(r"([\w-]+)\s$")
_NAME_GOES_ON_RE = re.compile(r"\s[A-Z]")


def attributive_only(text: str, cand: OrgCandidate) -> bool:
    """A grouping named only as an attribute of a noun ("kawasan ASEAN"), never as a side."""
    if not cand.forms or any(form not in _GROUPINGS for form in cand.forms):
        return False
    seen = False
    for start, end in cand.mentions:
        if _NAME_GOES_ON_RE.match(text, end):
            continue  # "ASEAN Centre for Biodiversity": inside a longer name
        seen = True
        before = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
        if before is None:
            return False
        word = before.group(1)
        if not word[:1].islower() or word.lower() in _LINK_WORDS:
            return False
    return seen


# A country's name, bare or as a state: "Uzbekistan", "Republik Federal Jerman", "Kerajaan
# Belanda".
_BARE_COUNTRY_RE = re.compile(
    r"(?:(?:Republik|Kerajaan|Negara|Persemakmuran)(?:\s(?:Federal|Rakyat|Sosialis|Islam"
    rf"|Demokratik|Arab))*\s)?(?P<country>{COUNTRY_PATTERN})"
)


def without_countries_of_partners(counterparts: list[OrgCandidate]) -> list[OrgCandidate]:
    """The counterparts less a bare country whose own body is a counterpart too: the README
    records the country only when "a foreign side [is] given only as a country"."""
    named_countries: set[str] = set()
    bare: list[tuple[OrgCandidate, str]] = []
    for cand in counterparts:
        name = cand.display_name()
        whole = _BARE_COUNTRY_RE.fullmatch(name)
        if whole is not None:
            bare.append((cand, whole.group("country")))
        else:
            named_countries.update(m.group() for m in COUNTRY_RE.finditer(name))
            # "Danish Energy Agency" names Denmark too
            named_countries.update(country_codes(name))
    dropped = {
        id(cand)
        for cand, country in bare
        if country in named_countries or country_codes(country) & named_countries
    }
    return [c for c in counterparts if id(c) not in dropped]
