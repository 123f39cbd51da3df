"""Agreement documents through the API: upload (type by content, size limit), list, download."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from mitra.agreements.models import Agreement, AgreementDocument
from mitra.agreements.tests import files
from mitra.agreements.tests.factories import PDF_BYTES, AgreementDocumentFactory
from mitra.audit.models import AuditEvent

from .conftest import nothing_written

pytestmark = pytest.mark.django_db


def url(agreement: Agreement) -> str:
    return f"/api/v1/agreements/{agreement.pk}/documents/"


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_list_download_and_versions(
    client_for: Any, officer: Any, viewer: Any, kemendagri_draft: Agreement
) -> None:
    client = client_for(officer)
    response = client.post(
        url(kemendagri_draft),
        {"file": files.pdf("mou.pdf"), "title": "Signed MoU", "kind": "signed_text"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    first = response.json()
    assert first["content_type"] == "application/pdf"
    assert first["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert (first["version"], first["size"], first["original_name"]) == (
        1,
        len(PDF_BYTES),
        "mou.pdf",
    )
    event = AuditEvent.objects.get(event="agreement.document_uploaded")
    assert event.data["new"]["sha256"] == first["sha256"]

    second = client.post(
        url(kemendagri_draft),
        {"file": files.docx("mou.docx"), "title": "Signed MoU", "kind": "signed_text"},
        format="multipart",
    ).json()
    assert second["version"] == 2
    assert second["content_type"].endswith("wordprocessingml.document")

    listed = client_for(viewer).get(url(kemendagri_draft)).json()
    assert [(d["title"], d["version"]) for d in listed] == [("Signed MoU", 2), ("Signed MoU", 1)]

    download = client_for(viewer).get(first["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="mou.pdf"' in download["Content-Disposition"]


def test_odt_is_accepted(client_for: Any, officer: Any, kemendagri_draft: Agreement) -> None:
    response = client_for(officer).post(
        url(kemendagri_draft), {"file": files.odt(), "kind": "annex"}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["title"] == "text.odt"  # default title: the file name


@pytest.mark.parametrize(
    "upload",
    [files.png_named_pdf, files.text_named_pdf, files.zip_named_docx],
    ids=["png-named-pdf", "text-named-pdf", "zip-named-docx"],
)
def test_wrong_type_by_content_is_refused(
    client_for: Any, officer: Any, kemendagri_draft: Agreement, upload: Any
) -> None:
    with nothing_written():
        response = client_for(officer).post(
            url(kemendagri_draft),
            {"file": upload(), "title": "Scan", "kind": "signed_text"},
            format="multipart",
        )
    assert response.status_code == 400
    assert response.json() == {
        "message": "Only PDF, DOCX and ODT documents are accepted (judged by the file's content).",
        "extra": {"file": ["Wrong file type."]},
    }
    assert stored_files() == []


def test_file_over_the_limit_is_refused(
    client_for: Any, officer: Any, kemendagri_draft: Agreement, settings: Any
) -> None:
    settings.MITRA = {**settings.MITRA, "DOCUMENT_MAX_BYTES": 1024 * 1024}
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    just_right = SimpleUploadedFile("fits.pdf", PDF_BYTES + b"0" * (1000 * 1024))
    with nothing_written():
        response = client_for(officer).post(
            url(kemendagri_draft), {"file": big, "kind": "annex"}, format="multipart"
        )
    assert response.status_code == 400
    body = response.json()
    body["message"] = body["message"].replace("\xa0", " ")  # filesizeformat's no-break space
    assert body == {
        "message": "The file is larger than the limit of 1.0 MB.",
        "extra": {"file": ["File too large."]},
    }
    assert stored_files() == []
    response = client_for(officer).post(
        url(kemendagri_draft), {"file": just_right, "kind": "annex"}, format="multipart"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("data", "field"),
    [({"kind": "annex"}, "file"), ({"kind": "poster"}, "kind")],
)
def test_missing_file_or_unknown_kind(
    client_for: Any, officer: Any, kemendagri_draft: Agreement, data: dict[str, str], field: str
) -> None:
    if field != "file":
        data = {**data, "file": files.pdf()}
    with nothing_written():
        response = client_for(officer).post(url(kemendagri_draft), data, format="multipart")
    assert response.status_code == 400
    assert field in response.json()["extra"]


def test_scope_of_documents(
    client_for: Any,
    other_officer: Any,
    viewer: Any,
    ford_rep: Any,
    kemendagri_draft: Agreement,
    ford_msp_2021: Agreement,
) -> None:
    document = AgreementDocumentFactory(agreement=kemendagri_draft)
    own = AgreementDocumentFactory(agreement=ford_msp_2021)
    download = f"{url(kemendagri_draft)}{document.pk}/download/"
    outsider = client_for(other_officer)
    assert outsider.get(url(kemendagri_draft)).status_code == 404
    assert outsider.get(download).status_code == 404
    with nothing_written():
        response = outsider.post(
            url(kemendagri_draft), {"file": files.pdf(), "kind": "annex"}, format="multipart"
        )
    assert response.status_code == 404
    # A viewer of the owning agency reads but may not upload.
    assert client_for(viewer).get(download).status_code == 200
    response = client_for(viewer).post(
        url(kemendagri_draft), {"file": files.pdf(), "kind": "annex"}, format="multipart"
    )
    assert response.status_code == 403
    # A document id of another agreement is not found under this one.
    assert client_for(viewer).get(f"{url(kemendagri_draft)}{own.pk}/download/").status_code == 404
    # Ford's representative: its signed agreement's documents, not the draft's.
    rep = client_for(ford_rep)
    assert [d["id"] for d in rep.get(url(ford_msp_2021)).json()] == [own.pk]
    assert rep.get(url(kemendagri_draft)).status_code == 404
    assert AgreementDocument.objects.count() == 2
