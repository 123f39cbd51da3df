"""The foreign side written as a government, not an organization: foreign ministries and
agencies named in Indonesian ("Kementerian Pertanian Jepang", "Badan Kerja Sama
Internasional Jepang"), UN bodies named around "PBB", foreign local governments (prefectures,
states, provinces and cities abroad, sister cities), a bare country as the counterpart, and
a minister's title that ends with a country ("Menteri Luar Negeri Maroko")."""

from __future__ import annotations

import re
from functools import lru_cache

from .bodies import (
    COUNTRY_RE,
    NOT_A_FIELD,
    REGIONAL_UNIT_WORDS,
    BodyMention,
    indonesian_places,
)
from .countries import COUNTRY_PATTERN
from .document import Document
from .foreign_places import is_foreign_subdivision
from .name_words import HEADLINE_STOP, HEADLINE_VERBS
from .names import WORD_RE, OrgCandidate, overlaps
from .roles import JOINT_VERBS, organiser_verb_after
from .scan import Triggered

FOREIGN_GOV_HEAD_RE = re.compile(
    r"(?:Pemerintah\s(?:Provinsi|Prov\.|Kota|Kabupaten|Prefektur|Negara\sBagian)|Provinsi|"
    r"Prefektur|Negara\sBagian|Kementerian|Departemen|Kedutaan(?:\sBesar)?|Kedubes|Konsulat(?:\sJenderal)?"
    r"|Pemerintah)\s"
)

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
# The patterns below scan whole texts: each is tried only where its head word stands (scan.py).
UN_BODY = Triggered(
    UN_BODY_RE,
    r"Badan|Organisasi|Program|Dana|Kantor|Komisi|Komisariat|Dewan|Pusat|Sekretariat|Lembaga"
    r"|Entitas|Misi|Pasukan",
    on_text=True,
)
# A foreign ministry or agency with several fields: "Kementerian Pertanian, Kehutanan dan
# Perikanan Jepang", "Badan Kadaster, Pendaftaran Tanah, dan Pemetaan Belanda" (the
# capitalised runs break at the comma).
FOREIGN_MINISTRY_RE = re.compile(
    rf"(?<![\w-])(?:Kementerian|Departemen|Badan)(?:,?\s(?:dan\s)?{_CAP}){{1,8}}?"
    rf"\s(?:{COUNTRY_PATTERN})(?!\w)"
)
FOREIGN_MINISTRY = Triggered(FOREIGN_MINISTRY_RE, "Kementerian|Departemen|Badan", on_text=True)


_STATE_BEFORE_COUNTRY_RE = re.compile(
    rf"\s(?:Kerajaan|Republik(?:\sFederal|\sRakyat)?)\s(?:{COUNTRY_PATTERN})$"
)


# A ministry named in English with its fields listed ("Ministry of Economy, Trade and
# Industry", "Department of Agriculture, Fisheries and Forestry"): foreign, since the press
# names Indonesia's ministries in Indonesian; its commas would cut it into runs.
ENGLISH_MINISTRY_RE = re.compile(
    rf"(?<![\w-])(?P<head>Ministry|Department|Minister)\s(?:of|for)(?:\sthe)?\s{_CAP}"
    rf"(?:,\s{_CAP}(?:\s{_CAP}){{0,2}}){{1,5}},?\s(?:and|&)\s{_CAP}(?:\s{_CAP}){{0,2}}?"
    r"(?=[\s,.;)(]|$)"
)
ENGLISH_MINISTRY = Triggered(ENGLISH_MINISTRY_RE, "Minist|Department", on_text=True)


def foreign_ministries(text: str, start: int):
    """Foreign ministries whose name has a comma (the others are capitalised runs). A match
    that takes in another body ("Kementerian Perhubungan dan Kementerian Pertanahan,
    Infrastruktur, Transportasi dan Pariwisata Jepang") is tried again from its next
    "Kementerian"."""
    pos = start
    while True:
        match = FOREIGN_MINISTRY.search(text, pos)
        if match is None:
            return
        words = re.findall(r"[A-Z][\w\-]*", match.group())[1:]
        # "... dan Perikanan Kerajaan Norwegia": the state's form before the country
        state = _STATE_BEFORE_COUNTRY_RE.search(match.group())
        if state is not None:
            words = re.findall(r"[A-Z][\w\-]*", match.group()[: state.start()])[1:]
        if "," in match.group() and not any(w in NOT_A_FIELD for w in words):
            yield match
            pos = match.end()
        else:
            pos = match.start() + 1


def english_ministries(text: str, start: int) -> tuple[list[re.Match[str]], list[tuple[int, int]]]:
    """Ministries named in English with their fields listed (ENGLISH_MINISTRY_RE), and the
    spans of every such name or minister's title ("Minister for Agriculture, Fisheries and
    Forestry": no other name starts inside one)."""
    found = list(ENGLISH_MINISTRY.finditer(text, start))
    return [m for m in found if m.group("head") != "Minister"], [m.span() for m in found]


# Heads of local governments; Prefektur and Negara Bagian exist only abroad.

FOREIGN_LOCAL_RE = re.compile(
    r"(?<!\w)(?:[Pp]emerintah\s)?(?P<head>[Nn]egara\s[Bb]agian|[Pp]refektur|[Pp]rovinsi|"
    # a state of Malaysia: "Pemerintah Negeri Sarawak", "Kerajaan Negeri Sarawak" ("Kejaksaan
    # Negeri" is Indonesian)
    r"(?<=[Pp]emerintah\s)[Nn]egeri|(?<=Kerajaan\s)Negeri|"
    r"[Kk]ota|[Dd]istrik|[Cc]ounty\sof|[Ss]tate\sof|[Pp]refecture\sof|[Pp]rovince\sof|City\sof"
    # a municipality in its own language: "Gemeente Vlissingen", "Stadt Braunschweig",
    # "Ville de Nantes", "Comune di Torino", "Municipality of Davao"
    r"|Gemeente|Stadt|Landeshauptstadt|Ville\sde|Comune\sdi|Municipality\sof)\s"
    r"(?P<name>[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){0,2})"
)
FOREIGN_LOCAL = Triggered(
    FOREIGN_LOCAL_RE,
    r"pemerintah|negara|negeri|prefektur|provinsi|kota|distrik|county|state|prefecture|province"
    r"|city|gemeente|stadt|landeshauptstadt|ville|comune|municipality",
)


_NAME_BEFORE_COUNTRY_RE = re.compile(r"([A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){0,2}),?\s(?:di\s)?$")


def names_before_countries(text: str, start: int) -> set[str]:
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


def is_foreign_local(match: re.Match[str], with_country: set[str]) -> bool:
    head = match.group("head").lower()
    name = match.group("name")
    if COUNTRY_RE.fullmatch(name) or name in ("Indonesia", "RI"):
        return False
    if SISTER_RE.match(match.string, match.start("head")):
        return False  # "kerja sama Kota Kembar dengan ...": the kind of pair, not a city
    if head.startswith(
        ("negara", "prefektur", "county", "state", "prefecture", "negeri", "gemeente", "stadt",
         "landeshauptstadt", "ville", "comune", "municipality")
    ):  # fmt: skip
        return True
    if head == "city of":
        # "City of Darwin": a city named in English is abroad, unless it is Indonesia's own
        return name.lower() not in indonesian_places()
    text = match.string
    around = text[max(0, match.start() - SISTER_WINDOW) : match.end() + SISTER_WINDOW]
    if head in ("kota", "provinsi") and match.group()[:1].isupper() and SISTER_RE.search(around):
        return True
    # "Provinsi Fujian", "Kota Busan": a subdivision of a foreign country (ISO 3166-2)
    if (
        head in ("kota", "provinsi")
        and match.group()[:1].isupper()
        and is_foreign_subdivision(name)
    ):
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
        and (
            _PARTNER_BEFORE_RE.search(before) is not None
            # "Pemkot Surabaya dan Kota Kitakyushu memperbarui nota kesepahaman": paired
            # with an Indonesian government in a sentence about a cooperation
            or _PAIRED_BEFORE_RE.search(before) is not None
            and _COOPERATION_IN_SENTENCE_RE.search(_sentence_of(text, match.start(), match.end()))
            is not None
        )
    )


# The head of a local government abroad, named by the place: "Wali Kota Perth", "Walikota
# Kawasaki", "Mayor of Darwin", "Lord Mayor of Brisbane", "Governor of Hokkaido", "Gubernur
# Victoria, Australia".
FOREIGN_HEAD_RE = re.compile(
    r"(?<!\w)(?P<head>Wali\s?[Kk]ota|Walikota|(?:Lord\s)?Mayor\sof(?:\sthe\sCity\sof)?"
    r"|Governor\sof|Gubernur)\s(?P<name>[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){0,2})"
)
FOREIGN_HEAD = Triggered(FOREIGN_HEAD_RE, r"Wali|Lord|Mayor|Governor|Gubernur", on_text=True)
_NOT_A_PLACE = frozenset(
    ["Jenderal", "Bank", "Lemhannas", "Akademi", "Akpol", "Administrasi", "Kota", "Provinsi",
     "Prefektur", "Negara", "Pemerintah", "Indonesia", "RI", "Daerah", "Kabupaten"]
)  # fmt: skip


@lru_cache(maxsize=256)
def _found_in(text: str, pattern: str) -> bool:
    """Whether `pattern` occurs in `text`, once per text and pattern: a head of local
    government asks for every match, and a text may repeat it (a whole-text search per
    match made long inputs quadratic)."""
    return re.search(pattern, text) is not None


@lru_cache(maxsize=256)
def count_in(text: str, pattern: str) -> int:
    """How often `pattern` occurs in `text`, once per text and pattern (as `_found_in`)."""
    return len(re.findall(pattern, text))


def _speaks_pattern(word: str) -> str:
    """The word as one who speaks: "kata Bambang", "Menurut Bambang", "Bambang mengatakan"."""
    w = re.escape(word)
    return (
        rf"(?<!\w)(?:kata|ujar|ungkap|jelas|tutur|imbuh|tambah|tegas|[Mm]enurut)\s{w}(?![\w-])"
        rf"|(?<![\w-]){w}\s(?:mengatakan|menyampaikan|menjelaskan|mengungkapkan|menuturkan"
        r"|menegaskan|menambahkan|berharap|berpesan|mengaku)(?!\w)"
    )


def foreign_head_name(text: str, match: re.Match[str]) -> str:
    """The foreign city or region a head of local government stands for ("Kota Perth",
    "City of Darwin", "Hokkaido"), or "" when the place may be Indonesian."""
    head = match.group("head")
    words = []
    for word in match.group("name").split():  # "Wali Kota Perth Kunjungi Surabaya"
        if word.lower() in HEADLINE_STOP or word.lower() in HEADLINE_VERBS:
            break
        words.append(word)
    if not words or words[0] in _NOT_A_PLACE or words[0] in _CITY_EPITHETS:
        return ""
    if _found_in(
        text,
        rf"(?<!\w)(?:Wali\s?[Kk]ota|Mayor|Gubernur|Governor)\s[^,.\n]{{1,40}},\s"
        rf"{re.escape(words[0])}\s[A-Z]",
    ):
        return ""  # "Wali Kota Choi" after "Wali Kota Sejong, Choi Min-seok": the mayor himself
    words = place_words(text, words)
    name = " ".join(words)
    if COUNTRY_RE.fullmatch(name) or _indonesian_place(words):
        return ""
    country_after = _COUNTRY_AFTER_RE.match(text, match.end("name")) is not None
    if not country_after and _found_in(text, _speaks_pattern(words[0])):
        return ""  # "Wali Kota Bambang Wicaksono ... Bambang mengatakan": a person, no place
    if head.startswith("Gubernur") and not country_after:
        return ""  # "Gubernur X" alone: too often an Indonesian region written loosely
    if head.lower().replace(" ", "").startswith("walikota"):
        return f"Kota {name}"
    if "Mayor" in head:
        return f"City of {name}"
    return name


# Words that open or continue a place's name of several words ("New South Wales", "Ho Chi
# Minh", "Jeolla Selatan", "Gold Coast"): with them, three words may all be the place.
_PLACE_PREFIXES = frozenset(
    ["New", "San", "Santa", "Saint", "St", "Los", "Las", "Le", "La", "El", "Al", "Abu", "Port",
     "Puerto", "Rio", "Kuala", "Kota", "Bandar", "Ho", "Hong", "Phnom", "Da", "Gold", "Great",
     "Greater", "North", "South", "East", "West", "Western", "Northern", "Southern", "Eastern",
     "Central", "Upper", "Lower", "Nha", "Buenos", "Sao", "São", "Hai", "Mexico", "Sunshine",
     "Otonom", "Daerah"]
)  # fmt: skip
_PLACE_PARTS = frozenset(
    ["Selatan", "Utara", "Barat", "Timur", "Tengah", "Raya", "South", "North", "West", "East",
     "Central", "Capital", "City", "Coast", "Island", "Islands", "Territory", "Wales", "York",
     "Zealand", "Lumpur", "Minh", "Chi", "Penh", "Kong", "Bay", "Beach", "Valley", "Jaya",
     "Prefecture", "Province", "State", "County", "District", "Metropolitan", "Special",
     "Khusus", "Otonom", "Autonomous"]
)  # fmt: skip
_PLACE_HEAD = r"(?<![\w-])(?:Provinsi|Kota|Prefektur|Negara\sBagian|Distrik|Province\sof|City\sof)"
_PERSON_WORDS = 2  # a person's name after a place: given name and family name
_BODY_WORDS = frozenset(
    ["Kementerian", "Badan", "Lembaga", "Dinas", "Kantor", "Dewan", "Komisi", "Departemen"]
)


def place_words(text: str, words: list[str]) -> list[str]:
    """The words of a foreign place without a person's name written after it ("Kota
    Kitakyushu Kenji Morimoto", "Wali Kota Kitakyushu Kenji Kitahashi"): the name's last word
    used alone elsewhere in the text ("kata Kitahashi"), or three words that do not read as one
    place name."""
    if len(words) < 2 or words[0] in _NOT_A_PLACE or words[0] in _BODY_WORDS:
        return words
    alone = count_in(text, rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])")
    together = count_in(text, rf"(?<![\w-]){re.escape(' '.join(words))}(?![\w-])")
    if (
        alone > together
        and words[-1] not in _PLACE_PARTS
        # "Provinsi Otonom Khusus Jeju" ... "Provinsi Jeju": the last word is a place
        # when the text writes it after a place head too
        and not any(w in _PLACE_PARTS for w in words[:-1])
        and not _found_in(text, rf"{_PLACE_HEAD}\s{re.escape(words[-1])}(?![\w-])")
    ):
        return words[: max(1, len(words) - _PERSON_WORDS)]
    if (
        len(words) == 3
        and words[0] not in _PLACE_PREFIXES
        and words[1] not in _PLACE_PARTS
        and words[2] not in _PLACE_PARTS
    ):
        return words[:1]
    return words


# Heads that only Indonesian regional offices carry ("Kesbangpol Merauke", "BPBD Sigi"): the
# regional unit nouns without the generic ones, which also head foreign names ("Badan",
# "Biro", "Kantor") or are people's titles, and with two the gazetteer reads otherwise.
_INDONESIAN_UNIT_HEADS = (
    REGIONAL_UNIT_WORDS
    - {"badan", "biro", "bagian", "sekretariat", "kantor", "upt", "asisten", "sekretaris",
       "staf", "kepala"}
) | {"bakesbangpol", "dprd"}  # fmt: skip


def indonesian_regional_unit(form: str) -> bool:
    """Whether a name is an Indonesian regional office, bare or with the region it serves
    written without "Kabupaten"/"Provinsi": "Bappeda", "Kesbangpol Merauke", "BPBD Sigi"."""
    words = form.split()
    return (
        bool(words)
        and words[0].lower() in _INDONESIAN_UNIT_HEADS
        and (len(words) == 1 or _indonesian_place(words[1:]))
    )


def _indonesian_place(words: list[str]) -> bool:
    """Whether the first words name an Indonesian region ("Bau-Bau" or "Baubau")."""
    places = _place_keys()
    return any(_place_key(" ".join(words[:n])) in places for n in range(len(words), 0, -1))


def _place_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    return frozenset(_place_key(name) for name in indonesian_places())


_COUNTRY_AFTER_RE = re.compile(rf",?\s(?:di\s)?(?!Indonesia(?!\w))(?:{COUNTRY_PATTERN})(?!\w)")


_PARTNER_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:be)?kerja\s?sama|bermitra|kemitraan|(?:ber)?kolaborasi|MoU|nota\skesepahaman"
    r"|perjanjian|menandatangani)(?:\s[a-z]+){0,3}\s(?:dengan|bersama)\s$",
    re.IGNORECASE,
)
_PAIRED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:Pemkot|Pemkab|Pemprov|Pemerintah\s(?:Kota|Kabupaten|Provinsi)|Wali\s?[Kk]ota"
    r"|Bupati|Gubernur)(?:\s[A-Z][\w-]*){1,3}\s(?:dan|dengan|bersama)\s$"
)
_COOPERATION_IN_SENTENCE_RE = re.compile(
    r"kerja\s?sama|kemitraan|MoU|nota\skesepahaman|perjanjian|sister\s(?:city|province)"
    r"|memorandum|menandatangani|penandatanganan|kesepakatan|menyepakati|sepakat",
    re.IGNORECASE,
)


SENTENCE_WINDOW = 300  # how far a sentence is read around a match (bounds the work per match)


def _sentence_of(text: str, start: int, end: int) -> str:
    """The text from the previous to the next full stop (or line end) around a match, at
    most SENTENCE_WINDOW characters on each side."""
    low, high = max(0, start - SENTENCE_WINDOW), min(len(text), end + SENTENCE_WINDOW)
    left = max(text.rfind(". ", low, start), text.rfind("\n", low, start), low - 1)
    right_candidates = [
        i for i in (text.find(". ", end, high), text.find("\n", end, high)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else high
    return text[left + 1 : right]


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
# An envoy of the country, met or visiting: "menerima kunjungan Duta Besar Jepang untuk
# Indonesia", "bertemu Konsul Jenderal Australia" (not "Duta Besar RI untuk Jepang", where
# "RI" stands between the title and the country).
_ENVOY_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:Duta\sBesar|Dubes|Konsul(?:\sJenderal)?|Konjen|Kuasa\sUsaha|Ambassador"
    r"|Consul(?:\sGeneral)?)(?:\sLuar\sBiasa\sdan\sBerkuasa\sPenuh)?"
    r"(?:\s(?:Republik|Kerajaan|Negara))?\s$"
)
_ENVOY_MEETS_RE = re.compile(
    r"(?<!\w)(?:menerima|diterima|kunjungan|berkunjung|bertemu|pertemuan|audiensi|courtes+y"
    r"|membahas|kerja\s?sama|menandatangani)(?!\w)",
    re.IGNORECASE,
)
# A member of a foreign government met or visiting (a meeting, not a signing: who signs for a
# government is read by the signatory rules).
_MINISTER_MET_RE = re.compile(
    r"(?<!\w)(?:menerima|diterima|kunjungan|berkunjung|bertemu|pertemuan|audiensi|courtes+y)"
    r"(?!\w)",
    re.IGNORECASE,
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
        if overlaps(match.span(), gov_spans):
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
        elif _joint_with_a_body(text, match, gov_spans):
            linked.add(name)  # "Pemprov Jabar dan Jepang sepakat ...": the two act together
        elif _ENVOY_BEFORE_RE.search(before) and _ENVOY_MEETS_RE.search(
            text, s_start, doc.sentence_span(match.start())[1]
        ):
            linked.add(name)  # "menerima Duta Besar Jepang": the envoy speaks for the country
        elif _TITLE_PHRASE_BEFORE_RE.search(
            text, max(s_start, match.start() - 100), match.start()
        ) and _MINISTER_MET_RE.search(text, s_start, doc.sentence_span(match.start())[1]):
            # "menerima kunjungan Menteri Kesehatan Malaysia", "bertemu Perdana Menteri
            # Timor-Leste": a member of the foreign government met speaks for the country
            linked.add(name)
    result = []
    for name in linked:
        cand = found[name]
        cand.counterpart_cues.append("country-link")
        result.append(cand)
    return sorted(result, key=lambda c: c.mentions[0])


# A country's mission, named by the text: "Konsulat Jenderal Jepang", "Kedutaan Besar Australia".
_MISSION_RE = re.compile(
    r"(?:Kedutaan\sBesar|Kedubes|Konsulat\sJenderal|Konsulat)\s(?:(?:Republik|Kerajaan)\s)?"
    rf"(?P<country>{COUNTRY_PATTERN})$"
)
# The mission's head received or met: "menerima kunjungan kehormatan Konsul Jenderal Jepang di
# Surabaya", "bertemu Konsul Jenderal (Konjen) Amerika Serikat".
_ENVOY_OF_RE = re.compile(
    r"(?<![\w-])(?P<title>Duta\sBesar|Dubes|Konsul\sJenderal|Konjen|Konsul)"
    r"(?:\s\((?:Dubes|Konjen)\))?\s(?:(?:Republik|Kerajaan)\s)?"
    rf"(?P<country>{COUNTRY_PATTERN})"
)
_EMBASSY_TITLES = frozenset(["Duta Besar", "Dubes"])


def envoy_missions(doc: Document, foreign: list[OrgCandidate]) -> None:
    """The mission the text names is the counterpart when its head is received or met: the
    visit of "Konsul Jenderal Jepang di Surabaya" is the visit of the "Konsulat Jenderal Jepang"
    named later (else the country alone would stand for it)."""
    missions: dict[tuple[bool, str], OrgCandidate] = {}
    for cand in foreign:
        for form in cand.forms:
            found = _MISSION_RE.fullmatch(form)
            if found is not None and not cand.counterpart_cues:
                embassy = form.startswith(("Kedutaan", "Kedubes"))
                missions.setdefault((embassy, found.group("country")), cand)
    if not missions:
        return
    text = doc.text
    for envoy in _ENVOY_OF_RE.finditer(text, doc.body_start):
        embassy = envoy.group("title") in _EMBASSY_TITLES
        mission = missions.get((embassy, envoy.group("country")))
        if mission is None or "envoy-mission" in mission.counterpart_cues:
            continue
        s_start, s_end = doc.sentence_span(envoy.start())
        if _MINISTER_MET_RE.search(text, s_start, s_end):
            mission.counterpart_cues.append("envoy-mission")


def _joint_with_a_body(text: str, match: re.Match[str], gov_spans: list[tuple[int, int]]) -> bool:
    """A country joined by "dan" or "bersama" to an Indonesian body right before it, the two
    the subject of a joint verb ("Pemprov Jabar dan Jepang sepakat memperkuat ...")."""
    joint = _JOINT_BEFORE_RE.search(text, max(0, match.start() - 12), match.start())
    if joint is not None and any(end == joint.start() for _, end in gov_spans):
        return organiser_verb_after(text, match.end(), JOINT_VERBS, any_active=True)
    # the country first: "Jepang dan Pemprov Jabar sepakat ..."
    joint = _JOINT_AFTER_RE.match(text, match.end())
    body = next((span for span in gov_spans if joint and span[0] == joint.end()), None)
    return body is not None and organiser_verb_after(text, body[1], JOINT_VERBS, any_active=True)


_JOINT_BEFORE_RE = re.compile(r"\s(?:dan|bersama|&)\s$")
_JOINT_AFTER_RE = re.compile(r"\s(?:dan|bersama|&)\s")


# A government agency named in Indonesian ends with its country: "Badan Kerja Sama
# Internasional Jepang", "Lembaga Penelitian Pertanian Prancis". Indonesian agencies never
# end with a foreign country, so the country must close the name.
# The same holds for associations and institutes named in Indonesian: "Federasi Industri
# Jerman", "Kamar Dagang dan Industri Jepang", "Institut Teknologi Korea".
FOREIGN_AGENCY_HEAD_RE = re.compile(
    r"(?<!\w)(?:Badan|Lembaga|Agensi|Otoritas|Dewan|Federasi|Asosiasi|Komite|Komisi|Institut"
    r"|Kamar|Perhimpunan|Yayasan|Korporasi|Persatuan)\s"
)
# An organization named in Indonesian word order, head first, as international or worldwide
# ("Komite Internasional Palang Merah", "Federasi Sepak Bola Dunia"): foreign when it is
# defined with its acronym in brackets (a domestic body would not be "Internasional" + head).
INTERNATIONAL_HEAD_RE = re.compile(
    r"(?:Komite|Organisasi|Federasi|Dana|Badan|Lembaga|Dewan|Asosiasi|Perhimpunan|Palang"
    r"|Program|Pusat|Institut|Komisi|Uni|Serikat)\s(?:[A-Z][\w-]*\s){0,4}?"
    r"(?:Internasional|Dunia|Sedunia)(?:\s[A-Z][\w-]*){0,4}"
)


# A country's government, embassy or the country itself: one counterpart ("Pemerintah
# Kerajaan Norwegia", "Kedutaan Besar Norwegia", "Pemerintah Norwegia").
_GOVERNMENT_OF_RE = re.compile(
    r"(?:(?P<government>Pemerintah)|Kedutaan\sBesar|Kedubes|Embassy\sof(?:\sthe)?)\s"
    r"(?:(?:Kerajaan|Republik|Federasi|Keamiran|Kesultanan|Konfederasi|Persemakmuran|Negara"
    r"|Kingdom\sof|Republic\sof)\s)?"
    rf"(?P<country>{COUNTRY_PATTERN})"
)


def government_country(form: str) -> tuple[str, bool] | None:
    """(country, is a "Pemerintah ..." form) when `form` names a country's government or
    embassy, or the country itself; None otherwise."""
    match = _GOVERNMENT_OF_RE.fullmatch(form)
    if match is not None:
        return match.group("country"), match.group("government") is not None
    if COUNTRY_RE.fullmatch(form) is not None:
        return form, False
    return None


def is_foreign_government(name: str) -> bool:
    if FOREIGN_AGENCY_HEAD_RE.match(name):
        countries = list(COUNTRY_RE.finditer(name))
        return (
            bool(countries)
            and countries[-1].end() == len(name.rstrip())
            and (countries[-1].start() > 6)
        )
    return FOREIGN_GOV_HEAD_RE.match(name + " ") is not None and COUNTRY_RE.search(name) is not None


# A head-of-office title whose words run on to a country: "Menteri Luar Negeri Maroko",
# "Menteri Luar Negeri, Kerja Sama Afrika dan Ekspatriat Maroko", "Duta Besar ... Jepang".
_TITLE_PHRASE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:(?:Wakil\s|Perdana\s)?Menteri|(?:Vice\s|Prime\s|Deputy\s)?Minister"
    r"|Duta\sBesar|Dubes|Ambassador|(?:Wakil\s)?Presiden|(?:Vice\s)?President"
    r"|Sekretaris\sNegara|Secretary\sof\sState|Konsul(?:\sJenderal)?|Konjen|Consul(?:\sGeneral)?)"
    r"(?:,?\s(?:dan\s|and\s|&\s)?[A-Z][\w-]*){0,8},?\s(?:dan\s|and\s|&\s)?$"
)


def country_in_title_phrase(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is the tail of a minister's or envoy's title that ends with a
    country ("Luar Negeri Maroko" after "Menteri"): the person's title, no organization."""
    country = COUNTRY_RE.search(text, start, end)
    if country is None or country.end() != end:
        return False
    return _TITLE_PHRASE_BEFORE_RE.search(text, max(0, start - 100), start) is not None


_LOCAL_HEAD_RE = re.compile(r"(?:Pemerintah\s)?(?:Provinsi|Prefektur|Negara\sBagian|Kota)\s")


def is_foreign_subnational(text: str, start: int, end: int) -> bool:
    """'Pemerintah Provinsi X, Korea Selatan', 'Chungcheongbuk-do Korsel' style places."""
    name = text[start:end]
    after = text[end : end + 30]
    if _LOCAL_HEAD_RE.match(name):
        return (
            COUNTRY_RE.match(after.lstrip(", ")) is not None or COUNTRY_RE.search(name) is not None
        )
    words = WORD_RE.findall(name)
    return (
        len(words) >= 2
        and COUNTRY_RE.fullmatch(words[-1]) is not None
        and all(w.lower() not in HEADLINE_STOP for w in words)
        # "Iklim Indonesia Norwegia": a pair of countries in a headline, not a place
        and not any(w in ("Indonesia", "RI") for w in words[:-1])
    )
