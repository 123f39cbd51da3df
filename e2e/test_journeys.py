"""The journeys of issue 2 §10 in a real browser (Debian's Chromium through Playwright)."""

from typing import Any

from mitra.agreements.models import Agreement
from mitra.core.dates import add_months

from .conftest import DEMO_TODAY, Site

FORD_2024 = "DEMO-KEMENDAGRI-FORD-2024"
KEMENDAGRI_DRAFT = "DEMO-KEMENDAGRI-DRAFT"


def test_officer_prepares_the_ford_renewal_and_reads_it_in_english(site: Site) -> None:
    ford = Agreement.objects.get(reference=FORD_2024)
    # The dashboard's state follows from the data: the MSP ends 2027-04-03 and its renewal
    # window opens six months earlier; the pinned "today" falls inside that window.
    assert ford.end_date is not None
    assert add_months(ford.end_date, -6) <= DEMO_TODAY <= ford.end_date
    page = site.page

    site.login("kemendagri")
    assert "/id/dashboard/" in page.url
    renewals = page.locator("#renewals-to-prepare")
    ford_link = renewals.get_by_role("link", name=ford.title)
    assert ford_link.count() == 1, renewals.inner_text()
    assert "Ford Foundation" in renewals.inner_text()
    assert page.locator("svg.timeline").count() >= 1
    site.screenshot("dashboard")

    with page.expect_navigation():
        ford_link.click()
    assert page.url.endswith(f"/id/agreements/{ford.pk}/")
    chain = page.locator("#renewal-chain")
    assert [t.strip(" →") for t in chain.locator("li").all_inner_texts()] == [
        "2021–2024",
        "2024–2027",
    ]
    timeline = page.locator("#chain-heading ~ svg.timeline")
    assert timeline.count() == 1
    assert timeline.locator("rect.timeline__bar").count() == 2
    site.screenshot("agreement")

    # The navbar's language selector submits itself and keeps the page.
    with page.expect_navigation(url=f"**/en/agreements/{ford.pk}/"):
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#chain-heading").inner_text() == "Renewal chain"
    assert page.get_by_role("link", name="Agreements", exact=True).count() >= 1


def test_public_directory_lists_the_partners_with_their_periods(site: Site) -> None:
    page = site.page
    site.goto("/id/directory/")
    assert "/accounts/login/" not in page.url
    for query, name, period in [
        ("Ford", "Ford Foundation", "2024–2027"),
        ("UCLG", "UCLG ASPAC", "2024–2029"),
    ]:
        page.fill("#q", query)
        with page.expect_navigation():
            page.click("form[role=search] button[type=submit]")
        item = page.locator("#directory-results .list-group-item").filter(has_text=name)
        assert item.count() == 1, page.locator("#directory-results").inner_text()
        assert period in item.locator(".agreement-period").all_inner_texts()


def test_officer_of_another_ministry_gets_404_on_a_kemendagri_draft(site: Site) -> None:
    draft = Agreement.objects.get(reference=KEMENDAGRI_DRAFT)
    assert draft.status == Agreement.Status.DRAFT
    site.login("kemenkes")
    site.console.expect(r"status of 404")
    response = site.goto(f"/id/agreements/{draft.pk}/")
    assert response is not None
    assert response.status == 404
    assert draft.title not in site.page.content()


def test_agreement_with_end_before_start_is_refused_and_not_saved(site: Site) -> None:
    before = Agreement.objects.count()
    page = site.page
    site.login("kemendagri")
    site.goto("/id/agreements/new/")
    page.fill("#id_title", "E2E: end before start")
    page.select_option("#id_type", label=_type_label(page, "MoU"))
    page.select_option("#id_foreign_parties", label="Ford Foundation")
    page.fill("#id_start_date", "2025-06-01")
    page.fill("#id_end_date", "2025-01-01")
    site.console.expect(r"status of 400")  # the form comes back with its errors as a 400
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/id/agreements/new/")
    error = page.locator("#id_end_date-error")
    assert error.is_visible()
    assert page.locator(".alert-danger").count() >= 1
    assert Agreement.objects.count() == before
    assert not Agreement.objects.filter(title="E2E: end before start").exists()


def _type_label(page: Any, prefix: str) -> str:
    """The label of the agreement-type option that starts with `prefix` (labels are translated)."""
    labels = page.locator("#id_type option").all_inner_texts()
    return next(label for label in labels if label.strip().startswith(prefix))
