"""Where and how the event is held, and what it is about: the meeting mode (online, hybrid,
offline), the venue and the sector tags.

Split out of meetings.py (the event types); the extractor calls them after the event types.
"""

from __future__ import annotations

import re

from .meetings import background_sentence, is_planned, sentence_start
from .scan import Triggered

_I = re.IGNORECASE
_SENTENCE_BREAK_RE = re.compile(r"[.\n]")

# "luring" and "daring" are short for "luar jaringan" and "dalam jaringan", also written out.
_IN_PERSON = (
    r"(?:luring|offline|tatap\smuka|fisik|(?:secara\s)?langsung|in[\s-]person|luar\sjaringan)"
)
_REMOTE = r"(?:daring|online|virtual|dalam\sjaringan|(?:secara\s)?(?:daring|virtual|online))"
HYBRID_RE = re.compile(
    r"(?<!\w)(?:hybrid|hibrid|hibrida|blended)(?!\w)"
    rf"|{_REMOTE}\s(?:dan|maupun|serta|&|atau)\s{_IN_PERSON}"
    rf"|{_IN_PERSON}\s(?:dan|maupun|serta|&|atau)\s{_REMOTE}",
    _I,
)
ONLINE_RE = re.compile(
    r"(?<!\w)(?:daring|dalam\sjaringan|zoom|zoom\smeeting|video\s?conference|vicon|konferensi\svideo|"
    r"webinar|google\smeet|microsoft\steams|ms\steams|webex|tele-?conference|"
    r"telekonferensi|teleconferencing)(?!\w)"
    r"|(?:secara|melalui|via)\s(?:online|virtual)"
    r"|(?<!\w)(?:rapat|pertemuan|meeting|konferensi|diskusi|audiensi|kunjungan|seminar|forum)"
    r"\s(?:virtual|online)(?!\w)|(?<!\w)(?:virtual|online)\s(?:meeting|conference)(?!\w)",
    _I,
)
OFFLINE_WORD_RE = re.compile(
    r"(?<!\w)(?:luring|luar\sjaringan|tatap\smuka|secara\slangsung|secara\sfisik|berkunjung|kunjungan|"
    r"courtes+y\scall|audiensi|menyambut|menerima\sdelegasi)(?!\w)"
    # a named place people met in: "di kantor Kementerian ...", "di markas FAO", "X-Hotel"
    r"|(?<!\w)(?:di|ke)\s(?:(?:salah\ssatu|sebuah)\s)?(?:kantor|markas|gedung|aula|ruang|hotel"
    r"|balai|wisma|istana|pendopo|pendapa|kedutaan|kedubes|konsulat|KBRI|KJRI|command\scenter"
    # a school's yard or a village's field where goods were handed over
    r"|halaman|lapangan)(?:nya)?(?!\w)"
    r"|(?<=\w)-Hotel(?!\w)"
    # a visit to the field: "meninjau lokasi proyek", "kunjungan lapangan", "site visit",
    # "kunjungan ke desa-desa dampingan", "turun langsung ke desa"
    r"|(?<!\w)(?:meninjau|peninjauan|tinjauan|mengunjungi|menyambangi|kunjungan(?:\slapangan)?"
    r"|berkunjung|turun)\s(?:langsung\s)?(?:ke\s)?"
    r"(?:lokasi|lapangan|proyek|desa|desa-desa|kampung|dusun|nagari|gampong|posyandu|puskesmas"
    r"|sekolah)(?!\w)|(?<!\w)(?:site|field)\svisit(?!\w)"
    # a convention centre or exhibition hall: "di BEXCO, Busan", "di JCC Senayan", "di ICE BSD"
    r"|(?<!\w)(?:di|ke)\s(?:(?-i:JCC|JIExpo|ICE|BEXCO|COEX|KINTEX|BNDCC|ICC|Suntec)"
    r"|Balai\sSidang)(?!\w)"
    r"|(?<!\w)(?:Convention|Exhibition|Expo)\s(?:Center|Centre|Hall)(?!\w)",
    _I,
)
VENUE_HEADS = (
    r"Gedung|Ruang|Aula|Hotel|Graha|Kantor|Balai|Wisma|Pendopo|Pendapa|Auditorium|Kompleks|"
    r"Istana|Rumah\sDinas|Pondok|Restoran|Resto|Rumah\sMakan|Convention|Hall|Kampus|Markas|"
    r"Mabes|Balairung|Sasana|Kediaman|Museum|Gedong|Ballroom|Bandara|Villa|Resort|Plaza|"
    r"Kedutaan\sBesar|Kedubes|Konsulat(?:\sJenderal)?|KBRI|KJRI|Command\sCenter|"
    # Javanese halls, yards and stores, town halls abroad: "Bangsal Kepatihan", "Gedhong
    # Pracimasana", "halaman Kantor Gubernur", "Gudang Logistik BPBD", "Stadhuis Vlissingen"
    r"Bangsal|Gedhong|Pendapi|Halaman|Pelataran|Lapangan|Gudang|Posko|Dermaga|Stadhuis|Rathaus|"
    # "di Palais des Nations, Jenewa"
    r"Palais"
)
VENUE_RE = re.compile(
    rf"(?<!\w)(?:di|bertempat\sdi|berlokasi\sdi|ke)\s(?:kompleks\s|kantor\s)?(?=(?:{VENUE_HEADS})"
    rf"(?!\w))",
    _I,
)
VENUE_NAME_RE = re.compile(
    rf"(?:{VENUE_HEADS})(?:\s(?:[A-Z0-9][\w\-/]*|dan|&|of|des|de|du|der))"
    # the city after a comma, not the weekday of a dateline ("Aula X, Kamis (4/4)")
    r"{0,9}(?:,\s(?!(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)(?!\w))"
    r"(?:Kota\s|Kabupaten\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=[\s.,;)]|$))?",
)
# A named place whose head word comes last: "di The Westin Hotel Jakarta", "di JW Marriott
# Hotel Surabaya", "di Bali Nusa Dua Convention Center" (case-sensitive: names only).
NAMED_VENUE_RE = re.compile(
    r"(?<!\w)(?:[Dd]i|bertempat\sdi|berlokasi\sdi)\s(?P<name>(?:[A-Z][\w&'.-]*\s){1,5}"
    r"(?:Hotel|Hall|Convention\s(?:Center|Centre|Hall)|Ballroom|Resort|Auditorium|Expo"
    # places abroad named in English: "di Parliament House", "di Government Guest House"
    r"|House|Palace|Building)"
    r"(?:\s[A-Z][\w-]*){0,2})(?![\w-])"
)
# A hotel named by its brand alone: "di Grand Hyatt Jakarta", "di Swiss-Belhotel Kupang",
# "di The Ritz-Carlton Nusa Dua" (international and national chains; case-sensitive).
HOTEL_BRANDS = (
    r"[A-Z][\w-]*[Hh]otel|Hyatt|Marriott|Sheraton|Novotel|Mercure|Ibis|Hilton|Westin|Pullman"
    r"|Fairmont|Shangri-La|Ritz-Carlton|InterContinental|Kempinski|Aston|Santika|Aryaduta"
    r"|Radisson|Meridien|Crowne\sPlaza|Holiday\sInn|Four\sSeasons|Mandarin\sOriental|Sahid"
    r"|Tentrem|Ayana|Alila|Padma|Luwansa|Swissôtel|Swissotel|Accor|Harris|Amaris|Fave|Whiz"
)
BRAND_VENUE_RE = re.compile(
    r"(?<!\w)(?:[Dd]i|bertempat\sdi|berlokasi\sdi)\s(?P<name>(?:The\s)?(?:(?:Grand|JW|Park|Le"
    rf"|St\.?|Best|Golden|Royal)\s)?(?:{HOTEL_BRANDS})(?:\s[A-Z][\w-]*){{0,3}})(?![\w-])"
)
# The venue patterns, each tried only where "di", "ke", "bertempat" or "berlokasi" and a space
# stand (scan.py).
VENUE = Triggered(VENUE_RE, r"di\s|ke\s|bertempat\s|berlokasi\s")
NAMED_VENUE = Triggered(NAMED_VENUE_RE, r"di\s|bertempat\s|berlokasi\s")
BRAND_VENUE = Triggered(BRAND_VENUE_RE, r"di\s|bertempat\s|berlokasi\s")
TRAILING_CONNECTOR_RE = re.compile(r"(?:\s(?:dan|&|of|des|de|du|der))+$")
CITY_AFTER_DATE_RE = re.compile(r"\)\s(?:di|bertempat\sdi)\s([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")

SECTOR_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("disaster management", r"bencana|disaster"),
    ("health", r"kesehatan|health"),
    ("nutrition", r"gizi|nutrisi|nutrition"),
    ("education", r"pendidikan|education"),
    ("child protection", r"perlindungan\sanak|hak\sanak|child"),
    ("agriculture", r"pertanian|agricultur"),
    ("food security", r"ketahanan\spangan|food\ssecurity"),
    ("environment", r"lingkungan\shidup|environment|iklim|climate"),
    ("forestry", r"kehutanan|hutan|forest"),
    ("investment", r"investasi|penanaman\smodal|investment"),
    ("economy", r"ekonomi|economic"),
    ("regional development", r"pembangunan\sdaerah|regional\sdevelopment"),
    ("sustainable development", r"pembangunan\sberkelanjutan|SDGs?|sustainable"),
    ("urban development", r"perkotaan|urban"),
    ("decentralization", r"desentralisasi|decentrali"),
    ("democratization", r"demokratisasi|demokrasi|democra"),
    ("human development", r"pembangunan\smanusia|human\sdevelopment"),
    ("water and sanitation", r"sanitasi|air\sbersih|WASH"),
    ("tourism", r"pariwisata|tourism"),
    ("governance", r"tata\skelola|governance"),
)
# One alternation with a group per tag: a single pass over the text finds every sector.
# The word-start check is done in Python: a lookbehind in front of every alternative stops
# the regex engine from skipping ahead by first letter, which made this pass slow.
# It runs on lower-cased text without IGNORECASE, which lets the engine skip by first letter.
_SECTOR_RE = re.compile(
    "|".join(rf"(?P<s{i}>{p.lower()})" for i, (_, p) in enumerate(SECTOR_KEYWORDS))
)
# The same alternation without the groups finds the same matches (same alternatives, same
# order), five times faster: a group in front of every alternative also stops the engine
# from skipping by first letter. The grouped pattern then names the tag of each match.
_SECTOR_SCAN_RE = re.compile("|".join(p.lower() for _, p in SECTOR_KEYWORDS))


# Meeting-mode cues, each tried only where a word that opens it stands (see scan.py).
HYBRID = Triggered(
    HYBRID_RE,
    r"hybrid|hibrid|blended|daring|online|virtual|dalam|secara|luring|offline|tatap|fisik"
    r"|langsung|in[\s-]person|luar",
)
ONLINE = Triggered(
    ONLINE_RE,
    r"daring|dalam|zoom|video|vicon|konferensi|webinar|google|microsoft|ms\s|webex|tele"
    r"|secara|melalui|via|rapat|pertemuan|meeting|diskusi|audiensi|kunjungan|seminar|forum"
    r"|virtual|online",
)
OFFLINE_WORD = Triggered(
    OFFLINE_WORD_RE,
    r"luring|luar|tatap|secara|berkunjung|kunjungan|courtes|audiensi|menyambut|menerima"
    r"|di\s|ke\s|-hotel|meninjau|peninjauan|tinjauan|mengunjungi|menyambangi|turun|site"
    r"|field|convention|exhibition|expo",
)
STRICT_IN_PERSON_RE = re.compile(
    r"(?<!\w)(?:luring|luar\sjaringan|tatap\smuka|secara\sfisik|offline|in[\s-]person)(?!\w)", _I
)


# What runs online beside the event: a programme, a course, a service ("Program pelatihan
# kader berjalan secara daring", "layanan konsultasi daring").
PROGRAMME_ONLINE_RE = re.compile(
    r"(?<!\w)(?:program|pelatihan|kelas|kursus|layanan|aplikasi|platform|pembelajaran|modul"
    r"|pendaftaran|portal|sistem|e-learning|mentoring|pendampingan)(?!\w)(?:\s[\w-]+){0,4}?"
    r"\s(?:berjalan|dijalankan|tersedia|diakses|dapat\sdiakses|berlangsung\srutin|rutin"
    r"|dilanjutkan)(?!\w)",
    _I,
)
# Before the cue in its sentence: words that make the online work past ("telah melakukan
# koordinasi secara daring sebelumnya", "selama pandemi").
_PAST_ONLINE_RE = re.compile(
    r"(?<!\w)(?:sebelumnya|selama\spandemi|saat\spandemi|sejak\spandemi|beberapa\skali|pernah"
    r"|sempat"
    # "Penyusunan naskah dimulai sejak Oktober 2023 melalui serangkaian pertemuan daring"
    r"|sejak\s(?:awal\s|akhir\s)?(?:[A-Z][a-z]+\s)?(?:19|20)\d\d)(?!\w)",
    _I,
)
# The online word names what a thing is, not how the event is held: "platform pelatihan guru
# daring", "kekerasan berbasis daring", "modul pelatihan daring dan luring".
_THING_ONLINE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:platform|modul|berbasis|layanan|aplikasi|kursus|pembelajaran|konten|sistem"
    r"|pendaftaran|penjualan|pasar|judi|penipuan|media|portal|kelas)(?:\s[\w-]+){0,2}\s$",
    _I,
)


def _mode_of_the_event(text: str, match: re.Match[str], start: int) -> bool:
    """Whether an online or hybrid cue tells how the event itself is held, not how a
    programme runs, a plan, or earlier contacts ("Sebelumnya, kedua pihak telah berkoordinasi
    secara daring")."""
    s_start = sentence_start(text, match.start(), start)
    s_end = min(len(text), match.end() + 200)
    stop = _SENTENCE_BREAK_RE.search(text, match.end(), s_end)
    s_end = stop.start() if stop else s_end
    if is_planned(text, match.start(), s_start, match.end(), modal=False):
        return False
    if _THING_ONLINE_BEFORE_RE.search(text, max(s_start, match.start() - 40), match.start()):
        return False
    if background_sentence(text, s_start, match.start()):
        return False
    if _PAST_ONLINE_RE.search(text, s_start, s_end):
        return False
    return PROGRAMME_ONLINE_RE.search(text, s_start, s_end) is None


# Some of the participants joining from afar: "juga diikuti secara daring oleh ...",
# "disaksikan secara virtual oleh ...", "tim BKG dari Frankfurt melalui konferensi video".
_JOINED_REMOTELY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:diikuti|disaksikan|bergabung|mengikuti|menyaksikan)\s(?:[^.\n]{0,70}\s)?"
    r"(?:secara\s|melalui\s|via\s)?$",
    _I,
)


def meeting_mode(text: str, start: int, has_venue: bool) -> tuple[str, int, int, float] | None:
    hybrid = next(
        (m for m in HYBRID.finditer(text, start) if _mode_of_the_event(text, m, start)), None
    )
    if hybrid:
        return ("hybrid", hybrid.start(), hybrid.end(), 0.9)
    online = next(
        (m for m in ONLINE.finditer(text, start) if _mode_of_the_event(text, m, start)), None
    )
    offline = OFFLINE_WORD.search(text, start)
    # an explicit in-person word anywhere beside an online one ("melalui Zoom ... Sebagian
    # peserta hadir secara luring"), not only when it is the first place word of the text
    in_person = STRICT_IN_PERSON_RE.search(text, start) if online else None
    if online and in_person:
        return ("hybrid", online.start(), online.end(), 0.7)
    if (
        online
        and has_venue
        and _JOINED_REMOTELY_BEFORE_RE.search(text, max(start, online.start() - 80), online.start())
    ):
        # "Rapat digelar di Ruang Sidang Balai Kota ... dan diikuti secara daring oleh tim GIZ":
        # some join from afar, the meeting itself is in the room
        return ("hybrid", online.start(), online.end(), 0.6)
    if online:
        return ("online", online.start(), online.end(), 0.8)
    if offline:
        return ("offline", offline.start(), offline.end(), 0.7)
    if has_venue:
        return ("offline", start, start, 0.7)
    return None


def venue(text: str, start: int) -> tuple[str, int, int] | None:
    for match in VENUE.finditer(text, start):
        name = VENUE_NAME_RE.match(text, match.end())
        if name and len(name.group().split()) >= 2:
            # A trailing connector ("Gedung F ... dan platform zoom") is not part of the name.
            value = TRAILING_CONNECTOR_RE.sub("", name.group().strip(" ,"))
            return (value, name.start(), name.start() + len(value))
    named = NAMED_VENUE.search(text, start) or BRAND_VENUE.search(text, start)
    if named:
        return (named.group("name"), named.start("name"), named.end("name"))
    city = CITY_AFTER_DATE_RE.search(text, start)
    if city:
        return (city.group(1), city.start(1), city.end(1))
    return None


def sectors(text: str, start: int) -> list[str]:
    found: set[int] = set()
    lowered = text[max(0, start - 1) : start + 20000].lower()
    for match in _SECTOR_SCAN_RE.finditer(lowered, 1 if start > 0 else 0):
        if match.start() > 0 and lowered[match.start() - 1].isalnum():
            continue  # inside a word
        tagged = _SECTOR_RE.match(lowered, match.start())
        found.add(int(tagged.lastgroup[1:]))  # type: ignore[union-attr,index]
    return [SECTOR_KEYWORDS[i][0] for i in sorted(found)]
