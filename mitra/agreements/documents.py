"""Checking uploaded documents (agreements, permits, monitoring, sanctions use `check_upload`).

- The type by content (magic bytes), never by the name: PDF, DOCX or ODT.
- The size by configuration (MITRA["DOCUMENT_MAX_BYTES"]).
- Zip-based types (DOCX, ODT): the zip directory is checked before anything is read from it:
  number of members, uncompressed size of each member and of all together, and the inflation
  ratio (MITRA["DOCUMENT_ZIP_*"]); `check_zip_directory` is shared with the imports.
- PDFs: refused when they carry active content (JavaScript, launch actions, embedded files,
  rich media, XFA forms, additional actions), found by walking the objects pypdf reads AND by a
  scan of the raw bytes (which also covers files pypdf cannot read); refused when they are
  polyglots (HTML or script in the first 1024 bytes, bytes before `%PDF-`, a zip appended).
"""

import hashlib
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mitra.core.exceptions import ApplicationError
from mitra.core.models import StoredDocument

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
ALLOWED = {PDF, DOCX, ODT}

# Defaults of the MITRA settings (config/settings/base.py says what each one is).
ZIP_DEFAULTS = {
    "DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES": 100 * 1024 * 1024,
    "DOCUMENT_ZIP_MAX_MEMBER_BYTES": 50 * 1024 * 1024,
    "DOCUMENT_ZIP_MAX_MEMBERS": 2000,
    "DOCUMENT_ZIP_MAX_RATIO": 100,
}
# Members smaller than this are never judged by their ratio: a tiny, very repetitive XML part
# compresses well and harms nobody.
RATIO_FLOOR_BYTES = 1024 * 1024
# What looks like HTML or script near the start of a PDF (a PDF/HTML polyglot).
POLYGLOT_MARKERS = (b"<html", b"<script", b"<!doctype", b"<svg", b"<body", b"<iframe")
POLYGLOT_WINDOW = 1024
# Names of active content in a PDF: as dictionary keys, or as the /S (action type) or /Type
# or /Subtype value of a dictionary.
ACTIVE_KEYS = {"/JavaScript", "/JS", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"}
ACTIVE_KEYS |= {"/XFA", "/Launch"}
ACTIVE_VALUES = {"/JavaScript", "/Launch", "/EmbeddedFile", "/FileAttachment", "/RichMedia"}
ACTIVE_VALUES |= {"/ImportData", "/Rendition", "/GoToE"}
# Any PDF name token (`#xx` escapes are decoded before comparing).
NAME_TOKEN = re.compile(rb"/([^\s/<>\[\]()%{}]{1,64})")
STREAM_START = re.compile(rb"\bstream\r?\n")
# Objects walked in one PDF before stopping (the byte scan still covers the whole file).
MAX_PDF_OBJECTS = 200_000


def _refusal(message: str) -> ApplicationError:
    """A refusal whose whole message is shown next to the file field (forms put `extra` there):
    a short "wrong file" would not tell the user what to do."""
    return ApplicationError(message, {"file": [message]})


def _setting(key: str) -> int:
    return int(settings.MITRA.get(key, ZIP_DEFAULTS[key]))


def check_zip_directory(
    archive: zipfile.ZipFile,
    *,
    max_uncompressed: int,
    max_member: int,
    max_members: int,
    max_ratio: int,
) -> int:
    """Judge a zip by its directory before reading any member: the number of members, each
    member's and the total uncompressed size, the inflation ratio of each large member and of
    the whole; encrypted members and unusual compression refused. Returns the total declared
    uncompressed size. The directory can lie: whoever then reads members must count the bytes
    it gets (Python's zipfile stops at the declared size and fails the CRC check)."""
    infos = archive.infolist()
    if len(infos) > max_members:
        raise _refusal(
            _("The file holds too many parts (%(n)s; at most %(max)s).")
            % {"n": len(infos), "max": max_members}
        )
    total = compressed = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refusal(_("The file is encrypted; upload it without a password."))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refusal(
                _("The file uses an unusual compression method; save it again and retry.")
            )
        if info.file_size > max_member:
            raise _refusal(
                _("A part of the file unpacks to more than %(size)s.")
                % {"size": filesizeformat(max_member)}
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max_ratio * max(
            info.compress_size, 1
        ):
            raise _ratio_error(max_ratio)
        total += info.file_size
        compressed += info.compress_size
    if total > max_uncompressed:
        raise _refusal(
            _("The file unpacks to more than %(size)s.")
            % {"size": filesizeformat(max_uncompressed)}
        )
    if total > RATIO_FLOOR_BYTES and total > max_ratio * max(compressed, 1):
        raise _ratio_error(max_ratio)
    return total


def _ratio_error(max_ratio: int) -> ApplicationError:
    return _refusal(
        _(
            "The file is compressed more than %(ratio)s times, as a zip bomb is; "
            "such files are refused."
        )
        % {"ratio": max_ratio}
    )


def _zip_kind(upload: UploadedFile) -> str | None:
    """DOCX and ODT are zip files; tell them apart by what is inside, not by the name. The
    directory is checked first (sizes, ratio), and the only member read is the small
    `mimetype` of an ODT."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            check_zip_directory(
                archive,
                max_uncompressed=_setting("DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES"),
                max_member=_setting("DOCUMENT_ZIP_MAX_MEMBER_BYTES"),
                max_members=_setting("DOCUMENT_ZIP_MAX_MEMBERS"),
                max_ratio=_setting("DOCUMENT_ZIP_MAX_RATIO"),
            )
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size <= 200  # never read a large part
                and archive.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _refuse_active(what: str) -> ApplicationError:
    return _refusal(
        _(
            "This PDF carries active content (%(what)s), which is refused. Print it to a new "
            "PDF (or export it without scripts, forms or attachments) and upload that."
        )
        % {"what": what}
    )


def _refuse_polyglot() -> ApplicationError:
    return _refusal(
        _(
            "This file is not a plain PDF: it also holds another kind of content (HTML, "
            "script or an archive), which is refused. Save it again as PDF and upload that."
        )
    )


def _decoded_name(raw: bytes) -> str:
    return "/" + re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), raw).decode(
        "latin-1"
    )


def _outside_streams(data: bytes) -> bytes:
    """The bytes between streams: stream contents are compressed bytes (or page text), where a
    name is chance. One pass (no regex backtracking over a hostile file); an unterminated
    stream runs to the end."""
    parts = []
    position = 0
    while (start := STREAM_START.search(data, position)) is not None:
        parts.append(data[position : start.start()])
        end = data.find(b"endstream", start.end())
        if end == -1:
            return b" ".join(parts)
        position = end + len(b"endstream")
    parts.append(data[position:])
    return b" ".join(parts)


def pdf_active_content_in_bytes(data: bytes) -> str | None:
    """The first name of active content in the raw bytes, or None. Catches what pypdf cannot
    read (malformed files) and hex-escaped names (`/J#61vaScript`); misses names inside
    compressed object streams, which the pypdf walk sees."""
    for match in NAME_TOKEN.finditer(_outside_streams(data)):
        name = _decoded_name(match[1])
        if name in ACTIVE_KEYS or name in ACTIVE_VALUES:
            return name
    return None


def pdf_active_content_in_objects(upload: IO[bytes]) -> str | None:
    """The first name of active content found by walking every object reachable from the
    trailer (catalog, names tree, pages, annotations, forms), or None. Raises on a file pypdf
    cannot read at all."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(upload, strict=False)
    stack: list[Any] = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack and visited < MAX_PDF_OBJECTS:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    return str(name)
                if name in ("/S", "/Type", "/Subtype") and str(value) in ACTIVE_VALUES:
                    return str(value)
                if name != "/Parent":  # the page tree's back links add nothing new
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _check_pdf(upload: UploadedFile, head: bytes) -> None:
    lowered = head[:POLYGLOT_WINDOW].lower()
    if any(marker in lowered for marker in POLYGLOT_MARKERS):
        raise _refuse_polyglot()
    upload.seek(0)
    if zipfile.is_zipfile(upload):  # a zip appended to the PDF
        raise _refuse_polyglot()
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    found = pdf_active_content_in_bytes(data)
    if found is None:
        try:
            found = pdf_active_content_in_objects(upload)
        except Exception:  # noqa: BLE001 - pypdf cannot read it: the byte scan has judged it
            found = None
        finally:
            upload.seek(0)
    if found is not None:
        raise _refuse_active(found.lstrip("/"))


def check_upload(upload: UploadedFile) -> str:
    """Return the content type judged from the bytes, or raise ApplicationError."""
    limit = settings.MITRA["DOCUMENT_MAX_BYTES"]
    if (upload.size or 0) > limit:
        raise ApplicationError(
            _("The file is larger than the limit of %(size)s.") % {"size": filesizeformat(limit)},
            {"file": [_("File too large.")]},
        )
    if not upload.size:
        raise ApplicationError(_("The file is empty."), {"file": [_("Empty file.")]})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if b"%PDF-" in head[:POLYGLOT_WINDOW] and not head.startswith(b"%PDF-"):
        raise _refuse_polyglot()  # bytes before the header: readers tolerate it, we do not
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == PDF and head.startswith(b"%PDF-"):
        _check_pdf(upload, head)
        return PDF
    if mime in ("application/zip", DOCX, ODT) or head.startswith(b"PK\x03\x04"):
        zipped = _zip_kind(upload)
        if zipped:
            return zipped
    raise ApplicationError(
        _("Only PDF, DOCX and ODT documents are accepted (judged by the file's content)."),
        {"file": [_("Wrong file type.")]},
    )


def safe_name(name: str) -> str:
    """A storage-safe file name: letters, digits, dot, dash, underscore."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.rsplit("/", 1)[-1])[:120]
    return base or "document"


# --- keeping a document (issue 18 §2: the one copy every app's upload service uses) ---------


@dataclass(frozen=True)
class CheckedUpload:
    """An upload judged before anything is written: its type by content, its SHA-256."""

    upload: UploadedFile
    content_type: str
    sha256: str


def checked_upload(upload: UploadedFile) -> CheckedUpload:
    """Judge an upload (`check_upload`: size, type by content, active content) and hash it;
    raises ApplicationError, with nothing written, for a file that is refused."""
    content_type = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload, content_type, digest.hexdigest())


def store_upload[D: StoredDocument](
    record: D, checked: CheckedUpload, *, fallback: str = "document"
) -> D:
    """Fill a document record's file fields from a checked upload (the name it was sent with,
    `fallback` without one), store the file under a safe name and save the record. Call it in
    the service's transaction, after its rules passed."""
    name = checked.upload.name or fallback
    record.original_name = name[:255]
    record.content_type = checked.content_type
    record.size = checked.upload.size or 0
    record.sha256 = checked.sha256
    record.file.save(safe_name(name), checked.upload, save=False)
    record.save()
    return record
