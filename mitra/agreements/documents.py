"""Checking uploaded documents: the type by content (magic bytes), the size by configuration."""

import re
import zipfile

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mitra.core.exceptions import ApplicationError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
ALLOWED = {PDF, DOCX, ODT}


def _zip_kind(upload: UploadedFile) -> str | None:
    """DOCX and ODT are zip files; tell them apart by what is inside, not by the name."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


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
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == PDF and head.startswith(b"%PDF-"):
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
