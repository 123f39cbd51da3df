"""Programmes of a foreign government that act as the counterpart.

A donor's programme often works with a province or a ministry under its own name, and the
text says whose programme it is: "KOMPAK merupakan program kemitraan Pemerintah Australia dan
Pemerintah Indonesia", "Sinergi dan Kolaborasi untuk Akselerasi Layanan Dasar (SKALA),
program kemitraan antara Pemerintah Australia dan Pemerintah Indonesia", "INOVASI adalah
program kemitraan pendidikan antara Pemerintah Australia dan Pemerintah Indonesia". Its name
is made of Indonesian words and reads domestic; only that description makes it foreign. The
programme is named as first spelled out ("Kolaborasi Masyarakat dan Pelayanan untuk
Kesejahteraan" for "KOMPAK (Kolaborasi ...)"), or by its acronym when never spelled out.

Only a programme the text ties to a named foreign government is taken: "program kemitraan"
alone, or a programme of an Indonesian body, says nothing about where it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .foreign_side import is_foreign_government

# "KOMPAK merupakan program kemitraan Pemerintah Australia", "(SKALA), program kemitraan
# antara Pemerintah Australia dan ...", "AIPJ2 adalah program yang didanai Pemerintah
# Australia": the acronym before the word "program" ...
_ACRONYM_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<acronym>[A-Z][A-Z0-9]{2,11})(?![\w-])\)?"
    r"(?:\s\([^()\n]{5,120}\))?,?\s"
    r"(?:(?:merupakan|adalah|ialah|yakni|yaitu|sebagai)\s)?"
    r"(?:(?:sebuah|salah\ssatu|suatu)\s)?$"
)
# ... and the governments after it ("antara Pemerintah Indonesia dan Pemerintah Australia").
_GOVERNMENTS_AFTER_RE = re.compile(
    r"program\s(?:[a-z][\w-]*\s){0,4}?"
    r"(?:(?:antara|dari|milik|yang\s(?:didanai|didukung|dibiayai)(?:\soleh)?)\s)?"
    r"(?P<governments>Pemerintah\s(?:[A-Z][\w-]*\s?){1,3}"
    r"(?:(?:dan|-|–|&)\s?Pemerintah\s(?:[A-Z][\w-]*\s?){1,3})?)"
)
_GOVERNMENT_RE = re.compile(r"Pemerintah\s(?:[A-Z][\w-]*\s?){1,3}")
_PROGRAM_WORD_RE = re.compile(r"(?<![\w-])program\s")

# The words of a programme's name before its bracketed acronym: capitalised words, and the
# small words between them ("Program Inovasi untuk Anak Sekolah Indonesia (INOVASI)").
_NAME_BEFORE_RE = re.compile(r"(?:[A-Z][\w-]*\s(?:(?:dan|untuk|bagi|di|and|for|of)\s)?){1,10}$")
_SMALL_WORDS = frozenset({"dan", "untuk", "bagi", "di", "and", "for", "of"})
# An event's words before the programme's name ("Lokakarya Evaluasi Akhir Program ...").
_EVENT_BEFORE_PROGRAM_RE = re.compile(
    r"(?:Lokakarya|Rapat|Seminar|Workshop|Pelatihan|Sosialisasi|Peluncuran|Evaluasi|Monev"
    r"|Forum|Diskusi|Rakor|Pertemuan)\s(?:[A-Z][\w-]*\s){0,3}?(?=Program(?:me)?\s)"
)


def foreign_programmes(text: str, start: int) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """(name as first spelled out, acronym, span of that name) of each programme the text
    describes as a foreign government's."""
    seen: set[str] = set()
    for word in _PROGRAM_WORD_RE.finditer(text, start):
        described = _ACRONYM_BEFORE_RE.search(text, max(start, word.start() - 160), word.start())
        if described is None:
            continue
        acronym = described.group("acronym")
        owners = _GOVERNMENTS_AFTER_RE.match(text, word.start())
        if acronym in seen or owners is None:
            continue
        governments = _GOVERNMENT_RE.findall(owners.group("governments"))
        if not any(is_foreign_government(g.strip()) for g in governments):
            continue
        seen.add(acronym)
        yield _first_spelled_out(text, start, acronym)


def _first_spelled_out(text: str, start: int, acronym: str) -> tuple[str, str, tuple[int, int]]:
    """The programme's full name where the text defines it, else its acronym's first use."""
    escaped = re.escape(acronym)
    # "KOMPAK (Kolaborasi Masyarakat dan Pelayanan untuk Kesejahteraan)"
    after = re.search(rf"(?<![\w-]){escaped}\s\((?P<full>[A-Z][^()\n]{{4,120}})\)", text[start:])
    # "Program Inovasi untuk Anak Sekolah Indonesia (INOVASI)"
    before = None
    for bracket in re.finditer(rf"\(\s?{escaped}\s?\)", text[start:]):
        at = start + bracket.start()
        words = _NAME_BEFORE_RE.search(text, max(start, at - 160), at)
        if words is not None and len(words.group().split()) > 1:
            name = words.group().strip()
            while name.split()[-1] in _SMALL_WORDS:
                name = name.rsplit(" ", 1)[0]
            begin = at - len(words.group())
            # "Lokakarya Evaluasi Akhir Program Kolaborasi ...": the event held on the programme
            lead = _EVENT_BEFORE_PROGRAM_RE.match(name)
            if lead is not None:
                name, begin = name[lead.end() :], begin + lead.end()
            before = (begin, name)
            break
    options = []
    if after is not None:
        full_start = start + after.start("full")
        options.append((full_start, after.group("full").strip()))
    if before is not None:
        options.append(before)
    if options:
        at, name = min(options)
        return name, acronym, (at, at + len(name))
    first = re.search(rf"(?<![\w-]){escaped}(?![\w-])", text[start:])
    at = start + first.start() if first else start
    return acronym, acronym, (at, at + len(acronym))
