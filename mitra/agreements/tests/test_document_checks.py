"""documents.check_upload against hostile files (issue 13 §1): zip bombs, PDFs with active
content, polyglots. Each refusal has its clear message; genuine files still pass. The four
upload paths (agreements, permits, monitoring, sanctions) each have an end-to-end test that the
file is refused and nothing is stored (test_hostile_uploads.py in each app)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mitra.agreements import documents
from mitra.agreements.models import AgreementDocument
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.world import build_world

from . import files, hostile


def refused(upload) -> str:
    with pytest.raises(ApplicationError) as caught:
        documents.check_upload(upload)
    return caught.value.message


def test_genuine_documents_still_pass():
    assert documents.check_upload(files.pdf()) == documents.PDF
    assert documents.check_upload(files.docx()) == documents.DOCX
    assert documents.check_upload(files.odt()) == documents.ODT
    clean = SimpleUploadedFile("clean.pdf", hostile.clean_pdf_bytes(), "application/pdf")
    assert documents.check_upload(clean) == documents.PDF


def test_docx_that_inflates_to_200_mb_is_refused():
    bomb = hostile.docx_bomb(200)
    assert bomb.size < 300 * 1024  # about 204 KB, as in the issue
    assert "unpacks to more than" in refused(bomb)


def test_docx_with_a_suspicious_ratio_is_refused_below_the_size_limits():
    bomb = hostile.docx_bomb(20)  # 20 MB of zeros: under every size limit, ratio ≈ 1000
    assert "compressed more than 100 times" in refused(bomb)


def test_zip_limits_come_from_the_settings(settings):
    settings.MITRA = {**settings.MITRA, "DOCUMENT_ZIP_MAX_MEMBERS": 1}
    assert "too many parts" in refused(files.docx())
    settings.MITRA = {
        **settings.MITRA,
        "DOCUMENT_ZIP_MAX_MEMBERS": 10,
        "DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES": 100,
    }
    assert "unpacks to more than 100" in refused(files.docx())


def test_encrypted_zip_member_is_refused():
    data = bytearray(files.docx().read())
    # Set the "encrypted" flag of every member in the central directory.
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        data[offset + 8] |= 0x1
        offset = data.find(b"PK\x01\x02", offset + 4)
    upload = SimpleUploadedFile("locked.docx", bytes(data), "application/octet-stream")
    assert "encrypted" in refused(upload)


@pytest.mark.parametrize(
    ("build", "what"),
    [
        (hostile.pdf_with_javascript, "JavaScript"),
        (hostile.pdf_with_attachment, "EmbeddedFile"),
        (hostile.pdf_with_launch_action, "Launch"),
        (hostile.pdf_with_escaped_javascript, "JavaScript"),
        (hostile.truncated_pdf_with_javascript, "JavaScript"),
        (hostile.pdf_with_javascript_in_an_object_stream, "JavaScript"),
    ],
)
def test_pdf_with_active_content_is_refused(build, what):
    message = refused(build())
    assert "active content" in message
    assert what in message


def test_the_object_walk_finds_active_content_without_the_byte_scan():
    """The walk over pypdf's objects stands on its own (it is what sees names inside
    compressed object streams, where the byte scan is blind)."""
    for build, found in [
        (hostile.pdf_with_javascript, {"/JavaScript", "/JS"}),
        (hostile.pdf_with_attachment, {"/EmbeddedFiles", "/EmbeddedFile"}),
        (hostile.pdf_with_launch_action, {"/Launch"}),
    ]:
        assert documents.pdf_active_content_in_objects(io.BytesIO(build().read())) in found
    assert documents.pdf_active_content_in_objects(io.BytesIO(hostile.clean_pdf_bytes())) is None


def test_javascript_in_a_compressed_object_stream_is_found_by_the_walk_alone():
    data = hostile.pdf_with_javascript_in_an_object_stream().read()
    assert b"JavaScript" not in data  # compressed: invisible to any byte scan
    assert documents.pdf_active_content_in_bytes(data) is None
    assert documents.pdf_active_content_in_objects(io.BytesIO(data)) == "/JavaScript"


def test_the_byte_scan_ignores_names_inside_streams():
    """Compressed stream bytes can hold "/JS" by chance: only names outside streams count."""
    data = b"%PDF-1.4\n1 0 obj << /Length 8 >> stream\n/JS /AA \nendstream endobj\n%%EOF\n"
    assert documents.pdf_active_content_in_bytes(data) is None
    assert documents.pdf_active_content_in_bytes(data + b"2 0 obj << /AA 3 0 R >>") == "/AA"


@pytest.mark.parametrize(
    "build",
    [hostile.html_pdf_polyglot, hostile.pdf_after_other_bytes, hostile.pdf_with_zip_appended],
)
def test_polyglots_are_refused(build):
    assert "not a plain PDF" in refused(build())


def test_a_pdf_inside_an_html_page_is_refused():
    page = b"<!DOCTYPE html><html><body>" + hostile.clean_pdf_bytes()
    assert "not a plain PDF" in refused(SimpleUploadedFile("page.pdf", page, "application/pdf"))


def test_an_odt_whose_mimetype_part_is_huge_is_not_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", documents.ODT + " " * 5000)
        archive.writestr("content.xml", "<office:document-content/>")
    upload = SimpleUploadedFile("odd.odt", buffer.getvalue(), "application/octet-stream")
    assert "Only PDF, DOCX and ODT" in refused(upload)


# --- end to end: the agreements' upload ---------------------------------------------------


def stored_files(root) -> set:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.pdf_with_javascript, "active content"),
        (hostile.html_pdf_polyglot, "not a plain PDF"),
        (lambda: hostile.docx_bomb(200), "unpacks to more than"),
    ],
)
def test_agreement_upload_refuses_and_stores_nothing(client, media, build, message):
    world = build_world()
    client.force_login(world.users["officer"])
    before = AgreementDocument.objects.count()
    stored = stored_files(media)
    response = client.post(
        reverse("agreements:document_add", args=[world.kemendagri_active.pk]),
        {"title": "Naskah", "kind": "signed_text", "file": build()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AgreementDocument.objects.count() == before
    assert stored_files(media) == stored
