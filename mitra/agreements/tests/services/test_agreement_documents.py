"""Documents: type judged by content, size limit, SHA-256, versions kept; signatories."""

import hashlib
from datetime import date

import pytest
from django.conf import settings
from django.test import override_settings

from mitra.agreements.documents import DOCX, ODT, PDF
from mitra.agreements.models import AgreementDocument, Signatory
from mitra.agreements.services import agreement_add_signatory, agreement_document_upload
from mitra.agreements.tests import files
from mitra.agreements.tests.factories import AgreementFactory, lead_party
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(kemendagri, ford):
    return AgreementFactory(owner=kemendagri, foreign_parties=[ford], signed=True)


def upload(agreement, file, actor, title="Signed text"):
    return agreement_document_upload(
        agreement_id=agreement.pk, upload=file, title=title, kind="signed_text", actor=actor
    )


@pytest.mark.parametrize(
    ("build", "content_type"), [(files.pdf, PDF), (files.docx, DOCX), (files.odt, ODT)]
)
def test_pdf_docx_and_odt_are_accepted_by_content(agreement, officer, media, build, content_type):
    file = build()
    content = file.read()
    file.seek(0)
    document = upload(agreement, file, officer)

    assert document.content_type == content_type
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.version == 1
    with document.file.open("rb") as stored:
        assert stored.read() == content
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.document_uploaded")
    assert event.data["new"]["sha256"] == document.sha256


@pytest.mark.parametrize(
    "build",
    [files.png_named_pdf, files.text_named_pdf, files.zip_named_docx],
    ids=["png-named-pdf", "text-named-pdf", "plain-zip-named-docx"],
)
def test_a_wrong_type_is_refused_whatever_its_name(agreement, officer, media, build):
    with pytest.raises(ApplicationError) as caught:
        upload(agreement, build(), officer)
    assert "file" in caught.value.extra
    assert not AgreementDocument.objects.exists()
    assert not AuditEvent.objects.filter(event="agreement.document_uploaded").exists()


def test_an_empty_file_is_refused(agreement, officer, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ApplicationError):
        upload(agreement, SimpleUploadedFile("empty.pdf", b""), officer)
    assert not AgreementDocument.objects.exists()


def test_a_file_over_the_configured_limit_is_refused(agreement, officer, media):
    file = files.pdf()
    limit = {**settings.MITRA, "DOCUMENT_MAX_BYTES": file.size - 1}
    with override_settings(MITRA=limit), pytest.raises(ApplicationError) as caught:
        upload(agreement, file, officer)
    assert "file" in caught.value.extra
    assert not AgreementDocument.objects.exists()
    with override_settings(MITRA={**settings.MITRA, "DOCUMENT_MAX_BYTES": file.size}):
        assert upload(agreement, files.pdf(), officer).size == file.size


def test_the_same_title_makes_a_new_version_and_keeps_the_old(agreement, officer, media):
    first = upload(agreement, files.pdf(), officer)
    second = upload(agreement, files.docx(), officer)
    other = upload(agreement, files.odt(), officer, title="Annex")

    assert (first.version, second.version, other.version) == (1, 2, 1)
    kept = AgreementDocument.objects.filter(agreement=agreement, title="Signed text")
    assert list(kept.values_list("version", "content_type")) == [(2, DOCX), (1, PDF)]
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name)


@pytest.mark.parametrize("who", ["viewer", "other_officer"])
def test_only_the_owner_agency_uploads(request, agreement, media, who):
    with pytest.raises(ApplicationError):
        upload(agreement, files.pdf(), request.getfixturevalue(who))
    assert not AgreementDocument.objects.exists()


def test_an_unknown_kind_is_refused(agreement, officer, media):
    with pytest.raises(ApplicationError):
        agreement_document_upload(
            agreement_id=agreement.pk, upload=files.pdf(), title="x", kind="secret", actor=officer
        )
    assert not AgreementDocument.objects.exists()


def test_a_signatory_is_recorded_for_a_party_of_the_agreement(agreement, officer):
    party = lead_party(agreement, "foreign")
    signatory = agreement_add_signatory(
        agreement_id=agreement.pk, party_id=party.pk, title=" Regional Director ", actor=officer
    )
    assert signatory.title == "Regional Director"
    assert signatory.signed_on == agreement.signing_date == date(2024, 1, 10)
    assert AuditEvent.objects.filter(
        target_id=agreement.pk, event="agreement.signatory_added"
    ).exists()


def test_a_signatory_needs_a_party_of_this_agreement_and_a_title(agreement, officer, kemendagri):
    other = AgreementFactory(owner=kemendagri)
    with pytest.raises(ApplicationError):
        agreement_add_signatory(
            agreement_id=agreement.pk, party_id=lead_party(other).pk, title="x", actor=officer
        )
    with pytest.raises(ApplicationError):
        agreement_add_signatory(
            agreement_id=agreement.pk, party_id=lead_party(agreement).pk, title=" ", actor=officer
        )
    assert not Signatory.objects.exists()


def test_a_viewer_may_not_add_a_signatory(agreement, viewer):
    with pytest.raises(ApplicationError):
        agreement_add_signatory(
            agreement_id=agreement.pk, party_id=lead_party(agreement).pk, title="x", actor=viewer
        )
    assert not Signatory.objects.exists()
