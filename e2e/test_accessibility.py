"""axe-core on the key pages: no "serious" or "critical" violations.

axe-playwright-python ships axe.min.js and injects it with page.evaluate, which runs through the
DevTools protocol and is not subject to the page's Content-Security-Policy (script-src 'self' +
nonce), so the strict CSP stays on while axe runs.
"""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from mitra.agreements.models import Agreement
from mitra.monitoring.models import Report
from mitra.workplans.models import WorkPlan

from .conftest import Site

BLOCKING = {"serious", "critical"}


def blocking_violations(page: Any) -> list[str]:
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(
                f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']}"
                f" at {targets}"
            )
    return found


def test_key_pages_have_no_serious_accessibility_violations(site: Site) -> None:
    page = site.page
    ford = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
    problems: list[str] = []

    for path in [
        "/id/",
        "/id/directory/?q=Ford",
        "/en/directory/",
        "/id/accounts/login/",
        "/id/accounts/password-reset/",
    ]:
        site.goto(path)
        problems += blocking_violations(page)

    site.login("kemendagri")
    meeting = ford.meetings.get()  # the signing of 4 April 2024
    rkt = WorkPlan.objects.filter(agreement=ford, kind=WorkPlan.Kind.RKT).first()
    report = Report.objects.filter(agreement=ford).order_by("due_date").last()
    for path in [
        "/id/dashboard/",
        "/id/agreements/",
        f"/id/agreements/{ford.pk}/",
        "/id/agreements/new/",
        f"/en/agreements/{ford.pk}/",
        # Coordination and monitoring (issue 4).
        "/id/dashboard/compliance/?by=region",
        "/id/dashboard/map/",
        f"/id/workplans/{rkt.pk}/",
        f"/id/monitoring/reports/{report.pk}/",
        f"/id/meetings/{meeting.pk}/",
        # Notifications and deadlines (issue 9).
        "/id/notifications/",
        "/id/notifications/settings/",
        "/id/workplans/n5/",
        "/id/deadlines/",
        # The account pages (issue 14).
        "/id/accounts/me/",
        "/id/accounts/me/password/",
        "/id/accounts/me/second-factor/",
    ]:
        response = site.goto(path)
        assert response.status == 200, path  # axe on an error page would prove nothing
        problems += blocking_violations(page)
        # axe ran inside the page despite the CSP (its results came from the page itself).
        assert page.evaluate("typeof axe.run") == "function"

    assert not problems, "\n".join(problems)


def test_this_seasons_new_pages_have_no_serious_accessibility_violations(site: Site) -> None:
    """The pages added with issues 15–17: the public register and open data, the change
    notices, foreign staff and sanction replies of the organization, the risk list, the IATI
    pages, the check-your-answers page of an application."""
    from mitra.organizations.models import ForeignOrganization
    from mitra.permits.models import Application
    from mitra.sanctions.models import SanctionCase

    page = site.page
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    case = SanctionCase.objects.filter(organization=ford).order_by("-pk").first()
    draft = Application.objects.filter(status=Application.Status.DRAFT).first()
    assert case is not None  # the demo's written warning against Ford
    assert draft is not None  # the demo's application still being drafted
    problems: list[str] = []

    def check(paths: list[str]) -> None:
        nonlocal problems
        for path in paths:
            response = site.goto(path)
            assert response.status == 200, path
            problems += blocking_violations(page)

    check(["/id/register/?q=ford", "/en/register/?q=ford&as_of=2024-03-20", "/id/open-data/"])
    site.login("ford")
    check(
        [
            f"/id/organizations/{ford.pk}/changes/",
            f"/id/organizations/{ford.pk}/changes/new/?kind=country_director",
            "/id/staff/",
            "/id/staff/requests/new/",
            f"/id/sanctions/{case.pk}/",
        ]
    )
    page.context.clear_cookies()
    site.login("kemlu")
    check(["/id/risk/", "/id/iati/", f"/id/organizations/{ford.pk}/"])
    if draft is not None:
        page.context.clear_cookies()
        site.login("operator")
        check(
            [f"/id/permits/applications/{draft.pk}/check/", "/id/iati/import/", "/id/iati/review/"]
        )
    assert not problems, "\n".join(problems)
