"""Signatories: "<title> <organization>" inside sentences that report a signing.

The title starts with a word of the title lexicon (Kepala, Sekretaris Jenderal, Bupati,
Country Director, ...) and runs up to the organization: a government body mention
(units such as "Pusat Fasilitasi Kerja Sama" stay in the title and the organization is
their ministry) or a foreign organization mention. People's names are never kept.
Titles after "disaksikan oleh" (witnesses), titles whose holder only witnesses or attends
("Kepala BNPB turut menyaksikan ...") and titles that name a place ("di Kantor Gubernur")
are skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .bodies import COUNTRY_RE, BodyMention, body_name_words, minister_short_titles
from .countries import COUNTRY_PATTERN
from .dac import DAC_KEYWORDS
from .meetings import SIGNING, background_sentence, is_planned
from .names import form_key

# A given name right before a word: "Carlos Mendes" (not "Oleh Menkes", "Wakil Menkes").
_NAME_BEFORE_RE = re.compile(
    r"(?<!\w)(?!(?:Oleh|Dan|Serta|Bersama|Sementara|Wakil)\s)[A-Z][a-z]+\s$"
)
# "Menkes", "Mendagri", "Menko Polhukam": ministers by their short titles (the gazetteer's)
_MINISTER_SHORT = "|".join(
    re.escape(t) for t in sorted(minister_short_titles(), key=len, reverse=True)
)
TITLE_START_RE = re.compile(
    r"(?<![\w-])(?:(?:Executive|Senior|First)\sVice[\s-]|(?:Wakil|Plt\.?|Pj\.?|Deputy|Acting"
    r"|Vice)[\s-])?(?:"
    rf"{_MINISTER_SHORT}|"
    r"Kepala|Ketua(?:\sUmum)?|Direktur(?:\sJenderal|\sEksekutif|\sUtama)?|Dirjen|"
    r"Sekretaris(?:\sJenderal|\sUtama|\sDaerah)?|Sekjen|Sestama|Sekda|Menteri(?:\sKoordinator)?|"
    r"Menko|Gubernur|Bupati|Wali\s?[Kk]ota|Walikota|Duta\sBesar|Dubes|Konsul\sJenderal"
    r"|Deputi|Asisten|"
    r"Kapolri|Panglima|Presiden|Rektor|Inspektur\sJenderal|Kabiro|Kapus|"
    r"Rector(?:\sMagnificus)?|Burgemeester|Bürgermeister|Oberbürgermeister|Atase|Attach[eé]|"
    # heads of foreign universities and their faculties, in their own languages
    r"Naib\sCanselor|Canselor|Vizepräsident|Präsident|Dekan|Dean|"
    r"Chief\sof\sMission|Chair(?:man|woman|person)?(?:\sof\sthe\s(?:Executive\s)?Board)?|"
    r"Chief\sof\sParty|"
    r"(?:Country|Regional|Executive|Managing|Program|Programme|Resident|General|Project|Chief|"
    r"Senior|Team|Mission)\s(?:Director|Representative|Manager|Coordinator|Leader)|"
    r"Head\sof\s(?:Office|Mission|Delegation|Cooperation|Country\sOffice|Programme)|"
    r"Kepala\sPerwakilan|Perwakilan|"
    r"Secretary[\s-]General|Director[\s-]General|Director|Representative|President|Chairman|"
    r"Chairperson|Chief\sExecutive(?:\sOfficer)?|CEO|Head|Ambassador|Minister|Governor|Mayor|Premier"
    r"|(?:Chief\s)?Commissioner|Administrator|Secretary|Chancellor|Vice[\s-]Chancellor)"
    r"(?![\w-])"
)
WITNESS_RE = re.compile(r"(?<!\w)(?:disaksikan|witnessed|menyaksikan)(?!\w)", re.IGNORECASE)
# "di Kantor Gubernur NTT", "Rumah Jabatan Bupati": the title names a place, not a person.
VENUE_BEFORE_TITLE_RE = re.compile(
    r"(?<!\w)(?:Kantor|Rumah\s(?:Jabatan|Dinas)|Rujab|Gedung|Aula|Ruang(?:\s(?:Rapat|Kerja|"
    r"Pertemuan))?|Pendopo|Pendapa|Istana|Kediaman|Wisma|Balai|Graha|Sekretariat)\s$",
    re.IGNORECASE,
)
# "atas nama Gubernur DIY", "yang hadir mewakili Gubernur": whom the signer stands for.
ON_BEHALF_OF_BEFORE_RE = re.compile(
    r"(?<!\w)(?:atas\snama|a\.n\.|(?:yang\s)?(?:hadir\s)?mewakili|on\sbehalf\sof)\s"
    # "mewakili Penjabat (Pj) Bupati Probolinggo"
    r"(?:(?:Penjabat|Pelaksana\sTugas|Plt\.?|Plh\.?|Pj\.?)\s(?:\([^()\n]{1,6}\)\s)?)?$",
    re.IGNORECASE,
)
# "Kepala BNPB turut menyaksikan penandatanganan ...": the title and organization are the
# subject of a witnessing or attending verb, not of the signing.
NOT_SIGNING_AFTER_RE = re.compile(
    r"\s?,?\s?(?:yang\s)?(?:turut\s|ikut\s|juga\s|pun\s)?(?:menyaksikan|hadir|menghadiri|"
    r"sebagai\ssaksi)(?!\w)",
    re.IGNORECASE,
)
# Words before a signing word that make it the setting of what the sentence tells ("pada
# penandatanganan", "usai penandatanganan MoU", "dalam acara penandatanganan").
SETTING_BEFORE_RE = re.compile(
    r"(?<!\w)(?:pada|saat|ketika|usai|seusai|setelah|sesudah|sebelum|atas|dalam|menjelang"
    r"|selepas|di\ssela|di\ssela-sela|at|after|during)\s(?:(?:acara|prosesi|kegiatan|momen"
    r"|seremoni|rangkaian)\s)?$"
    # the ceremony as the subject: "Acara penandatanganan dihadiri perwakilan ..."
    r"|(?<!\w)(?:acara|prosesi|seremoni|seremonial)\s$",
    re.IGNORECASE,
)
# A speech verb or a speech tag: the title's holder spoke, at the signing or about it.
SPEECH_AFTER_RE = re.compile(
    r"[^.;:!?\n]{0,50}?(?<!\w)(?:mengatakan|menyampaikan|menyatakan|mengungkapkan|menjelaskan"
    r"|menegaskan|berharap|mengapresiasi|menyambut\sbaik|memberikan\ssambutan|sambutannya"
    r"|said|stated|noted)(?!\w)",
    re.IGNORECASE,
)
SPEECH_TAG_BEFORE_RE = re.compile(
    r"(?<!\w)(?:kata|ujar|ungkap|tutur|ucap|jelas|terang|imbuh|tambah|papar|sebut|pungkas|tegas"
    r"|said|says)\s(?:(?:oleh|pula|juga)\s)?$",
    re.IGNORECASE,
)
MAX_TITLE_CHARS = 70


def _signing_only_as_setting(text: str, s_start: int, s_end: int) -> bool:
    """Whether every signing word of the sentence is the setting of something else ("pada
    penandatanganan ...", "usai penandatanganan"): it then names no signatory."""
    for match in SIGNING.finditer(text, s_start, s_end):
        if not SETTING_BEFORE_RE.search(text, max(s_start, match.start() - 30), match.start()):
            return False
    return True


def _speaks(text: str, s_start: int, start: int, end: int, s_end: int) -> bool:
    """Whether the title at [start, end) is a speaker's: a speech tag before it ("kata Menteri
    X"), or a speech verb after it before any signing word ("Menteri X menyampaikan ...")."""
    if SPEECH_TAG_BEFORE_RE.search(text, max(s_start, start - 20), start):
        return True
    speech = SPEECH_AFTER_RE.match(text, end, s_end)
    if speech is None:
        return False
    return SIGNING.search(text, end, speech.end()) is None


# Bodies whose head's title is written with the body's name: "Menteri Kesehatan", "Direktur
# Jenderal Pajak" (a regional head's is the bare title: "Bupati").
_FULL_TITLE_KINDS = frozenset(["ministry", "coordinating_ministry", "unit"])


@dataclass(frozen=True)
class FoundSignatory:
    title: str
    organization: str
    start: int
    end: int
    represented: bool = False  # an office signing for the organization it represents


def find_signatories(
    text: str,
    sentences: list[tuple[int, int]],
    gov_mentions: list[BodyMention],
    foreign_mentions: list[tuple[int, int, str, str]],
    gov_name: Callable[[BodyMention], tuple[str, bool]],
) -> list[FoundSignatory]:
    """`gov_name(mention)` -> (organization name, mention is a unit)."""
    results: list[FoundSignatory] = []
    seen: set[tuple[str, str]] = set()
    # Sorted by position once, so each title looks only at the mentions right after it.
    gov_mentions = sorted(gov_mentions, key=lambda m: m.start)
    foreign_mentions = sorted(foreign_mentions)
    index = _Positions([m.start for m in gov_mentions], [start for start, *_ in foreign_mentions])
    after_signing = False
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        verbs = SIGNING.finditer(text, s_start, s_end)
        signs = any(not is_planned(text, m.start(), s_start) for m in verbs)
        # "... diteken Wakapolri. Sementara AFP diwakili Commissioner AFP ...": the other
        # side of the signing told in the next sentence
        continues = after_signing and _OTHER_SIDE_NEXT_RE.match(text, s_start, s_end)
        after_signing = signs
        if not (signs or continues):
            continue  # none, or only planned: "diharapkan dapat ditandatangani tahun depan"
        if background_sentence(text, s_start, s_end):
            continue  # "Terbaru, ada penandatanganan ...": another, earlier signing
        if signs and _signing_only_as_setting(text, s_start, s_end):
            continue  # "Menteri X dalam sambutannya pada penandatanganan ...": a speaker
        witness = WITNESS_RE.search(sentence)
        limit = s_start + witness.start() if witness else s_end
        for found_after in _titles_after_organizations(text, s_start, limit, foreign_mentions):
            key = (found_after.title.lower(), found_after.organization)
            if key not in seen:
                seen.add(key)
                results.append(found_after)
        taken_until = -1  # "Deputi Direktur Jenderal ...": one title, not two
        for title in TITLE_START_RE.finditer(text, s_start, limit):
            if title.start() < taken_until:
                continue
            if VENUE_BEFORE_TITLE_RE.search(text, max(s_start, title.start() - 30), title.start()):
                continue
            if title.group() in minister_short_titles() and _NAME_BEFORE_RE.search(
                text, max(s_start, title.start() - 25), title.start()
            ):
                continue  # "Carlos Mendes": a surname, not the minister's short title
            if ON_BEHALF_OF_BEFORE_RE.search(text, max(s_start, title.start() - 45), title.start()):
                continue  # "Sekda, atas nama Gubernur DIY": the one represented signs nothing
            found = (
                _organization_after(
                    text,
                    title.start(),
                    title.end(),
                    limit,
                    gov_mentions,
                    foreign_mentions,
                    gov_name,
                    index,
                )
                or _unit_head_of_ministry_before(
                    text, s_start, title.start(), title.end(), limit, gov_mentions, gov_name, index
                )
                or _regional_official(text, title.start(), limit, gov_mentions, gov_name)
                or _head_of_the_sole_region(
                    text, title.start(), limit, gov_mentions, foreign_mentions, gov_name
                )
                or _title_of_the_sole_partner(text, title.start(), limit, foreign_mentions)
            )
            if not found:
                continue
            title_text, organization, end, org_key = found
            # (a short title written out in full is longer than the words it was read from)
            written = text.startswith(title_text, title.start())
            taken_until = title.start() + len(title_text) if written else end
            if NOT_SIGNING_AFTER_RE.match(text, end, min(end + 40, s_end)):
                continue
            if _speaks(text, s_start, title.start(), end, s_end):
                continue  # "kata Menteri X", "Menteri X menyampaikan ...": who spoke
            key = (title_text.lower(), org_key)
            if key in seen:
                continue
            seen.add(key)
            results.append(
                _for_the_represented(
                    text, FoundSignatory(title_text, organization, title.start(), end),
                    foreign_mentions,
                )
            )  # fmt: skip
    return _one_per_phrase(results)


# "IGES yang diwakili Direktur Kitakyushu Urban Centre": an office signs for its organization.
_REPRESENTED_BEFORE_RE = re.compile(r"\)?\s(?:yang\s)?diwakili\s(?:oleh\s)?$")


def _for_the_represented(
    text: str, found: FoundSignatory, foreign_mentions: list[tuple[int, int, str, str]]
) -> FoundSignatory:
    """The signer of an office that represents another organization named right before "yang
    diwakili" signs for that organization, the office in the title ("Direktur Kitakyushu
    Urban Centre" for IGES)."""
    link = _REPRESENTED_BEFORE_RE.search(text, max(0, found.start - 25), found.start)
    if link is None:
        return found
    owner = next(
        (
            name
            for _s, e, name, _k in foreign_mentions
            if e == link.start() or e == link.start() - 1
        ),
        None,
    )
    if owner is None or owner == found.organization:
        return found
    office = found.organization.split(" (")[0]
    return FoundSignatory(f"{found.title} {office}", owner, found.start, found.end, True)


def _one_per_phrase(found: list[FoundSignatory]) -> list[FoundSignatory]:
    """ "UNICEF Representative to Indonesia" read both ways ("Representative to Indonesia"
    after the organization, "Representative" before it) is one signer: of overlapping
    readings for the same organization the first found stays."""
    kept: list[FoundSignatory] = []
    for sig in found:
        if any(
            k.organization == sig.organization and k.start < sig.end and sig.start < k.end
            for k in kept
        ):
            continue
        kept.append(sig)
    return kept


def _organization_after(
    text: str,
    title_start: int,
    title_end: int,
    limit: int,
    gov_mentions: list[BodyMention],
    foreign_mentions: list[tuple[int, int, str, str]],
    gov_name: Callable[[BodyMention], tuple[str, bool]],
    index: _Positions,
) -> tuple[str, str, int, str] | None:
    horizon = min(limit, title_end + MAX_TITLE_CHARS)
    minister = _foreign_minister(text, title_start, limit, foreign_mentions)
    if minister is None:
        minister = _ambassador(text, title_start, limit, foreign_mentions)
    if minister is not None:
        return minister
    # "Wali Kota Hamamatsu": a foreign city whose name begins inside the title's words
    for i in index.foreign_between(title_start + 1, title_end):
        start, end, name, key = foreign_mentions[i]
        return text[title_start:title_end], name, end, key
    # Regional heads: "Bupati Bantul" is one mention that carries the title itself.
    for i in index.gov_between(title_start, title_start + 1):
        mention = gov_mentions[i]
        # ("Menkes" is also the ministry's strong short name)
        if (
            mention.strength == "title"
            or text[mention.start : mention.end] in minister_short_titles()
        ):
            foreign_side = _foreign_country_after(
                text, mention.end, horizon, foreign_mentions, index
            )
            if foreign_side is not None:
                # "Menteri Luar Negeri Maroko": the foreign minister of a country-only side
                start, end, name, key = foreign_side
                return text[title_start:start].strip(" ,"), name, end, key
            name, _ = gov_name(mention)
            head = text[title_start:title_end]
            if any(e.kind in _FULL_TITLE_KINDS for e in mention.entries):
                # a minister's title is written in full ("Menteri Kelautan dan Perikanan"), and
                # so is the head of a unit ("Direktur Jenderal Pajak", the ministry's official)
                head = text[title_start : mention.end]
                # "Menkes": the title in full, as the body's own name is
                head = minister_short_titles().get(head, head)
            return head, name, mention.end, name
    # start, end, name, is unit, is government, identity key
    candidates: list[tuple[int, int, str, bool, bool, str]] = []
    for i in index.gov_between(title_end, horizon):
        mention = gov_mentions[i]
        if not mention.is_weak:
            name, is_unit = gov_name(mention)
            candidates.append((mention.start, mention.end, name, is_unit, True, name))
    for i in index.foreign_between(title_end, horizon):
        start, end, name, key = foreign_mentions[i]
        candidates.append((start, end, name, False, False, key))
    candidates.sort()
    unit_end: int | None = None
    english = _ENGLISH_TITLE_RE.match(text, title_start) is not None
    for start, end, name, is_unit, is_gov, key in candidates:
        gap = text[unit_end if unit_end is not None else title_end : start]
        if _OFFICE_GAP_RE.fullmatch(gap):
            gap = gap.replace(",", " ")  # "Director, Indonesia Country Office, <org>"
        elif english and not is_gov and gap.startswith(", "):
            gap = gap[2:]  # "Director, KfW Office Jakarta": an English title, a comma, its body
        if english and not is_gov:
            # "Minister for Trade and Investment South Australia"
            gap = _ENGLISH_CONNECTOR_RE.sub(" ", gap)
        if not _title_gap_ok(gap) or _ANOTHER_TITLE_RE.search(gap):
            return None
        if _ENDS_WITH_AND_RE.search(gap):
            return None  # "Dirjen Perhubungan Udara dan JICA ...": two sides, not one title
        if is_gov and is_unit:
            # keep units in the title; the organization is the ministry (next or resolved)
            unit_end = end
            following = [c for c in candidates if c[0] >= end and c[4] and not c[3]]
            if following and _title_gap_ok(text[end : following[0][0]]):
                continue
            return text[title_start:end].strip(), name, end, key
        title_stop = unit_end if unit_end is not None else start
        title = text[title_start:title_stop].strip(" ,")
        return title, name, end, key
    return None


# The head of a unit the gazetteer does not know, written with the unit's field: "Direktur
# Jenderal Pendidikan Tinggi", "Kepala Pusat Kerja Sama Luar Negeri".
_UNIT_HEAD_RE = re.compile(
    r"(?:Direktur\sJenderal|Dirjen|Sekretaris\sJenderal|Inspektur\sJenderal|Deputi|Kepala\s"
    r"(?:Pusat|Biro|Badan)|Direktur)\s(?:Bidang\s)?(?P<field>[A-Z][\w-]*(?:,?\s(?:dan\s)?[A-Z][\w-]*){0,8})"
)
# A unit's name before the bracket that defines its acronym: "Direktorat Jenderal Pengawasan
# Sumber Daya Kelautan dan Perikanan (PSDKP)".
_UNIT_DEFINED_RE = re.compile(
    r"(?<!\w)(?:Direktorat(?:\sJenderal)?|Ditjen|Sekretariat(?:\sJenderal)?|Badan|Pusat|Biro"
    r"|Kedeputian|Deputi|Inspektorat(?:\sJenderal)?)\s[A-Z][^()\n]*\s$"
)
_OTHER_SIDE_NEXT_RE = re.compile(
    r"\s*(?:Sementara(?:\situ)?|Sedangkan|Adapun)\b[^.\n]{0,60}?(?<!\w)(?:diwakili|oleh)\s"
)
_UNIT_NAMES = (
    "Direktorat Jenderal", "Ditjen", "Direktorat", "Badan", "Pusat", "Biro", "Sekretariat Jenderal",
    "Inspektorat Jenderal", "Kedeputian", "Deputi",
)  # fmt: skip
# A person's rank or honorific after a comma: the title ended before it.
_PERSON_AFTER_COMMA_RE = re.compile(
    r",\s(?:Prof|Dr|Drs|Dra|Ir|H|Hj|Laksda|Laksdya|Laksma|Marsda|Marsdya|Marsma|Mayjen|Letjen"
    r"|Brigjen|Irjen|Komjen|Kombes|Jenderal|Kolonel|Letkol)(?![\w])"
)
_CORPORATE_BEFORE_RE = re.compile(r"(?<!\w)(?:Presiden|President|Managing)\s$")
_THROUGH_UNIT_RE = re.compile(
    r"\s(?:melalui|lewat|c\.q\.?|cq\.?|yang\sdiwakili)\s(?:oleh\s)?(?:Direktorat\sJenderal|Ditjen"
    r"|Sekretariat\sJenderal|Setjen|Inspektorat\sJenderal|Itjen|Kedeputian|Deputi|Pusat|Biro"
    r"|Badan|Direktorat)\s",
    re.IGNORECASE,
)
_NATIONAL = frozenset(["ministry", "coordinating_ministry", "agency"])


@lru_cache(maxsize=1)
def _field_vocabulary() -> frozenset[str]:
    """Words a unit's field is written in: those of bodies' names and of the sectors'
    keywords ("pengendalian", "iklim")."""
    sector_words = {w for *_, phrases in DAC_KEYWORDS for p in phrases for w in p.split()}
    return body_name_words() | frozenset(sector_words)


def _field_word(word: str) -> bool:
    # Indonesian nouns of fields end in "-an" ("Perubahan", "Ketahanan"); names seldom do
    lower = word.lower()
    return lower in _field_vocabulary() or lower.endswith("an")


def _unit_head_of_ministry_before(
    text: str,
    s_start: int,
    title_start: int,
    title_end: int,
    limit: int,
    gov_mentions: list[BodyMention],
    gov_name: Callable[[BodyMention], tuple[str, bool]],
    index: _Positions,
) -> tuple[str, str, int, str] | None:
    """The head of a unit no mention names signs for the ministry named before him in the
    sentence, through that unit ("Kemendikbudristek melalui Direktorat Jenderal Pendidikan
    Tinggi ... ditandatangani oleh Direktur Jenderal Pendidikan Tinggi") or as the only
    national body named there."""
    head = _UNIT_HEAD_RE.match(text, title_start, limit)
    if head is None or head.end() <= title_end:
        return None
    title = head.group()
    person = _PERSON_AFTER_COMMA_RE.search(title)  # "Direktur Jenderal PSDKP, Laksda TNI ..."
    if person:
        title = title[: person.start()]
    following = _ANOTHER_TITLE_RE.search(title)  # "... Pendidikan Tinggi dan Country Director"
    if following:
        title = title[: following.start()].rstrip()
    for i in index.foreign_between(title_start, title_start + len(title)):
        title = text[title_start : index.foreign_starts[i]]  # "... dan FAO Representative"
        break
    title = re.sub(r"(?:,|\s(?:dan|&))+\s*$", "", title.rstrip())
    if title.split()[-1] in ("Jenderal", "Pusat", "Biro", "Badan", "Bidang"):
        return None
    # the field's words, its acronyms aside ("Direktur Jenderal PSDKP" is a unit's head)
    field = [
        w
        for w in re.findall(r"[^\W\d_]+", title[head.start("field") - title_start :])
        if not (w.isupper() and len(w) > 1)
    ]
    known = [_field_word(w) for w in field]
    # the words after the last known one: "Direktur Regional Asia Tenggara Denso Kenichi Mori"
    # ends with a company's and a person's names, not with a unit's field
    last_known = max((i for i, k in enumerate(known) if k), default=-1)
    unknown_tail = len(known) - 1 - last_known
    if (
        field
        and (not any(known) or unknown_tail >= 2)
        or _CORPORATE_BEFORE_RE.search(text, max(s_start, title_start - 12), title_start)
    ):
        # "Direktur KITLV", "Direktur Zentrale Auslands- und Fachvermittlung", "Presiden
        # Direktur Siemens Indonesia": an organization's officer, not the head of a ministry's
        # unit (whose field is written in words that bodies' names use)
        return None
    if any(index.gov_between(title_start, title_start + len(title))):
        return None  # a body is named inside: the usual rules read it
    # the unit's acronym defined earlier ("melalui Direktorat Jenderal ... (PSDKP)"): the
    # ministry is the one named before that definition
    acronym = title[head.start("field") - title_start :].strip()
    defined = (
        text.rfind(f"({acronym})", 0, title_start)
        if acronym.isupper() and " " not in acronym
        else -1
    )
    if not field and (
        defined < 0 or not _UNIT_DEFINED_RE.search(text, max(0, defined - 120), defined)
    ):
        return None  # "Direktur KITLV": an acronym that names no unit of a ministry
    if defined < 0 and field:
        # the unit named in full earlier ("Kemendikbudristek melalui Direktorat Jenderal Guru
        # dan Tenaga Kependidikan ..."): the ministry is the one named before it
        defined = max(text.rfind(f"{unit} {acronym}", 0, title_start) for unit in _UNIT_NAMES)
    if defined >= 0:
        s_start = max(text.rfind(". ", 0, defined) + 1, defined - 300, 0)
    before = [
        gov_mentions[i]
        for i in index.gov_between(s_start, defined if defined >= 0 else title_start)
        if any(e.kind in _NATIONAL for e in gov_mentions[i].entries)
    ]
    through = [m for m in before if _THROUGH_UNIT_RE.match(text, m.end, m.end + 60)]
    names = {gov_name(m)[0] for m in through} or {gov_name(m)[0] for m in before}
    if len(names) != 1:
        return None
    name = names.pop()
    return title, name, title_start + len(title), name


def _foreign_country_after(
    text: str,
    pos: int,
    horizon: int,
    foreign_mentions: list[tuple[int, int, str, str]],
    index: _Positions,
) -> tuple[int, int, str, str] | None:
    """The first foreign mention right after a title mention, when it is a bare country and
    only title words stand between them."""
    for i in index.foreign_between(pos, horizon):
        found = foreign_mentions[i]
        if COUNTRY_RE.fullmatch(found[2]) is None:
            return None
        gap = text[pos : found[0]].replace(",", " ")  # "Menteri Luar Negeri, Kerja Sama ..."
        if gap.strip() and (not _title_gap_ok(gap) or _ANOTHER_TITLE_RE.search(gap)):
            return None
        return found
    return None


class _Positions:
    """Start offsets of government and foreign mentions, sorted, for range queries."""

    def __init__(self, gov_starts: list[int], foreign_starts: list[int]):
        self.gov_starts = gov_starts
        self.foreign_starts = foreign_starts

    def gov_between(self, start: int, end: int) -> range:
        return range(
            bisect.bisect_left(self.gov_starts, start), bisect.bisect_left(self.gov_starts, end)
        )

    def foreign_between(self, start: int, end: int) -> range:
        return range(
            bisect.bisect_left(self.foreign_starts, start),
            bisect.bisect_left(self.foreign_starts, end),
        )


# A title in English (the foreign side's): "Director", "Chief Executive", "Minister for ...".
_ENGLISH_TITLE_RE = re.compile(
    r"(?:(?:Deputy|Acting|Vice)[\s-])?(?:Country|Regional|Executive|Managing|Program|Programme"
    r"|Resident|General|Project|Chief|Senior|Team|Mission|Director|Representative|President"
    r"|Chairman|Chairperson|CEO|Head|Ambassador|Minister|Governor|Mayor|Premier|Commissioner"
    r"|Administrator|Secretary|Chancellor)(?![\w-])"
)
_ENGLISH_CONNECTOR_RE = re.compile(r"(?<=\s)(?:for|of|and|the|on)(?=\s)")


# "Sekretaris Daerah dan Country Director Mercy Corps": the organization after the second
# title is not the first one's (that title names no organization here).
_ANOTHER_TITLE_RE = re.compile(r"(?<!\w)(?:dan|&)\s(?=" + TITLE_START_RE.pattern + ")")


# ", Indonesia Country Office, " between a title and its organization: the office is part of
# the title (commas otherwise end a title: "Kepala BNPB, UNDP" are two names).
_OFFICE_GAP_RE = re.compile(r",\s(?:[A-Z][\w&-]*\s){0,4}(?:Office|Mission|Program|Programme),\s")


def _title_gap_ok(gap: str) -> bool:
    """Between a title and its organization only capitalised unit words may stand."""
    if any(c in gap for c in ".;:\n()") or len(gap) > MAX_TITLE_CHARS:
        return False
    return all(w[:1].isupper() or w in ("dan", "&") for w in gap.split())


_ENDS_WITH_AND_RE = re.compile(r"(?<!\w)(?:dan|&)\s*$")
# A person's title written after the organization: "UNICEF Representative to Indonesia",
# "JICA Chief Representative", "USAID Mission Director".
_TITLE_AFTER_RE = re.compile(
    r"\s(?P<title>(?:(?:Country|Chief|Resident|Mission|Deputy|Regional|Senior|Executive)\s)?"
    r"(?:Representative|Director|Ambassador|Administrator|Coordinator))(?![\w-])"
)


def _titles_after_organizations(
    text: str, start: int, limit: int, foreign_mentions: list[tuple[int, int, str, str]]
) -> list[FoundSignatory]:
    found = []
    for m_start, m_end, name, _key in foreign_mentions:
        if not start <= m_start < limit:
            continue
        title = _TITLE_AFTER_RE.match(text, m_end, limit)
        if title is None:
            continue
        if TITLE_START_RE.search(text, max(start, m_start - 40), m_start) and not re.search(
            r"(?<!\w)(?:dan|&|,)\s*$", text[max(start, m_start - 40) : m_start]
        ):
            continue  # "Country Director UNICEF Representative": the title before it counts
        found.append(FoundSignatory(title.group("title"), name, m_start, title.end()))
    return found


# "Menteri Pertanian dan Pembangunan Pedesaan Vietnam": the minister of a foreign ministry
# the text names as "Kementerian Pertanian dan Pembangunan Pedesaan Vietnam".
_MINISTER_OF_COUNTRY_RE = re.compile(
    r"(?:Menteri|Minister)(?P<field>(?:,?\s(?:dan\s|and\s|of\s)?[A-Z][\w-]*){1,8}?)"
    rf"\s(?P<country>{COUNTRY_PATTERN})(?!\w)"
)


def _foreign_minister(
    text: str, title_start: int, limit: int, foreign_mentions: list[tuple[int, int, str, str]]
) -> tuple[str, str, int, str] | None:
    match = _MINISTER_OF_COUNTRY_RE.match(text, title_start, limit)
    if match is None:
        return None
    wanted = form_key("Kementerian" + match.group("field") + " " + match.group("country"))
    for _start, _end, name, key in foreign_mentions:
        if form_key(name.split(" (")[0]) == wanted:
            title = text[title_start : match.start("country")].strip(" ,")
            return title, name, match.end(), key
    return None


# "Duta Besar Republik Federal Jerman untuk Indonesia" signing: the envoy signs for the
# government of the country ("Pemerintah Republik Federal Jerman"), when the text names it.
_AMBASSADOR_RE = re.compile(
    r"(?:(?:Wakil|Deputy|Plt\.?)\s)?"
    r"(?:Duta\sBesar|Dubes|Ambassador|Konsul\sJenderal|Konjen|Consul\sGeneral)"
    r"(?:\sLuar\sBiasa\sdan\sBerkuasa\sPenuh)?"
    rf"\s(?P<country>{COUNTRY_PATTERN})(?!\w)"
)
_ATTENDING_BEFORE_RE = re.compile(r"(?<!\w)(?:dihadiri|hadir|turut|didampingi)(?!\w)", re.I)


def _ambassador(
    text: str, title_start: int, limit: int, foreign_mentions: list[tuple[int, int, str, str]]
) -> tuple[str, str, int, str] | None:
    match = _AMBASSADOR_RE.match(text, title_start, limit)
    if match is None or match.group("country") in ("Indonesia", "RI"):
        return None
    sentence_start = max(text.rfind(".", 0, title_start), text.rfind("\n", 0, title_start)) + 1
    if _ATTENDING_BEFORE_RE.search(text, sentence_start, title_start):
        return None  # "dihadiri oleh Duta Besar ...": a guest of the signing
    country = form_key(match.group("country"))
    for _start, _end, name, key in foreign_mentions:
        own = form_key(name.split(" (")[0])
        if (
            own == country
            or own.endswith(country)
            and own.startswith(("pemerintah", "kedutaan", "kedubes", "konsulat"))
        ):
            return text[title_start : match.start("country")].strip(), name, match.end(), key
    return None


# A regional official followed by the region's short name or acronym: "Sekretaris Daerah
# KLU", "Sekda Tabanan" (the text names the government in full elsewhere).
_REGIONAL_OFFICIAL_RE = re.compile(
    r"(?:Sekretaris\sDaerah|Sekda|Wakil\sBupati|Wabup|Wakil\sWali\s?[Kk]ota|Asisten\s[IV]+)"
    r"\s(?P<short>[A-Z][\w-]*)(?![\w-])"
)
_REGIONAL_KINDS = frozenset(["regency_government", "city_government", "provincial_government"])
_REGION_HEAD_RE = re.compile(r"^Pemerintah\s(?=Kabupaten|Kota|Provinsi)")


# An English title written out before the signer's name: "Director of Wageningen Environmental
# Research, Prof. Maarten de Vries", "Minister for Trade and Investment South Australia,
# Michael Grant" (the title may name a unit or a place, not the partner itself).
_TITLE_BEFORE_NAME_RE = re.compile(r"[^,.;:()\n]{0,70}?(?=,\s(?:Prof\.|Dr\.|Mr\.|Ms\.|[A-Z]))")


_ENGLISH_TITLE_WORDS = frozenset(["for", "of", "and", "the", "on", "in", "to", "&"])


def _title_of_the_sole_partner(
    text: str, title_start: int, limit: int, foreign_mentions: list[tuple[int, int, str, str]]
) -> tuple[str, str, int, str] | None:
    """With one foreign organization in the item, an English title that names no body signs
    for it."""
    if _ENGLISH_TITLE_RE.match(text, title_start) is None:
        return None
    partners = {key for *_, key in foreign_mentions}
    if len(partners) != 1:
        return None
    phrase = _TITLE_BEFORE_NAME_RE.match(text, title_start, limit)
    if phrase is None or len(phrase.group().split()) < 2:
        return None
    if any(w[:1].islower() and w not in _ENGLISH_TITLE_WORDS for w in phrase.group().split()):
        return None  # "Minister Counsellor KBRI Roma ... kepada ANTARA": a sentence, no title
    _start, _end, name, key = foreign_mentions[0]
    return phrase.group().strip(), name, phrase.end(), key


def _regional_official(
    text: str,
    title_start: int,
    limit: int,
    gov_mentions: list[BodyMention],
    gov_name: Callable[[BodyMention], tuple[str, bool]],
) -> tuple[str, str, int, str] | None:
    match = _REGIONAL_OFFICIAL_RE.match(text, title_start, limit)
    if match is None:
        return None
    short = match.group("short")
    names = set()
    for mention in gov_mentions:
        if not any(e.kind in _REGIONAL_KINDS for e in mention.entries):
            continue
        name = gov_name(mention)[0]
        region = _REGION_HEAD_RE.sub("", name).split()
        if short in region[1:] or short == "".join(w[0] for w in region).upper():
            names.add(name)
    if len(names) != 1:
        return None
    name = names.pop()
    end = match.end()
    for word in re.finditer(r"\s([A-Z][\w-]*)", text[end:limit]):
        if word.start() != end - match.end() or word.group(1) not in name.split():
            break
        end = match.end() + word.end()  # "Sekda Kulon Progo": the rest of the short name
    return text[title_start : match.start("short")].strip(), name, end, name


# A head of region named by title and person only: "LoI ditandatangani Wali Kota Bambang ...".
_HEAD_AND_PERSON_RE = re.compile(
    r"(?P<title>Gubernur|Wakil\sGubernur|Bupati|Wakil\sBupati|Wali\s?[Kk]ota|Walikota"
    r"|Wakil\sWali\s?[Kk]ota)\s(?:(?:Prof|Dr|Ir|H|Hj|Drs|KH)\.\s?)*[A-Z][\w'-]*"
)
_KIND_OF_HEAD = {
    "gubernur": "provincial_government",
    "bupati": "regency_government",
    "wali": "city_government",
    "walikota": "city_government",
}


def _head_of_the_sole_region(
    text: str,
    title_start: int,
    limit: int,
    gov_mentions: list[BodyMention],
    foreign_mentions: list[tuple[int, int, str, str]],
    gov_name: Callable[[BodyMention], tuple[str, bool]],
) -> tuple[str, str, int, str] | None:
    """The region a head signs for when the title is followed by the person's name only: the
    one government of that kind the text names (none or two: no guess)."""
    match = _HEAD_AND_PERSON_RE.match(text, title_start, limit)
    if match is None:
        return None
    name_start = match.end("title") + 1
    if any(start == name_start for start, *_ in foreign_mentions):
        return None  # "Wali Kota Brugge": a foreign mayor, the city named
    head = match.group("title").split()[-1].lower()
    kind = _KIND_OF_HEAD["wali" if head in ("kota", "wali") else head]
    names = {gov_name(m)[0] for m in gov_mentions if any(e.kind == kind for e in m.entries)}
    if len(names) != 1:
        return None
    name = names.pop()
    return match.group("title"), name, match.end("title"), name
