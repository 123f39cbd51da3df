"""Issue 16 §1 in the browser: (c) check your answers → the confirmation panel with the
reference; (d) the error summary takes the focus and its links move the focus to the field;
axe finds no serious or critical violation on the new pages."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from mitra.agreements.models import Agreement

from .conftest import Site
from .test_accessibility import blocking_violations


def _type_label(page: Any, prefix: str) -> str:
    labels = page.locator("#id_type option").all_inner_texts()
    return next(label for label in labels if label.strip().startswith(prefix))


def test_check_your_answers_then_confirmation_panel_with_the_reference(site: Site) -> None:
    page = site.page
    site.login("kemendagri")
    site.goto("/en/agreements/new/")
    page.fill("#id_title", "E2E: check your answers")
    page.select_option("#id_type", label=_type_label(page, "MoU"))
    page.select_option("#id_foreign_parties", label="Ford Foundation")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#check-answers-form").is_visible()
    assert "E2E: check your answers" in page.content()
    assert not Agreement.objects.filter(title="E2E: check your answers").exists()
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.click("#check-confirm")
    agreement = Agreement.objects.get(title="E2E: check your answers")
    panel = page.locator("#confirmation-panel")
    assert panel.is_visible()
    assert str(agreement.reference or agreement.pk) in panel.inner_text()
    assert page.locator("#what-happens-next").is_visible()
    assert blocking_violations(page) == []


def test_error_summary_links_to_its_field(site: Site) -> None:
    page = site.page
    site.login("kemendagri")
    site.goto("/en/agreements/new/")
    site.console.expect(r"status of 400")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "title:" not in summary.inner_text()  # a label, never a field name
    page.click("#error-summary a[href='#id_title']")
    assert page.evaluate("document.activeElement.id") == "id_title"
    # axe on the whole page with its errors: the summary, the fields marked invalid and the
    # autocomplete boxes (Tom Select) that replace the long lists.
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"]] == []
