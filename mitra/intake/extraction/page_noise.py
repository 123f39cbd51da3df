"""Page furniture of scraped news pages, blanked before the text is read.

Links to other articles ("Baca juga: ...", a "Berita Terkait" list of headlines), tags,
share buttons, bylines ("Editor:", "Pewarta:") and photo captions ("(Foto: ...)") name
organizations that have nothing to do with the reported event. They are replaced by spaces
of the same length (line breaks kept), so every offset still points into the caller's text.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# A line that is a link, a tag list, a share bar or a byline, from its first word.
NOISE_LINE_RE = re.compile(
    r"[ \t\-–—•*>|]*(?:"
    r"(?:baca|lihat|simak|tonton|cek)\s(?:juga|pula)(?!\w)"
    r"|(?:berita|artikel|tulisan|konten)\s(?:terkait|lainnya|terpopuler|populer|pilihan"
    r"|rekomendasi)(?!\w)"
    r"|(?:read\salso|see\salso|also\sread)(?!\w)"
    r"|(?:tags?|topik(?:\s(?:pilihan|terkait|populer|hangat|terkini))?|kata\skunci|foto|photo"
    r"|ilustrasi|caption)\s?:"
    # a byline, unless it carries the date ("Penulis: Tim Humas, 04/03/2024 10:15 WIB")
    r"|(?:editor|pewarta|reporter|penulis|fotografer|redaktur|penyunting)\s?:(?![^\n]*\d)"
    r")[^\n]*",
    _I,
)
# A share bar: short, "Bagikan", "Share" or "Bagikan artikel ini" and the networks.
SHARE_LINE_RE = re.compile(
    r"[ \t]*(?:bagikan|share)(?:\s(?:ke|to|this|artikel\sini|berita\sini))?(?:\s?:[^\n]{0,80}"
    r"|(?:\s(?:facebook|twitter|whatsapp|telegram|linkedin|line|email|x)(?!\w)){0,8})[ \t]*$",
    _I,
)
# The heading of a list of other headlines, alone on its line.
LIST_HEADING_RE = re.compile(
    r"[ \t]*(?:(?:berita|artikel)\s(?:terkait|lainnya|lain|terpopuler|populer|pilihan|terbaru"
    r"|rekomendasi)|terpopuler|terkini|populer|paling\sbanyak\sdibaca|most\spopular"
    r"|related(?:\s(?:news|articles))?|baca\sjuga|lihat\sjuga|simak\sjuga)[ \t]*:?[ \t]*$",
    _I,
)
# A photo caption in brackets inside a line: "(Foto: Humas Kemlu)", "(Dok. Pemkot)".
CAPTION_RE = re.compile(
    r"\((?:foto|photo|dok|dokumentasi|ilustrasi|sumber\sfoto)\s?[:.][^()\n]{0,200}\)", _I
)
# A date with its year, in a short line: the item's date line ends a list of headlines.
_DATE_LINE_RE = re.compile(
    r"^.{0,40}?(?<!\d)\d{1,2}(?:\s(?:Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Ags|Aug|Sep|Okt|Oct"
    r"|Nov|Des|Dec)[a-z]*\s|[/.-]\d{1,2}[/.-])(?:19|20)\d\d(?!\d).{0,40}$",
    _I,
)
# A headline of a list: short, and no sentence end.
_HEADLINE_MAX = 160
_LIST_MAX_LINES = 12


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def blank_page_noise(text: str, start: int = 0) -> str:
    """`text` with page furniture after `start` replaced by spaces (same length)."""
    chars: list[str] | None = None
    in_list = 0
    listed: tuple[int, int] | None = None  # the last line blanked as a listed headline
    for line in re.finditer(r"[^\n]*", text[start:]):
        if not line.group():
            continue
        begin, end = start + line.start(), start + line.end()
        content = line.group().strip()
        noise = False
        if not in_list:
            listed = None
        if in_list:
            if _DATE_LINE_RE.search(content):
                # "Terkini / Politik / ... / <headline> / Kamis, 12 Oktober 2023 15:48 WIB": a
                # menu read as a list; the date line and the headline before it are the item's
                in_list = 0
                if chars is not None and listed is not None:
                    chars[listed[0] : listed[1]] = text[listed[0] : listed[1]]
            elif content and len(content) <= _HEADLINE_MAX and content[-1] not in '.!?"”':
                noise = True
                in_list -= 1
                listed = (begin, end)
            else:
                in_list = 0
        if not noise and LIST_HEADING_RE.fullmatch(line.group()):
            noise, in_list = True, _LIST_MAX_LINES
        elif not noise and (
            NOISE_LINE_RE.match(line.group()) or SHARE_LINE_RE.fullmatch(line.group())
        ):
            noise = True
        if noise:
            chars = chars if chars is not None else list(text)
            _blank(chars, begin, end)
            continue
        for caption in CAPTION_RE.finditer(text, begin, end):
            chars = chars if chars is not None else list(text)
            _blank(chars, caption.start(), caption.end())
    return text if chars is None else "".join(chars)
