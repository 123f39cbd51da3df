"""Foreign organization candidates: finding them and clustering their surface forms.

Foreign organizations are found by phrase families, not by a list of item names:
* registry / well-known names and acronyms (case-sensitive for short acronyms);
* a name defined with its acronym in brackets: "Friedrich-Ebert-Stiftung (FES)";
* names ending in an organization head word: "... Foundation", "... Stiftung",
  "... International", "... Institute";
* foreign governments: "Kementerian ... Selandia Baru", "Pemerintah Provinsi X, Korea
  Selatan" (X not an Indonesian province), "Kedutaan Besar Jepang";
* a name after a foreign cue: "ormas asing X", "organisasi internasional X".
A candidate becomes a counterpart when the text links it to the cooperation: a title
mention, "kerja sama (antara G) dengan F", "G dan F", a signatory, a visit, a foreign cue.
Organizations only named as attending ("dihadiri perwakilan Kedutaan ...") are left out.
Roles are decided in roles.py; name helpers live in names.py, known organizations in
known_orgs.py, foreign governments and countries in foreign_side.py, sentence cues in cues.py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from itertools import chain as _chain

from .agreements import DOCUMENT_RE
from .bodies import COUNTRY_RE, BodyMention
from .countries import COUNTRY_PATTERN
from .cues import (
    described_from_country,
    foreign_cue_before,
    foreign_description_after,
    listed_after_foreign_cue,
)
from .dates import MONTHS, WEEKDAYS
from .defined_names import (
    country_after_bracket,
    defined_by_initials,
    first_name_of_alias,
    head_before_affairs,
    only_the_tail_of,
    short_name_of,
)
from .document import Document
from .foreign_places import LOCAL_FORM_RE, RUN_ON_LOCAL_RE, address_of_a_city, local_core
from .foreign_programmes import foreign_programmes
from .foreign_side import (
    FOREIGN_AGENCY_HEAD_RE,
    FOREIGN_GOV_HEAD_RE,
    FOREIGN_HEAD,
    FOREIGN_LOCAL,
    FOREIGN_LOCAL_RE,
    INTERNATIONAL_HEAD_RE,
    UN_BODY,
    country_in_title_phrase,
    english_ministries,
    foreign_head_name,
    foreign_ministries,
    government_country,
    indonesian_regional_unit,
    is_foreign_government,
    is_foreign_local,
    is_foreign_subnational,
    names_before_countries,
    place_words,
)
from .known_orgs import known_index, known_prefix, known_suffix
from .limits import FUZZY_ORG_COMPARISONS, PAIRWISE_ORG_COMPARISONS, Budget
from .model import KnownOrganization
from .name_words import ORG_HEADS
from .names import (
    DOMESTIC_INTERNATIONAL_RE,
    WORD_RE,
    OrgCandidate,
    cut_at_headline_verb,
    cut_at_headline_words,
    disjoint,
    form_key,
    is_domestic_institution,
    is_headline_verb,
    looks_foreign,
    name_runs,
    overlaps,
    similar,
    strip_country_suffix,
    strip_leading_titles,
)

# Bound that keeps pathological input linear: how many distinct foreign organizations one
# item may name.
MAX_CANDIDATES = 60
MAX_FORMS = 8  # surface forms kept per organization


# A weekday or month standing alone ("Senin", "Desember") is a date's word, never a name.
_CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(m for m in MONTHS if len(m) > 3)
_LANGUAGE_BEFORE_RE = re.compile(r"(?<!\w)(?:ber)?bahasa\s$", re.IGNORECASE)
# A count opening the words: "20 Ribu Guru Bahasa Inggris", "3 Negara Eropa".
_COUNT_FIRST_RE = re.compile(r"\d[\d.,]*\s")


def find_foreign_candidates(
    doc: Document,
    gov_mentions: list[BodyMention],
    registry: Sequence[KnownOrganization],
) -> list[OrgCandidate]:
    text = doc.text
    index = known_index(registry)
    gov_spans = sorted((m.start, m.end) for m in gov_mentions)
    candidates: list[OrgCandidate] = []
    budget = Budget(FUZZY_ORG_COMPARISONS)
    pairs = Budget(PAIRWISE_ORG_COMPARISONS)
    # Exact keys of every form and acronym, and registry entries: the lookup used once
    # the pairwise budget is spent.
    exact: dict[str, OrgCandidate] = {}
    by_known: dict[int, OrgCandidate] = {}

    english_ministry_names, english_spans = english_ministries(text, doc.body_start)
    english_starts = [s for s, _ in english_spans]

    def inside_an_english_title(pos: int) -> bool:
        at = bisect.bisect_right(english_starts, pos) - 1
        return at >= 0 and english_starts[at] < pos < english_spans[at][1]

    def remember(cand: OrgCandidate, *forms: str) -> None:
        for form in forms:
            if form:
                exact.setdefault(form_key(form), cand)
        if cand.known is not None:
            by_known.setdefault(id(cand.known), cand)

    def same(
        key: str, known: KnownOrganization | None, acronym: str, form: str = ""
    ) -> OrgCandidate | None:
        if pairs.spend(len(candidates)):
            core = local_core(form)
            for cand in candidates:
                same_known = known is not None and cand.known is known
                if same_known or _same_org(key, cand, acronym, budget, core):
                    return cand
            return None
        found = by_known.get(id(known)) if known is not None else None
        return found or exact.get(key) or (exact.get(form_key(acronym)) if acronym else None)

    def add(
        form: str,
        span: tuple[int, int],
        known: KnownOrganization | None = None,
        acronym: str = "",
        full: str = "",
    ) -> None:
        form = form.strip(" -,")
        if "\n" in form:
            # "Kota Busan\nKOICA": a name never runs across a line break; the line the
            # mention starts on keeps it
            form = form.split("\n", 1)[0].rstrip(" -,")
            if full:
                full = full.split("\n", 1)[0].rstrip(" -,")
            start = text.find(form, span[0], span[1])
            if not form or start < 0:
                return
            span = (start, start + len(form))
        cut = cut_at_headline_verb(form)
        local = LOCAL_FORM_RE.match(cut)
        if local:
            # "Kota Kitakyushu Kenji Morimoto": the city, not the mayor's name after it
            words = local.group("name").split()
            kept = place_words(text, words)
            if kept != words:
                cut = cut[: local.start("name")] + " ".join(kept)
        if cut != form:
            if text.startswith(cut, span[0]):
                span = (span[0], span[0] + len(cut))
            form = cut
            known = known or index.match_name(form)  # "FAO Representative ..." -> "FAO"
        if len(form) < 2 or overlaps(span, gov_spans) and not full:
            return
        if is_document_name(form) or full and is_document_name(full):
            return  # "Memorandum of Cooperation (MoC)", "Letter of Intent": a document
        if english_starts and inside_an_english_title(span[0]):
            return  # "Minister for Agriculture, <Fisheries and Forestry> Australia"
        if form.lower() in _CALENDAR_WORDS or _COUNT_FIRST_RE.match(form):
            return  # "lembaga donor asing, Senin (3/6)", "Latih 20 Ribu Guru": no name
        if _LANGUAGE_BEFORE_RE.search(text, max(0, span[0] - 11), span[0]):
            return  # "guru Bahasa Inggris": a language, not the country
        if not known and indonesian_regional_unit(form):
            return  # "Kesbangpol Merauke": the regency's own office, written without "Kabupaten"
        if not known and _DESCRIPTION_ONLY_RE.fullmatch(form):
            return  # "Lembaga Asal Jerman", "NGO Jepang": what it is, not its name
        if not known and (_BUILDING_RE.match(form) or _VENUE_TAIL_RE.search(form)):
            return  # "Wisma Bapa Malaysia", "KCC Convention Center": a place, no party
        if address_of_a_city(text, form, span[0]):
            return  # "Kota Hamamatsu, Prefektur Shizuoka, Jepang": the city's address
        if _UMBRELLA_AFTER_RE.match(text, span[1]) and _UMBRELLA_BEFORE_RE.search(
            text, max(0, span[0] - 20), span[0]
        ):
            return  # "tiga badan PBB, yaitu FAO, ...": the agencies listed are the parties
        if (COUNTRY_RE.fullmatch(form) or _COUNTRY_STATE_RE.fullmatch(form)) and (
            _REGION_BEFORE_RE.search(text, max(0, span[0] - 70), span[0])
            or _addressed_name_before(text, span[0])
        ):
            # "Provinsi Hainan, Republik Rakyat Tiongkok", "Universität Hamburg, Republik
            # Federal Jerman": where the organization before it is, not another party
            return
        key = form_key(form)
        cand = same(key, known, acronym, form)
        # Where the form counts as written first: a headline's short form, or a name made
        # from an officer's title ("City Mayor of X" -> "City of X"), after every form the
        # body writes (README: the name as first spelled out in the text).
        rank = span[0]
        if doc.in_title(span[0]) or doc.in_caption(span[0]) or not text.startswith(form, span[0]):
            rank += _AFTER_THE_BODY
        if cand is not None:
            if (
                form not in cand.forms
                and not (cand.acronym and form == cand.acronym)
                and len(cand.forms) < MAX_FORMS
            ):
                cand.forms.append(form)
            if rank < cand.first_at.get(form, rank + 1):
                cand.first_at[form] = rank
            cand.mentions.append(span)
            cand.known = cand.known or known
            if acronym and not cand.acronym:
                cand.acronym = acronym
            if full and not cand.defined_full:
                cand.defined_full = full
            remember(cand, form, acronym)
            return
        if len(candidates) >= MAX_CANDIDATES:
            return  # a press item names a handful; beyond this the input is not prose
        forms = [form] if form != acronym or not full else [full]
        cand = OrgCandidate(forms, acronym, known, [span], defined_full=full)
        cand.first_at[form] = rank
        candidates.append(cand)
        remember(cand, *forms, acronym)

    search_from = doc.body_start
    # Capitalised runs of every line, computed once (runs never cross a bracket).
    all_runs: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[search_from:]):
        all_runs += name_runs(text, search_from + line.start(), search_from + line.end())
    # 0. Known names with lower-case words ("Badan PBB untuk Pangan dan Pertanian"): the
    # capitalised runs inside them are not names of their own.
    lower_spans: list[tuple[int, int]] = []
    if index.lowercase is not None:
        for match in index.lowercase.finditer(text, search_from):
            known = index.match_name(match.group())
            if known is not None and not overlaps(match.span(), gov_spans):
                after = BRACKET_AFTER_RE.match(text, match.end())
                acronym = after.group(1).strip() if after else ""
                add(match.group(), match.span(), known, acronym, match.group() if acronym else "")
                lower_spans.append(match.span())
    # 0b. UN bodies named in Indonesian around "PBB" ("Organisasi Pendidikan, Keilmuan, dan
    # Kebudayaan PBB", "Kantor PBB untuk Pengurangan Risiko Bencana"): the whole name, not
    # the "PBB" inside it nor the capitalised runs it is cut into.
    named_in_full = _chain(
        UN_BODY.finditer(text, search_from),
        foreign_ministries(text, search_from),
        english_ministry_names,
    )
    for match in named_in_full:
        span = (match.start(), match.end())
        if overlaps(span, lower_spans) or overlaps(span, gov_spans):
            continue
        name = match.group()
        after = BRACKET_AFTER_RE.match(text, match.end())
        acronym = after.group(1).strip() if after else ""
        english = ""
        translated = TRANSLATION_BRACKET_RE.match(text, match.end())
        if translated is not None:
            # "Badan Program Pembangunan PBB (United Nations Development Programme/UNDP)"
            english, acronym = translated.group("name"), translated.group("acronym")
        known = (
            index.match_name(name, fuzzy=True, budget=budget)
            or (index.match_name(acronym) if acronym else None)
            or (index.match_name(english) if english else None)
        )
        add(name, span, known, acronym, name if acronym else "")
        lower_spans.append(span)
    lower_spans.sort()
    if lower_spans:
        all_runs = [r for r in all_runs if not overlaps(r, lower_spans)]
    run_ends = [end for _, end in all_runs]
    # 1. Names defined with an acronym in brackets.
    for match in re.finditer(r"\(\s?([A-Z][A-Za-z0-9\-&. ]{1,24}?)\s?\)", text[search_from:]):
        acr_start = search_from + match.start(1)
        acronym = match.group(1).strip()
        bracket = search_from + match.start()
        # "Norwegian Agency for Development Cooperation (Norad)", "... (Sida)": a short name
        # in mixed case, only when it is made of the name's own letters
        mixed_case = not any(c.isupper() for c in acronym[1:]) and not acronym.isupper()
        if mixed_case and not short_name_of(
            acronym, text[max(search_from, bracket - 120) : bracket]
        ):
            continue

        if lower_spans and overlaps((bracket - 2, bracket), lower_spans):
            continue  # the acronym of a name found in step 0
        last = bisect.bisect_right(run_ends, bracket) - 1  # the last run ending before it
        gap = text[run_ends[last] : bracket] if last >= 0 else "\n"
        if len(gap) > 3 or gap.strip() or "\n" in gap:
            # the name must stand right before the bracket, on the same line; one with
            # lower-case words is found by its initials ("Centre national de la recherche
            # scientifique (CNRS)")
            defined_by_initials(text, bracket, acronym, acr_start, gov_spans, index, add)
            continue
        runs = [_after_government(text, *all_runs[last], gov_spans)]
        # after "G dan": only a name that reads foreign by itself (not "... Internasional")
        after_government = runs[0] != all_runs[last]
        # A known name may begin with a word that otherwise reads as a title or headline
        # word ("Organisasi Kesehatan Dunia (WHO)", "Program Pembangunan PBB (UNDP)").
        run_start, known = known_suffix(text, *runs[-1], index)
        if known is None and not (
            # "Lembaga Penelitian Kelautan Prancis (IFREMER)": its head word is no title
            FOREIGN_AGENCY_HEAD_RE.match(text, *runs[-1])
            and is_foreign_government(text[runs[-1][0] : runs[-1][1]])
        ):
            run_start = strip_leading_titles(text, *runs[-1])
        # "Sekretariat Negara untuk Urusan Ekonomi Swiss (SECO)": a foreign office by its
        # country, whose head words stand before "untuk"
        head = head_before_affairs(text, *runs[-1])
        for_affairs = head != runs[-1][0]
        run_start = head if for_affairs else run_start
        full = text[run_start : runs[-1][1]]
        if not full or overlaps((run_start, runs[-1][1]), gov_spans):
            continue
        if only_the_tail_of(full, acronym):
            # "Institut National de la Propriété Industrielle (INPI)": the run before the
            # bracket ("Propriété Industrielle") is the name's tail; its initials find the whole
            defined_by_initials(text, bracket, acronym, acr_start, gov_spans, index, add)
            continue
        known = (
            known or index.match_name(full, fuzzy=True, budget=budget) or index.match_name(acronym)
        )
        if (
            known
            or for_affairs
            or looks_foreign(full)
            or is_foreign_government(full)
            or INTERNATIONAL_HEAD_RE.fullmatch(full)
            and not after_government
            and not DOMESTIC_INTERNATIONAL_RE.search(full)
            # "Disaster and Emergency Management Presidency (AFAD) Turki": the country after
            # the bracket tells where the organization comes from
            or " " in full
            and country_after_bracket(text, bracket, acronym)
        ):
            first = first_name_of_alias(text, run_start, all_runs, run_ends, gov_spans)
            if first is not None:
                # "Dana Kependudukan PBB atau United Nations Population Fund (UNFPA)": the
                # name first written names the organization
                add(text[first[0] : first[1]], first, known, acronym, text[first[0] : first[1]])
            add(full, (run_start, runs[-1][1]), known, acronym, full)
            add(acronym, (acr_start, acr_start + len(acronym)), known, acronym, full)
    # 2. Capitalised runs: known names, org heads, foreign governments, foreign cues.
    for run_start, run_end in all_runs:
        numbered = _NUMBER_AFTER_RE.match(text, run_end)
        if numbered:
            # "FHI 360": only a known name (a number after a name is most often a year
            # or a count)
            start, known = known_suffix(text, run_start, numbered.end(), index)
            if known is not None:
                add(text[start : numbered.end()], (start, numbered.end()), known)
                continue
        _classify_run(text, run_start, run_end, index, gov_spans, add, budget)
    # 2c. The head of a foreign local government: "Wali Kota Perth", "Mayor of Darwin",
    # "Governor of Hokkaido", "Gubernur Victoria, Australia" (Indonesian heads of region are
    # gazetteer mentions and never reach here).
    head_places: set[str] = set()
    for match in FOREIGN_HEAD.finditer(text, search_from):
        if overlaps(match.span("name"), gov_spans) or overlaps(match.span(), lower_spans):
            continue
        name = foreign_head_name(text, match)
        if name:
            add(name, match.span())
            head_places.add(name.split(" ", 2)[-1] if name.startswith("City of") else name)
    # 2d. Foreign local governments, also in lower case: "pemerintah negara bagian
    # Queensland, Australia", "Prefektur Osaka", "Provinsi Fujian" (not an Indonesian one), a
    # city whose head the text names abroad ("Deputy Mayor of Kitakyushu").
    with_country: set[str] | None = None
    for match in FOREIGN_LOCAL.finditer(text, search_from):
        if overlaps(match.span("name"), gov_spans):
            continue
        if with_country is None:
            with_country = names_before_countries(text, search_from)
        place = match.group("name")
        if (
            is_foreign_local(match, with_country)
            or place in head_places
            or f"Kota {place}" in head_places
        ):
            add(match.group().rstrip(" ,"), match.span())
    # 3. Known acronyms anywhere (case-sensitive), unless part of a longer name ("PBB" in
    # "Dana Kependudukan PBB").
    named = disjoint(sorted(span for cand in candidates for span in cand.mentions))
    for match in index.acronyms.finditer(text, search_from):
        known = index.orgs[index.case_sensitive[match.group()]][0]
        if not overlaps(match.span(), gov_spans) and not overlaps(match.span(), named):
            add(
                match.group(), match.span(), known, match.group() if match.group().isupper() else ""
            )
    # 4. Programmes the text describes as a foreign government's ("KOMPAK merupakan program
    # kemitraan Pemerintah Australia dan Pemerintah Indonesia"): Indonesian words, foreign.
    for name, acronym, span in foreign_programmes(text, search_from):
        add(name, span, None, acronym, name if name != acronym else "")
    _collect_mentions(text, search_from, candidates, gov_spans)
    return _merge_governments(_without_nested_mentions(text, candidates))


def _without_nested_mentions(text: str, candidates: list[OrgCandidate]) -> list[OrgCandidate]:
    """A mention inside a longer mention of another organization is part of that name ("ASEAN"
    in "ASEAN Coordinating Centre for Humanitarian Assistance"): it is no mention of its own.
    An organization left with no mention of its own is dropped."""
    spans = sorted(
        ((s, -e, index) for index, cand in enumerate(candidates) for s, e in cand.mentions)
    )
    nested: set[tuple[int, int, int]] = set()
    # the mention reaching furthest so far: (start, end, whose)
    reach_start, reach, reach_owner = -1, -1, -1
    for start, neg_end, index in spans:
        end = -neg_end
        if end <= reach and reach_owner != index:
            # "METI Jepang" is METI with its country: the same organization, kept for the merge
            rest = f"{text[reach_start:start]} {text[end:reach]}".strip(" ,")
            if not COUNTRY_RE.fullmatch(rest):
                nested.add((start, end, index))
        elif end > reach:
            reach_start, reach, reach_owner = start, end, index
    if not nested:
        return candidates
    kept = []
    for index, cand in enumerate(candidates):
        cand.mentions = [(s, e) for s, e in cand.mentions if (s, e, index) not in nested]
        if cand.mentions:
            kept.append(cand)
    return kept


# Added to the position of a form that the body does not write where it was found.
_AFTER_THE_BODY = 10**7


def _merge_governments(candidates: list[OrgCandidate]) -> list[OrgCandidate]:
    """One counterpart per foreign country's government: "Pemerintah Kerajaan Norwegia" and
    "Kedutaan Besar Norwegia" (or "Pemerintah Norwegia") are one party, named by the first
    "Pemerintah ..." form when the text writes one."""
    by_country: dict[str, OrgCandidate] = {}
    kept: list[OrgCandidate] = []
    for cand in candidates:
        found = None if cand.acronym else _government_form(cand)
        if found is None:
            kept.append(cand)
            continue
        country = form_key(found[0])
        first = by_country.get(country)
        if first is None:
            by_country[country] = cand
            kept.append(cand)
            continue
        for form in cand.forms:
            if form not in first.forms:
                first.forms.append(form)
            first.first_at.setdefault(form, cand.first_at.get(form, 0))
        first.mentions = sorted(set(first.mentions) | set(cand.mentions))
        first.counterpart_cues += cand.counterpart_cues
        first.attend_cues += cand.attend_cues
        first.witness_cues += cand.witness_cues
        first.known = first.known or cand.known
    for cand in by_country.values():
        named = [f for f in cand.forms if (government_country(f) or ("", False))[1]]
        if named and not (government_country(cand.display_name()) or ("", False))[1]:
            # the government's name stands for the party, however the text first wrote it
            cand.first_at[named[0]] = min(cand.first_at.values()) - 1
    return kept


def _government_form(cand: OrgCandidate) -> tuple[str, bool] | None:
    """The country of a candidate that names a country's government, embassy or the country
    (every form does; names are short, so long runs are not read)."""
    found = None
    for form in cand.forms:
        if len(form) > _GOVERNMENT_NAME_CHARS:
            return None
        found = government_country(strip_country_suffix(form))
        if found is None:
            return None
    return found


_GOVERNMENT_NAME_CHARS = 80


# First words of a document's name that no organization's name opens with.
_DOCUMENT_NAME_HEADS = frozenset(
    ["memorandum", "nota", "perjanjian", "piagam", "protokol", "konvensi", "deklarasi", "hukum",
     "undang-undang", "standar", "pedoman", "peraturan", "resolusi"]
)  # fmt: skip


def is_document_name(form: str) -> bool:
    """Whether `form` names a document, not an organization: "Memorandum of Cooperation",
    "Record of Discussion", "Letter of Intent on ...", "MoU", "Nota Kesepahaman"."""
    if DOCUMENT_RE.match(form) is not None:
        return True
    first = WORD_RE.match(form)
    return first is not None and first.group().lower() in _DOCUMENT_NAME_HEADS


# A headline's description of the partner instead of its name: "Lembaga Asal Jerman", "NGO
# Jepang", "LSM dari Belanda", "Perusahaan Jepang".
_DESCRIPTION_ONLY_RE = re.compile(
    r"(?:Lembaga|NGO|LSM|Organisasi|Ormas|Yayasan|Perusahaan|Institusi|Mitra|Donor|Investor"
    r"|Universitas|Kampus)(?:\s(?:Nirlaba|Internasional|Swasta|Kemanusiaan))?"
    rf"(?:\s(?:Asal|Dari|dari|asal))?\s(?:{COUNTRY_PATTERN})"
)
# Buildings and venues, where events take place: their names are no parties.
_BUILDING_RE = re.compile(
    r"(?:Wisma|Gedung|Hotel|Aula|Graha|Menara|Balai\sKota|Balai\sSidang|Ruang|Auditorium"
    r"|Stadion|Bandara|Bandar\sUdara|Istana|Kantor\sGubernur|Rumah\sDinas|Pendopo|Pendapa)\s"
)
_VENUE_TAIL_RE = re.compile(
    r"\s(?:Convention\s(?:Center|Centre|Hall)|Exhibition\s(?:Center|Centre)|Hotel|Resort"
    r"|Ballroom|Stadium|Airport|City\sHall|Town\sHall)$"
)


# "badan-badan PBB, yaitu ...", "lembaga PBB seperti ...": an umbrella before its members.
_UMBRELLA_BEFORE_RE = re.compile(r"(?<![\w-])(?:badan|lembaga|organisasi|agensi)(?:-\w+)?\s$")
_UMBRELLA_AFTER_RE = re.compile(r",?\s?(?:yaitu|yakni|antara\slain|seperti|:)\s")
# A foreign region written right before its country, and the country as a state's name.
_REGION_BEFORE_RE = re.compile(
    r"(?<!\w)(?:Provinsi|Prefektur|Negara\sBagian|Kota|State\sof|Province\sof|City\sof)"
    r"(?:\s[A-Z][\w'-]*){1,4},\s$"
)
# An organization's name right before ", <country>": two capitalised words at least, or an
# acronym (one capitalised word may open the sentence: "Kemarin, Jepang ...").
_NAME_THEN_COMMA_RE = re.compile(
    r"(?<![\w-])[A-Z][\w'&.-]*(?:\s(?:[A-Z][\w'&.-]*|&|of|for|für|de|van|von|der)){0,8}"
    r"(?P<acronym>\s\([^()\n]{1,20}\))?,\s$"
)


def _addressed_name_before(text: str, start: int) -> bool:
    found = _NAME_THEN_COMMA_RE.search(text, max(0, start - 90), start)
    if found is None:
        return False
    # the name without its acronym in brackets and the comma
    name_end = found.start("acronym") if found.group("acronym") else found.end() - 2
    name = text[found.start() : name_end]
    one_word = " " not in name
    if one_word and not (len(name) > 1 and name[1:].lower() != name[1:]):
        # an acronym ("UNDP, Jepang") or a run-on local government ("Gyeonggi-do, Republik
        # Korea") may stand alone; any other single word may open the sentence
        return RUN_ON_LOCAL_RE.fullmatch(name) is not None
    # a name that itself ends with a country ("Jepang, Korea Selatan") is one of a list
    return not any(country.end() == len(name) for country in COUNTRY_RE.finditer(name))


_COUNTRY_STATE_RE = re.compile(
    rf"(?:Republik(?:\sRakyat|\sSosialis|\sFederal|\sDemokratik)?|Kerajaan|Persemakmuran)"
    rf"\s(?:{COUNTRY_PATTERN})"
)


def _after_government(
    text: str, start: int, end: int, gov_spans: list[tuple[int, int]]
) -> tuple[int, int]:
    """The part of a capitalised run after the government bodies it begins with:
    "Kementerian Kesehatan dan Badan Pembangunan Internasional Amerika Serikat (USAID)" is
    a ministry joined to the foreign agency that the bracket defines."""
    index = bisect.bisect_left(gov_spans, (end, -1))
    while index > 0:
        s, e = gov_spans[index - 1]
        if e <= start:
            break
        if s >= start and e < end:
            joint = _JOINT_RE.match(text, e, end)
            if joint:
                return (joint.end(), end)
        index -= 1
    return (start, end)


_JOINT_RE = re.compile(r"\s(?:dan|&|bersama|serta)\s(?=[A-Z])")
# A translation and the acronym in one bracket: "(United Nations Development Programme/UNDP)",
# "(World Food Programme/WFP)".
TRANSLATION_BRACKET_RE = re.compile(
    r"\s?\((?P<name>[A-Z][^()/\n]{2,80}?)\s?/\s?(?P<acronym>[A-Z][\w-]{1,12})\)"
)
BRACKET_AFTER_RE = re.compile(r"\s?\(\s?([A-Z][A-Za-z0-9\-&. ]{1,24}?)\s?\)")


def _same_org(
    key: str,
    cand: OrgCandidate,
    acronym: str,
    budget: Budget | None = None,
    core: tuple[str, str] | None = None,
) -> bool:
    if acronym and cand.acronym == acronym:
        return True
    if core is not None and any(local_core(form) == core for form in cand.forms):
        return True
    for form in cand.forms + ([cand.acronym] if cand.acronym else []):
        other = form_key(form)
        if not other:
            continue
        if other == key:
            return True
        short, long_ = sorted((other, key), key=len)
        if len(short) >= 6 and long_.startswith(short) or len(short) >= 8 and short in long_:
            return True
        if len(short) >= 8 and similar(short, long_, 0.88, budget):
            return True
    return False


def _classify_run(text, run_start, run_end, index, gov_spans, add, budget) -> None:  # noqa: ANN001
    start = run_start  # title words are stripped per piece, after the known-name check
    # Sub-spans of the run that are not government bodies.
    pieces: list[tuple[int, int]] = []
    cursor = start
    first = max(0, bisect.bisect_left(gov_spans, (start, -1)) - 1)
    for s, e in gov_spans[first:]:
        if s >= run_end:
            break
        if e <= cursor:
            continue
        if s > cursor:
            pieces.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < run_end:
        pieces.append((cursor, run_end))
    # "Menlu Terima Duta Besar Australia": a headline verb ends one name; what follows it is
    # read on its own (the verb itself is stripped as a leading word)
    pieces = [part for s, e in pieces for part in _split_at_headline_verbs(text, s, e)]
    for s, e in pieces:
        known_start, known = known_suffix(text, s, e, index)
        if known is not None:
            add(text[known_start:e], (known_start, e), known)
            continue
        agency = FOREIGN_AGENCY_HEAD_RE.search(text, s, e)
        if agency and is_foreign_government(text[agency.start() : e]):
            # its head word ("Badan", "Lembaga") would be stripped below as a title word
            add(text[agency.start() : e], (agency.start(), e))
            continue
        government = FOREIGN_GOV_HEAD_RE.search(text, s + 1, e)
        if (
            government
            and text[government.start() - 1] == " "
            and is_foreign_government(text[government.start() : e])
        ):
            # "Hibah Pemerintah Jepang": the foreign government starts at its head word
            add(text[government.start() : e], (government.start(), e))
            continue
        if _FOREIGN_MINISTRY_WITH_DAN_RE.match(text, s, e) and is_foreign_government(text[s:e]):
            # "Kementerian Luar Negeri dan Perdagangan Australia": the "dan" joins the fields
            # of one foreign ministry (a headline word would end the name there)
            add(text[s:e], (s, e))
            continue
        s = strip_leading_titles(text, s, e)
        person_after = known_prefix(text, s, e, index)
        if person_after is not None:
            # "Country Director Mercy Corps Indonesia Ade Soekadis": the organization, then
            # its officer's name
            add(text[s : person_after[0]], (s, person_after[0]), person_after[1])
            continue
        e = cut_at_headline_words(text, s, e)
        name = text[s:e].strip(" -")
        if len(name) < 2:
            continue
        if country_in_title_phrase(text, s, e):
            continue  # "Menteri Luar Negeri Maroko": a minister's title, the side is the country
        seems_foreign = looks_foreign(name)
        known = index.match_name(name, fuzzy=seems_foreign, budget=budget)
        if known is None and name.endswith(" Indonesia") and " " not in name[:-10]:
            # "Plan Indonesia": the country office of a known "Plan International"
            known = index.match_name(name[:-10] + " International")
        if known:
            add(name, (s, e), known)
        elif (
            seems_foreign
            or _INSTITUTION_HEAD_RE.match(name)
            and _FOREIGN_COUNTRY_AFTER_RE.match(text, e)
            and not is_domestic_institution([w.lower() for w in WORD_RE.findall(name)])
            or is_foreign_government(name)
            or is_foreign_subnational(text, s, e)
            or len(name) > 2
            and (
                foreign_cue_before(text, s)
                or foreign_description_after(text, e)
                or listed_after_foreign_cue(text, s)
                or described_from_country(text, s, e)
            )
        ):
            add(name, (s, e))


def _split_at_headline_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    following = text[start:end].split()[1:]
    if not following or not any(is_headline_verb(w) for w in following):
        return [(start, end)]  # most pieces: one word, or no verb inside
    parts: list[tuple[int, int]] = []
    words = list(WORD_RE.finditer(text, start, end))
    for word in words[1:]:
        if is_headline_verb(word.group()):
            parts.append((start, word.start()))
            start = word.start()
    parts.append((start, end))
    return [(s, e) for s, e in parts if text[s:e].strip(" -,")]


# A number that belongs to a known name: "FHI 360" (the IATI publisher "FHI360").
_NUMBER_AFTER_RE = re.compile(r"\s?\d{1,4}(?![\w.,])")
_FOREIGN_MINISTRY_WITH_DAN_RE = re.compile(r"(?:Kementerian|Departemen)\s[A-Z][^\n]*?\sdan\s[A-Z]")
# "Universitas Kyoto, Jepang", "Institut Pasteur di Prancis": an institution named in
# Indonesian is foreign when a foreign country follows it.
_INSTITUTION_HEAD_RE = re.compile(
    r"(?:Universitas|Institut|Politeknik|Akademi|Sekolah\sTinggi|Rumah\sSakit|Museum)\s[A-Z]"
)
_FOREIGN_COUNTRY_AFTER_RE = re.compile(
    rf",?\s(?:di\s)?(?!Indonesia(?!\w)|RI(?!\w))(?:{COUNTRY_PATTERN})(?!\w)"
)


def _collect_mentions(
    text: str, start: int, candidates: list[OrgCandidate], gov_spans: list[tuple[int, int]]
) -> None:
    """Find every occurrence of every form (the title and later repetitions)."""
    for cand in candidates:
        forms = set(cand.forms) | ({cand.acronym} if cand.acronym else set())
        # "pemerintah negara bagian Queensland" is "Queensland" later on ("Premier Queensland")
        bare_forms: set[str] = set()
        for form in list(forms):
            local = FOREIGN_LOCAL_RE.fullmatch(form)
            # "Siemens AG" is "Siemens" later on ("Presiden Direktur Siemens Indonesia")
            company = _LEGAL_FORM_RE.search(form)
            bare = local.group("name") if local else form[: company.start()] if company else ""
            if len(bare) >= 4 and not COUNTRY_RE.fullmatch(bare):
                bare_forms.add(bare)
        forms |= bare_forms
        seen = set(cand.mentions)
        covered = disjoint(sorted(seen))
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 2:
                continue
            for span in _standalone(text, form, start):
                if span in seen or overlaps(span, gov_spans):
                    continue
                if overlaps(span, covered):
                    continue
                if form in bare_forms and _another_name_goes_on(text, span[1]):
                    continue  # "Gyeonggi Business & Science Accelerator": another body's name
                seen.add(span)
                bisect.insort(covered, span)
                cand.mentions.append(span)
        cand.mentions.sort()


# A company's legal form after its name: "Siemens AG", "Koppert B.V." ("AS" is also the
# United States in Indonesian: "Kedutaan Besar AS").
_LEGAL_FORM_RE = re.compile(
    r"(?:,?\s(?:AG|GmbH|ASA|A/S|S\.A\.|B\.V\.|BV|N\.V\.|NV|K\.K\.|Ltd\.?"
    r"|Limited|Inc\.?|Corp\.?|PLC|plc|LLC|Pty\.?\sLtd\.?|Co\.,?\sLtd\.?|S\.p\.A\.|SpA))$"
)
_NAME_GOES_ON_RE = re.compile(r"(?:\s(?:&|[A-Z][\w-]*)){1,5}")


def _another_name_goes_on(text: str, end: int) -> bool:
    """Whether the capitalised words after a bare place name make an organization's name of
    their own (an "&" or a head word: "Gyeonggi Business & Science Accelerator"), not a
    person's name after a title ("Gubernur Queensland Annastacia ...")."""
    run = _NAME_GOES_ON_RE.match(text, end)
    if run is None:
        return False
    words = run.group().split()
    return "&" in words or any(w.lower() in ORG_HEADS for w in words)


def _standalone(text: str, form: str, start: int) -> Iterator[tuple[int, int]]:
    r"""The spans of `form` in `text` after `start` that `(?<![\w-])form(?!\w)` finds: found by
    string search (a pattern opening with a lookbehind tries every position of the text).
    A character is \w when it is alphanumeric or "_"."""
    size = len(form)
    pos = start
    while (found := text.find(form, pos)) >= 0:
        before = text[found - 1] if found > 0 else " "
        after = text[found + size] if found + size < len(text) else " "
        if before.isalnum() or before in "_-" or after.isalnum() or after == "_":
            pos = found + 1
            continue
        if _LANGUAGE_BEFORE_RE.search(text, max(0, found - 11), found):
            pos = found + size
            continue  # "guru Bahasa Inggris": the language, not the country
        yield (found, found + size)
        pos = found + size
