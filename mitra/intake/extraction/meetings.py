"""Event types, meeting mode, venue and sector tags.

Event types come from trigger families: signing (penandatanganan, menandatangani, teken,
or an agreement document as the object of "mengadakan/dilakukan"), extension
(perpanjangan / pembaruan / kelanjutan / melanjutkan *of a cooperation or document*, not
of a permit), meeting (rapat, pertemuan, kunjungan, audiensi, courtesy call),
negotiation (drafting or discussing a document), evaluation (monev, pemantauan,
evaluasi as a noun, not when only planned). Meeting mode: online / hybrid only when the
text says so; offline when people meet in a named place or visit.
"""

from __future__ import annotations

import bisect
import re

from .scan import Triggered

_I = re.IGNORECASE
_AGREEMENT_NOUN = (
    r"(?:kerja\s?sama|kemitraan|MoU|MSP|PKS|MoC|nota\skesepahaman|perjanjian|memorandum|"
    r"kesepakatan|agreement|periode)"
)
SIGNING_RE = re.compile(
    r"(?<!\w)(?:penandatanganan|menandatangani|ditandatangani|bertanda\s?tangan|tanda\s?tangan"
    # written in two words: "ditanda tangani", "penanda tanganan", "menanda tangani"
    r"|(?:penanda|menanda|ditanda)\stangan(?:an|i)?"
    r"|meneken|diteken|teken|signing|signed|sign)(?!\w)"
    r"|(?<!\w)(?:mengadakan|dilakukan|melakukan|dilaksanakan)\s(?:pembaruan\s|perpanjangan\s)?"
    r"(?:kerja\s?sama\s)?(?:MoU|MoC|MSP|PKS|nota\skesepahaman|memorandum|perjanjian)",
    _I,
)
EXTENSION_RE = re.compile(
    rf"(?<!\w)(?:perpanjangan|memperpanjang|diperpanjang|perpanjang|pembaruan|memperbarui|"
    rf"diperbarui|pembaharuan|kelanjutan|melanjutkan|dilanjutkan|renewal|extension|renew)"
    # "akan dilanjutkan dengan (penandatanganan) MoU": a follow-up document, not an extension
    rf"(?!\s(?:dengan|oleh|ke|melalui)\s)"
    # "melanjutkan perundingan perjanjian ...": a negotiation carried on, not an extension
    rf"(?!\s(?:proses\s|tahap\s)?(?:perundingan|negosiasi|pembahasan|diskusi|dialog|pertemuan"
    rf"|penjajakan|kajian|penyusunan|finalisasi|koordinasi|komunikasi)(?!\w))"
    rf"\s(?:\w+\s){{0,2}}{_AGREEMENT_NOUN}"
    # told in the passive after the agreement: "Kerja sama antara X dan Y diperpanjang hingga
    # 2027", "MoU tersebut diperbarui" (the verb, group "verb", is where a plan is looked for)
    rf"|(?<!\w){_AGREEMENT_NOUN}(?:[ ,]+[^\s.;:!?]+){{0,8}}?[ ,]+"
    r"(?P<verb>diperpanjang|diperbarui|diperbaharui|dilanjutkan(?!\s(?:dengan|ke)\s))(?!\w)",
    _I,
)
MEETING_RE = re.compile(
    # not a room or a document named after meetings: "Ruang Rapat Utama", "Gedung
    # Pertemuan", "Catatan Diskusi" (the Indonesian name of a Record of Discussions)
    r"(?<!ruang\s)(?<!ruangan\s)(?<!aula\s)(?<!gedung\s)(?<!balai\s)(?<!catatan\s)"
    r"(?<!kertas\s)(?<!rencana\s)"
    r"(?<!\w)(?:rapat|pertemuan|bertemu|kunjungan|berkunjung|audiensi|courtes+y\scall|"
    # not a field of work: "dialog sosial", "dialog antarumat beragama"
    r"rakor|rakormanda|dialog(?!\s(?:sosial|antarumat|antaragama|lintas|antarbudaya))|diskusi"
    r"|konsultasi|menerima\sdelegasi|teleconference|"
    r"telekonferensi|video\s?conference|webinar|lokakarya|workshop|FGD|focus\sgroup\sdiscussion"
    # an envoy, a minister or a team received: "Menlu menerima Duta Besar Australia",
    # "Bupati menerima rombongan JICA"
    r"|(?:menerima|menyambut)\s(?:tim|rombongan|perwakilan|Duta\sBesar|Dubes"
    r"|Konsul(?:\sJenderal)?|Konjen|Menteri"
    r"|Wakil\sMenteri|Perdana\sMenteri|Ambassador))(?!\w)"
    # "Minutes of Meeting" names a document, not a meeting
    r"|(?<!\w)(?<!of\s)meeting(?!\w)",
    _I,
)
_DRAFTED = (
    r"(?:draf|draft|rancangan|naskah|dokumen|MoU|MSP|PKS|nota\skesepahaman|perjanjian|RIK|RKT)"
)
# In the passive only a draft or a named agreement document ("disusun dokumen perencanaan"
# is any paper).
_DRAFT_OF_A_DOCUMENT = r"(?:draf|draft|rancangan|MoU|MSP|PKS|nota\skesepahaman|perjanjian)"
_PASSIVE_DRAFTING = (
    r"(?:dibahas|dibicarakan|dirumuskan|disusun|difinalisasi|direviu|dinegosiasikan|dirancang)"
)
NEGOTIATION_RE = re.compile(
    r"(?<!\w)(?:negosiasi|perundingan|berunding)(?!\w)"
    r"|(?<!\w)(?:membahas|pembahasan|penyusunan|menyusun|finalisasi|memfinalisasi|merumuskan"
    rf"|perumusan|mereviu|reviu|review|merancang|perancangan)\s(?:\w+\s){{0,2}}"
    # "membahas bab demi bab rancangan ...", "pasal per pasal draf ..."
    rf"(?:(?:bab|pasal|butir|poin)\s(?:demi|per)\s(?:bab|pasal|butir|poin)\s)?{_DRAFTED}"
    # in the passive: "dibahas pula draf nota kesepahaman", "Draf MoU difinalisasi",
    # "Rancangan perjanjian kerja sama dibicarakan" (not "draf ... akan dibahas")
    rf"|(?<!\w){_PASSIVE_DRAFTING}\s(?:\w+\s){{0,2}}{_DRAFT_OF_A_DOCUMENT}"
    rf"|(?<!\w)(?:draf|draft|rancangan)\s(?:(?!akan\s)[\w-]+\s){{0,4}}?{_PASSIVE_DRAFTING}(?!\w)",
    _I,
)
EVALUATION_RE = re.compile(
    r"(?<!\w)(?:monev|evaluasi|pemantauan|monitoring|evaluation"
    # a review at half term: "Mid-Term Review", "midterm review", "reviu paruh waktu"
    r"|mid[\s-]?term\s(?:review|evaluation)|(?:review|reviu|tinjauan)\s(?:paruh|tengah)\swaktu"
    # told with a verb: "mengevaluasi pelaksanaan program" (not "memantau", which the press
    # uses for watching any situation: "BNPB terus memantau perkembangan")
    r"|mengevaluasi|dievaluasi)(?!\w)",
    _I,
)
# "pelatihan monitoring dan evaluasi", "materi tentang evaluasi": evaluation as a topic.
EVALUATION_TOPIC_RE = re.compile(
    r"(?<!\w)(?:pelatihan|training|materi|tentang|mengenai|modul|panduan|pedoman|sistem|"
    r"indikator|kerangka|bimtek|lokakarya|workshop|sosialisasi|unit|tim|divisi|bagian|"
    r"fungsi|direktorat|subdirektorat|bidang|staf|pejabat|analis|framework|tools?|alat|sarana|"
    r"aplikasi|dashboard|platform|instrumen|perangkat)"
    r"(?:\s(?:\w+\s){0,2}?(?:dan|&)\s?)?\s$",
    _I,
)
# "melakukan monitoring", "kunjungan pemantauan": evaluation as what happens.
EVALUATION_ACT_RE = re.compile(
    r"(?<!\w)(?:melakukan|melaksanakan|menggelar|mengadakan|kegiatan|kunjungan|rapat|"
    r"pertemuan|misi|joint)\s(?:\w+\s)?$",
    _I,
)
# A signing told as history: "ditandatangani pada 17 Maret 2021 silam", "MoU yang telah
# ditandatangani", "sejak ditandatangani pertama kali".
HISTORY_BEFORE_RE = re.compile(
    r"(?:(?<!\w)yang\s(?:telah|sudah|pernah)\s"
    # "sejak (MoU) ditandatangani", "since the MoU was signed"
    r"|(?<!\w)(?:sejak|pernah|since)\s(?:[\w-]+\s){0,3}(?:di)?)$",
    _I,
)
HISTORY_AFTER_RE = re.compile(
    r"[^.\n]{0,60}?(?<!\w)(?:silam|yang\slalu|tahun\slalu|bulan\slalu|sebelumnya|"
    r"pertama\skali|terdahulu"
    # a bare year, not a date: "ditandatangani pada 2019", "signed in 2017" (the event is
    # told with its day; a period "pada 2024-2027" is a term, not a past signing)
    r"|(?:pada|in)\s(?:tahun\s)?(?:19|20)\d\d(?![\d/\-–])"
    # a month and year without a day: "ditandatangani pada Juli 2020", "pada bulan Desember
    # 2018" (the event itself is told with its day)
    r"|(?:pada|in)\s(?:bulan\s)?(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus"
    r"|September|Oktober|November|Desember|January|February|March|May|June|July|August"
    r"|October|December)\s(?:19|20)\d\d(?![\d/\-–]))(?!\w)",
    _I,
)
# Planned or hypothetical ("jika sudah dalam tahap negosiasi"): not what happened.
# Also a wish or a schedule ("diharapkan dapat ditandatangani tahun depan", "rencananya",
# "dijadwalkan"); a work plan ("rencana kerja", not "rencana kerja sama") is a document.
PLANNED_RE = re.compile(
    r"(?<!\w)(?:akan|berencana|rencana(?!\skerja(?!\s?sama))|rencananya|direncanakan|jika"
    r"|apabila|kalau|seandainya|diharapkan|diharap|harapannya|bakal|hendak|ditargetkan"
    r"|dijadwalkan|nantinya|menargetkan|mentargetkan|targetnya|diupayakan"
    # a wish or a warning, not an act: "Ia berharap Denmark dapat ... penyusunan dokumen",
    # "Jangan sampai ada daerah yang menandatangani ...", "MoU itu belum ditandatangani"
    r"|berharap|mendorong|jangan|dilarang|belum|agar|supaya)(?!\w)",
    _I,
)


# A schedule told after the act: "Penandatanganan MoU dijadwalkan bulan depan", "...
# akan dilaksanakan pekan depan" (not "Penandatanganan ini akan memperkuat ...").
PLANNED_AFTER_RE = re.compile(
    r"[^.\n]{0,40}?(?<!\w)(?:dijadwalkan|direncanakan|ditargetkan|rencananya|akan\s(?:segera\s)?"
    r"(?:dilaksanakan|dilakukan|digelar|diadakan|berlangsung|ditandatangani)"
    # "setelah MoU ditandatangani nanti": a signing still to come
    r"|nanti|kelak)(?!\w)",
    _I,
)


# A possibility right before the verb: "Kerja sama ini dapat diperpanjang" (a clause of the
# agreement), "agar MoU bisa segera ditandatangani".
MODAL_BEFORE_RE = re.compile(r"(?<!\w)(?:dapat|bisa|boleh)\s(?:segera\s|kembali\s)?$", _I)


# "sebelum naskah (itu) ditandatangani", "sebelum ditandatangani": what is still to be signed (not
# "sebelum penandatanganan", a ceremony of the event that follows).
NOT_YET_BEFORE_RE = re.compile(r"(?<!\w)(?:sebelum|menjelang)\s(?:[\w-]+\s){0,3}$", _I)
PASSIVE_AT_RE = re.compile(r"di[a-z]{3,}", _I)

# The event-type patterns scan whole texts and sentences; each is tried only where one of the
# words its alternatives open with stands (scan.py: the same matches, a fraction of the time).
MEETING = Triggered(
    MEETING_RE,
    r"rapat|rakor|pertemuan|bertemu|kunjungan|berkunjung|audiensi|courtes|dialog|diskusi"
    r"|konsultasi|menerima|menyambut|tele|video|webinar|lokakarya|workshop|fgd|focus|meeting",
)
SIGNING = Triggered(
    SIGNING_RE,
    r"penanda|menanda|ditanda|bertanda|tanda|meneken|diteken|teken|sign"
    r"|mengadakan|dilakukan|melakukan|dilaksanakan",
)
EXTENSION = Triggered(
    EXTENSION_RE,
    r"perpanjang|memperpanjang|diperpanjang|pembaruan|memperbarui|diperbarui|pembaharuan"
    r"|kelanjutan|melanjutkan|dilanjutkan|renew|extension"
    # the agreement before its passive verb
    r"|kerja|kemitraan|mou|msp|pks|moc|nota|perjanjian|memorandum|kesepakatan|agreement"
    r"|periode",
)
NEGOTIATION = Triggered(
    NEGOTIATION_RE,
    r"negosiasi|perundingan|berunding|membahas|pembahasan|penyusunan|menyusun|finalisasi"
    r"|memfinalisasi|merumuskan|perumusan|mereviu|reviu|review|merancang|perancangan"
    r"|dibahas|dibicarakan|dirumuskan|disusun|difinalisasi|direviu|dinegosiasikan|dirancang"
    r"|draf|rancangan",
)
EVALUATION = Triggered(
    EVALUATION_RE,
    r"monev|monitoring|evaluasi|evaluation|pemantauan|mid|review|reviu|tinjauan|mengevaluasi"
    r"|dievaluasi",
)


def is_planned(
    text: str, pos: int, lower_bound: int = 0, end: int | None = None, modal: bool = True
) -> bool:
    """Whether the words before `pos` in its sentence (60 characters at most) make what
    follows a plan, a wish or (with `modal`) a possibility, not something that happened; with
    `end`, also a schedule told right after the words ending there."""
    before = text[max(lower_bound, pos - 60) : pos]
    sentence_start = max(before.rfind("."), before.rfind("\n"))
    if PLANNED_RE.search(before[sentence_start + 1 :]) is not None:
        return True
    if modal and MODAL_BEFORE_RE.search(before) is not None:
        return True
    if NOT_YET_BEFORE_RE.search(before) and PASSIVE_AT_RE.match(text, pos):
        return True  # "sebelum naskah ditandatangani": not signed yet
    return end is not None and PLANNED_AFTER_RE.match(text, end, end + 60) is not None


# An extension told as history, right after its words: "diperpanjang pada 2019", "MoU itu
# diperbarui tiga tahun lalu", "diperpanjang pada tahun 2019 silam" (a looser window would take
# "perpanjangan MoU yang berakhir pada 2023", which is the extension of now).
EXTENSION_HISTORY_AFTER_RE = re.compile(
    r"\s(?:pada|in)\s(?:tahun\s)?(?:19|20)\d\d(?![\d/\-–])(?!\s?(?:[-–]|s\.?d|sampai|hingga))"
    r"|(?:\s[\w-]+){0,3}?\s(?:silam|yang\slalu|lalu)(?!\w)",
    _I,
)


def extension_now(text: str, start: int, end: int, lower_bound: int = 0) -> re.Match[str] | None:
    """The first extension in [start, end) that the item reports as happening: not planned or
    possible ("akan diperpanjang", "dapat diperpanjang"), not history ("yang telah
    diperpanjang", "diperpanjang pada 2019") and not in a background sentence."""
    for match in EXTENSION.finditer(text, start, end):
        passive = match.group("verb")
        at = match.start("verb") if passive else match.start()
        if is_planned(text, at, max(lower_bound, start), match.end()):
            continue
        if HISTORY_BEFORE_RE.search(text, max(lower_bound, at - 20), at):
            continue
        if EXTENSION_HISTORY_AFTER_RE.match(text, match.end(), min(len(text), match.end() + 40)):
            continue
        if background_sentence(text, sentence_start(text, match.start(), lower_bound), at):
            continue
        return match
    return None


def in_quotation(text: str, pos: int, lower_bound: int = 0) -> bool:
    """Whether `pos` lies inside quoted speech of its paragraph ("…", “…”): what a speaker says
    (a wish, an anecdote, a memory) is not the event the item reports."""
    paragraph_start = max(lower_bound, text.rfind("\n", 0, pos) + 1)
    before = text[paragraph_start:pos]
    curly_open = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"')
    return curly_open > 0 or straight % 2 == 1


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
    r"|(?<!\w)(?:di|ke)\s(?:kantor|markas|gedung|aula|ruang|hotel|balai|wisma|istana|"
    r"pendopo|pendapa|kedutaan|kedubes|konsulat|KBRI|KJRI|command\scenter)(?:nya)?(?!\w)"
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
    r"Kedutaan\sBesar|Kedubes|Konsulat(?:\sJenderal)?|KBRI|KJRI|Command\sCenter"
)
VENUE_RE = re.compile(
    rf"(?<!\w)(?:di|bertempat\sdi|berlokasi\sdi|ke)\s(?:kompleks\s|kantor\s)?(?=(?:{VENUE_HEADS})"
    rf"(?!\w))",
    _I,
)
VENUE_NAME_RE = re.compile(
    rf"(?:{VENUE_HEADS})(?:\s(?:[A-Z0-9][\w\-/]*|dan|&|of))"
    # the city after a comma, not the weekday of a dateline ("Aula X, Kamis (4/4)")
    r"{0,9}(?:,\s(?!(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)(?!\w))"
    r"(?:Kota\s|Kabupaten\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=[\s.,;)]|$))?",
)
# A named place whose head word comes last: "di The Westin Hotel Jakarta", "di JW Marriott
# Hotel Surabaya", "di Bali Nusa Dua Convention Center" (case-sensitive: names only).
NAMED_VENUE_RE = re.compile(
    r"(?<!\w)(?:[Dd]i|bertempat\sdi|berlokasi\sdi)\s(?P<name>(?:[A-Z][\w&'.-]*\s){1,5}"
    r"(?:Hotel|Hall|Convention\s(?:Center|Centre|Hall)|Ballroom|Resort|Auditorium|Expo)"
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
TRAILING_CONNECTOR_RE = re.compile(r"(?:\s(?:dan|&|of))+$")
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


EVENT_CONTEXT_RE = re.compile(
    r"(?<!\w)(?:rapat|pertemuan|rakor\w*|forum|acara|kunjungan|monev|workshop|lokakarya|"
    r"meeting|FGD|diskusi)(?!\w)",
    _I,
)
_SENTENCE_BREAK_RE = re.compile(r"[.\n]")
# Before an evaluation word that opens its sentence: nothing, or "Kegiatan", "Monitoring
# dan", "Pemantauan dan".
EVALUATION_SUBJECT_RE = re.compile(
    r"\s{0,3}(?:kegiatan\s|acara\s)?(?:(?:monitoring|pemantauan)\s(?:dan|&)\s)?$", _I
)
# The first verb of a clause (Indonesian verb morphology), read as its predicate.
_PREDICATE_RE = re.compile(r"(?<!\w)(?:me|ber|di|ter)[a-z]{3,}(?!\w)")
EVENT_VERB_RE = re.compile(
    r"(?<!\w)(?:digelar|diselenggarakan|dilaksanakan|dilakukan|berlangsung|diadakan)(?!\w)", _I
)
# Before a verb of evaluating, words that make it a purpose, a skill or a topic.
_NOT_AN_ACT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:cara|cara-cara|tentang|mengenai|bagaimana|untuk|agar|supaya|dapat|bisa|mampu"
    r"|perlu|harus|guna|dalam\srangka)\s(?:[\w-]+\s)?$",
    _I,
)
_EVALUATION_ACTS = frozenset(["monev", "mengevaluasi", "dievaluasi"])
# "Mid-Term Review", "reviu paruh waktu": a review is the act itself, never a topic
_REVIEW_ACT_RE = re.compile(r"mid|review|reviu|tinjauan", _I)


def _is_evaluation_act(word: str) -> bool:
    return word.lower() in _EVALUATION_ACTS or _REVIEW_ACT_RE.match(word) is not None


class _Sentences:
    """Sentence bounds ('.' or a line break) found once; event-context answers memoised."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in _SENTENCE_BREAK_RE.finditer(text)]
        self.has_event_context: dict[int, bool] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        index = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[index - 1] + 1 if index > 0 else 0
        end = self.breaks[index] if index < len(self.breaks) else len(self.text)
        return start, end

    def in_event_sentence(self, match: re.Match[str]) -> bool:
        """Evaluation words count when the sentence is about the event, not about a role."""
        if _is_evaluation_act(match.group()):
            return True  # "monev", "mengevaluasi": the act itself, never a topic
        start, end = self.bounds(match.start())
        found = self.has_event_context.get(start)
        if found is None:
            found = EVENT_CONTEXT_RE.search(self.text, start, end) is not None
            self.has_event_context[start] = found
        # "Monitoring dan evaluasi kerja sama X dengan F digelar di Jakarta": the evaluation
        # opens its sentence as the subject of an event verb
        if found or EVALUATION_SUBJECT_RE.match(self.text, start, match.start()) is None:
            return found
        predicate = _PREDICATE_RE.search(self.text, match.end(), end)
        return predicate is not None and EVENT_VERB_RE.fullmatch(predicate.group()) is not None


def event_types(text: str, start: int) -> list[tuple[str, int, int, float]]:
    """(type, span start, span end, confidence) for each type found, in schema order."""
    found: dict[str, tuple[int, int, float]] = {}
    sentences: _Sentences | None = None

    def first(
        name: str,
        pattern: Triggered,
        skip_planned: bool = False,
        confidence: float = 0.8,
        needs_event_context: bool = False,
        skip_history: bool = False,
        skip_quoted: bool = False,
        skip_visit_setting: bool = False,
    ) -> None:
        nonlocal sentences
        for match in pattern.finditer(text, start):
            if skip_quoted and in_quotation(text, match.start(), start):
                continue
            if _TOPIC_BEFORE_RE.search(text, max(start, match.start() - 110), match.start()):
                continue
            if _alone_on_its_line(text, match.start(), match.end()):
                continue  # a site's menu ("Berita / Konsultasi / Diet"), not a sentence
            if skip_visit_setting and _VISIT_SETTING_RE.search(
                text, max(start, match.start() - 25), match.end()
            ):
                continue
            if needs_event_context:
                before = text[max(start, match.start() - 40) : match.start()]
                if EVALUATION_TOPIC_RE.search(before):
                    continue
                if match.group().lower() in _EVALUATION_ACTS and _NOT_AN_ACT_BEFORE_RE.search(
                    before
                ):
                    continue  # "cara-cara mengevaluasi", "untuk memantau": a purpose or skill
                sentences = sentences or _Sentences(text)
                if not (EVALUATION_ACT_RE.search(before) or sentences.in_event_sentence(match)):
                    continue
            if skip_history and is_history(text, match.start(), match.end(), start):
                continue
            # a passive verb after its agreement: the plan ("akan") stands before the verb
            passive = "verb" in pattern.pattern.groupindex and match.group("verb")
            at = match.start("verb") if passive else match.start()
            if skip_planned and is_planned(text, at, start, match.end()):
                continue
            found[name] = (match.start(), match.end(), confidence)
            return

    # Quoted speech does not make a meeting, a negotiation or an evaluation of the event
    # (a signing or an extension is told in the narrative as well when it happened).
    first("meeting", MEETING, skip_quoted=True)
    extension = extension_now(text, start, len(text), start)
    if extension is not None:
        found["extension"] = (extension.start(), extension.end(), 0.8)
    first("signing", SIGNING, skip_planned=True, skip_history=True)
    first("negotiation", NEGOTIATION, skip_planned=True, confidence=0.6, skip_quoted=True)
    first(
        "evaluation",
        EVALUATION,
        skip_planned=True,
        confidence=0.6,
        needs_event_context=True,
        skip_quoted=True,
    )
    if "meeting" in found and "signing" in found:
        # a signing during a visit ("Dalam kunjungan ke Tokyo, ... menandatangani"): the visit
        # is where the signing took place, not a meeting of its own
        del found["meeting"]
        first("meeting", MEETING, skip_quoted=True, skip_visit_setting=True)
        if "meeting" in found:
            found = {"meeting": found.pop("meeting"), **found}
    if not found:
        return [("other", start, start, 0.3)]
    if "meeting" not in found and "signing" not in found and "extension" not in found:
        # a draft discussed or work evaluated is done by people meeting (dev items 117, 141
        # label "meeting" beside "evaluation" and "negotiation")
        for held in ("negotiation", "evaluation"):
            if held in found:
                found = {"meeting": found[held][:2] + (0.5,), **found}
                break
    return [(name, *found[name]) for name in found]


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:start].strip() == "" and text[end:line_end].strip() == ""


# What a document holds or a procedure has: "Rencana Konsultasi tersebut memuat agenda
# pertemuan ...", "MoU ini mengatur rapat tahunan", "menjelaskan tahapan penyusunan naskah,
# mulai dari penjajakan, ..., hingga penandatanganan" (a topic, not what happened; "meliputi"
# and "mencakup" also list the acts of the day, so they are not here).
_TOPIC_BEFORE_RE = re.compile(
    r"(?<!\w)(?:memuat|mengatur|berisi|berisikan|tahapan|tahap-tahap|mekanisme|prosedur"
    # (up to the words of how, where or when it is held, which belong to the event itself:
    # "bimtek tata cara kerja sama ... secara virtual melalui Zoom Meeting")
    r"|tata\scara|alur)\s(?:(?!(?:secara|melalui|bertempat|pada)\s)[\w/-]+,?\s){0,12}$",
    _I,
)


# A visit told as the setting of something else: "Dalam kunjungan tersebut", "dalam rangkaian
# kunjungan kerja", "di sela kunjungannya".
_VISIT_SETTING_RE = re.compile(
    r"(?<!\w)(?:dalam|di\ssela(?:-sela)?|selama|saat)\s(?:rangkaian\s)?"
    r"(?:kunjungan|lawatan)(?:nya)?(?:\skerja)?(?!\w)",
    _I,
)


# A rule told in general, not an act: "MoU yang ditandatangani tanpa sepengetahuan ...",
# "perjanjian yang diteken harus dilaporkan" (a relative clause with a condition or duty).
_GENERAL_RULE_BEFORE_RE = re.compile(r"(?<!\w)yang\s$", _I)
_GENERAL_RULE_AFTER_RE = re.compile(
    r"\s(?:oleh\s(?:pemerintah\s)?daerah\s)?(?:tanpa\s(?:sepengetahuan|persetujuan|izin|ijin"
    r"|koordinasi|konsultasi|melalui)|harus|wajib|mesti|semestinya|seharusnya|hendaknya)(?!\w)",
    _I,
)


def is_history(text: str, start: int, end: int, lower_bound: int = 0) -> bool:
    """Whether the words at [start, end) tell something past ("yang telah ditandatangani",
    "ditandatangani pertama kali pada 2003", "... silam", "sudah menandatangani 14
    kesepakatan"), or stand in a sentence that opens as background ("Terbaru, ada
    penandatanganan ...", "Sebelumnya, ...")."""
    s_start = sentence_start(text, start, lower_bound)
    return bool(
        HISTORY_BEFORE_RE.search(text, max(lower_bound, start - 20), start)
        or HISTORY_AFTER_RE.match(text, end, end + 80)
        or _GENERAL_RULE_BEFORE_RE.search(text, max(lower_bound, start - 6), start)
        and _GENERAL_RULE_AFTER_RE.match(text, end, end + 40)
        or background_sentence(text, s_start, start)
        or is_tally(text, s_start, end)
    )


# A count of documents after the verb: "sudah menandatangani 14 kesepakatan bersama",
# "menandatangani puluhan MoU" (a tally of the past, not the document of the event).
TALLY_AFTER_RE = re.compile(
    r"\s(?:sebanyak\s|total\s|lebih\sdari\s|setidaknya\s)?(?P<count>\d{1,3}|puluhan|belasan"
    r"|ratusan|sejumlah|beberapa|banyak)\s(?:buah\s)?(?:dokumen\s)?(?:kesepakatan|MoU|nota"
    r"|perjanjian|naskah|dokumen|kerja\s?sama|PKS|LoI|MoC|memorandum)(?!\w)",
    _I,
)
# Words that make a count a tally: "sudah", "selama ini", "hingga kini", "tercatat".
TALLY_CONTEXT_RE = re.compile(
    r"(?<!\w)(?:sudah|pernah|tercatat|total|selama\sini|hingga\s(?:kini|saat\sini)"
    r"|sampai\s(?:kini|saat\sini)|sejauh\sini|sejak)(?!\w)",
    _I,
)


def is_tally(text: str, s_start: int, end: int) -> bool:
    """Whether the signing verb ending at `end` is followed by a count of documents that the
    sentence tells as a tally ("sudah menandatangani 14 kesepakatan bersama")."""
    count = TALLY_AFTER_RE.match(text, end, end + 50)
    if count is None:
        return False
    value = count.group("count").lower()
    if value in ("puluhan", "belasan", "ratusan") or value.isdigit() and int(value) >= 10:
        return True
    return TALLY_CONTEXT_RE.search(text, s_start, end) is not None


# A sentence that opens by placing what follows before or beside the reported event: an
# earlier or another signing, not this one ("Terbaru, ada penandatanganan ... antara
# Pemkab X dengan ...", "Sebelumnya, ... telah menandatangani", "Pada tahun lalu, ...").
BACKGROUND_OPENER_RE = re.compile(
    r"[\s\"“”]*(?:Terbaru|Sebelumnya|Sebelum\s(?:itu|ini)|Sebelum\sacara\sini"
    r"|(?:Pada\s)?(?:tahun|bulan|pekan|minggu)\s(?:lalu|sebelumnya|kemarin)|Dulu|Dahulu"
    r"|Selama\sini|Sejak\s(?:tahun\s)?(?:19|20)\d\d|Sebelumnya\spada|Beberapa\s(?:waktu|"
    r"tahun|bulan)\s(?:lalu|sebelumnya))(?!\w)",
    _I,
)
# "hari ini", "saat ini": the opener frames a report of now after all.
_NOW_RE = re.compile(r"(?<!\w)(?:hari\sini|saat\sini|kali\sini|today)(?!\w)", _I)
_SENTENCE_START_RE = re.compile(r"[.!?]\s|\n")


def sentence_start(text: str, pos: int, lower_bound: int = 0) -> int:
    """Start of the sentence holding `pos` (after ". ", "! ", "? " or a line break)."""
    window_start = max(lower_bound, pos - 400)
    last = window_start
    for match in _SENTENCE_START_RE.finditer(text, window_start, pos):
        last = match.end()
    return last


def background_sentence(text: str, s_start: int, pos: int) -> bool:
    """Whether the sentence starting at `s_start` opens as background (see
    BACKGROUND_OPENER_RE) and says nothing of now before `pos`."""
    if not BACKGROUND_OPENER_RE.match(text, s_start, pos):
        return False
    return _NOW_RE.search(text, s_start, pos) is None


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
    r"|sempat)(?!\w)",
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
    if background_sentence(text, s_start, match.start()):
        return False
    if _PAST_ONLINE_RE.search(text, s_start, s_end):
        return False
    return PROGRAMME_ONLINE_RE.search(text, s_start, s_end) is None


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
