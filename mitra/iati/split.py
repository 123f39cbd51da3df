"""Each top-level activity's bytes and line, found in a UTF-8 IATI file without parsing it
(ADR 0025): the import in scope "indonesia" parses only the activities whose bytes may concern
Indonesia (`parse.iter_activities`), which are a few percent of what publishers file.

The splitter follows only the plain layout IATI files have: a prolog and the root's start tag,
then activities separated by whitespace, then the root's end tag. Anything else (a comment,
CDATA or a processing instruction after the prolog, another element or text between
activities, a nested or empty activity element, a file not in UTF-8, a file ending early)
raises `SplitGaveUp`, and the caller reads the file with the parser instead, from its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .rawbytes import CappedReader, declares_utf8

# 256 kB: a larger chunk reads no faster and raises the import's peak (1 MB: ~4.8 MB against
# ~2.5 MB; issue 17 asks under a tenth of iatikit's ~43 MB).
CHUNK_BYTES = 256 * 1024
# The largest shipped activity is ~230 kB. A bigger one is left to the streaming parser, which
# holds one tree and refuses huge text nodes, rather than held here in bytes twice over.
ACTIVITY_BYTES_MAX = 16 * 1024 * 1024
_START = b"<iati-activity"
_END = b"</iati-activity"
_AFTER_NAME = frozenset(b" \t\r\n/>")
_CLOSE = re.compile(rb"</iati-activity\s*>")
_ROOT_START = re.compile(rb"<iati-activities[\s>]")
_ROOT_END = re.compile(rb"\s*</iati-activities\s*>\s*")
_OTHER_DECLARATION = re.compile(rb"<!(?!--)")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def _blank(data: bytes | bytearray) -> bool:
    """Only XML's whitespace (space, tab, CR, LF): `bytes.strip` would also pass the form feed
    and vertical tab, which XML forbids."""
    return not data.translate(None, b" \t\r\n")


class SplitGaveUp(Exception):
    """The file holds something the splitter does not follow."""


class ActivitySplitter:
    """`head()` first (the bytes before the first activity), then iterate: (line, bytes) of
    each top-level activity, in order. Memory: one chunk and the activity being cut."""

    def __init__(self, reader: CappedReader) -> None:
        self.reader = reader
        reader.buffer = None  # the reader keeps nothing: this class holds the bytes itself
        self.buf = bytearray()
        self.line = 1  # the line the buffer starts on
        self.eof = False

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.reader.read(CHUNK_BYTES)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _drop(self, end: int) -> None:
        self.line += self.buf.count(b"\n", 0, end)
        del self.buf[:end]

    def _next_start(self) -> int:
        """Where the next `<iati-activity` start tag begins (-1: none in the file)."""
        at = 0
        while True:
            start = self.buf.find(_START, at)
            while (
                start != -1
                and start + 14 < len(self.buf)
                and self.buf[start + 14] not in _AFTER_NAME
            ):
                start = self.buf.find(_START, start + 1)  # e.g. <iati-activities
            if start != -1 and start + 14 < len(self.buf):
                return start
            # none yet (a tag may be cut by the chunk's end), or its next byte is not read yet
            at = start if start != -1 else max(0, len(self.buf) - 13)
            if len(self.buf) > 2 * CHUNK_BYTES:  # megabytes without an activity
                if not _blank(self.buf[:at]):
                    raise SplitGaveUp  # text or markup: the parser's business
                self._drop(at)  # only whitespace: kept no longer
                at = 0
            if not self._more():
                return -1

    def head(self) -> bytes:
        """The prolog and the root's start tag: everything before the first activity."""
        start = self._next_start()
        head = bytes(self.buf[:start]) if start != -1 else b""
        if start == -1 or not declares_utf8(head):
            raise SplitGaveUp
        if _OTHER_DECLARATION.search(head):
            raise SplitGaveUp  # not a comment: the parser's business (a DTD is refused anyway)
        self._drop(start)
        return head

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        while True:
            start = self._next_start()
            if start == -1:
                self._finish()
                return
            if not _blank(self.buf[:start]):
                raise SplitGaveUp  # something other than whitespace between two activities
            self._drop(start)
            end = self._activity_end()
            if end > ACTIVITY_BYTES_MAX:
                raise SplitGaveUp  # an activity this big: the parser's business
            with memoryview(self.buf) as view:  # one copy (a bytearray slice would be a second)
                raw = bytes(view[:end])
            if _unusual(raw):
                raise SplitGaveUp  # a comment, CDATA, a PI, or a nested/empty activity
            yield self.line, raw
            self._drop(end)

    def _activity_end(self) -> int:
        at = 0
        while True:
            close = self.buf.find(_END, at)
            if close != -1:
                closed = _CLOSE.match(self.buf, close)
                if closed is not None:
                    return closed.end()
                if len(self.buf) - close > 64:
                    raise SplitGaveUp  # not an end tag the splitter knows
                at = close
            else:
                at = max(0, len(self.buf) - 16)
            if len(self.buf) > ACTIVITY_BYTES_MAX:
                raise SplitGaveUp  # an activity this big: the parser's business
            if not self._more():
                raise SplitGaveUp  # the file ends inside an activity

    def _finish(self) -> None:
        while True:
            tail = self.buf.strip(b" \t\r\n")
            if len(tail) > 64:
                raise SplitGaveUp  # what follows the last activity is more than the root's end
            self.buf = bytearray(tail)
            if not self._more():
                break
        if _ROOT_END.fullmatch(self.buf) is None:
            raise SplitGaveUp


def _unusual(raw: bytes) -> bool:
    """Markup the splitter does not follow inside an activity. "!" and "?" are rare in IATI
    files (but for URLs' queries) and cheap to look for; "<!" and "<?" are searched only then."""
    return (
        (raw.find(b"!") != -1 and b"<!" in raw)
        or (raw.find(b"?") != -1 and b"<?" in raw)
        or raw.find(_START, 1) != -1
    )


def root_start_tag(head: bytes) -> bytes:
    """The root element's start tag, the last markup in `head` but comments (after the prolog's
    declaration and processing instructions); SplitGaveUp otherwise."""
    markup = _COMMENT.sub(b"", head)
    tag = markup[markup.rfind(b"<") :].rstrip()
    if not _ROOT_START.match(tag) or not tag.endswith(b">") or tag.endswith(b"/>"):
        raise SplitGaveUp
    return tag
