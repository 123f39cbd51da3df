"""Issue 4 §4: the compliance dashboard and the activity map open without console errors (the
CSP holds: no inline styles or scripts), with their SVG charts and the map's markers."""

from typing import Any


def test_compliance_dashboard_and_map(site: Any) -> None:
    site.login("kemendagri")
    page = site.page
    site.goto("/id/dashboard/compliance/")
    assert page.locator("#compliance-totals").is_visible()
    assert page.locator("#compliance-table").is_visible()
    assert page.locator("svg.bar-chart").count() >= 3
    with page.expect_navigation():
        page.click("#compliance-dimensions a[href^='?by=region']")
    assert "by=region" in page.url
    assert page.locator("#compliance-table tbody tr").count() >= 1
    site.screenshot("compliance-dashboard")
    # Pusat Fasker supervises regional cooperation (a grant): "all we may read" counts more.
    own_total = int(page.locator("#compliance-totals .fs-4").nth(3).inner_text())
    with page.expect_navigation():
        page.click("#compliance-scope a[href$='scope=all']")
    assert "scope=all" in page.url
    assert "by=region" in page.url
    assert int(page.locator("#compliance-totals .fs-4").nth(3).inner_text()) >= own_total

    with page.expect_navigation():
        page.click("#to-activity-map")
    # Leaflet took over the container and drew one circle per province with activities.
    page.wait_for_selector("#activity-map[data-state=leaflet]")
    markers = page.locator("#activity-map path.activity-map__marker")
    rows = page.locator("#map-table tbody tr[data-code]")
    assert rows.count() >= 1
    assert markers.count() == rows.count()
    # Without tiles, faint dots at the 514 regencies' and cities' centres draw the archipelago.
    assert page.locator("#activity-map path").count() >= markers.count() + 500
    site.screenshot("activity-map")

    with page.expect_navigation():
        page.click("#map-level a[href='?level=regency']")
    page.wait_for_selector("#activity-map[data-state=leaflet]")


def test_activity_map_without_javascript_keeps_the_plain_map(site: Any, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("/id/accounts/login/"))
        page.fill("#id_username", "kemendagri")
        page.fill("#id_password", "mitra-demo-2024")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        page.goto(site.url("/id/dashboard/map/"))
        assert page.locator("#activity-map[data-state=plain] svg.plain-map").is_visible()
        assert (
            page.locator("circle.plain-map__marker").count()
            == page.locator("#map-table tbody tr[data-code]").count()
        )
        assert page.locator("circle.plain-map__context").count() >= 500
    finally:
        context.close()
