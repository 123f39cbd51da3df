"""The bytes of an IATI file as the parser reads them (`parse.iter_activities`): the reader
that refuses a DTD and more than the size cap, and each activity's bytes as published, cut out
of what the parser has read (`Slicer`; re-serialising every element cost a third of a parse).
"""

from __future__ import annotations

import re
from typing import IO

PROLOG_SCAN_BYTES = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class HostileXML(ValueError):
    """The file is refused as a whole (the message says why)."""


class CappedReader:
    """A read()-able wrapper that refuses a DTD in the prolog and more than `max_bytes`; it
    keeps the bytes read since the last activity cut out (`buffer`) for the `Slicer`."""

    def __init__(self, raw: IO[bytes], max_bytes: int) -> None:
        self.raw = raw
        self.max_bytes = max_bytes
        self.count = 0
        self.head = b""
        self.prolog_done = False
        self.buffer: bytearray | None = bytearray()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size if size and size > 0 else 65536)
        self.count += len(chunk)
        if self.count > self.max_bytes:
            raise HostileXML(
                f"The file is larger than the limit of {self.max_bytes // (1024 * 1024)} MB."
            )
        if not self.prolog_done and chunk:
            self.head = (self.head + chunk)[: PROLOG_SCAN_BYTES + len(chunk)]
            _check_prolog(self.head)
            if _root_started(self.head) or len(self.head) > PROLOG_SCAN_BYTES:
                if not _root_started(self.head):
                    raise HostileXML("No root element in the first megabyte of the file.")
                self.prolog_done = True
        if self.buffer is not None:
            self.buffer += chunk
        return chunk


def _root_started(head: bytes) -> bool:
    return re.search(rb"<[A-Za-z_]", head) is not None


def _check_prolog(head: bytes) -> None:
    start = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: start.start()] if start else head
    if _DOCTYPE.search(prolog):
        raise HostileXML(
            "The file declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); IATI files have none, "
            "and such files are refused."
        )


# Raw bytes of each activity ------------------------------------------------------------------

_CLOSE = re.compile(rb"</iati-activity\s*>")
_AFTER_NAME = frozenset(b" \t\r\n/>")  # what may follow a tag's name
_DECLARATION = re.compile(rb"<[!?]")
# What can hide or fake a tag: comments, CDATA, processing instructions, other declarations.
_MARK = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!|<(/?)iati-activity(?=[\s/>])", re.DOTALL
)
_TAG_END = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_UTF8 = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}


def declares_utf8(head: bytes) -> bool:
    """Whether the file is UTF-8 (or ASCII), so its bytes can be stored as they are."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head[:1] != b"<" and not head[:1].isspace():
        return False  # UTF-16/32 (a byte-order mark or NUL bytes) or not XML at all
    declared = _ENCODING.match(head)
    return declared is None or declared.group(1).lower() in _UTF8


class Slicer:
    """Finds the bytes of each top-level activity in what the parser has read, in order.

    The parser reports an activity's end only once it has read its end tag, so the bytes are in
    the reader's buffer, which starts where the previous activity ended. When no other element
    stands between the two (the parsed element has no previous sibling left), the first
    `<iati-activity` start tag there is this activity's: in well-formed XML a `<` outside
    comments, CDATA and processing instructions always starts markup. The common case needs a
    few searches; a region with a comment, CDATA, a processing instruction or a nested/empty
    activity element is scanned token by token. Anything else (a file not in UTF-8, another
    element between activities, a nested activity) makes the slicer give up for the rest of
    the file, and the caller serialises the elements instead."""

    def __init__(self, reader: CappedReader) -> None:
        self.reader = reader
        self.ok = True
        self.checked = False
        self.clean = False

    def take(self, alone: bool) -> bytes | None:
        """The next activity's bytes; `alone`: nothing stands between it and the previous one."""
        buf = self.reader.buffer
        if not self.ok or buf is None:
            return None
        if not self.checked:
            self.checked = True
            if not declares_utf8(self.reader.head):
                self.give_up()
                return None
        found = self._fast(buf) if alone else None
        # clean: no comment, CDATA or processing instruction in the bytes up to the activity's end
        self.clean = found is not None
        if found is None and alone:
            found = self._scan(buf)
        if found is None:
            self.give_up()
            return None
        start, end = found
        with memoryview(buf) as view:  # one copy (a slice of the bytearray would be a second)
            raw = bytes(view[start:end])
        del buf[:end]
        return raw

    def give_up(self) -> None:
        self.ok = False
        self.reader.buffer = None

    @staticmethod
    def _fast(buf: bytearray) -> tuple[int, int] | None:
        # bytes.find over long needles (and over "!" and "?", rare in IATI files) instead of
        # regular expressions: these run over every byte of the file (5 passes took ~0.2 s
        # per 100 MB, as much as a fifth of a bare parse).
        start = buf.find(b"<iati-activity")
        while start != -1 and (start + 14 >= len(buf) or buf[start + 14] not in _AFTER_NAME):
            start = buf.find(b"<iati-activity", start + 1)  # e.g. <iati-activities
        if start == -1:
            return None
        end = buf.find(b"</iati-activity>", start)
        if end != -1:
            end += 16
        else:  # whitespace before the ">"
            close = buf.find(b"</iati-activity", start)
            closed = _CLOSE.match(buf, close) if close != -1 else None
            if closed is None:
                return None
            end = closed.end()
        if (buf.find(b"!", 0, end) != -1 or buf.find(b"?", 0, end) != -1) and _DECLARATION.search(
            buf, 0, end
        ):
            return None  # a comment, CDATA or processing instruction: scanned token by token
        if buf.find(b"<iati-activity", start + 1, end) != -1:
            return None  # an empty <iati-activity/> before (or a nested activity): scanned
        return start, end

    @staticmethod
    def _scan(buf: bytearray) -> tuple[int, int] | None:
        depth = 0
        start = 0
        for mark in _MARK.finditer(buf):
            slash = mark.group(1)
            if slash is None:
                if mark.group(0) == b"<!":
                    return None  # a declaration the slicer does not know
                continue
            if slash:
                depth -= 1
                if depth < 0:
                    return None
                if depth == 0:
                    closed = _CLOSE.match(buf, mark.start())
                    return (start, closed.end()) if closed else None
                continue
            tag_end = _TAG_END.match(buf, mark.end())
            if tag_end is None:
                return None
            if depth == 0:
                start = mark.start()
            if buf[tag_end.end() - 2] == ord("/"):
                if depth == 0:
                    return start, tag_end.end()
            else:
                depth += 1
        return None
