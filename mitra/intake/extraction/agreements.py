"""Agreements: document types, periods, durations, and their partner.

Phrase families:
* document types: MoU / nota kesepahaman / kesepakatan bersama -> MoU; memorandum saling
  pengertian -> MSP; perjanjian kerja sama -> PKS; letter of intent -> LoI; MoC, CPAP,
  grant agreement, RIK, arrangements, reaffirmation, work plans (rencana kerja), signed
  records (Minutes of Meeting, Record of Discussions) -> other;
* periods: "2024 s.d 2029", "2024-2029", "periode 2022 s.d. 2025", "sejak 2024 s.d 2027",
  "tahun 2024 sampai dengan 2027"; left out when the text marks them as past
  ("periode sebelumnya 2011-2015");
* durations: "selama 5 tahun", "lima tahun ke depan", "tiga (3) tahun", "jangka waktu 2
  tahun"; left out when they describe how long a relation has already lasted ("telah
  terjalin selama 19 tahun").
A period or duration belongs to the nearest foreign partner named before it in the same
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scan import Triggered

DOCUMENT_TYPES: tuple[tuple[str, str], ...] = (
    ("MSP", r"memorandum\ssaling\spengertian|(?<![\w-])MSP(?![\w-])"),
    (
        "LoI",
        r"letter\sof\sintent|(?<![\w-])LoI(?![\w-])|surat\spernyataan\s(?:minat|kehendak)",
    ),
    (
        "other",
        r"(?<![\w-])MoC(?![\w-])|memorandum\sof\scooperation|memorandum\skerja\s?sama"
        r"|(?<![\w-])CPAP(?![\w-])|grant\sagreement|perjanjian\shibah|(?<![\w-])RIK(?![\w-])"
        r"|rencana\sinduk\skegiatan|(?:implementing|individual|technical)\sarrangement"
        # loans and financing; arrangements in Indonesian ("pengaturan pelaksanaan/teknis");
        # a programme's action plan; a host-country agreement
        r"|perjanjian\s(?:pinjaman|pembiayaan)|(?:loan|financing|host\scountry)\sagreement"
        r"|pengaturan\s(?:pelaksanaan|teknis)|country\sprogramme\saction\splan"
        # (CPAP in Indonesian)
        r"|rencana\saksi\sprogram\snegara"
        r"|record\sof\sunderstanding"
        r"|reaffirmation|(?<![\w-])LoA(?![\w-])|letter\sof\sagreement|exchange\sof\snotes"
        # a work plan, but not "rencana kerja sama" (a planned cooperation) nor the
        # government's own plan ("Rencana Kerja Pemerintah")
        r"|rencana\skerja(?!\s?sama|\spemerintah)|(?<![\w-])RKT(?![\w-])|work\s?plan"
        # signed records of a negotiation: "Minutes of Meeting (MoM)", "Record of
        # Discussions (R/D)", "Summary Record", "berita acara kesepakatan"
        r"|minutes\sof\s(?:the\s)?meeting|(?<![\w-])MoM(?![\w-])|records?\sof\sdiscussions?"
        r"|(?<![\w/-])(?:R/D|RoD)(?![\w/-])|summary\srecord|berita\sacara\skesepakatan",
    ),
    (
        "MoU",
        r"(?<![\w-])MoU(?![\w-])|nota\skesepahaman|memorandum\sof\sunderstanding"
        r"|memorandum\skesepahaman"
        r"|kesepakatan\sbersama|nota\skesepakatan",
    ),
    ("PKS", r"perjanjian\skerja\s?sama|(?<![\w-])PKS(?![\w-])|cooperation\sagreement"),
)
# Every alternative starts with one of these letters; the lookahead lets the engine skip the
# other positions at once (the same matches, about half the time).
_DOCUMENT_FIRST_LETTERS = "".join(
    sorted({w[0].lower() for _, p in DOCUMENT_TYPES for w in re.findall(r"[A-Za-z]\w*", p)})
)
DOCUMENT_RE = re.compile(
    f"(?=[{_DOCUMENT_FIRST_LETTERS}])(?:"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(DOCUMENT_TYPES))
    + ")",
    re.IGNORECASE,
)
DOCUMENT = Triggered(
    DOCUMENT_RE,
    r"memorandum|msp|letter|loi|surat|moc|cpap|grant|perjanjian|rik|rencana|implementing"
    r"|individual|technical|loan|financing|host|pengaturan|country|record|reaffirmation|loa"
    r"|exchange|rkt|work|minutes|mom|r/d|rod|summary|berita|mou|nota|kesepakatan|pks"
    r"|cooperation",
)
GENERIC_DOCUMENT_RE = re.compile(r"dokumen\skerja\s?sama|naskah\skerja\s?sama", re.IGNORECASE)

YEAR = r"(?:19[89]\d|20\d\d)"
# A day and month before a year of a period: "1 Januari 2022 sampai 31 Desember 2026".
_MONTH = (
    r"(?:(?:\d{1,2}\s)?(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober"
    r"|November|Desember|January|February|March|May|June|July|August|October|December)\s)"
)
PERIOD_RE = re.compile(
    rf"(?<!\d)(?P<start>{YEAR})\s{{0,2}}(?:-|–|—|/|s\.\s?d\.?|s\.?d\.?|s/d|sampai(?:\sdengan)?"
    # "mulai Januari 2018 dan rampung pada 2021": a start, then when it ends
    r"|hingga|to|until|dan\s(?:rampung|selesai|berakhir)(?:\spada)?)"
    # "mulai 2019 sampai dengan akhir 2021"
    rf"\s{{0,2}}(?:akhir\s)?(?:tahun\s|{_MONTH})?(?P<end>{YEAR})(?!\d)",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
    "lima belas": 15, "dua puluh": 20, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_NUMBER = (
    r"(?P<num>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?P<paren>\s?\(\s?(?:\d{1,2}|[a-z]{3,9}(?:\s[a-z]{4,6})?)\s?\))?"
)
DURATION_RE = re.compile(
    r"(?<!\w)(?P<lead>(?:selama|jangka\swaktu|masa\sberlaku(?:nya)?|berlaku(?:\suntuk)?|for"
    r"|for\sa\speriod\sof|durasi|(?:dalam|untuk)\s(?:jangka|kurun|masa)(?:\swaktu)?"
    r"|untuk\smasa|untuk|berdurasi|berjangka\swaktu|periode|masa)\s(?:kurang\slebih\s|sekitar\s)?)?"
    rf"{_NUMBER}(?P<unit>\s(?:tahun\ske\sdepan|years?\sahead)|\stahunan|\s(?:tahun|years?)|-year"
    # "selama 48 bulan": a length in whole years told in months
    r"|\s(?:bulan|months?))"
    r"(?!\w)",
    re.IGNORECASE,
)
# "selama 3 tahun terakhir", "selama dua tahun pelaksanaan PKS", "selama dua tahun
# berjalan": how long something has been going on, not a term.
PAST_AFTER_RE = re.compile(
    r"[\s,]{0,2}(?:terakhir|belakangan|silam|lalu|yang\slalu|sebelumnya|last|past"
    r"|pelaksanaan(?:nya)?|implementasi(?:nya)?|berjalan(?:nya)?|of\simplementation)(?!\w)",
    re.IGNORECASE,
)
# "usia 5 (lima) tahun": an age; "setelah 5 (lima) tahun": a point in time, not a term.
AGE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:usia|umur|berusia|berumur|aged?|setelah|sesudah|after)\s?$", re.IGNORECASE
)
PAST_MARKERS_RE = re.compile(
    r"(?<!\w)(?:sebelumnya|terdahulu|lalu|previous|telah\sterjalin|sudah\sterjalin|"
    r"telah\sberjalan|sudah\sberjalan|terjalin|genap|pernah)(?!\w)",
    re.IGNORECASE,
)


# Years that belong to a named plan or framework, not to the agreement: "RPJMN 2020-2024",
# "Sendai Framework for Disaster Risk Reduction 2015-2030", "Renstra 2020-2024".
PLAN_WORDS = frozenset(
    [
        "rpjmn", "rpjmd", "rpjpn", "rpjpd", "rpjp", "rpjm", "renstra", "rkp", "rkpd", "framework",
        "agenda", "sdgs", "sdg", "roadmap", "strategi", "strategy", "strategis", "visi", "vision",
        "nawacita", "rencana aksi", "peta jalan", "rencana pembangunan", "blueprint", "cetak biru",
        "declaration", "deklarasi", "goals",
    ]
)  # fmt: skip
_NAME_TAIL_RE = re.compile(r"(?:(?:[A-Z][\w\-]*|of|for|and|dan|the|on)\s){1,8}$")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: object


def document_types(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    found = []
    for match in DOCUMENT.finditer(text, start, len(text) if end is None else end):
        index = int(next(k for k, v in match.groupdict().items() if v)[1:])
        found.append(Found(match.start(), match.end(), DOCUMENT_TYPES[index][0]))
    return found


def periods(text: str, start: int, end: int) -> list[Found]:
    found = _periods(text, start, end)
    # "Rencana Kerja Tahun 2025", "Annual Work Plan 2023": a one-year plan runs that year
    for match in WORK_PLAN_YEAR_RE.finditer(text, start, end):
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        if _past_around(text, start, end, match.start(), match.end()):
            continue
        one_year = int(match.group("year"))
        found.append(Found(match.start(), match.end(), (one_year, one_year)))
    # "berlaku mulai tahun 2025", "mulai berlaku pada 2024": the start year alone
    for match in FROM_RE.finditer(text, start, end):
        if any(f.start <= match.start("year") < f.end for f in found):
            continue
        found.append(Found(match.start(), match.end(), (int(match.group("year")), None)))
    # "berlaku hingga 2027", "valid until 2026": the end year alone
    for match in UNTIL_RE.finditer(text, start, end):
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        if PAST_MARKERS_RE.search(text, max(start, match.start() - 30), match.start()):
            continue
        year = (
            match.group("end") or match.group("end2") or match.group("end3") or match.group("end4")
        )
        found.append(Found(match.start(), match.end(), (None, int(year))))
    return sorted(found, key=lambda f: f.start)


# A term told by its start only: "berlaku mulai tahun 2025", "mulai berlaku pada 1 Januari
# 2024", "effective from 2025" (not a range, which PERIOD_RE reads).
FROM_RE = re.compile(
    r"(?<!\w)(?:berlaku\s(?:terhitung\s)?(?:mulai|sejak|efektif)|mulai\sberlaku"
    r"|effective\sfrom|valid\sfrom)"
    rf"\s(?:(?:pada|tanggal|tahun)\s)?(?:{_MONTH})?(?P<year>{YEAR})(?!\d)"
    r"(?!\s{0,2}(?:[-–—/]|s\.?\s?d|sampai|hingga|to\s|until)\s{0,2}(?:tahun\s)?\S*\d)",
    re.IGNORECASE,
)
# A term told by its end only: "berlaku hingga 2027", "berlaku sampai dengan akhir tahun
# 2026", "yang berlaku s.d. Desember 2028", "valid until 2026", "effective through 2027"; an
# extension up to a year: "diperpanjang hingga tahun 2027", "memperpanjang kerja sama dengan
# GIZ sampai 2026", "perpanjangan MoU hingga Desember 2028".
UNTIL_RE = re.compile(
    # ("berlaku lima tahun, hingga 2026": the length, a comma, the end)
    r"(?<!\w)(?:berlaku|berlangsung|berjalan|valid|effective|in\sforce)(?:\s[a-z]+){0,2}?,?\s"
    r"(?:hingga|sampai(?:\sdengan)?|s\.\s?d\.?|s\.?d\.?|s/d|until|through|till)\s"
    r"(?:akhir\s|the\send\sof\s)?(?:tahun\s)?(?:(?:\d{1,2}\s)?[A-Z][a-z]+\s)?"
    rf"(?P<end>{YEAR})(?!\d)"
    r"|(?<!\w)(?:diperpanjang|memperpanjang|perpanjangan|diperbarui|memperbarui|pembaruan"
    r"|extended|renewed)(?:\s[\w-]+){0,5}?\s"
    r"(?:hingga|sampai(?:\sdengan)?|s\.\s?d\.?|s\.?d\.?|s/d|until|through|till)\s"
    r"(?:akhir\s|the\send\sof\s)?(?:tahun\s)?(?:(?:\d{1,2}\s)?[A-Z][a-z]+\s)?"
    rf"(?P<end2>{YEAR})(?!\d)"
    # "lima tahun ke depan hingga 2028": a term forward to its end year
    r"|(?<!\w)(?:tahun\ske\sdepan|years?\sahead),?\s"
    r"(?:hingga|sampai(?:\sdengan)?|s\.\s?d\.?|s\.?d\.?|s/d|until|through|till)\s"
    r"(?:akhir\s|the\send\sof\s)?(?:tahun\s)?(?:(?:\d{1,2}\s)?[A-Z][a-z]+\s)?"
    rf"(?P<end3>{YEAR})(?!\d)"
    # "masa berlaku MoU itu akan berakhir pada 2028"
    r"|(?<!\w)masa\sberlaku(?:nya)?(?:\s[\w-]+){0,3}?\s(?:akan\s)?berakhir\s(?:pada\s)?"
    rf"(?:akhir\s)?(?:tahun\s)?(?:(?:\d{{1,2}}\s)?[A-Z][a-z]+\s)?(?P<end4>{YEAR})(?!\d)",
    re.IGNORECASE,
)


# A work plan of one year: "Rencana Kerja Tahun 2025", "rencana kerja tahunan 2024", "Annual
# Work Plan 2023", "Rencana Kerja Tahunan (RKT) 2024", "work plan for 2022" (not a range:
# "Rencana Kerja 2024-2025" is a period).
WORK_PLAN_YEAR_RE = re.compile(
    r"(?<!\w)(?:rencana\skerja(?!\s?sama|\spemerintah)(?:\stahunan)?|(?:annual\s)?work\s?plan"
    r"|(?<![\w-])(?:RKT|AWP)(?![\w-]))"
    r"(?:\s\([^()\n]{1,40}\))?(?:\s(?:tahun\sanggaran|tahun|TA|for(?:\sthe\syear)?|untuk"
    rf"(?:\stahun)?|periode|year)){{0,2}}\s(?P<year>{YEAR})(?![\d/])"
    r"(?!\s{0,2}(?:[-–—/]|s\.?\s?d|sampai|hingga|to\s|until)\s{0,2}(?:tahun\s)?\d)",
    re.IGNORECASE,
)
# After a period, words that end it in the past: "proyek 2017-2020 yang telah selesai".
_ENDED_AFTER_RE = re.compile(
    r"[^.\n]{0,12}?(?<!\w)(?:(?:telah|sudah)\s(?:selesai|berakhir|rampung|usai)|selesai"
    # "periode 2014-2019 yang berakhir bulan ini"
    r"|berakhir\s(?:pada\s)?(?:bulan|tahun|pekan)\s(?:ini|lalu)"
    r"|completed|ended)(?!\w)",
    re.IGNORECASE,
)


# The term an earlier agreement had: "terakhir diperbarui untuk periode 2018-2023", "pertama
# kali ditandatangani untuk 2010-2014".
_EARLIER_TERM_BEFORE_RE = re.compile(
    r"(?<!\w)(?:terakhir|pertama)(?:\skali)?\s(?:di|ter)?(?:perbarui|perpanjang|tandatangani"
    r"|teken|sepakati)(?:\s[\w-]+){0,3}\s$"
    # "beberapa kali diperbarui, terakhir untuk periode 2014-2019"
    r"|(?<!\w)diperbarui,?\sterakhir\s(?:untuk\s|pada\s)?(?:periode\s)?$",
    re.IGNORECASE,
)


def _past_around(text: str, start: int, end: int, m_start: int, m_end: int) -> bool:
    around = text[max(start, m_start - 30) : min(end, m_end + 15)]
    return (
        PAST_MARKERS_RE.search(around) is not None
        or _ENDED_AFTER_RE.match(text, m_end, min(end, m_end + 40)) is not None
        or _EARLIER_TERM_BEFORE_RE.search(text, max(start, m_start - 70), m_start) is not None
    )


def _periods(text: str, start: int, end: int) -> list[Found]:
    found = []
    for match in PERIOD_RE.finditer(text, start, end):
        first, last = int(match.group("start")), int(match.group("end"))
        if not 0 < last - first <= 30:
            continue
        if _past_around(text, start, end, match.start(), match.end()):
            continue
        if _in_plan_name(text, max(start, match.start() - 80), match.start()):
            continue
        if _EARLIER_PROGRAMME_RE.search(text, max(start, match.start() - 80), match.start()):
            continue  # "melanjutkan program Building with Nature 2015-2021": its predecessor
        found.append(Found(match.start(), match.end(), (first, last)))
    return found


# The years of an earlier programme that the new agreement carries on: "melanjutkan program
# Building with Nature 2015-2021", "lanjutan dari proyek SMART 2018-2022".
_EARLIER_PROGRAMME_RE = re.compile(
    r"(?<!\w)(?:melanjutkan|meneruskan|lanjutan|keberhasilan|capaian)\s(?:dari\s)?"
    r"(?:program|proyek|project|fase|tahap)\s(?:(?:[A-Z][\w\-]*|of|for|and|dan|the|with|on)\s){1,8}$"
)


def _in_plan_name(text: str, start: int, end: int) -> bool:
    tail = _NAME_TAIL_RE.search(text, start, end)
    if not tail:
        return False
    words = tail.group().lower().split()
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return any(w.strip("-") in PLAN_WORDS for w in words) or bool(pairs & PLAN_WORDS)


_PERIOD_AFTER_RE = re.compile(rf",?\s\(?\s?{YEAR}\s?[-–—]\s?{YEAR}")


def durations(text: str, start: int, end: int) -> list[Found]:
    found = []
    for match in DURATION_RE.finditer(text, start, end):
        unit = match.group("unit").lower()
        # A number written twice, "5 (lima) tahun", is the style of a term in a document.
        if (
            not match.group("lead")
            and not match.group("paren")
            and not (unit.endswith(("depan", "ahead", "tahunan")) or unit == "-year")
            # "rencana kerja tiga tahun (2019-2021)": the years right after make it a term
            and not _PERIOD_AFTER_RE.match(text, match.end(), end)
        ):
            continue
        raw = match.group("num") or ""
        raw = raw.lower()
        value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if value and unit.strip().startswith(("bulan", "month")):
            # whole years only ("36 bulan" is three years; "18 bulan" is no term in years)
            value = value // 12 if value % 12 == 0 else None
        if not value or value > 30:
            continue
        before = text[max(start, match.start() - 30) : match.start()]
        if PAST_MARKERS_RE.search(before) or PAST_AFTER_RE.match(text, match.end(), end):
            continue
        if AGE_BEFORE_RE.search(before):
            continue  # "anak usia 5 (lima) tahun": an age, not a term
        found.append(Found(match.start(), match.end(), value))
    return found
