"""Issue 15 §6(b): Ford requests approval for a fourth foreign staff member → refused with the
cap named, nothing written.

The demo gives Ford its three active foreign staff (mitra/staff/demo.py), each approved by
Biro KTLN with a stay permit; the cap is 3 per organization (PP 59/2016 Ps 25)."""

from django.utils import translation

from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import ForeignStaffAssignment, Permit
from mitra.staff import rules
from mitra.staff.models import ForeignStaffPerson, StaffRequest

from .conftest import Site


def test_ford_is_refused_a_fourth_foreign_staff_member(site: Site) -> None:
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    active = ForeignStaffAssignment.objects.filter(organization=ford, status="active")
    assert active.count() == 3
    before = (StaffRequest.objects.count(), ForeignStaffPerson.objects.count())
    ministry = Permit.objects.get(number="IP-2024-0007").partner_ministry
    page = site.page
    site.console.expect(r"status of 400")  # the refused form answers 400 Bad Request

    site.login("ford")
    site.goto("/id/staff/")
    assert page.locator("#staff-persons li").count() == 3
    with page.expect_navigation():
        page.click("#request-approval")
    form = "#staff-request-form"
    page.fill(f"{form} input[name=name]", "Lukas Brenner")
    page.fill(f"{form} input[name=nationality]", "AT")
    page.fill(f"{form} input[name=passport_number]", "E2E-U7731904")
    page.fill(f"{form} input[name=passport_expires_on]", "2031-05-31")
    page.fill(f"{form} input[name=position]", "Finance adviser")
    page.fill(f"{form} input[name=start_date]", "2027-01-04")
    page.fill(f"{form} input[name=end_date]", "2027-04-02")
    page.select_option(f"{form} select[name=partner_ministry]", str(ministry.pk))
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")

    with translation.override("id"):
        (message,) = rules.cap_problems(ford)["organization"]
    assert message in page.locator(".error-summary, [role=alert]").first.inner_text()
    assert "3" in message
    site.screenshot("staff-fourth-refused")
    assert (StaffRequest.objects.count(), ForeignStaffPerson.objects.count()) == before
    assert active.count() == 3
