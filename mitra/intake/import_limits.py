"""Hard limits for reading an import file in the task worker (issue 13 §1, docs/intake.md).

An XLSX is a zip of XML parts. Before openpyxl sees it:
1. the zip directory is judged (`agreements.documents.check_zip_directory`: number of parts,
   unpacked size of each and of all, inflation ratio; the shared-strings part on its own);
2. every part is unpacked once, its bytes COUNTED while reading (the directory can lie), and
   every XML part is parsed by defusedxml with DTDs, entities and external references
   forbidden, counting rows (blank ones too, and the gaps a row number jumps over), cells,
   columns that hold a value and the length of each value, within a time budget.
Only then openpyxl reads the first sheet (read-only, dimensions ignored, at most
IMPORT_MAX_COLUMNS wide) and `bounded_rows` counts again what comes out. CSV goes through
`bounded_rows` only. Every limit passed raises ImportFileError with a message for the user.
"""

import io
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from defusedxml.ElementTree import iterparse as safe_iterparse
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mitra.agreements.documents import check_zip_directory
from mitra.core.exceptions import ApplicationError

DEFAULTS = {
    "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    "IMPORT_MAX_UNCOMPRESSED_BYTES": 60 * 1024 * 1024,
    "IMPORT_MAX_MEMBER_BYTES": 40 * 1024 * 1024,
    "IMPORT_MAX_MEMBERS": 200,
    "IMPORT_MAX_RATIO": 150,
    "IMPORT_MAX_SHARED_STRINGS_BYTES": 10 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 5000,
    "IMPORT_MAX_COLUMNS": 100,
    "IMPORT_MAX_CELLS": 300_000,
    "IMPORT_MAX_CELL_CHARS": 10_000,
    "IMPORT_MAX_SECONDS": 120,
}
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CONTENT_TYPES = "[Content_Types].xml"
CHUNK = 64 * 1024

Progress = Callable[..., None]


class ImportFileError(ApplicationError):
    """The file as a whole is refused (type, size, structure, a limit)."""


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int
    max_uncompressed: int
    max_member: int
    max_members: int
    max_ratio: int
    max_shared_strings: int
    max_rows: int
    max_columns: int
    max_cells: int
    max_cell_chars: int
    max_seconds: float

    @classmethod
    def from_settings(cls) -> "ImportLimits":
        mitra = {**DEFAULTS, **getattr(settings, "MITRA", {})}
        return cls(
            max_bytes=int(mitra["IMPORT_MAX_BYTES"]),
            max_uncompressed=int(mitra["IMPORT_MAX_UNCOMPRESSED_BYTES"]),
            max_member=int(mitra["IMPORT_MAX_MEMBER_BYTES"]),
            max_members=int(mitra["IMPORT_MAX_MEMBERS"]),
            max_ratio=int(mitra["IMPORT_MAX_RATIO"]),
            max_shared_strings=int(mitra["IMPORT_MAX_SHARED_STRINGS_BYTES"]),
            max_rows=int(mitra["IMPORT_MAX_ROWS"]),
            max_columns=int(mitra["IMPORT_MAX_COLUMNS"]),
            max_cells=int(mitra["IMPORT_MAX_CELLS"]),
            max_cell_chars=int(mitra["IMPORT_MAX_CELL_CHARS"]),
            max_seconds=float(mitra["IMPORT_MAX_SECONDS"]),
        )


# --- the errors, one per limit --------------------------------------------------------------


def malformed() -> ImportFileError:
    return ImportFileError(
        _("The XLSX file is damaged or not a workbook; open it and save it again."),
        {"file": [_("Damaged file.")]},
    )


def too_many_rows(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(n)s rows after the header (blank rows count too); "
            "delete the unused rows or split the file."
        )
        % {"n": limits.max_rows},
        {"file": [_("Too many rows.")]},
    )


def too_many_cells(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(n)s cells; split it into smaller files.")
        % {"n": limits.max_cells},
        {"file": [_("Too many cells.")]},
    )


def too_many_columns(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("A row has values in more than %(n)s columns.") % {"n": limits.max_columns},
        {"file": [_("Too many columns.")]},
    )


def cell_too_long(limits: ImportLimits, row: int | None = None) -> ImportFileError:
    if row is None:
        message = _("A cell holds more than %(n)s characters.") % {"n": limits.max_cell_chars}
    else:
        message = _("Row %(row)s has a cell of more than %(n)s characters.") % {
            "row": row,
            "n": limits.max_cell_chars,
        }
    return ImportFileError(message, {"file": [_("Cell too long.")]})


def too_slow(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("Reading the file took longer than %(s)s seconds; split it into smaller files.")
        % {"s": int(limits.max_seconds)},
        {"file": [_("The file takes too long to read.")]},
    )


def unpacks_too_much(limit: int) -> ImportFileError:
    return ImportFileError(
        _("The file unpacks to more than %(size)s.") % {"size": filesizeformat(limit)},
        {"file": [_("The file unpacks to too much data.")]},
    )


def forbidden_xml() -> ImportFileError:
    return ImportFileError(
        _(
            "The file contains XML declarations that are refused (a DTD, entities or "
            "references to other files). Save it again from a spreadsheet program."
        ),
        {"file": [_("Refused XML content.")]},
    )


# --- the budget: time, rows, cells ---------------------------------------------------------


class Budget:
    """What reading one file may still spend: seconds (one clock for the whole reading)."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise too_slow(self.limits)


def bounded_rows(
    rows: Iterable[Sequence[Any]],
    *,
    limits: ImportLimits,
    budget: Budget,
    progress: Progress | None = None,
    total: int = 0,
) -> Iterator[list[Any]]:
    """The data rows, counted as they come: every row (blank too) against IMPORT_MAX_ROWS,
    every cell against IMPORT_MAX_CELLS, each value's length, the columns holding a value,
    and the time. Row numbers in messages are the spreadsheet's (the header is row 1)."""
    cells = 0
    for index, values in enumerate(rows, start=1):
        if index > limits.max_rows:
            raise too_many_rows(limits)
        cells += len(values)
        if cells > limits.max_cells:
            raise too_many_cells(limits)
        for position, value in enumerate(values):
            if value is None or value == "":
                continue
            if position >= limits.max_columns:
                raise too_many_columns(limits)
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise cell_too_long(limits, index + 1)
        if index % 64 == 0:
            budget.check_time()
        if progress is not None:
            progress(index, total=total or None, stage="reading")
        yield list(values)


def check_header(header: Sequence[Any], limits: ImportLimits) -> None:
    if len([h for h in header if h not in (None, "")]) > limits.max_columns:
        raise too_many_columns(limits)
    if any(isinstance(h, str) and len(h) > limits.max_cell_chars for h in header):
        raise cell_too_long(limits, 1)


# --- XLSX: the zip and its XML, before openpyxl ----------------------------------------------


class _Counter:
    """A member being unpacked: counts the bytes really produced (not what the directory
    says) against the per-member and the total limits, and watches the clock."""

    def __init__(self, stream: Any, *, limit: int, state: "_State") -> None:
        self.stream, self.limit, self.state, self.count = stream, limit, state, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(CHUNK if size is None or size < 0 else min(size, CHUNK))
        self.count += len(chunk)
        self.state.total += len(chunk)
        if self.count > self.limit:
            raise unpacks_too_much(self.limit)
        if self.state.total > self.state.limits.max_uncompressed:
            raise unpacks_too_much(self.state.limits.max_uncompressed)
        self.state.budget.check_time()
        return chunk

    def read_all(self) -> bytes:
        parts = []
        while chunk := self.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)


@dataclass
class _State:
    limits: ImportLimits
    budget: Budget
    total: int = 0
    cells: int = 0


@dataclass
class XlsxFacts:
    """What the inspection counted: rows per worksheet part (blank rows and gaps included)."""

    rows: dict[str, int]


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _column_index(reference: str) -> int:
    letters = reference.rstrip("0123456789").upper()
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        raise malformed()
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - 64)
    return index


def _row_number(value: str | None, previous: int) -> int:
    if value is None:
        return previous + 1
    if not value.isdigit() or len(value) > 9:
        raise malformed()
    return int(value)


def _content_types(archive: zipfile.ZipFile, state: _State) -> dict[str, str]:
    """PartName (without the leading slash) → content type, from [Content_Types].xml."""
    if CONTENT_TYPES not in archive.namelist():
        raise malformed()
    with archive.open(CONTENT_TYPES) as stream:
        data = _Counter(stream, limit=1024 * 1024, state=state).read_all()
    root = safe_fromstring(data, forbid_dtd=True)
    return {
        (node.get("PartName") or "").lstrip("/"): node.get("ContentType") or ""
        for node in root
        if _local(node.tag) == "Override"
    }


def _scan_sheet(source: _Counter, state: _State) -> int:
    """Stream one worksheet through defusedxml; returns its row count (gaps included)."""
    limits = state.limits
    stack: list[Any] = []
    row = column = 0
    for event, element in safe_iterparse(source, events=("start", "end"), forbid_dtd=True):
        tag = _local(element.tag)
        if event == "start":
            stack.append(element)
            if tag == "row":
                row = _row_number(element.get("r"), row)
                column = 0
                if row > limits.max_rows + 1:  # the header is row 1
                    raise too_many_rows(limits)
            elif tag == "c":
                state.cells += 1
                if state.cells > limits.max_cells:
                    raise too_many_cells(limits)
                reference = element.get("r")
                column = _column_index(reference) if reference else column + 1
            continue
        if tag in ("v", "t") and element.text:
            if len(element.text) > limits.max_cell_chars:
                raise cell_too_long(limits, row or None)
            if column > limits.max_columns:
                raise too_many_columns(limits)
        stack.pop()
        if stack and len(stack[-1]) and stack[-1][-1] is element:
            del stack[-1][-1]  # keep memory flat: nothing read stays in the tree
    return row


def _scan_strings(source: _Counter, state: _State) -> None:
    """The shared strings: each string (all its runs) within the cell length."""
    limits = state.limits
    stack: list[Any] = []
    length = 0
    for event, element in safe_iterparse(source, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            continue
        tag = _local(element.tag)
        if tag == "t" and element.text:
            length += len(element.text)
        elif tag == "si":
            if length > limits.max_cell_chars:
                raise cell_too_long(limits)
            length = 0
        stack.pop()
        if stack and len(stack[-1]) and stack[-1][-1] is element:
            del stack[-1][-1]


def _scan_xml(source: _Counter, state: _State) -> None:
    stack: list[Any] = []
    for event, element in safe_iterparse(source, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            continue
        stack.pop()
        if stack and len(stack[-1]) and stack[-1][-1] is element:
            del stack[-1][-1]


def inspect_xlsx(data: bytes, *, limits: ImportLimits, budget: Budget) -> XlsxFacts:
    """Judge an XLSX before openpyxl reads it (see the module's docstring)."""
    state = _State(limits=limits, budget=budget)
    rows: dict[str, int] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_directory(
                archive,
                max_uncompressed=limits.max_uncompressed,
                max_member=limits.max_member,
                max_members=limits.max_members,
                max_ratio=limits.max_ratio,
            )
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                raise ImportFileError(
                    _(
                        "Only CSV (UTF-8 text) and XLSX files are accepted (judged by the file's "
                        "content)."
                    ),
                    {"file": [_("Wrong file type.")]},
                )
            types = _content_types(archive, state)
            strings = {n for n, t in types.items() if t == STRINGS_TYPE}
            strings |= {n for n in names if n.lower().endswith("sharedstrings.xml")}
            sheets = {n for n, t in types.items() if t == SHEET_TYPE}
            sheets |= {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
            for info in archive.infolist():
                name = info.filename
                if name == CONTENT_TYPES or info.is_dir():
                    continue
                limit = limits.max_member
                if name in strings:
                    limit = min(limit, limits.max_shared_strings)
                    if info.file_size > limit:
                        raise ImportFileError(
                            _("The file's text table unpacks to more than %(size)s.")
                            % {"size": filesizeformat(limit)},
                            {"file": [_("The file unpacks to too much data.")]},
                        )
                with archive.open(info) as stream:
                    source = _Counter(stream, limit=limit, state=state)
                    if name in sheets:
                        rows[name] = _scan_sheet(source, state)
                    elif name in strings:
                        _scan_strings(source, state)
                    elif name.endswith((".xml", ".rels")):
                        _scan_xml(source, state)
                    else:
                        while source.read(CHUNK):
                            pass
    except ImportFileError:
        raise
    except ApplicationError as error:  # the zip directory's checks (shared with documents)
        raise ImportFileError(error.message, error.extra) from error
    except DefusedXmlException as exc:
        raise forbidden_xml() from exc
    except (zipfile.BadZipFile, zlib.error, ParseError, EOFError, OSError, ValueError) as exc:
        raise malformed() from exc
    if not rows:
        raise malformed()
    return XlsxFacts(rows=rows)
