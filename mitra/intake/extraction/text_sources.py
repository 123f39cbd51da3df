"""Plain text from the formats press items arrive in: HTML, PDF (pypdf), DOCX (python-docx)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

_DROP_BLOCKS_RE = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BLOCK_TAGS_RE = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|h[1-6]|tr|section|article|header)\b[^>]*>", re.I
)
_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


def text_from_html(markup: str) -> str:
    """Visible text, one block element per line."""
    markup = _DROP_BLOCKS_RE.sub(" ", markup)
    markup = _BLOCK_TAGS_RE.sub("\n", markup)
    markup = _TAG_RE.sub(" ", markup)
    text = html.unescape(markup)
    text = _SPACES_RE.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES_RE.sub("\n", "\n".join(lines)).strip()


def text_from_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages).strip()


def text_from_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs).strip()


def text_from_file(path: str | Path) -> str:
    """Text of a .txt/.html/.pdf/.docx file (by extension; unknown types read as UTF-8)."""
    path = Path(path)
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix == ".pdf":
        return text_from_pdf(data)
    if suffix == ".docx":
        return text_from_docx(data)
    decoded = data.decode("utf-8", errors="replace")
    if suffix in (".html", ".htm"):
        return text_from_html(decoded)
    return decoded
