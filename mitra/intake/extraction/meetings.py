"""Event types (the meeting mode, venue and sector tags are read in setting.py).

Event types come from trigger families: signing (penandatanganan, menandatangani, teken,
or an agreement document as the object of "mengadakan/dilakukan"), extension
(perpanjangan / pembaruan / kelanjutan / melanjutkan *of a cooperation or document*, not
of a permit), meeting (rapat, pertemuan, kunjungan, audiensi, courtesy call),
negotiation (drafting or discussing a document), evaluation (monev, pemantauan,
evaluasi as a noun, not when only planned).
"""

from __future__ import annotations

import bisect
import re

from .dates import WEEKDAYS
from .scan import Triggered

_I = re.IGNORECASE
_AGREEMENT_NOUN = (
    r"(?:kerja\s?sama|kemitraan|MoU|MSP|PKS|MoC|nota\skesepahaman|perjanjian|memorandum|"
    r"kesepakatan|agreement|periode"
    # the documents of a foreign NGO's permit and of a UN programme: "perpanjangan Rencana
    # Induk Kegiatan (RIK)", "pembaruan LoA", "perpanjangan CPAP"
    r"|RIK|rencana\sinduk|LoA|CPAP|arrangement|pengaturan\s(?:pelaksanaan|teknis))"
)
SIGNING_RE = re.compile(
    r"(?<!\w)(?:penandatanganan|menandatangani|ditandatangani|bertanda\s?tangan|tanda\s?tangan"
    # written in two words: "ditanda tangani", "penanda tanganan", "menanda tangani"
    r"|(?:penanda|menanda|ditanda)\stangan(?:an|i)?"
    r"|meneken|diteken|teken|signing|signed|sign)(?!\w)"
    # a handover's record signed is no agreement: "penandatanganan berita acara serah terima"
    r"(?!\s(?:(?:naskah|dokumen)\s)?(?:berita\sacara|BAST)(?!\w))"
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
    # (not tourists' visits: "kunjungan wisman", "kunjungan wisatawan")
    r"(?<!\w)(?:rapat|pertemuan|bertemu|kunjungan(?!\s(?:wisman|wisatawan|turis|pengunjung))"
    r"|berkunjung|audiensi|courtes+y\scall|"
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
    # not the bargaining of trade or prices: "negosiasi harga tanah", "negosiasi kontrak dagang"
    r"(?<!\w)(?:negosiasi|perundingan|berunding)(?!\w)"
    r"(?!\s(?:harga|tarif|bisnis|dagang|kontrak|upah|gaji|utang|sandera|jual\sbeli)(?!\w))"
    r"|(?<!\w)(?:membahas|pembahasan|penyusunan|menyusun|finalisasi|memfinalisasi|merumuskan"
    rf"|perumusan|mereviu|reviu|review|merancang|perancangan)\s"
    # (not what a document has brought: "membahas capaian nota kesepahaman" is a review)
    rf"(?:(?!(?:capaian|pelaksanaan|implementasi|realisasi|progres|kemajuan|hasil)\s)\w+\s){{0,2}}"
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
    # a donor's supervision of its project: "misi supervisi IFAD", "supervision mission"
    r"|misi\ssupervisi|supervision\smission|supervisi\sbersama|joint\ssupervision"
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
    r"|October|December)\s(?:19|20)\d\d(?![\d/\-–])"
    # "berlangsung sejak awal 2015", "pada Maret lalu"
    r"|sejak\s(?:awal\s|akhir\s|pertengahan\s)?(?:tahun\s)?(?:19|20)\d\d"
    r"|(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
    r"|Desember)\slalu)(?!\w)",
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
    # ("belum lama ini", recently, tells what did happen)
    r"|berharap|mendorong|jangan|dilarang|belum(?!\slama)|agar|supaya"
    # a negation or a duty: "Pemda Tak Asal Teken ...", "ormas asing wajib ... menandatangani
    # MSP" ("tidak hanya", not only, negates nothing)
    r"|tak|tidak(?!\shanya)|wajib|diwajibkan|harus"
    # what the sides agree to do next: "kedua pihak sepakat untuk memperbarui naskah ..."
    r"|(?:ber)?sepakat\s(?:untuk|menindaklanjuti)|untuk\s(?:memulai|mulai))(?!\w)",
    _I,
)


# A schedule told after the act: "Penandatanganan MoU dijadwalkan bulan depan", "...
# akan dilaksanakan pekan depan" (not "Penandatanganan ini akan memperkuat ...").
PLANNED_AFTER_RE = re.compile(
    r"[^.\n]{0,40}?(?<!\w)(?:dijadwalkan|direncanakan|ditargetkan|rencananya|akan\s(?:segera\s)?"
    r"(?:dilaksanakan|dilakukan|digelar|diadakan|berlangsung|ditandatangani)"
    # "setelah MoU ditandatangani nanti": a signing still to come; "difinalkan dan
    # ditandatangani pada Desember mendatang"
    r"|nanti|kelak|mendatang)(?!\w)",
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
    r"|periode|rik|rencana|loa|cpap|arrangement|pengaturan",
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
    r"|dievaluasi|misi|supervision|supervisi|joint",
)


# A recurrence by a meeting or evaluation word, in its clause: "evaluasi pelaksanaan kerja
# sama setiap dua tahun sekali", "bertemu sekurang-kurangnya sekali setahun untuk ...
# mengevaluasi": what the agreement provides for, not an event of the item.
_RECURRENCE = (
    r"(?<!\w)(?:(?:setiap|tiap)\s(?:(?:dua|tiga|empat|enam|\d)\s)?"
    r"(?:tahun|bulan|semester|triwulan|pekan)|sekali\s(?:dalam\s)?(?:se)?(?:tahun|bulan)"
    r"|(?:setahun|sebulan)\s(?:sekali|dua\skali)|(?:dua|tiga|empat)\skali\s(?:se)?tahun)"
    r"(?!\w)"
)
_RECURRING_AFTER_RE = re.compile(rf"[^.;\n]{{0,60}}?{_RECURRENCE}", _I)
_RECURRING_BEFORE_RE = re.compile(rf"{_RECURRENCE}[^.;\n]{{0,50}}$", _I)


# A weekday's name, capitalised as a date writes it ("Selasa (4/6)"; "minggu" is also a week).
_DATED_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(day.capitalize()) for day in WEEKDAYS) + r")(?!\w)"
)


def _recurring(text: str, start: int, end: int) -> bool:
    """A recurrence in the clause right after, or right before ("bertemu sekali setahun
    untuk ... mengevaluasi"), the words at [start, end), in a sentence that dates nothing
    ("rapat rutin setiap tahun itu digelar Selasa (3/6)" is the event)."""
    if not (
        _RECURRING_AFTER_RE.match(text, end)
        or _RECURRING_BEFORE_RE.search(text, max(0, start - 90), start)
    ):
        return False
    low = max(
        text.rfind(".", max(0, start - 250), start), text.rfind("\n", max(0, start - 250), start)
    )
    stops = [p for p in (text.find(".", end, end + 250), text.find("\n", end, end + 250)) if p >= 0]
    return _DATED_RE.search(text, low + 1, min(stops, default=end + 250)) is None


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
        skip_done: bool = False,
    ) -> None:
        nonlocal sentences
        for match in pattern.finditer(text, start):
            if skip_quoted and in_quotation(text, match.start(), start):
                continue
            if _TOPIC_BEFORE_RE.search(text, max(start, match.start() - 110), match.start()):
                continue
            if _on_a_menu_line(text, match.start(), match.end()):
                continue  # a site's menu, not a sentence
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
            if skip_done and _done_before(text, match.start(), match.end(), start):
                continue
            if name in ("meeting", "evaluation") and _recurring(text, match.start(), match.end()):
                continue  # "evaluasi bersama setiap dua tahun": a provision of the agreement
            # a passive verb after its agreement: the plan ("akan") stands before the verb
            passive = "verb" in pattern.pattern.groupindex and match.group("verb")
            at = match.start("verb") if passive else match.start()
            if skip_planned and is_planned(text, at, start, match.end()):
                continue
            found[name] = (match.start(), match.end(), confidence)
            return

    # Quoted speech does not make an event of the item ("Negosiasi berbulan-bulan,
    # penandatanganan meriah, ..."): what happened is told in the narrative as well (an
    # extension is read by extension_now).
    first("meeting", MEETING, skip_quoted=True, skip_planned=True, skip_done=True)
    extension = extension_now(text, start, len(text), start)
    if extension is not None:
        found["extension"] = (extension.start(), extension.end(), 0.8)
    first("signing", SIGNING, skip_planned=True, skip_history=True, skip_quoted=True)
    first(
        "negotiation",
        NEGOTIATION,
        skip_planned=True,
        confidence=0.6,
        skip_quoted=True,
        skip_done=True,
    )
    first(
        "evaluation",
        EVALUATION,
        skip_planned=True,
        confidence=0.6,
        needs_event_context=True,
        skip_quoted=True,
        skip_done=True,
    )
    if "meeting" in found and "signing" in found:
        # a signing during a visit ("Dalam kunjungan ke Tokyo, ... menandatangani"): the visit
        # is where the signing took place, not a meeting of its own
        del found["meeting"]
        first(
            "meeting",
            MEETING,
            skip_quoted=True,
            skip_planned=True,
            skip_done=True,
            skip_visit_setting=True,
        )
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


# A site's menu or topic bar: three items or more between "|", no digits, no sentence end
# ("Negosiasi Dagang | Perang Dagang AS-China | Penandatanganan IA-CEPA").
_MENU_LINE_RE = re.compile(r"[^\n\d.!?|]{1,60}(?:\s\|\s[^\n\d.!?|]{1,60}){2,}")


def _on_a_menu_line(text: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) are a site's menu: alone on their line ("Berita /
    Konsultasi / Diet", one item a line) or on a line of items between "|"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() == "" and text[end:line_end].strip() == "":
        return True
    return "|" in text[line_start:line_end] and bool(
        _MENU_LINE_RE.fullmatch(text[line_start:line_end].strip())
    )


# What a document holds or a procedure has: "Rencana Konsultasi tersebut memuat agenda
# pertemuan ...", "MoU ini mengatur rapat tahunan", "menjelaskan tahapan penyusunan naskah,
# mulai dari penjajakan, ..., hingga penandatanganan" (a topic, not what happened; "meliputi"
# and "mencakup" also list the acts of the day, so they are not here).
_TOPIC_BEFORE_RE = re.compile(
    r"(?<!\w)(?:memuat|mengatur|berisi|berisikan|mewajibkan|mengamanatkan|tahapan|tahap-tahap"
    r"|mekanisme|prosedur|tata\scara|alur|proses(?:\s[\w-]+){0,3}\smeliputi)"
    # (up to the words of how, where or when it is held, which belong to the event itself:
    # "bimtek tata cara kerja sama ... secara virtual melalui Zoom Meeting")
    r"\s(?:(?!(?:secara|melalui|bertempat|pada)\s)[\w/()-]+,?\s){0,12}$"
    # a skill taught or played: "Pelatihan Negosiasi", "simulasi perundingan dan
    # penandatanganan", "pelatihan teknik negosiasi bisnis"
    r"|(?<!\w)(?:pelatihan|training|simulasi|kursus|teknik|keterampilan|kemampuan|materi)"
    r"\s(?:[\w-]+\s){0,2}$"
    # a general statement: "masih banyak daerah yang meneken MoU ...", "sebatas
    # penandatanganan nota kesepahaman"
    # another occasion given as a reason: "berhalangan hadir karena mengikuti rapat di Surabaya"
    r"|(?<!\w)(?:karena|sebab|lantaran)\s(?:[\w-]+\s){0,2}$"
    r"|(?<!\w)(?:banyak|sejumlah|beberapa|sebagian)\s(?:[\w-]+\s){0,2}yang\s"
    r"(?:masih\s|sudah\s|telah\s|hanya\s|langsung\s)?$|(?<!\w)sebatas\s$",
    _I,
)


# A drafting or a review done before the event: "telah dievaluasi pada akhir tahun lalu",
# "negosiasi naskah berlangsung sejak awal 2015" (not "mengevaluasi capaian program tahun
# lalu", where the year is the object's).
_DONE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:yang\s)?(?:telah|sudah|pernah)"
    # "Penandatanganan ini tindak lanjut pertemuan kedua pihak pada Maret lalu"
    r"|tindak\slanjut(?:\sdari)?(?:\shasil)?)\s$",
    _I,
)
_SINCE_AFTER_RE = re.compile(
    r"[^.\n]{0,40}?(?<!\w)(?:berlangsung|dimulai|berjalan|dilakukan)\ssejak(?!\w)", _I
)


def _done_before(text: str, start: int, end: int, lower_bound: int) -> bool:
    return bool(
        _DONE_BEFORE_RE.search(text, max(lower_bound, start - 26), start)
        or _SINCE_AFTER_RE.match(text, end, end + 60)
    )


# A visit told as the setting of something else: "Dalam kunjungan tersebut", "dalam rangkaian
# kunjungan kerja", "di sela kunjungannya".
_VISIT_SETTING_RE = re.compile(
    r"(?<!\w)(?:(?:dalam|di\ssela(?:-sela)?|selama|saat)\s(?:rangkaian\s)?"
    r"(?:kunjungan|lawatan)(?:nya)?(?:\skerja)?"
    # "Penandatanganan dilakukan di sela rangkaian pertemuan tingkat menteri AZEC"
    r"|di\ssela(?:-sela)?\s(?:rangkaian\s)?(?:pertemuan|rapat|sidang|KTT|konferensi|forum"
    r"|kongres))(?!\w)",
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
