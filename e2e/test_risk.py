"""Issue 17 §4: the supervisor's risk list in the browser. The TPOA secretariat (Kemlu) reads
it, says it is guidance and never a decision, sorts it, opens an organization's formulas and
inputs, at 375 px too; an operator's bad weight is refused with its message, a good one saved."""

from typing import Any


def test_secretariat_reads_the_risk_list_and_a_detail(site: Any) -> None:
    site.login("kemlu")
    page = site.page
    site.goto("/id/risk/")
    assert page.locator("#risk-guidance").is_visible()
    assert page.locator("#risk-list tbody tr").count() >= 5
    with page.expect_navigation():
        page.click("#risk-list thead a[href='?sort=permit_margin']")
    assert "sort=permit_margin" in page.url
    with page.expect_navigation():
        page.locator("#risk-list tbody tr a").first.click()
    assert "/risk/" in page.url
    assert page.locator("#risk-guidance").is_visible()
    assert page.locator("section.card").count() == 9  # one per indicator
    assert page.locator("svg rect.chart-bar").count() == 9
    page.set_viewport_size({"width": 375, "height": 800})
    site.goto("/id/risk/")
    # The table scrolls inside its wrapper; the page itself does not get wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    site.screenshot("risk-list-375")


def test_operator_changes_a_weight(site: Any) -> None:
    site.login("operator")
    page = site.page
    site.goto("/en/risk/configuration/")
    site.console.expect(r"status of 400")  # the form comes back with its errors as a 400
    page.fill("#id_weight_sanctions", "-1")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#risk-config-errors").is_visible()
    assert "A weight cannot be negative." in page.content()
    page.fill("#id_weight_sanctions", "3")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/en/risk/")
    site.goto("/en/risk/configuration/")
    assert "weight_sanctions 1.00 → 3.00" in page.content()
