"""One document model and one way to keep an upload (issue 18 §2): every app's document,
attachment and evidence model is a `StoredDocument`, filled by `store_upload`."""

import hashlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from mitra.agreements import documents
from mitra.agreements.models import AgreementDocument
from mitra.agreements.tests import files
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.exceptions import ApplicationError
from mitra.core.models import StoredDocument

BASE_FIELDS = {"original_name", "content_type", "size", "sha256", "uploaded_at", "uploaded_by"}


def test_every_uploaded_document_model_shares_the_base():
    stored = {
        model._meta.label
        for model in apps.get_models()
        if {field.name for field in model._meta.get_fields()} >= BASE_FIELDS
    }
    shared = {m._meta.label for m in apps.get_models() if issubclass(m, StoredDocument)}
    assert stored == shared
    assert {
        "agreements.AgreementDocument",
        "monitoring.ReportAttachment",
        "permits.ApplicationDocument",
        "sanctions.SanctionEvidence",
    } <= shared
    for label in shared:
        assert apps.get_model(label)._meta.get_field("file").get_internal_type() == "FileField"


@pytest.mark.django_db
def test_store_upload_fills_the_fields_before_the_file_is_named(settings, tmp_path, kemendagri):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory(owner=kemendagri)
    upload = files.pdf("Naskah final (1).pdf")
    content = upload.read()
    upload.seek(0)
    checked = documents.checked_upload(upload)
    document = documents.store_upload(
        AgreementDocument(agreement=agreement, kind="annex", title="Annex", version=1), checked
    )
    document.refresh_from_db()
    digest = hashlib.sha256(content).hexdigest()
    assert (document.original_name, document.content_type) == (
        "Naskah final (1).pdf",
        documents.PDF,
    )
    assert (document.size, document.sha256) == (len(content), digest)
    # The storage path (`document_upload_to`) uses the digest, so it was set before saving.
    assert document.file.name.startswith(f"agreements/{agreement.pk}/{digest[:16]}-")
    assert document.file.name.endswith("Naskah_final_1_.pdf")
    assert document.file.read() == content


def test_a_refused_upload_is_refused_before_anything_is_stored():
    with pytest.raises(ApplicationError):
        documents.checked_upload(SimpleUploadedFile("empty.pdf", b""))
