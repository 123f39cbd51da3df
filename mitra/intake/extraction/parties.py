"""Foreign counterparts, and which government bodies are parties vs. attendees.

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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain as _chain

from rapidfuzz.distance import Indel

from .bodies import COUNTRY_RE, NOT_A_FIELD, BodyMention
from .countries import COUNTRY_PATTERN
from .document import Document
from .foreign_orgs import WELL_KNOWN
from .iati_publishers import IATI_PUBLISHERS
from .limits import FUZZY_ORG_COMPARISONS, PAIRWISE_ORG_COMPARISONS, Budget
from .model import KnownOrganization

WORD_RE = re.compile(r"[^\W_](?:[\w'’&]|-(?=\w)|\.(?=\w))*")
NAME_CONNECTORS = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "de",
        "du",
        "des",
        "la",
        "le",
        "für",
        "fur",
        "zur",
        "van",
        "von",
        "der",
        "den",
        "&",
        "on",
    ]
)
ORG_HEADS = frozenset(
    [
        "foundation",
        "stiftung",
        "stichting",
        "fondation",
        "fundación",
        "fund",
        "institute",
        "institut",
        "organization",
        "organisation",
        "bureau",
        "international",
        "internasional",
        "association",
        "council",
        "society",
        "alliance",
        "network",
        "trust",
        "agency",
        "programme",
        "corps",
        "mission",
        "aid",
        "relief",
        "federation",
        "union",
        "partnership",
        "partners",
        "initiative",
        "centre",
        "center",
        "commission",
        "secretariat",
        "bank",
        "aspac",
        "conservancy",
        "philanthropies",
        "worldwide",
        "global",
        "cooperation",
        "vision",
        "care",
        # government agencies named in English: "Korea Meteorological Administration",
        # "Civil Aviation Authority of ..." ("Ministry of ..." is also a title's tail:
        # "Vice Premier and Ministry of Education X", so it is not a head)
        "administration",
        "authority",
    ]
)
# Names of ministries and agencies may contain "dan" ("Kementerian Luar Negeri dan
# Perdagangan Selandia Baru"); other runs split at it.
DAN_NAME_HEADS = frozenset(
    {"Kementerian", "Departemen", "Badan", "Ministry", "Department", "Organisasi", "Dana"}
)
# Leading words that are people's titles, not part of an organization's name.
TITLE_WORDS = frozenset(
    [
        "country",
        "regional",
        "resident",
        "executive",
        "managing",
        "program",
        "programme",
        "project",
        "director",
        "directors",
        "representative",
        "representatives",
        "coordinator",
        "officer",
        "manager",
        "head",
        "chief",
        "president",
        "chairman",
        "chair",
        "secretary",
        "general",
        "deputy",
        "vice",
        "senior",
        "junior",
        "expert",
        "advisor",
        "adviser",
        "team",
        "leader",
        "ambassador",
        "minister",
        "statistician",
        "commissioner",
        "premier",
        "premiere",
        "chancellor",
        "administrator",
        "envoy",
        "consul",
        "counsellor",
        "counselor",
        "governor",
        "mayor",
        "sekretaris",
        "jenderal",
        "kepala",
        "ketua",
        "direktur",
        "wakil",
        "gubernur",
        "bupati",
        "walikota",
        "duta",
        "besar",
        "perwakilan",
        "delegasi",
        "staf",
        "presiden",
        "menteri",
        "dubes",
        "sdr",
        "sdri",
        "bapak",
        "ibu",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pihak",
        "tim",
        "para",
    ]
)
# Indonesian words that end a candidate name when read from the left in headlines.
HEADLINE_STOP = frozenset(
    [
        "kerja",
        "sama",
        "kerjasama",
        "dengan",
        "antara",
        "dan",
        "minati",
        "perpanjang",
        "penandatanganan",
        "perjanjian",
        "courtessy",
        "courtesy",
        "call",
        "program",
        "penguatan",
        "kolaborasi",
        "melalui",
        "bidang",
        "terus",
        "perkuat",
        "dorong",
        "hadiri",
        "gelar",
        "buka",
        "ormas",
        "asing",
        "organisasi",
        "lembaga",
        "internasional",
        "mitra",
        "rapat",
        "pertemuan",
        "kunjungan",
        "audiensi",
        "tahun",
        "tentang",
        "sosialisasi",
        "evaluasi",
        "monev",
    ]
)
FOREIGN_CUE_RE = re.compile(
    r"(?:ormas|organisasi(?:\smasyarakat)?|lembaga|LSM|yayasan|NGO)\s(?:\(ormas\)\s)?asing"
    r"|organisasi\s(?:non[\s-]?pemerintah\s)?internasional|lembaga\s(?:donor|internasional)"
    r"|mitra\spembangunan|INGO|NGO\sinternasional|badan\sPBB",
    re.IGNORECASE,
)
FOREIGN_GOV_HEAD_RE = re.compile(
    r"(?:Pemerintah\s(?:Provinsi|Prov\.|Kota|Kabupaten|Prefektur|Negara\sBagian)|Provinsi|"
    r"Prefektur|Negara\sBagian|Kementerian|Kedutaan(?:\sBesar)?|Kedubes|Konsulat(?:\sJenderal)?"
    r"|Pemerintah)\s"
)
COOPERATION_RE = re.compile(
    r"kerja\s?sama|kemitraan|kolaborasi|bermitra|mitra|MoU|MoC|MSP|PKS|LoI|nota\skesepahaman"
    r"|perjanjian|memorandum|sister\s(?:city|province)|penandatanganan|menandatangani"
    r"|pertemuan|kunjungan|courtes+y|audiensi",
    re.IGNORECASE,
)
LINK_WORDS_RE = re.compile(r"(?<!\w)(?:dengan|dan|bersama|antara|serta|with|and)(?!\w)|[-–/]")
ATTEND_RE = re.compile(
    r"(?<!\w)(?:dihadiri|menghadiri|hadir|diundang|undangan|diikuti|peserta|turut|mengundang|"
    r"narasumber|disaksikan|menyaksikan|witnessed)(?!\w)",
    re.IGNORECASE,
)
ATTEND_AFTER_RE = re.compile(
    r"^[\s,)(A-Za-z]{0,25}?(?:menghadiri|hadir|turut\shadir|ikut\shadir|menyaksikan|"
    r"sebagai\s(?:saksi|narasumber|pembicara|undangan))(?!\w)",
    re.IGNORECASE,
)
# A witness: "disaksikan (langsung) oleh (Kepala) G", "G sebagai saksi", "G turut menyaksikan".
# Witnessing is attendance, never a party role, even when the sentence links G to a partner
# ("ditandatangani oleh X dan Y dengan disaksikan oleh Kepala G").
WITNESS_BEFORE_RE = re.compile(
    r"(?<!\w)(?:disaksikan|menyaksikan|saksi|witnessed)(?:\s(?:langsung|pula|juga))?"
    r"(?:\s(?:oleh|by|dari))?\s(?-i:[A-Z][\w.]*\s){0,4}$",
    re.IGNORECASE,
)
WITNESS_WORD_RE = re.compile(
    r"(?<!\w)(?:disaksikan|menyaksikan|saksi|witnessed|witness)(?!\w)", re.IGNORECASE
)
VISIT_RE = re.compile(
    r"(?<!\w)(?:berkunjung|kunjungan|audiensi|courtes+y\scall)(?!\w)", re.IGNORECASE
)
VISIT_TO_RE = re.compile(
    r"(?:berkunjung|kunjungan|audiensi)\s(?:kerja\s)?ke\s(?:kantor\s)?$", re.IGNORECASE
)
ORGANIZER_VERBS = frozenset(
    [
        "menggelar",
        "menyelenggarakan",
        "mengadakan",
        "melaksanakan",
        "menerima",
        "menandatangani",
        "meneken",
        "membuka",
        "memimpin",
        "bermitra",
        "bekerjasama",
        "menjalin",
        "memperkuat",
        "melakukan",
        "menyambut",
        "memfasilitasi",
        "meluncurkan",
        "menjajaki",
        "mengundang",
    ]
)
# Indonesian verb morphology: the first such word after a subject is its predicate.
VERB_LIKE_RE = re.compile(r"(?:me|ber|di|ter)[a-z]{3,}")
LINK_MAX_GAP = 70
# Bound that keeps pathological input linear: how many distinct foreign organizations one
# item may name.
MAX_CANDIDATES = 60
MAX_FORMS = 8  # surface forms kept per organization
MAX_NAME_WORDS = 12  # longest organization name looked up as a whole


@dataclass
class OrgCandidate:
    """One foreign organization: its surface forms, mentions and role cues."""

    forms: list[str]
    acronym: str = ""
    known: KnownOrganization | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    counterpart_cues: list[str] = field(default_factory=list)
    attend_cues: int = 0
    defined_full: str = ""  # full name given with the acronym in brackets
    first_at: dict[str, int] = field(default_factory=dict)  # form -> first offset

    def display_name(self) -> str:
        if self.defined_full and self.acronym:
            return f"{self.defined_full} ({self.acronym})"
        # The name as first spelled out in the text (not an acronym), without a
        # country-office suffix; else the longest form.
        spelled = [
            f for f in self.forms if f in self.first_at and _spelled_out(strip_country_suffix(f))
        ]
        if spelled:
            return strip_country_suffix(min(spelled, key=lambda f: (self.first_at[f], -len(f))))
        best = max(self.forms, key=len)
        return strip_country_suffix(best)


def _spelled_out(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and not all(w.isupper() for w in words)


def strip_country_suffix(name: str) -> str:
    stripped = re.sub(r"(?:,?\s(?:di\s)?(?:Indonesia|Korsel))$", "", name)
    stripped = (
        re.sub(r",\s[^,]{2,30}$", "", stripped)
        if COUNTRY_RE.search(stripped.rsplit(",", 1)[-1]) and "," in stripped
        else stripped
    )
    return stripped.strip() or name


def normalise_name(name: str) -> str:
    name = name.lower().replace("internasional", "international")
    return re.sub(r"[^a-z0-9]", "", name)


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(text, start, end))


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (with name connectors) inside one line."""
    runs: list[tuple[int, int]] = []
    words = _words(text, start, end)
    i = 0
    while i < len(words):
        if not _is_cap(words[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            gap = text[words[j].end() : words[j + 1].start()]
            if gap not in (" ", "  ", " - ", "-") and gap.strip() not in ("&",):
                break
            nxt = words[j + 1].group()
            if _is_cap(nxt):
                j += 1
                continue
            connector = nxt.lower() in NAME_CONNECTORS or (
                nxt == "dan" and words[i].group() in DAN_NAME_HEADS
            )
            if connector and j + 2 < len(words) and _is_cap(words[j + 2].group()):
                j += 2
                continue
            break
        runs.append((words[i].start(), words[j].end()))
        i = j + 1
    return runs


# Words that open a sentence before a name ("Menurut X, ...", "Selain itu X ...").
SENTENCE_OPENERS = frozenset(
    [
        "menurut", "sementara", "selain", "bahkan", "namun", "sedangkan", "adapun", "kemudian",
        "selanjutnya", "sebelumnya", "akhirnya", "dalam", "pada", "saat", "ketika", "oleh",
        "kepada", "bagi", "terkait", "kata", "ujar", "turut", "hadir", "tampak", "diketahui",
        "sebagaimana", "seperti", "yakni", "yaitu", "sejak",
    ]
)  # fmt: skip
# A dateline before the name: "SURABAYA - ", "Jakarta – ".
_DATELINE_PREFIX_RE = re.compile(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s?(?:\([^()]{2,20}\)\s?)?[-–—]\s")


def strip_leading_titles(text: str, start: int, end: int) -> int:
    """Move `start` past a dateline, sentence openers and title words ("Country Director
    ...", "Sekretaris Jenderal ...", "Menurut ...")."""
    dateline = _DATELINE_PREFIX_RE.match(text, start, end)
    if dateline and dateline.end() < end:
        start = dateline.end()
    for word in WORD_RE.finditer(text, start, end):
        lower = word.group().lower()
        if lower in TITLE_WORDS or lower in HEADLINE_STOP or lower in SENTENCE_OPENERS:
            start = word.end()
            while start < end and text[start] in " -":
                start += 1
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


class _KnownIndex:
    """Surface forms of registry and well-known organizations, matched as whole words."""

    def __init__(self, registry: Sequence[KnownOrganization]):
        self.orgs: list[tuple[KnownOrganization, bool]] = []  # (org, from_registry)
        self.forms: dict[str, int] = {}
        self.case_sensitive: dict[str, int] = {}
        entries = [(org, True) for org in registry]
        entries += [(KnownOrganization(n, a, al), False) for n, a, al in WELL_KNOWN]
        # IATI publishers are matched by their exact name or acronym only: they are not put
        # in the pattern of names with lower-case words below (hundreds of names there would
        # slow every document down for little gain).
        exact_only = len(entries)
        entries += [(KnownOrganization(n, a, ()), False) for n, a in IATI_PUBLISHERS]
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
        # Names that contain lower-case words ("Badan PBB untuk Pengungsi") are not one
        # capitalised run; they are found by one pass of this pattern.
        with_lower = sorted(
            {
                form.strip()
                for org, _ in self.orgs[:exact_only]
                for form in (org.name, *org.aliases)
                if form
                and " " in form.strip()
                and any(w[:1].islower() for w in form.split())
                and not all(w.lower() in NAME_CONNECTORS or w[:1].isupper() for w in form.split())
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
        # spelling variants ("Konrad Adenaur Stiftung"): fuzzy on long names only
        if fuzzy and len(key) >= 10:
            # spelling variants keep the first letters ("Konrad Adenaur Stiftung")
            for form, index in self.by_prefix.get(key[:3], ()):
                if abs(len(form) - len(key)) <= 3 and _similar(form, key, 0.9, budget):
                    return self.orgs[index][0]
        return None


def _known_index(registry: Sequence[KnownOrganization]) -> _KnownIndex:
    key = tuple(registry)
    cached = _INDEX_CACHE.get(key)
    if cached is None:
        cached = _KnownIndex(registry)
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = cached
    return cached


_INDEX_CACHE: dict[tuple[KnownOrganization, ...], _KnownIndex] = {}


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """`spans` sorted and non-overlapping (gazetteer mentions): binary search."""
    index = bisect.bisect_left(spans, (span[1], -1))
    return index > 0 and spans[index - 1][1] > span[0]


def _looks_foreign(name: str) -> bool:
    words = [w.lower() for w in WORD_RE.findall(name)]
    if not words:
        return False
    # "... Bureau of Statistics", "... Institute for Development Studies"
    head_of = any(
        w in ORG_HEADS and words[i + 1] in ("of", "for", "on") for i, w in enumerate(words[:-1])
    )
    if (
        words[-1] in ORG_HEADS
        or head_of
        or (len(words) > 1 and words[-2] in ORG_HEADS and words[-1] in ("indonesia",))
    ):
        # "Yayasan ... Internasional" or "... Indonesia" heads stay domestic-sounding only
        # when the name is Indonesian; English heads are a strong foreign signal.
        return words[0] not in ("yayasan", "ikatan", "perkumpulan", "persatuan", "lembaga")
    return False


def find_foreign_candidates(
    doc: Document,
    gov_mentions: list[BodyMention],
    registry: Sequence[KnownOrganization],
) -> list[OrgCandidate]:
    text = doc.text
    index = _known_index(registry)
    gov_spans = sorted((m.start, m.end) for m in gov_mentions)
    candidates: list[OrgCandidate] = []
    budget = Budget(FUZZY_ORG_COMPARISONS)
    pairs = Budget(PAIRWISE_ORG_COMPARISONS)
    # Exact keys of every form and acronym, and registry entries: the lookup used once
    # the pairwise budget is spent.
    exact: dict[str, OrgCandidate] = {}
    by_known: dict[int, OrgCandidate] = {}

    def remember(cand: OrgCandidate, *forms: str) -> None:
        for form in forms:
            if form:
                exact.setdefault(_form_key(form), cand)
        if cand.known is not None:
            by_known.setdefault(id(cand.known), cand)

    def same(key: str, known: KnownOrganization | None, acronym: str) -> OrgCandidate | None:
        if pairs.spend(len(candidates)):
            for cand in candidates:
                same_known = known is not None and cand.known is known
                if same_known or _same_org(key, cand, acronym, budget):
                    return cand
            return None
        found = by_known.get(id(known)) if known is not None else None
        return found or exact.get(key) or (exact.get(_form_key(acronym)) if acronym else None)

    def add(
        form: str,
        span: tuple[int, int],
        known: KnownOrganization | None = None,
        acronym: str = "",
        full: str = "",
    ) -> None:
        form = form.strip(" -,")
        if len(form) < 2 or _overlaps(span, gov_spans) and not full:
            return
        key = _form_key(form)
        cand = same(key, known, acronym)
        if cand is not None:
            if (
                form not in cand.forms
                and not (cand.acronym and form == cand.acronym)
                and len(cand.forms) < MAX_FORMS
            ):
                cand.forms.append(form)
            if span[0] < cand.first_at.get(form, span[0] + 1):
                cand.first_at[form] = span[0]
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
        cand.first_at[form] = span[0]
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
    if index.lowercase_re is not None:
        for match in index.lowercase_re.finditer(text, search_from):
            known = index.match_name(match.group())
            if known is not None and not _overlaps(match.span(), gov_spans):
                after = _BRACKET_AFTER_RE.match(text, match.end())
                acronym = after.group(1).strip() if after else ""
                add(match.group(), match.span(), known, acronym, match.group() if acronym else "")
                lower_spans.append(match.span())
    # 0b. UN bodies named in Indonesian around "PBB" ("Organisasi Pendidikan, Keilmuan, dan
    # Kebudayaan PBB", "Kantor PBB untuk Pengurangan Risiko Bencana"): the whole name, not
    # the "PBB" inside it nor the capitalised runs it is cut into.
    named_in_full = _chain(
        UN_BODY_RE.finditer(text, search_from), _foreign_ministries(text, search_from)
    )
    for match in named_in_full:
        span = (match.start(), match.end())
        if _overlaps(span, lower_spans) or _overlaps(span, gov_spans):
            continue
        name = match.group()
        after = _BRACKET_AFTER_RE.match(text, match.end())
        acronym = after.group(1).strip() if after else ""
        known = index.match_name(name, fuzzy=True, budget=budget) or (
            index.match_name(acronym) if acronym else None
        )
        add(name, span, known, acronym, name if acronym else "")
        lower_spans.append(span)
    lower_spans.sort()
    if lower_spans:
        all_runs = [r for r in all_runs if not _overlaps(r, lower_spans)]
    run_ends = [end for _, end in all_runs]
    # 1. Names defined with an acronym in brackets.
    for match in re.finditer(r"\(\s?([A-Z][A-Za-z0-9\-&. ]{1,24}?)\s?\)", text[search_from:]):
        acr_start = search_from + match.start(1)
        acronym = match.group(1).strip()
        if not any(c.isupper() for c in acronym[1:]) and not acronym.isupper():
            continue
        bracket = search_from + match.start()
        if lower_spans and _overlaps((bracket - 2, bracket), lower_spans):
            continue  # the acronym of a name found in step 0
        last = bisect.bisect_right(run_ends, bracket) - 1  # the last run ending before it
        gap = text[run_ends[last] : bracket] if last >= 0 else "\n"
        if len(gap) > 3 or gap.strip() or "\n" in gap:
            continue  # the name must stand right before the bracket, on the same line
        runs = [all_runs[last]]
        # A known name may begin with a word that otherwise reads as a title or headline
        # word ("Organisasi Kesehatan Dunia (WHO)", "Program Pembangunan PBB (UNDP)").
        run_start, known = _known_suffix(text, *runs[-1], index)
        if known is None:
            run_start = strip_leading_titles(text, *runs[-1])
        full = text[run_start : runs[-1][1]]
        if not full or _overlaps((run_start, runs[-1][1]), gov_spans):
            continue
        known = (
            known or index.match_name(full, fuzzy=True, budget=budget) or index.match_name(acronym)
        )
        if known or _looks_foreign(full) or _is_foreign_government(full):
            add(full, (run_start, runs[-1][1]), known, acronym, full)
            add(acronym, (acr_start, acr_start + len(acronym)), known, acronym, full)
    # 2. Capitalised runs: known names, org heads, foreign governments, foreign cues.
    for run_start, run_end in all_runs:
        _classify_run(text, run_start, run_end, index, gov_spans, add, budget)
    # 2c. Foreign local governments, also in lower case: "pemerintah negara bagian
    # Queensland, Australia", "Prefektur Osaka", "Provinsi Fujian" (not an Indonesian one).
    with_country: set[str] | None = None
    for match in FOREIGN_LOCAL_RE.finditer(text, search_from):
        if _overlaps(match.span("name"), gov_spans):
            continue
        if with_country is None:
            with_country = _names_before_countries(text, search_from)
        if _foreign_local(match, with_country):
            add(match.group().rstrip(" ,"), match.span())
    # 3. Known acronyms anywhere (case-sensitive), unless part of a longer name ("PBB" in
    # "Dana Kependudukan PBB").
    named = _disjoint(sorted(span for cand in candidates for span in cand.mentions))
    for match in index.acronym_re.finditer(text, search_from):
        known = index.orgs[index.case_sensitive[match.group()]][0]
        if not _overlaps(match.span(), gov_spans) and not _overlaps(match.span(), named):
            add(
                match.group(), match.span(), known, match.group() if match.group().isupper() else ""
            )
    _collect_mentions(text, search_from, candidates, gov_spans)
    return candidates


# A UN body in Indonesian: a head noun, capitalised words (with "dan", "untuk" and commas
# between them), "PBB" or "Perserikatan Bangsa-Bangsa", and an optional "untuk <Field>" tail.
_CAP = r"[A-Z][\w\-]*"
UN_BODY_RE = re.compile(
    r"(?<![\w-])(?:Badan|Organisasi|Program|Dana|Kantor|Komisi|Komisariat|Dewan|Pusat"
    r"|Sekretariat|Lembaga|Entitas|Misi|Pasukan)"
    rf"(?:,?\s(?:{_CAP}|dan|untuk|bagi|urusan)){{0,7}}?"
    r"\s(?:PBB|Perserikatan\sBangsa-[Bb]angsa)(?![\w-])"
    rf"(?:\s(?:untuk|bagi|urusan)\s{_CAP}(?:\s(?:dan\s)?{_CAP}){{0,4}})?"
)
# A foreign ministry with several fields: "Kementerian Pertanian, Kehutanan dan Perikanan
# Jepang" (the capitalised runs break at the comma).
FOREIGN_MINISTRY_RE = re.compile(
    rf"(?<![\w-])Kementerian(?:,?\s(?:dan\s)?{_CAP}){{1,8}}?\s(?:{COUNTRY_PATTERN})(?!\w)"
)


def _foreign_ministries(text: str, start: int):
    """Foreign ministries whose name has a comma (the others are capitalised runs)."""
    for match in FOREIGN_MINISTRY_RE.finditer(text, start):
        words = re.findall(r"[A-Z][\w\-]*", match.group())[1:]
        if "," in match.group() and not any(w in NOT_A_FIELD for w in words):
            yield match


_BRACKET_AFTER_RE = re.compile(r"\s?\(\s?([A-Z][A-Za-z0-9\-&. ]{1,24}?)\s?\)")
# Heads of local governments; Prefektur and Negara Bagian exist only abroad.
FOREIGN_LOCAL_RE = re.compile(
    r"(?<!\w)(?:[Pp]emerintah\s)?(?P<head>[Nn]egara\s[Bb]agian|[Pp]refektur|[Pp]rovinsi|"
    r"[Kk]ota|[Dd]istrik|[Cc]ounty\sof|[Ss]tate\sof|[Pp]refecture\sof|[Pp]rovince\sof)\s"
    r"(?P<name>[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){0,2})"
)


_NAME_BEFORE_COUNTRY_RE = re.compile(r"([A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){0,2}),?\s(?:di\s)?$")


def _names_before_countries(text: str, start: int) -> set[str]:
    """Capitalised names written right before a foreign country ("Fujian, Cina"), once."""
    names: set[str] = set()
    for country in COUNTRY_RE.finditer(text, start):
        window = max(start, country.start() - 60)
        before = _NAME_BEFORE_COUNTRY_RE.search(text, window, country.start())
        if before:
            words = before.group(1).split()
            names.update(" ".join(words[i:]) for i in range(len(words)))
    return names


# "sister city", "kota kembar": the other city or province of the pair is abroad (the
# Indonesian one is a gazetteer mention and never reaches here).
SISTER_RE = re.compile(
    r"sister[\s-](?:city|cities|province|state)|(?:kota|provinsi)\s(?:kembar|bersaudara|"
    r"kembaran)",
    re.IGNORECASE,
)
SISTER_WINDOW = 160


def _foreign_local(match: re.Match[str], with_country: set[str]) -> bool:
    head = match.group("head").lower()
    name = match.group("name")
    if COUNTRY_RE.fullmatch(name) or name in ("Indonesia", "RI"):
        return False
    if head.startswith(("negara", "prefektur", "county", "state", "prefecture")):
        return True
    text = match.string
    around = text[max(0, match.start() - SISTER_WINDOW) : match.end() + SISTER_WINDOW]
    if head in ("kota", "provinsi") and match.group()[:1].isupper() and SISTER_RE.search(around):
        return True
    # Provinsi / Kota / Distrik X: foreign when X stands with a foreign country somewhere
    # in the text ("Provinsi X, Tiongkok", "kota-kota di X, Cina", "Kota X di Jepang").
    words = name.split()
    if any(" ".join(words[:n]) in with_country for n in range(len(words), 0, -1)):
        return True
    # "bekerja sama dengan Kota Kitakyushu": a city or province the gazetteer does not know
    # (Indonesian ones were matched before this step), named as the partner of a cooperation.
    before = text[max(0, match.start() - 50) : match.start()]
    return (
        head in ("kota", "provinsi")
        and match.group()[:1].isupper()
        and words[0] not in _CITY_EPITHETS
        and _PARTNER_BEFORE_RE.search(before) is not None
    )


_PARTNER_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:be)?kerja\s?sama|bermitra|kemitraan|(?:ber)?kolaborasi|MoU|nota\skesepahaman"
    r"|perjanjian|menandatangani)(?:\s[a-z]+){0,3}\s(?:dengan|bersama)\s$",
    re.IGNORECASE,
)
# Capitalised words that make "Kota X" a programme or a quarter, not a city: "Kota Layak
# Anak", "Kota Tua", "Kota Sehat".
_CITY_EPITHETS = frozenset(
    [
    "Tua", "Lama", "Baru", "Layak", "Sehat", "Cerdas", "Pintar", "Kreatif", "Mandiri", "Hijau",
    "Pusaka", "Wisata", "Santri", "Inklusif", "Ramah", "Tangguh", "Bersih", "Cerdas", "Madani",
    "Industri", "Satelit",
    ]
)  # fmt: skip


# "Indonesia dan Vietnam", "RI-Selandia Baru", "kerja sama (bilateral) dengan Tunisia".
_COUNTRY_PAIR_BEFORE_RE = re.compile(
    r"(?<!\w)(?:Indonesia|RI|Republik\sIndonesia)\s?(?:dan|-|–|dengan|&|bersama)\s?$"
)
_COUNTRY_COOPERATION_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:be)?kerja\s?sama|kemitraan|bermitra|(?:ber)?kolaborasi|MoU|nota\skesepahaman"
    r"|perjanjian|hubungan)"
    r"(?:\s(?:bilateral|antara\s(?:Indonesia|RI)\s(?:dan|dengan)|erat))?\s(?:dengan|antara)\s$",
    re.IGNORECASE,
)


def country_counterparts(doc: Document, gov_mentions: list[BodyMention]) -> list[OrgCandidate]:
    """A foreign side given only as a country, linked to Indonesia by a cooperation phrase.

    Used only when no organization was found as counterpart (README convention: "a foreign
    side given only as a country is recorded as the country").
    """
    text = doc.text
    gov_spans = sorted((m.start, m.end) for m in gov_mentions)
    found: dict[str, OrgCandidate] = {}
    linked: set[str] = set()
    for match in COUNTRY_RE.finditer(text, doc.body_start):
        name = match.group()
        if _overlaps(match.span(), gov_spans):
            continue
        if (
            re.match(r"[\s-]?[A-Z]", text[match.end() : match.end() + 2])
            and not re.match(r"\s(?:[A-Z]{2,}|Indonesia)", text[match.end() : match.end() + 12])
            # "Menteri Luar Negeri Maroko Nasser ...": a person's name follows a title
            and not _TITLE_PHRASE_BEFORE_RE.search(text, max(0, match.start() - 100), match.start())
        ):
            continue  # part of a longer name ("Korea Selatan" aside, which the regex holds)
        s_start, _ = doc.sentence_span(match.start())
        before = text[max(s_start, match.start() - 60) : match.start()]
        cand = found.get(name)
        if cand is None:
            cand = found[name] = OrgCandidate([name], first_at={name: match.start()})
        cand.mentions.append(match.span())
        if _COUNTRY_PAIR_BEFORE_RE.search(before) or _COUNTRY_COOPERATION_BEFORE_RE.search(before):
            linked.add(name)
    result = []
    for name in linked:
        cand = found[name]
        cand.counterpart_cues.append("country-link")
        result.append(cand)
    return sorted(result, key=lambda c: c.mentions[0])


def _known_suffix(
    text: str, start: int, end: int, index: _KnownIndex
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


def _same_org(key: str, cand: OrgCandidate, acronym: str, budget: Budget | None = None) -> bool:
    if acronym and cand.acronym == acronym:
        return True
    for form in cand.forms + ([cand.acronym] if cand.acronym else []):
        other = _form_key(form)
        if not other:
            continue
        if other == key:
            return True
        short, long_ = sorted((other, key), key=len)
        if len(short) >= 6 and long_.startswith(short) or len(short) >= 8 and short in long_:
            return True
        if len(short) >= 8 and _similar(short, long_, 0.88, budget):
            return True
    return False


@lru_cache(maxsize=4096)
def _form_key(form: str) -> str:
    return normalise_name(strip_country_suffix(form))


def _similar(a: str, b: str, threshold: float, budget: Budget | None = None) -> bool:
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


# A government agency named in Indonesian ends with its country: "Badan Kerja Sama
# Internasional Jepang", "Lembaga Penelitian Pertanian Prancis". Indonesian agencies never
# end with a foreign country, so the country must close the name.
FOREIGN_AGENCY_HEAD_RE = re.compile(r"(?<!\w)(?:Badan|Lembaga|Agensi|Otoritas|Dewan)\s")


def _is_foreign_government(name: str) -> bool:
    if FOREIGN_AGENCY_HEAD_RE.match(name):
        countries = list(COUNTRY_RE.finditer(name))
        return (
            bool(countries)
            and countries[-1].end() == len(name.rstrip())
            and (countries[-1].start() > 6)
        )
    return FOREIGN_GOV_HEAD_RE.match(name + " ") is not None and COUNTRY_RE.search(name) is not None


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
    for s, e in pieces:
        known_start, known = _known_suffix(text, s, e, index)
        if known is not None:
            add(text[known_start:e], (known_start, e), known)
            continue
        agency = FOREIGN_AGENCY_HEAD_RE.search(text, s, e)
        if agency and _is_foreign_government(text[agency.start() : e]):
            # its head word ("Badan", "Lembaga") would be stripped below as a title word
            add(text[agency.start() : e], (agency.start(), e))
            continue
        s = strip_leading_titles(text, s, e)
        e = _cut_at_headline_words(text, s, e)
        name = text[s:e].strip(" -")
        if len(name) < 2:
            continue
        if _country_in_title_phrase(text, s, e):
            continue  # "Menteri Luar Negeri Maroko": a minister's title, the side is the country
        looks_foreign = _looks_foreign(name)
        known = index.match_name(name, fuzzy=looks_foreign, budget=budget)
        preceding = text[max(0, s - 40) : s]
        cue = FOREIGN_CUE_RE.search(preceding)
        following = text[e : e + 40]
        if known:
            add(name, (s, e), known)
        elif (
            looks_foreign
            or _is_foreign_government(name)
            or _foreign_subnational(text, s, e)
            or cue
            and not preceding[cue.end() :].strip()
            and len(name) > 2
        ):
            add(name, (s, e))
        elif re.match(r"\s?\(", following) is None and COUNTRY_RE.fullmatch(name) is None:
            continue


# A head-of-office title whose words run on to a country: "Menteri Luar Negeri Maroko",
# "Menteri Luar Negeri, Kerja Sama Afrika dan Ekspatriat Maroko", "Duta Besar ... Jepang".
_TITLE_PHRASE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:Menteri|Minister|Duta\sBesar|Dubes|Ambassador|Presiden|President"
    r"|Sekretaris\sNegara|Secretary\sof\sState)"
    r"(?:,?\s(?:dan\s|and\s|&\s)?[A-Z][\w-]*){0,8},?\s(?:dan\s|and\s|&\s)?$"
)


def _country_in_title_phrase(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is the tail of a minister's or envoy's title that ends with a
    country ("Luar Negeri Maroko" after "Menteri"): the person's title, no organization."""
    country = COUNTRY_RE.search(text, start, end)
    if country is None or country.end() != end:
        return False
    return _TITLE_PHRASE_BEFORE_RE.search(text, max(0, start - 100), start) is not None


def _cut_at_headline_words(text: str, start: int, end: int) -> int:
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


def _foreign_subnational(text: str, start: int, end: int) -> bool:
    """'Pemerintah Provinsi X, Korea Selatan', 'Chungcheongbuk-do Korsel' style places."""
    name = text[start:end]
    after = text[end : end + 30]
    if re.match(r"(?:Pemerintah\s)?(?:Provinsi|Prefektur|Negara\sBagian|Kota)\s", name):
        return (
            COUNTRY_RE.match(after.lstrip(", ")) is not None or COUNTRY_RE.search(name) is not None
        )
    words = WORD_RE.findall(name)
    return (
        len(words) >= 2
        and COUNTRY_RE.fullmatch(words[-1]) is not None
        and all(w.lower() not in HEADLINE_STOP for w in words)
    )


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _collect_mentions(
    text: str, start: int, candidates: list[OrgCandidate], gov_spans: list[tuple[int, int]]
) -> None:
    """Find every occurrence of every form (the title and later repetitions)."""
    for cand in candidates:
        forms = set(cand.forms) | ({cand.acronym} if cand.acronym else set())
        # "pemerintah negara bagian Queensland" is "Queensland" later on ("Premier Queensland")
        for form in list(forms):
            local = FOREIGN_LOCAL_RE.fullmatch(form)
            bare = local.group("name") if local else ""
            if len(bare) >= 4 and not COUNTRY_RE.fullmatch(bare):
                forms.add(bare)
        seen = set(cand.mentions)
        covered = _disjoint(sorted(seen))
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 2:
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w])")
            for match in pattern.finditer(text, start):
                span = match.span()
                if span in seen or _overlaps(span, gov_spans):
                    continue
                if _overlaps(span, covered):
                    continue
                seen.add(span)
                bisect.insort(covered, span)
                cand.mentions.append(span)
        cand.mentions.sort()
