"""Issue 3 in a browser: the public status page tells the stage without confidential content;
Ford Foundation sees its izin prinsip and its extension deadline on "My deadlines"."""

from mitra.accounts.models import User
from mitra.deadlines.registry import deadlines_for_user
from mitra.permits.models import Application, Permit

from .conftest import DEMO_TODAY, Site


def test_public_status_page_shows_stage_but_no_confidential_content(site: Site) -> None:
    application = Application.objects.get(status=Application.Status.REVIEW)
    page = site.page
    site.goto(f"/en/permits/status/?reference={application.reference}")
    assert page.locator("#public-stage").inner_text().strip() == "Inter-agency review"
    shown = page.locator("main").inner_text()
    assert application.organization.legal_name not in shown
    assert "Which regencies" not in shown  # a member agency's question stays internal
    site.goto("/en/permits/statistics/")
    assert page.locator("main table").count() >= 1


def test_ford_sees_its_permit_and_the_extension_deadline(site: Site) -> None:
    permit = Permit.objects.get(organization__legal_name="Ford Foundation", status="active")
    ford = User.objects.get(username="ford")
    due = [
        d
        for d in deadlines_for_user(user=ford, start=DEMO_TODAY, end=permit.valid_until)
        if d.key == f"permit:{permit.pk}:extension_filing"
    ]
    assert len(due) == 1
    page = site.page
    site.login("ford")
    site.goto(f"/en/permits/permits/{permit.pk}/")
    assert page.locator("#permit-status").inner_text().strip() == "Active"
    site.goto("/en/deadlines/")
    assert permit.number in page.locator("main").inner_text()
    site.screenshot("licensing-ford-deadlines")
