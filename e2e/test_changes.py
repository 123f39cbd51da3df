"""Issue 15 §6 (a) in a browser: Ford Foundation's representative reports a new country
director, the TPOA secretariat accepts it, and the public directory shows the new one; bad
input on the way shows a clear error and writes nothing."""

from mitra.organizations.models import ChangeNotice, ForeignOrganization

from .conftest import Site

NEW_DIRECTOR = "Ada Lovelace"


def test_ford_reports_a_new_country_director_and_the_secretariat_accepts(site: Site) -> None:
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    page = site.page
    # The bad-input steps answer 400 (the form again, with its errors), which Chromium logs.
    site.console.expect(r"status of 400 \(Bad Request\)")

    site.login("ford")
    site.goto(f"/en/organizations/{ford.pk}/")
    with page.expect_navigation():
        page.click("#report-change")
    with page.expect_navigation():
        page.click("#change-kinds a[href$='kind=country_director']")
    assert "once the TPOA secretariat accepts it" in page.locator("#change-rule").inner_text()
    # Bad input: an empty name is refused on its field, nothing is filed.
    page.fill("#id_country_director", "")
    with page.expect_navigation():
        page.click("#file-change")
    assert "This field is required." in page.locator("main").inner_text()
    assert not ChangeNotice.objects.filter(organization=ford).exists()
    page.fill("#id_country_director", NEW_DIRECTOR)
    page.fill("#id_explanation", "Appointed by the board on 1 November.")
    with page.expect_navigation():
        page.click("#file-change")
    assert page.locator("#change-status").inner_text().strip() == "Awaiting the secretariat"
    notice = ChangeNotice.objects.get(organization=ford)
    ford.refresh_from_db()
    assert ford.country_director != NEW_DIRECTOR  # not before the secretariat accepts
    page.click("form[action$='/accounts/logout/'] button")

    site.login("kemlu")
    site.goto(f"/en/organizations/{ford.pk}/changes/{notice.pk}/")
    assert NEW_DIRECTOR in page.locator("#change-after").inner_text()
    # Refusing without a reason: a clear error, nothing decided.
    page.select_option("#id_decision", "refuse")
    with page.expect_navigation():
        page.click("#decide-change")
    assert "Give the reason for refusing." in page.locator("main").inner_text()
    notice.refresh_from_db()
    assert notice.status == ChangeNotice.Status.PENDING
    page.select_option("#id_decision", "accept")
    with page.expect_navigation():
        page.click("#decide-change")
    assert page.locator("#change-status").inner_text().strip() == "Accepted"
    site.screenshot("changes-accepted")
    page.click("form[action$='/accounts/logout/'] button")

    site.goto(f"/en/directory/{ford.pk}/")
    assert page.locator("#org-country-director").inner_text().strip() == NEW_DIRECTOR
