"""Hostile documents built in the test (issue 13 §1): PDFs with active content, polyglots,
a DOCX that inflates far beyond its size. Shared by the upload tests of agreements, permits,
monitoring and sanctions."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from .files import DOCX_CONTENT_TYPES, DOCX_DOCUMENT


def _pdf(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return _pdf(writer)


def pdf_with_javascript() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return SimpleUploadedFile("js.pdf", _pdf(writer), "application/pdf")


def pdf_with_attachment() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("payload.exe", b"MZ not really a program")
    return SimpleUploadedFile("attachment.pdf", _pdf(writer), "application/pdf")


def pdf_with_launch_action() -> SimpleUploadedFile:
    """An /OpenAction that launches a program (no /JavaScript anywhere)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return SimpleUploadedFile("launch.pdf", _pdf(writer), "application/pdf")


def pdf_with_escaped_javascript() -> SimpleUploadedFile:
    """The JavaScript names written with `#xx` escapes (`/J#61vaScript`), which a plain
    search for "/JavaScript" misses; the offsets no longer match, as in a damaged file."""
    data = pdf_with_javascript().read()
    data = data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    return SimpleUploadedFile("escaped.pdf", data, "application/pdf")


def truncated_pdf_with_javascript() -> SimpleUploadedFile:
    """A damaged PDF (no cross-reference table, no trailer) that still names JavaScript."""
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript "
    data += b"/JS (app.alert(1)) >> >> endobj\n"
    return SimpleUploadedFile("broken.pdf", data, "application/pdf")


def html_pdf_polyglot() -> SimpleUploadedFile:
    """A PDF whose first bytes also make an HTML page with a script."""
    data = clean_pdf_bytes()
    header, rest = data.split(b"\n", 1)
    polyglot = header + b"\n%<html><body><script>alert(1)</script></body></html>\n" + rest
    return SimpleUploadedFile("polyglot.pdf", polyglot, "application/pdf")


def pdf_after_other_bytes() -> SimpleUploadedFile:
    """Bytes before `%PDF-`: readers tolerate it, other programs see another type."""
    return SimpleUploadedFile("prefixed.pdf", b"GIF89a;\n" + clean_pdf_bytes(), "application/pdf")


def pdf_with_zip_appended() -> SimpleUploadedFile:
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("run.js", "alert(1)")
    return SimpleUploadedFile(
        "appended.pdf", clean_pdf_bytes() + payload.getvalue(), "application/pdf"
    )


def docx_bomb(megabytes: int = 200) -> SimpleUploadedFile:
    """A genuine-looking DOCX with a part that inflates to `megabytes` MB of zeros (written
    in 1 MB chunks: the test never holds it in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        z.writestr("word/document.xml", DOCX_DOCUMENT)
        chunk = b"\0" * (1024 * 1024)
        with z.open("word/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return SimpleUploadedFile("bomb.docx", buffer.getvalue(), "application/octet-stream")


def pdf_with_javascript_in_an_object_stream() -> SimpleUploadedFile:
    """PDF 1.5: the JavaScript action lives in a compressed object stream, located through a
    cross-reference stream. The raw bytes name no active content (only the walk over the
    objects that pypdf reads finds it)."""
    import struct
    import zlib

    hidden = b"<</S/JavaScript/JS(app.alert(1))>>"
    prefix = b"4 0 "
    packed = zlib.compress(prefix + hidden)
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    add(1, b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>")
    add(2, b"<</Type/Pages/Kids[3 0 R]/Count 1>>")
    add(3, b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>")
    add(
        5,
        b"<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>stream\n"
        % (len(prefix), len(packed))
        + packed
        + b"\nendstream",
    )
    offsets[6] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, 7):
        if number == 4:
            rows.append(struct.pack(">BIH", 2, 5, 0))  # in object stream 5, index 0
        else:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
    table = b"".join(rows)
    out.extend(
        b"6 0 obj\n<</Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/Length %d>>stream\n" % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    )
    return SimpleUploadedFile("objstm.pdf", bytes(out), "application/pdf")
