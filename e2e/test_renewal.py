"""Issue 15 §4 (c) in a browser: an extension re-uses eight still-valid documents of the
current application and replaces two; the secretariat sees which were carried over (with the
original version and hash) and which are new.

The canonical demo's The Asia Foundation application (in inter-agency review) is taken to its
izin prinsip through the services, as the remaining member agencies and the secretariat would;
its representative then applies for the extension in the browser."""

from datetime import timedelta

from mitra.accounts.models import User
from mitra.accounts.tests.factories import PASSWORD, UserFactory
from mitra.agreements.tests.files import pdf
from mitra.core.dates import add_months
from mitra.permits import services, validation
from mitra.permits.models import AgencyReview, Application, ApplicationDocument, Permit
from mitra.permits.tests.factories import present_and_deliberate

from .conftest import DEMO_TODAY, Site

ALWAYS_NEW = ["funding_commitment", "programme_plan"]


def _asia_permit() -> Permit:
    """The Asia Foundation's application, decided: the open opinions given by each agency's
    own officer, the presentation, the deliberation and the Minister's approval."""
    application = Application.objects.get(organization__legal_name="The Asia Foundation")
    kemlu = User.objects.get(username="kemlu")
    officers = {u.agency.key: u for u in User.objects.filter(body__isnull=False) if u.agency}
    for review in application.reviews.filter(state__in=AgencyReview.OPEN_STATES):
        services.review_decide(
            review_id=review.pk,
            state="no_objection",
            reason_code="none",
            text="",
            actor=officers[review.agency.key],
        )
    present_and_deliberate(application.pk, kemlu, on=DEMO_TODAY)
    services.deliberation_record(
        application_id=application.pk,
        held_on=DEMO_TODAY,
        agencies_present=[r.agency for r in application.reviews.select_related("agency")],
        recommendation="approve",
        actor=kemlu,
    )
    permit = services.application_decide(
        application_id=application.pk,
        approve=True,
        valid_from=DEMO_TODAY,
        valid_until=add_months(DEMO_TODAY, 36) - timedelta(days=1),
        decided_on=DEMO_TODAY,
        actor=kemlu,
    )
    assert permit is not None
    return permit


def test_an_extension_reuses_eight_documents_and_replaces_two(site: Site, tmp_path) -> None:
    permit = _asia_permit()
    current = permit.application
    UserFactory(
        username="asia",
        role=User.Role.ORG_REPRESENTATIVE,
        organization=permit.organization,
    )
    page = site.page
    site.login("asia", PASSWORD)
    site.goto(f"/en/permits/permits/{permit.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply for an extension").click()
    extension = Application.objects.get(extends=permit)
    assert f"/applications/{extension.pk}/edit/" in page.url

    # What changed, per section ("no change" is an answer).
    for name in validation.CHANGE_SECTIONS:
        page.fill(f"#id_changes_{name}", "No change.")
    page.fill("#id_changes_programmes", "The same programmes, with a new plan for 2026–2029.")
    page.fill("#id_changes_documents", "New programme plan and funding commitment.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    # Eight documents carried over, waiting for confirmation; two to file anew.
    site.goto(f"/en/permits/applications/{extension.pk}/")
    checklist = page.locator("#document-checklist")
    assert checklist.locator(".doc-state-unconfirmed").count() == 8
    assert page.locator("#confirm-documents input[name=items]:checked").count() == 8
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm the ticked documents").click()
    assert "8 documents were confirmed" in page.locator("main").inner_text()
    assert checklist.locator(".doc-state-carried").count() == 8

    for item in ALWAYS_NEW:
        path = tmp_path / f"{item}-2026.pdf"
        path.write_bytes(pdf().read())
        page.select_option("#upload-document select[name=item]", item)
        page.set_input_files("#upload-document input[name=file]", str(path))
        with page.expect_navigation():
            page.locator("#upload-document button[type=submit]").click()
    assert checklist.locator(".doc-state-new").count() == 2
    site.screenshot("renewal-extension-documents")

    documents = validation.latest_documents(extension)
    carried = [d for d in documents.values() if d.is_carried]
    new = [d for d in documents.values() if not d.is_carried]
    assert len(carried) == 8
    assert all(d.confirmed_at for d in carried)
    assert sorted(d.item for d in new) == ALWAYS_NEW
    originals = validation.latest_documents(current)
    assert all(d.carried_from == originals[d.item] for d in carried)
    assert ApplicationDocument.objects.filter(application=extension).count() == 10
    extension.refresh_from_db()
    assert validation.missing_sections(extension) == {}

    # Submitted, the secretariat sees what was carried over and what is new.
    services.application_submit(
        application_id=extension.pk, actor=User.objects.get(username="asia")
    )
    page.context.clear_cookies()
    site.login("kemlu")
    site.goto(f"/en/permits/applications/{extension.pk}/")
    checklist = page.locator("#document-checklist")
    assert checklist.locator(".doc-state-carried").count() == 8
    assert checklist.locator(".doc-state-new").count() == 2
    deed = page.locator("#doc-deed")
    assert f"Carried over from {current.reference}, version 1" in deed.inner_text()
    assert originals["deed"].sha256 in deed.inner_text()
    assert "No change." in page.locator("main").inner_text()
