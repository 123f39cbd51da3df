"""Issue 16 §3 (b): a journalist finds whether "Ford Foundation" holds a valid izin prinsip,
without a reference number, starting from the public home page (no sign-in)."""

from mitra.permits.models import Permit

from .conftest import Site


def test_a_journalist_finds_fords_izin_prinsip_by_name(site: Site) -> None:
    permit = Permit.objects.get(
        organization__legal_name="Ford Foundation",
        kind=Permit.Kind.IZIN_PRINSIP,
        status=Permit.Status.ACTIVE,
    )
    site.goto("/id/")
    with site.page.expect_navigation():
        site.page.locator("#portal-register").click()
    # Typed as a hurried person would: lower case and misspelt.
    site.page.fill("#q", "ford fundation")
    with site.page.expect_navigation():
        site.page.get_by_role("button", name="Cari").click()
    entry = site.page.locator(".register-entry").filter(has_text="Ford Foundation")
    assert entry.count() == 1
    assert entry.get_attribute("data-state") == "valid"
    text = entry.inner_text()
    assert permit.number in text
    assert str(permit.valid_until.year) in text
    assert site.console.unexpected() == []
