"""Splits a press item into its parts: source URL, header lines, title, sentences.

Every later stage works on character offsets of the original text, so that spans in
the evidence point into what the caller passed in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

URL_LINE = re.compile(r"[ \t]*(https?://\S+)[ \t]*(?:\r?\n|$)")
LINE = re.compile(r"[^\n]*")
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) when the next
# thing is whitespace, an upper-case letter or the end; or at a line break.
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s|[A-Z“\"]|$)|\n")
# A company's legal form before a lower-case word does not end a sentence.
COMPANY_ABBREVIATIONS = frozenset(["Co", "Ltd", "Inc", "Corp", "Pte", "Bhd", "Pty"])
# Abbreviations whose dot does not end a sentence (titles before names, "s.d.", ...).
NON_FINAL_ABBREVIATIONS = frozenset(
    [
        "sdr",
        "sdri",
        "ir",
        "dr",
        "drs",
        "dra",
        "prof",
        "h",
        "hj",
        "st",
        "mt",
        "msi",
        "m.si",
        "se",
        "sh",
        "mh",
        "no",
        "tgl",
        "jl",
        "kab",
        "kec",
        "prov",
        "pemprov",
        "pem",
        "dll",
        "dsb",
        "sd",
        "s.d",
        "mr",
        "mrs",
        "ms",
        "dkk",
        "bpk",
        "ibu",
        "yth",
    ]
)
HEADER_MAX_LINE = 200  # longer lines belong to the body


@dataclass
class Document:
    text: str
    url: str | None = None
    body_start: int = 0  # offset after the URL line
    title: tuple[int, int] | None = None
    header_lines: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    # Per-sentence memo of later stages (e.g. where the first attendance cue stands), so
    # that questions asked for every mention of a sentence cost one scan of the sentence.
    memo: dict = field(default_factory=dict)

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(pos)]

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]

    def in_caption(self, pos: int) -> bool:
        """Whether `pos` stands on a photo caption's line (one ending with the photo's
        credit): a caption, like a headline, does not spell a name out first."""
        # a caption's line is short: look no further than that for its ends (a whole-line
        # search per mention made texts without line breaks quadratic)
        low, high = max(0, pos - _CAPTION_MAX), min(len(self.text), pos + _CAPTION_MAX)
        line_start = self.text.rfind("\n", low, pos) + 1
        if line_start == 0 and low > 0:
            return False
        line_end = self.text.find("\n", pos, high)
        if line_end < 0:
            if high < len(self.text):
                return False
            line_end = len(self.text)
        return CAPTION_CREDIT_LINE_RE.fullmatch(self.text, line_start, line_end) is not None


_CAPTION_MAX = 500
# A photo caption told by its credit at the line's end: "... di ruang kerjanya, Selasa (10/5).
# (BP/ari)", "... Rabu (18/8/2021). ANTARA/HO-Humas BMKG", "(Antara/Etri Saputra)".
CAPTION_CREDIT_LINE_RE = re.compile(
    r"[^\n]{20,400}?(?:\((?:ANTARA|Antara|[A-Z]{2,8}|[A-Z][a-z]{2,12})/[^()\n/]{1,40}\)"
    r"|(?<![\w/])ANTARA/[^()\n]{1,60})[ \t.]*"
)


_LAST_WORD_RE = re.compile(r"([\w.]+)$")
_LOWER_WORD_NEXT_RE = re.compile(r"\s+[a-z]")


def _split_sentences(text: str, start: int) -> list[tuple[int, int]]:
    sentences: list[tuple[int, int]] = []
    begin = start
    for match in SENTENCE_END.finditer(text, start):
        end = match.end()
        if match.group() != "\n":
            word = _LAST_WORD_RE.search(text[max(begin, end - 12) : match.start()])
            if word and word.group(1).lower() in NON_FINAL_ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "H. Agus"
            if match.group() == "." and text[end : end + 1].isalpha():
                continue  # inside an abbreviation: "Ph.D", "M.Sc"
            if word and "." in word.group(1) and _LOWER_WORD_NEXT_RE.match(text[end : end + 4]):
                continue  # a degree before "dan": "Ph.D. dan Wakil Sekretaris Jenderal ..."
            if (
                word
                and word.group(1) in COMPANY_ABBREVIATIONS
                and _LOWER_WORD_NEXT_RE.match(text[end : end + 4])
            ):
                continue  # "Toyota Tsusho Co., Ltd. menandatangani ...": a company's name
        if text[begin:end].strip():
            sentences.append((begin, end))
        begin = end
    if text[begin:].strip():
        sentences.append((begin, len(text)))
    return sentences


def parse_document(text: str, is_date_line: object = None) -> Document:
    """Find the URL line, the header lines (short lines before the body) and sentences."""
    doc = Document(text=text)
    match = URL_LINE.match(text)
    if match:
        doc.url = match.group(1)
        doc.body_start = match.end()
    pos = doc.body_start
    for line in LINE.finditer(text, pos):
        if line.start() > pos + 4000 or len(doc.header_lines) >= 10:
            break
        stripped = line.group().strip()
        if not stripped:
            if line.end() >= len(text):
                break
            continue
        if len(stripped) > HEADER_MAX_LINE:
            break
        doc.header_lines.append((line.start(), line.end()))
        if line.end() >= len(text):
            break
    doc.sentences = _split_sentences(text, doc.body_start)
    doc._sentence_starts = [s for s, _ in doc.sentences]
    return doc
