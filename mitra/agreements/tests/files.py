"""Tiny but genuine PDF, DOCX and ODT files built in memory, and impostors."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from .factories import PDF_BYTES

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCX_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Nota Kesepahaman</w:t></w:r></w:p></w:body></w:document>"
)
ODT = "application/vnd.oasis.opendocument.text"
# A 1×1 PNG.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def pdf(name: str = "text.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def docx(name: str = "text.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCX_DOCUMENT)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def odt(name: str = "text.odt") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The ODF rule: `mimetype` first and stored uncompressed.
        archive.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def png_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", PNG_BYTES, content_type="application/pdf")


def text_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.pdf", b"just some text\n" * 10, content_type="application/pdf")


def zip_named_docx() -> SimpleUploadedFile:
    """A zip file that is neither DOCX nor ODT."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return SimpleUploadedFile("text.docx", buffer.getvalue())
