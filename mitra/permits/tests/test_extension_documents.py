"""An extension re-uses the still-valid documents of the current application (issue 15 §4),
the applicant confirms or replaces each and says what changed per section; reviewers open
every version from the checklist (issue 16 §1): services, pages, refusals (nothing written)."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.files import docx
from mitra.audit.models import AuditEvent
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.permits import services, validation
from mitra.permits.models import REQUIRED_DOCUMENTS, Application, ApplicationDocument
from mitra.permits.tests.factories import PermitFactory, complete_application, pdf

pytestmark = pytest.mark.django_db
ALWAYS_NEW = {"programme_plan", "funding_commitment"}


@pytest.fixture
def current(ngo: Any, rep: Any, agencies: dict[str, Any], province: Any) -> Any:
    """The application behind Ford's current izin prinsip, its ten documents on file (the
    non-profit registration with an expiry date, the deed in a second version)."""
    application = complete_application(ngo, rep, agencies["kemendagri"], province)
    services.application_document_upload(
        application_id=application.pk, item="deed", upload=pdf("deed-v2.pdf"), actor=rep
    )
    services.application_document_upload(
        application_id=application.pk,
        item="nonprofit_registration",
        upload=pdf("registration.pdf"),
        expires_on=today() + timedelta(days=400),
        actor=rep,
    )
    return PermitFactory(organization=ngo, application=application)


@pytest.fixture
def extension(current: Any, ngo: Any, rep: Any) -> Application:
    return services.application_create(organization=ngo, extends=current, actor=rep)


def snapshot() -> dict[str, Any]:
    return {
        "documents": sorted(
            ApplicationDocument.objects.values_list("pk", "item", "version", "confirmed_at")
        ),
        "applications": sorted(
            Application.objects.values_list("pk", "status", "section_changes", "version")
        ),
        "audit": AuditEvent.objects.count(),
    }


def refused(call: Any, **kwargs: Any) -> ApplicationError:
    before = snapshot()
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    assert snapshot() == before, "a refusal must write nothing"
    return caught.value


# --- carrying over -----------------------------------------------------------------------


def test_extension_carries_the_still_valid_documents(extension: Application, current: Any):
    carried = {d.item: d for d in extension.documents.all()}
    assert set(carried) == set(REQUIRED_DOCUMENTS) - ALWAYS_NEW
    source = validation.latest_documents(current.application)
    for item, document in carried.items():
        assert document.carried_from == source[item]
        assert document.sha256 == source[item].sha256
        assert document.file.name == source[item].file.name
        assert document.version == 1
        assert document.needs_confirmation
    assert carried["deed"].carried_from.version == 2  # the latest version carries
    assert carried["nonprofit_registration"].expires_on is not None
    event = AuditEvent.objects.get(
        target_id=extension.pk, event="permit_application.documents_carried_over"
    )
    assert {d["item"] for d in event.data["new"]["documents"]} == set(carried)


def test_an_expired_document_is_not_carried(current: Any, ngo: Any, rep: Any):
    registration = current.application.documents.get(item="nonprofit_registration", version=2)
    ApplicationDocument.objects.filter(pk=registration.pk).update(
        expires_on=today() - timedelta(days=1)
    )
    extension = services.application_create(organization=ngo, extends=current, actor=rep)
    assert not extension.documents.filter(item="nonprofit_registration").exists()


def test_the_always_new_list_is_configuration(settings: Any, current: Any, ngo: Any, rep: Any):
    settings.MITRA = {**settings.MITRA, "DOCUMENTS_ALWAYS_NEW": ["deed"]}
    extension = services.application_create(organization=ngo, extends=current, actor=rep)
    items = set(extension.documents.values_list("item", flat=True))
    assert "deed" not in items
    assert items >= ALWAYS_NEW


def test_a_new_application_carries_nothing(ngo: Any, rep: Any):
    application = services.application_create(organization=ngo, actor=rep)
    assert not application.documents.exists()


def test_carried_documents_count_only_once_confirmed(extension: Application):
    assert validation.present_documents(extension) == set()
    assert set(validation.unconfirmed_documents(extension)) == set(REQUIRED_DOCUMENTS) - ALWAYS_NEW
    problems = validation.missing_sections(extension)
    assert "Confirm or replace" in " ".join(problems["documents"])


# --- confirming, replacing, what changed ----------------------------------------------------


def confirm_and_replace(extension: Application, rep: Any) -> None:
    carried = sorted(set(REQUIRED_DOCUMENTS) - ALWAYS_NEW)
    services.application_documents_confirm(application_id=extension.pk, items=carried, actor=rep)
    for item in sorted(ALWAYS_NEW):
        services.application_document_upload(
            application_id=extension.pk, item=item, upload=pdf(f"{item}-2027.pdf"), actor=rep
        )


ANSWERS = dict.fromkeys(validation.CHANGE_SECTIONS, "No change.") | {
    "programmes": "Two new provinces."
}


def answer_changes(extension: Application, rep: Any, agencies: dict[str, Any], province: Any):
    from mitra.permits.tests.factories import sections

    data = sections(agencies["kemendagri"], [province])
    data.section_changes = dict(ANSWERS)
    services.application_update(application_id=extension.pk, data=data, actor=rep)


def test_confirm_replace_answer_and_submit(
    extension: Application, rep: Any, agencies: dict[str, Any], province: Any
):
    confirm_and_replace(extension, rep)
    answer_changes(extension, rep, agencies, province)
    extension.refresh_from_db()
    assert extension.section_changes == ANSWERS
    assert validation.missing_sections(extension) == {}
    services.application_submit(application_id=extension.pk, actor=rep)
    extension.refresh_from_db()
    assert extension.status == Application.Status.SUBMITTED
    confirmed = AuditEvent.objects.get(
        target_id=extension.pk, event="permit_application.documents_confirmed"
    )
    assert len(confirmed.data["new"]["documents"]) == 8


def test_replacing_a_carried_document_adds_a_version(extension: Application, rep: Any):
    document = services.application_document_upload(
        application_id=extension.pk, item="structure", upload=pdf("new-structure.pdf"), actor=rep
    )
    assert document.version == 2
    assert not document.is_carried
    assert "structure" in validation.present_documents(extension)
    event = AuditEvent.objects.filter(
        target_id=extension.pk, event="permit_application.document_uploaded"
    ).last()
    assert event.data["new"]["replaces_carried"] is True


def test_every_section_needs_an_answer(
    extension: Application, rep: Any, agencies: dict[str, Any], province: Any
):
    from mitra.permits.tests.factories import sections

    confirm_and_replace(extension, rep)
    data = sections(agencies["kemendagri"], [province])
    data.section_changes = {"programmes": "Two new provinces."}
    services.application_update(application_id=extension.pk, data=data, actor=rep)
    extension.refresh_from_db()
    problems = validation.missing_sections(extension)
    assert "Organization profile" in problems["changes"][0]
    error = refused(services.application_submit, application_id=extension.pk, actor=rep)
    assert "changes" in error.extra


def test_unknown_section_or_overlong_answer_is_refused(
    extension: Application, rep: Any, agencies: dict[str, Any], province: Any
):
    from mitra.permits.tests.factories import sections

    data = sections(agencies["kemendagri"], [province])
    data.section_changes = {"weather": "Sunny."}
    error = refused(services.application_update, application_id=extension.pk, data=data, actor=rep)
    assert "section_changes" in error.extra
    data.section_changes = {"funds": "x" * 2001}
    error = refused(services.application_update, application_id=extension.pk, data=data, actor=rep)
    assert "changes_funds" in error.extra


def test_confirm_refusals_write_nothing(extension: Application, rep: Any, ngo: Any):
    refused(
        services.application_documents_confirm, application_id=extension.pk, items=[], actor=rep
    )
    refused(
        services.application_documents_confirm,
        application_id=extension.pk,
        items=["deed", "programme_plan"],  # the plan was not carried
        actor=rep,
    )
    refused(
        services.application_documents_confirm,
        application_id=extension.pk,
        items=["nonsense"],
        actor=rep,
    )
    stranger = UserFactory(org_representative=True)
    refused(
        services.application_documents_confirm,
        application_id=extension.pk,
        items=["deed"],
        actor=stranger,
    )
    services.application_documents_confirm(application_id=extension.pk, items=["deed"], actor=rep)
    # A second confirmation of the same document: nothing left to confirm.
    refused(
        services.application_documents_confirm,
        application_id=extension.pk,
        items=["deed"],
        actor=rep,
    )


def test_an_expiry_in_the_past_is_refused(extension: Application, rep: Any):
    before = ApplicationDocument.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.application_document_upload(
            application_id=extension.pk,
            item="deed",
            upload=pdf(),
            expires_on=today() - timedelta(days=1),
            actor=rep,
        )
    assert "expires_on" in caught.value.extra
    assert ApplicationDocument.objects.count() == before


# --- pages -------------------------------------------------------------------------------


def test_confirm_page(client: Any, extension: Application, rep: Any):
    client.force_login(rep)
    detail = client.get(reverse("permits:application_detail", args=[extension.pk]))
    html = detail.content.decode()
    assert 'id="confirm-documents"' in html
    assert "Carried over from" in html
    url = reverse("permits:application_document_confirm", args=[extension.pk])
    response = client.post(url, {"items": ["deed", "statutes"]})
    assert response.status_code == 302
    assert extension.documents.filter(confirmed_at__isnull=False).count() == 2


def test_confirm_page_bad_input_writes_nothing(client: Any, extension: Application, rep: Any):
    client.force_login(rep)
    url = reverse("permits:application_document_confirm", args=[extension.pk])
    before = snapshot()
    for data in ({}, {"items": ["programme_plan"]}, {"items": ["weather"]}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
    assert snapshot() == before


def test_confirm_page_is_the_applicants(client: Any, extension: Application, officers: Any):
    before = snapshot()
    url = reverse("permits:application_document_confirm", args=[extension.pk])
    client.force_login(officers["kemlu"])  # the secretariat does not see a draft
    assert client.post(url, {"items": ["deed"]}).status_code == 404
    client.force_login(UserFactory(org_representative=True))
    assert client.post(url, {"items": ["deed"]}).status_code == 404
    assert snapshot() == before


def test_edit_form_asks_what_changed_per_section(client: Any, extension: Application, rep: Any):
    client.force_login(rep)
    url = reverse("permits:application_edit", args=[extension.pk])
    html = client.get(url).content.decode()
    for name in validation.CHANGE_SECTIONS:
        assert f'name="changes_{name}"' in html
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, "")}
    data["provinces"] = [p.pk for p in form.initial["provinces"]]
    data["partner_ministry"] = form.initial["partner_ministry"].pk
    data.update({f"changes_{name}": text for name, text in ANSWERS.items()})
    data["version"] = extension.version
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    extension.refresh_from_db()
    assert extension.section_changes == ANSWERS


# --- preview and download (issue 16 §1) ---------------------------------------------------


@pytest.fixture
def submitted(draft: Application, rep: Any) -> Application:
    services.application_document_upload(
        application_id=draft.pk, item="draft_agreement", upload=docx("draft.docx"), actor=rep
    )
    services.application_submit(application_id=draft.pk, actor=rep)
    return draft


def test_pdf_opens_inline_without_sniffing(client: Any, submitted: Application, officers: Any):
    document = submitted.documents.get(item="deed")
    client.force_login(officers["kemlu"])
    url = reverse("permits:application_document_file", args=[submitted.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "object-src 'self'" in csp
    assert "script-src" not in csp
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_other_types_download(client: Any, submitted: Application, officers: Any):
    document = submitted.documents.get(item="draft_agreement")
    client.force_login(officers["kemlu"])
    url = reverse("permits:application_document_file", args=[submitted.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_checklist_links_every_version_with_hash(
    client: Any, submitted: Application, officers: Any
):
    client.force_login(officers["kemlu"])
    html = client.get(reverse("permits:application_detail", args=[submitted.pk])).content.decode()
    for document in submitted.documents.all():
        url = reverse("permits:application_document_file", args=[submitted.pk, document.pk])
        assert url in html
        assert document.sha256 in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kemlu", 200),  # the secretariat (submitted)
        ("kemendagri", 200),  # the proposed partner ministry
        ("kemenkeu", 404),  # not asked to review yet
        ("rep", 200),  # the applicant
        ("stranger", 404),  # another organization's representative
    ],
)
def test_download_per_role(
    client: Any, submitted: Application, officers: Any, rep: Any, who: str, status: int
):
    users = {**officers, "rep": rep, "stranger": UserFactory(org_representative=True)}
    client.force_login(users[who])
    document = submitted.documents.get(item="deed")
    url = reverse("permits:application_document_file", args=[submitted.pk, document.pk])
    assert client.get(url).status_code == status


def test_a_document_of_another_application_is_404(
    client: Any, extension: Application, current: Any, rep: Any
):
    client.force_login(rep)
    other = current.application.documents.first()
    url = reverse("permits:application_document_file", args=[extension.pk, other.pk])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client: Any, submitted: Application):
    document = submitted.documents.first()
    url = reverse("permits:application_document_file", args=[submitted.pk, document.pk])
    assert client.get(url).status_code == 302
