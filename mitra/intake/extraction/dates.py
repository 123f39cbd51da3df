"""Publication date (a date line in the header) and event date (usually weekday + date).

Phrase families handled:
* date lines: "04-Apr-2024", "13 Apr 2015 08:02 WIB", "Kamis, 19 Maret 2015 - 09:08 WIB",
  "04/04/2024" (day first), "April 4, 2024", "- 07 Jul" (year taken from the text);
* event dates: "Kamis (04/04)", "Senin (5/9/2022)", "pada hari Jumat (10/4)",
  "Selasa 17 Maret 2015", "Rabu, 3-5 Juni 2024" (first day of a range); a day/month
  without year takes the publication year (or the year before when the weekday says so);
  fallbacks: "pada 12 Februari 2024", then a bare "(12/2)" or "pada 12 Februari".
All patterns are bounded (no nested quantifiers) so adversarial input stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .scan import Triggered

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        "januari january jan",
        "februari pebruari february feb peb",
        "maret march mar mrt",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "agustus august agu agt ags aug",
        "september sept sep",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december des dec",
    ],
    start=1,
):
    for name in names.split():
        MONTHS[name] = number

WEEKDAYS: dict[str, int] = {
    "senin": 0, "monday": 0,
    "selasa": 1, "tuesday": 1,
    "rabu": 2, "wednesday": 2,
    "kamis": 3, "thursday": 3,
    "jumat": 4, "jum'at": 4, "jum’at": 4, "friday": 4,
    "sabtu": 5, "saturday": 5,
    "minggu": 6, "ahad": 6, "sunday": 6,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
_RANGE_TAIL = r"(?:\s{0,2}(?:-|–|—|s\.?/?d\.?|sampai|hingga|dan)\s{0,2}\d{1,2})?"

# "4 April 2024", "04-Apr-2024", "3-5 Juni 2024", "4 April" (year optional)
TEXT_DATE = (
    rf"(?P<d>\d{{1,2}}){_RANGE_TAIL}(?:st|nd|rd|th)?[ \t\-./]{{1,3}}"
    rf"(?P<m>{_MONTH_ALT})\.?(?![a-z])(?:[ \t\-./,]{{1,3}}(?P<y>\d{{4}}))?"
)
# "April 4, 2024" (English order; year required)
ENGLISH_DATE = rf"(?P<m2>{_MONTH_ALT})\.?\s(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<y2>\d{{4}})"
# "04/04/2024", "5/9/2022", "04/04", "3-5/6/2024" (day first)
NUMERIC_DATE = (
    r"(?P<d3>\d{1,2})(?:\s?[-–]\s?\d{1,2})?[/.](?P<m3>\d{1,2})(?:[/.](?P<y3>\d{4}|\d{2}))?"
    r"(?![\d/])"
)
ANY_DATE = rf"(?:{TEXT_DATE}|{ENGLISH_DATE}|{NUMERIC_DATE})"

DATE_RE = re.compile(rf"(?<![\w/.]){ANY_DATE}", re.IGNORECASE)
# ISO dates are unambiguous and common in metadata lines.
ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")

# Abbreviated weekdays of header lines ("Sen, 04 Mar 2024", "Mon, 4 March 2024"); only in a
# date line, where a date follows at once.
_WEEKDAY_ABBR = r"sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun"
# A byline before the date of a header line: "Oleh Humas | 4 Mar 2024", "By Admin on 4 March
# 2024", "Ditulis oleh Redaksi pada Senin, 4 Maret 2024", "Humas Kemenkes - 4 Maret 2024",
# "Posted by: humas on: 05/05/2017", "admin_bappeda  08/03/2023  Berita" (a CMS's columns).
BYLINE_RE = re.compile(
    r"^[\s\-–|•·]{0,4}(?P<who>[^\n|]{2,50}?)"
    r"(?:\s?[|•·]\s?|\s[-–—]\s|\s(?:on|pada):?\s|,\s|[ \t]{2,})",
    re.IGNORECASE,
)
BYLINE_WORDS_RE = re.compile(
    # "admin_bappeda": a user name of the site's CMS, the underscore a separator
    r"(?<![^\W_])(?:oleh|by|ditulis|penulis|reporter|pewarta|humas|admin|redaksi|editor|posted|"
    r"diposting|diterbitkan|dipublikasikan|kontributor|author|biro|tim)(?![^\W_])"
    # the site itself: "Kemenkes.go.id - 4 Maret 2024"
    r"|[\w-]\.(?:go\.id|co\.id|or\.id|ac\.id|com|id|net|org)(?!\w)",
    re.IGNORECASE,
)

# A header line that is (mostly) a date: optional bullet, label and weekday, the date,
# an optional time; little else.
DATE_LINE_RE = re.compile(
    r"^[\s\-–|•·]{0,4}"
    # the place of a dateline standing on its own line: "Jakarta, 4 Maret 2024", "JAKARTA -
    # Senin (4/3/2024)"
    r"(?:[A-Z][\w.'’-]{1,30}(?:[ \t][A-Z][\w.'’-]{0,30}){0,2}[ \t]?(?:,|[ \t][-–—])[ \t]{1,3})?"
    r"(?:(?:diterbitkan|dipublikasikan|diposting|diunggah|dirilis|ditayangkan|dimuat|dibuat"
    r"|terbit|rilis|posted|published|released?(?:\sdate)?|tanggal(?:\s(?:terbit|rilis"
    r"|publikasi|unggah))?|tgl\.?|date|updated|diperbarui|waktu)(?:\s(?:pada|on))?\s?:?\s{0,3})?"
    rf"(?:(?P<wd>{_WEEKDAY_ALT}|{_WEEKDAY_ABBR}),?\s{{0,3}})?\(?"
    # "05-03-2024" (day first, hyphens): only in a date line, where no range can be meant
    rf"(?:(?P<hd>\d{{1,2}})-(?P<hm>\d{{1,2}})-(?P<hy>\d{{4}})(?!\d)|{ANY_DATE}"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\)?"
    r"(?:[\s,|\-–]{1,4}(?:pukul\s)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?(?:WIB|WITA|WIT|AM|PM))?)?",
    re.IGNORECASE,
)

# Weekday followed by a date: "Kamis (04/04)", "Selasa 17 Maret 2015", "Senin, (5/9/2022)".
WEEKDAY_DATE_RE = re.compile(
    rf"(?<!\w)(?P<wd>{_WEEKDAY_ALT})(?:\s{{1,3}}lalu)?,?\s{{0,3}}(?:\(\s?)?"
    rf"(?:tanggal\s|tgl\.?\s)?(?:{ANY_DATE})",
    re.IGNORECASE,
)
# Scanned over every body: tried only where a weekday's name stands (scan.py).
WEEKDAY_DATE = Triggered(WEEKDAY_DATE_RE, "|".join(WEEKDAYS))
# "pada tanggal 17 Maret 2015", "pada 4 April 2024", "(17/3/2015)" with a year.
ANCHORED_DATE_RE = re.compile(
    rf"(?:(?<!\w)(?:pada|tanggal|tgl\.?|on)\s{{1,3}}(?:hari\s)?(?:tanggal\s)?|\("
    # after the place, set off by a comma: "di Hotel Novotel Balikpapan, 23-25 Juli 2019"
    r"|(?<=[a-z]),\s)"
    rf"(?:{ANY_DATE})",
    re.IGNORECASE,
)


# A dated dateline opening the body: "Kupang, 12 Maret 2025 -", "JAKARTA, 3 Juni 2024 (ANTARA) -",
# "Mataram (ANTARA), 14 Agustus 2023 –", "Ambon, Jumat, 8 November 2024 —". The place is one
# to four capitalised words; the date must have its year (checked after the match).
DATELINE_RE = re.compile(
    r"[ \t]{0,4}[A-Z][\w.'’-]{1,30}(?:[ \t][A-Z][\w.'’-]{0,30}){0,3}[ \t]?"
    r"(?:\([^()\n]{2,30}\)[ \t]?)?"
    # the source after the place: "Jakarta, Kementerian LHK, 19 November 2020 –"
    r"(?:,[ \t][A-Z][\w./'’-]{1,25}(?:[ \t][A-Z][\w./'’-]{0,25}){0,2})?,[ \t]{0,3}"
    rf"(?:(?P<wd>{_WEEKDAY_ALT}),?[ \t]{{1,3}})?\(?{ANY_DATE}\)?[ \t]{{0,3}}"
    # closed by a dash, or by a stop before the first sentence ("Jakarta, 20 Mei 2015. KLHK ...")
    r"(?:\([^()\n]{2,30}\)[ \t]{0,3})?(?:[-–—]|\.(?=[ \t][A-Z]))",
    re.IGNORECASE,
)
# "Jakarta (4/3/2024) –", "JAKARTA (4/3/2024) |": the date in brackets right after the place.
BRACKET_DATELINE_RE = re.compile(
    r"[ \t]{0,4}[A-Z][\w.'’-]{1,30}(?:[ \t][A-Z][\w.'’-]{0,30}){0,3}[ \t]?,?[ \t]?"
    rf"\((?:(?P<wd>{_WEEKDAY_ALT}),?[ \t]{{1,3}})?{ANY_DATE}\)[ \t]{{0,3}}[-–—|]",
    re.IGNORECASE,
)
# "Sleman - Selasa, 5 Maret 2024 -", "SLEMAN – 5/3/2024 –", "Kupang, Humas – 5 Maret 2024.":
# the place, a dash (after an optional source), then the dated part closed by a dash, a stop,
# a colon or a bar.
DASH_DATELINE_RE = re.compile(
    r"[ \t]{0,4}[A-Z][\w.'’-]{1,30}(?:[ \t][A-Z][\w.'’-]{0,30}){0,3}"
    r"(?:,[ \t]?[A-Z][\w.'’-]{1,20}(?:[ \t][A-Z][\w.'’-]{0,20})?)?[ \t]?[-–—][ \t]{0,3}"
    rf"(?:(?P<wd>{_WEEKDAY_ALT}),?[ \t]{{1,3}})?\(?{ANY_DATE}\)?[ \t]{{0,3}}"
    r"(?:\([^()\n]{2,30}\)[ \t]{0,3})?[-–—.:|]",
    re.IGNORECASE,
)
DATELINE_LINES = 6  # the dateline opens one of the first lines of the body

# Days told relative to the publication date: "kemarin", "hari ini", "Rabu lalu", "pada
# Senin", "Jumat pekan lalu". Not "Minggu": "minggu lalu" is "last week".
RELATIVE_DAY_RE = re.compile(
    r"(?<!\w)(?:(?P<before>kemarin\slusa)|(?P<yesterday>kemarin)|(?P<today>hari\sini)|"
    # "dua hari lalu", "3 hari yang lalu": counted back in days
    r"(?P<ndays>\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh)\shari\s(?:yang\s)?lalu|"
    r"(?P<rwd>senin|selasa|rabu|kamis|jumat|jum'at|jum’at|sabtu|ahad)"
    r"(?:\s(?P<lastweek>pekan\slalu|minggu\slalu)|\s(?P<last>lalu|kemarin))?)(?!\w)",
    re.IGNORECASE,
)
_DAY_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}
# "tahun kemarin", "hingga hari ini": not a day of the event.
_NOT_A_DAY_BEFORE_RE = re.compile(
    r"(?:tahun|bulan|pekan|minggu|hingga|sampai|sejak|saat|selama)\s$", re.IGNORECASE
)


# The date a press statement was received or quoted, not the date of the event:
# "kata X dalam keterangan tertulis yang diterima, Rabu (9/3)", "dikutip dari siaran pers".
PRESS_STATEMENT_RE = re.compile(
    r"(?<!\w)(?:keterangan(?:\s(?:tertulis|resmi|pers))?|siaran\spers|rilis(?:\spers)?|"
    r"press\srelease|pernyataan\s(?:tertulis|resmi)|dikutip)(?!\w)[^.\n]{0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class _Parts:
    day: int
    month: int
    year: int | None


def _parts(match: re.Match[str]) -> _Parts | None:
    groups = match.groupdict()
    try:
        if groups.get("d"):
            month = MONTHS.get(groups["m"].lower().rstrip("."))
            year = int(groups["y"]) if groups.get("y") else None
            day = int(groups["d"])
        elif groups.get("d2"):
            month = MONTHS.get(groups["m2"].lower().rstrip("."))
            year, day = int(groups["y2"]), int(groups["d2"])
        elif groups.get("d3"):
            month, day = int(groups["m3"]), int(groups["d3"])
            raw_year = groups.get("y3")
            year = None
            if raw_year:
                year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
        elif groups.get("hd"):
            day, month, year = int(groups["hd"]), int(groups["hm"]), int(groups["hy"])
        elif groups.get("iy"):
            year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
        else:
            return None
    except (TypeError, ValueError):
        return None
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is not None and not 1900 <= year <= 2100:
        return None
    return _Parts(day, month, year)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def first_full_date_year(text: str, start: int = 0) -> int | None:
    """Year of the first complete (day, month, year) date: the 'unambiguous date'."""
    for match in DATE_RE.finditer(text, start):
        parts = _parts(match)
        if parts and parts.year and _make(parts.year, parts.month, parts.day):
            return parts.year
    return None


def find_published(
    text: str, header_lines: list[tuple[int, int]], body_start: int
) -> tuple[FoundDate | None, set[int]]:
    """The publication date from a date line; also returns the indexes of date lines."""
    date_lines: set[int] = set()
    found: FoundDate | None = None
    for index, (start, end) in enumerate(header_lines):
        line = text[start:end]
        match = DATE_LINE_RE.match(line)
        if not match:
            # the date after a byline: read on the rest of the line, offsets shifted back
            start, line, match = _after_byline(start, line)
        if not match:
            # "Berita | 12 Februari 2024 | Dibaca 120 kali": one field of a metadata line
            start, line, match = _date_field(start, line)
        if not match:
            continue
        rest = line[match.end() :].strip(" \t\r-|–,")
        # "... 19:05 Reporter : Dimas Editor : Rini": the credits after the date
        fields_follow = (
            _FIELD_SEPARATOR_RE.match(line, match.end()) is not None
            or _CREDITS_RE.match(rest) is not None
        )
        if len(rest.split()) > 4 and not fields_follow:
            # a sentence that starts with a date, not a date line ("Kamis, 21 November 2019
            # | Dilihat 312 kali | Humas NTB" is one: fields follow the date)
            continue
        parts = _parts(match)
        if parts is None:
            continue
        date_lines.add(index)
        if found is not None:
            continue
        year, confidence = parts.year, 0.95
        if year is None:
            year, confidence = first_full_date_year(text, body_start), 0.7
        if year is None:
            continue
        value = _make(year, parts.month, parts.day)
        if value:
            found = FoundDate(
                value, start + match.start(), start + match.end(), confidence, "date-line"
            )
    return found or find_dateline(text, body_start), date_lines


def _after_byline(start: int, line: str) -> tuple[int, str, re.Match[str] | None]:
    """The date of a header line that opens with a byline, when it has its year: (start of
    the rest of the line, the rest, the date-line match on it)."""
    byline = BYLINE_RE.match(line)
    if not byline or not BYLINE_WORDS_RE.search(byline.group("who")):
        return start, line, None
    rest = line[byline.end() :]
    match = DATE_LINE_RE.match(rest)
    parts = _parts(match) if match else None
    if parts is None or parts.year is None:
        return start, line, None
    return start + byline.end(), rest, match


_CREDITS_RE = re.compile(
    r"(?:reporter|penulis|pewarta|editor|redaktur|oleh|sumber|foto|author|by)\s?:", re.I
)
# fields of a metadata line, and the steps of a breadcrumb ("Beranda / Berita / 4 Maret 2024")
_FIELD_SEPARATOR_RE = re.compile(r"\s[|•·/»›>]\s")


def _date_field(start: int, line: str) -> tuple[int, str, re.Match[str] | None]:
    """A header line of fields split by "|" or "•", one of which is a full date (with its
    year): (start of that field, the field, the date-line match on it)."""
    offset = 0
    for field_text in _FIELD_SEPARATOR_RE.split(line):
        at = line.index(field_text, offset)
        offset = at + len(field_text)
        match = DATE_LINE_RE.match(field_text)
        if match is None or field_text[match.end() :].strip():
            continue
        parts = _parts(match)
        if parts is not None and parts.year is not None:
            return start + at, field_text, match
    return start, line, None


def find_dateline(text: str, body_start: int) -> FoundDate | None:
    """The date of a dateline that opens one of the first lines of the body (with year)."""
    seen = 0
    for line in re.finditer(r"[^\n]+", text[body_start : body_start + 4000]):
        if not line.group().strip():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        start = body_start + line.start()
        match = DATELINE_RE.match(text, start, min(len(text), start + 120))
        if not match:
            match = BRACKET_DATELINE_RE.match(text, start, min(len(text), start + 120))
        if not match:
            match = DASH_DATELINE_RE.match(text, start, min(len(text), start + 120))
        if not match:
            continue
        parts = _parts(match)
        value = _make(parts.year, parts.month, parts.day) if parts and parts.year else None
        if value:
            return FoundDate(value, match.start(), match.end(), 0.8, "dateline")
        if parts is not None and parts.year is None:
            # "JAKARTA (4/3) -", "Jakarta, Senin (4/3) -": the year of the first complete date
            # of the text (README: an unambiguous date in the same text), if the weekday fits
            value = _yearless_dateline(text, body_start, match, parts)
            if value:
                return FoundDate(value, match.start(), match.end(), 0.6, "dateline-no-year")
    return None


def _yearless_dateline(
    text: str, body_start: int, match: re.Match[str], parts: _Parts
) -> date | None:
    year = first_full_date_year(text, body_start)
    value = _make(year, parts.month, parts.day) if year else None
    if value is None:
        return None
    weekday = match.group("wd")
    if weekday and WEEKDAYS.get(weekday.lower()) != value.weekday():
        return None
    return value


# "pada 17 Maret 2021 silam": a date told as long past.
_AGO_AFTER_RE = re.compile(r"\)?\s?silam(?!\w)", re.IGNORECASE)
# The first weekday of a phrase before a day/month ("Selasa s.d Kamis (25 s.d 27 Oktober)").
_WEEKDAY_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<wd>{_WEEKDAY_ALT})(?!\w)(?:\s(?:s\.d\.?|s/d|sampai|hingga|-|dan)\s\w+)?"
    r"[\s,(]{0,4}$",
    re.IGNORECASE,
)
_YEAR_IN_TEXT_RE = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=8)
def _years_named(text: str, start: int) -> frozenset[int]:
    """Every year the text names after `start`, read once per text."""
    return frozenset(int(y) for y in _YEAR_IN_TEXT_RE.findall(text, start))


def _year_by_weekday(text: str, start: int, parts: _Parts, weekday: int) -> date | None:
    """The one date among the years named in the text whose weekday is `weekday`."""
    years = _years_named(text, start)
    fits = [
        value
        for year in sorted(years)
        if (value := _make(year, parts.month, parts.day)) is not None and value.weekday() == weekday
    ]
    return fits[0] if len(fits) == 1 else None


def _resolve_year(
    parts: _Parts, weekday: int | None, reference: date | None
) -> tuple[date | None, float]:
    if parts.year is not None:
        value = _make(parts.year, parts.month, parts.day)
        if value is None:
            return None, 0.0
        if weekday is not None and value.weekday() != weekday:
            return value, 0.6  # the text's own year wins, but the weekday disagrees
        return value, 0.95 if weekday is not None else 0.8
    if reference is None:
        return None, 0.0
    # Day/month only: the reference year; the year before only when the date would
    # otherwise lie after the reference (a December event reported in January). The
    # weekday decides between those two, never moves a date a year back on its own.
    this_year = _make(reference.year, parts.month, parts.day)
    candidates = [this_year] if this_year else []
    if this_year is None or this_year > reference:
        earlier = _make(reference.year - 1, parts.month, parts.day)
        if earlier:
            candidates.append(earlier)
    if not candidates:
        return None, 0.0
    if weekday is not None:
        for value in candidates:
            if value.weekday() == weekday and value <= reference:
                return value, 0.9
        return candidates[0], 0.5
    not_future = [v for v in candidates if v <= reference]
    return (not_future[0] if not_future else candidates[0]), 0.7


# "di Hotel Novotel Balikpapan", "bertempat di Aula ...": where the event is, in its clause.
_VENUE_IN_CLAUSE_RE = re.compile(r"(?<!\w)(?:di|bertempat\sdi|at)\s[A-Z][^.,;\n]{1,80}$")


def _after_a_venue(text: str, comma: int) -> bool:
    """Whether the comma at `comma` closes a place the event is held in."""
    return _VENUE_IN_CLAUSE_RE.search(text, max(0, comma - 90), comma) is not None


def _comma_after_no_venue(text: str, match: re.Match[str]) -> bool:
    """A date set off by a comma that does not follow the event's place ("Jakarta, 12 Mei")."""
    return match.group().startswith(",") and not _after_a_venue(text, match.start())


def find_event_date(
    text: str,
    body_start: int,
    reference: date | None,
    skip_spans: list[tuple[int, int]],
    published: date | None = None,
) -> FoundDate | None:
    """First weekday-anchored date of the body; else the first 'pada <date>' with a year;
    else a day/month; else a day told relative to the publication date (when known)."""

    def skipped(pos: int) -> bool:
        if any(s <= pos < e for s, e in skip_spans):
            return True
        return PRESS_STATEMENT_RE.search(text, max(body_start, pos - 60), pos) is not None

    for match in WEEKDAY_DATE.finditer(text, body_start):
        if skipped(match.start()):
            continue
        parts = _parts(match)
        if parts is None:
            continue
        weekday = WEEKDAYS.get(match.group("wd").lower())
        value, confidence = _resolve_year(parts, weekday, reference)
        if value:
            return FoundDate(value, match.start(), match.end(), confidence, "weekday-date")
        if reference is None and parts.year is None and weekday is not None:
            # No year anywhere near: the weekday picks it among the years the text names
            # ("Selasa s.d Kamis (25 s.d 27 Oktober)" in an item about 2021-2025 and 2022).
            value = _year_by_weekday(text, body_start, parts, weekday)
            if value:
                return FoundDate(value, match.start(), match.end(), 0.6, "weekday-picks-year")
    for match in ANCHORED_DATE_RE.finditer(text, body_start):
        if skipped(match.start()) or _AGO_AFTER_RE.match(text, match.end()):
            continue  # "ditandatangani pada 17 Maret 2021 silam": history, not the event
        if _comma_after_no_venue(text, match):
            continue  # "Jakarta, 9/6/2023 –": a dateline's place, not where the event was
        parts = _parts(match)
        if parts is None or parts.year is None:
            continue
        value, confidence = _resolve_year(parts, None, reference)
        if value:
            return FoundDate(value, match.start(), match.end(), confidence * 0.8, "anchored-date")
    # Day and month only, without a weekday: "Jakarta (12/2) -", "pada 12 Februari lalu";
    # the year comes from the publication date (or the year before for a later month).
    if reference is not None:
        for match in ANCHORED_DATE_RE.finditer(text, body_start):
            if skipped(match.start()) or _comma_after_no_venue(text, match):
                continue
            parts = _parts(match)
            if parts is None or parts.year is not None:
                continue
            value, confidence = _resolve_year(parts, None, reference)
            if value:
                return FoundDate(value, match.start(), match.end(), confidence * 0.7, "day-month")
    else:
        # "hari Selasa s.d Kamis (25 s.d 27 Oktober)": a weekday a few words before the day
        # and month, no year and no publication date; the weekday picks among named years.
        for match in ANCHORED_DATE_RE.finditer(text, body_start):
            parts = _parts(match)
            if skipped(match.start()) or parts is None or parts.year is not None:
                continue
            if _comma_after_no_venue(text, match):
                continue
            day_name = _WEEKDAY_BEFORE_RE.search(text, max(body_start, match.start() - 30),
                                                 match.start())  # fmt: skip
            if day_name is None:
                continue
            weekday = WEEKDAYS[day_name.group("wd").lower()]
            value = _year_by_weekday(text, body_start, parts, weekday)
            if value:
                return FoundDate(value, match.start(), match.end(), 0.5, "weekday-picks-year")
    if published is not None:
        for match in RELATIVE_DAY_RE.finditer(text, body_start):
            if skipped(match.start()) or WEEKDAY_DATE_RE.match(text, match.start()):
                continue
            if _NOT_A_DAY_BEFORE_RE.search(
                text, max(body_start, match.start() - 10), match.start()
            ):
                continue
            value = _relative_day(match, published)
            return FoundDate(value, match.start(), match.end(), 0.6, "relative-day")
    return None


def _relative_day(match: re.Match[str], published: date) -> date:
    """The day a relative phrase names, counted back from the publication date."""
    if match.group("today"):
        return published
    if match.group("yesterday"):
        return published - timedelta(days=1)
    if match.group("before"):
        return published - timedelta(days=2)
    if match.group("ndays"):
        raw = match.group("ndays").lower()
        return published - timedelta(days=int(raw) if raw.isdigit() else _DAY_WORDS[raw])
    weekday = WEEKDAYS[match.group("rwd").lower()]
    if match.group("lastweek"):
        monday = published - timedelta(days=published.weekday() + 7)
        return monday + timedelta(days=weekday)
    back = (published.weekday() - weekday) % 7
    if back == 0 and match.group("last"):
        back = 7  # "Rabu lalu" written on a Wednesday: the week before
    return published - timedelta(days=back)
