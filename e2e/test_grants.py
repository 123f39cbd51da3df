"""Issue 10 §5 (a)–(c): supervisors see what they supervise (visibility grants, ADR 0015).

(a) Kemlu, the TPOA secretariat, opens the Ford Foundation MSP 2024–2027 and its izin prinsip;
(b) Biro KTLN opens the meeting of 4 April 2024 and sees both renewals, and can open them;
(c) Kemenkes sees at least what the public sees of an organization (Ford Foundation)."""

import re

from mitra.agreements.models import Agreement
from mitra.meetings.models import Meeting
from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import Permit

from .conftest import Site

FORD_2024 = "DEMO-KEMENDAGRI-FORD-2024"
UCLG_2024 = "DEMO-KEMENDAGRI-UCLG-2024"


def test_a_kemlu_sees_the_ford_msp_and_its_izin_prinsip(site: Site) -> None:
    msp = Agreement.objects.get(reference=FORD_2024)
    # The izin prinsip in force for the 2024–2027 term (the 2021 one expired in March 2024).
    permit = Permit.objects.get(
        organization__legal_name="Ford Foundation",
        kind=Permit.Kind.IZIN_PRINSIP,
        status=Permit.Status.ACTIVE,
    )
    site.login("kemlu")
    site.goto("/id/agreements/?q=ford")
    link = site.page.locator(f"a[href='/id/agreements/{msp.pk}/']").first
    assert link.is_visible()
    with site.page.expect_navigation():
        link.click()
    assert site.page.locator("h1").first.inner_text().strip().startswith(msp.title[:40])
    assert "2024" in site.page.content()
    assert "2027" in site.page.content()

    response = site.goto(f"/id/permits/permits/{permit.pk}/")
    assert response is not None
    assert response.status == 200
    assert permit.number in site.page.content()
    site.screenshot("grants_kemlu_ford")


def test_b_ktln_opens_the_meeting_of_4_april_2024_and_sees_both_renewals(site: Site) -> None:
    meeting = Meeting.objects.get(starts_at__date="2024-04-04")
    renewals = [Agreement.objects.get(reference=r) for r in (FORD_2024, UCLG_2024)]
    site.login("ktln")
    response = site.goto(f"/id/meetings/{meeting.pk}/")
    assert response is not None
    assert response.status == 200
    listed = site.page.locator("#meeting-agreements")
    text = listed.inner_text()
    assert "Tidak ada perjanjian yang ditautkan" not in text
    for agreement in renewals:
        assert listed.locator(f"a[href='/id/agreements/{agreement.pk}/']").count() == 1, text
    site.screenshot("grants_ktln_meeting")
    # And each opens (read only: no edit button).
    for agreement in renewals:
        response = site.goto(f"/id/agreements/{agreement.pk}/")
        assert response is not None
        assert response.status == 200
        assert site.page.locator(f"a[href='/id/agreements/{agreement.pk}/edit/']").count() == 0


def test_c_kemenkes_sees_at_least_what_the_public_sees_of_an_organization(site: Site) -> None:
    """The Asia Foundation of the issue has no agreement in force any more (its izin prinsip is
    still being decided, so N4 holds its MSPs in review); Ford Foundation is the same case:
    an active MSP the public sees and Kemenkes may not open."""
    from mitra.accounts.models import User

    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    kemenkes = User.objects.get(username="kemenkes")
    active = Agreement.objects.filter(parties__organization=ford, status="active")
    assert active.exists()
    assert not Agreement.objects.visible_to(kemenkes).filter(pk__in=active).exists()
    site.goto(f"/id/directory/{ford.pk}/")
    public_rows = site.page.locator("table tbody tr").all_inner_texts()
    public_titles = [row.split("\t")[0].strip() for row in public_rows if "\t" in row]
    assert public_titles, public_rows  # the public sees its active MSP

    site.login("kemenkes")
    response = site.goto(f"/id/organizations/{ford.pk}/")
    assert response is not None
    assert response.status == 200
    site.page.locator("#org-permits-table").wait_for()  # the licensing rows, loaded by htmx
    content = site.page.content()
    assert not re.search(r"Tidak ada yang dapat Anda lihat|None you can see", content)
    listed = site.page.locator("main").inner_text()
    for title in public_titles:
        assert title in listed, (title, listed[-800:])
    site.screenshot("grants_kemenkes_ford")


def test_d_kemhans_home_shows_its_review_due(site: Site) -> None:
    """Issue 10 §5 (d): Kemhan, a TPOA member, has The Asia Foundation's review open (the demo's
    three opinions came from Kemlu, Kemendagri and Polri); its home says so, with a working-day
    countdown, and the count opens exactly that review."""
    from mitra.permits.models import AgencyReview

    review = AgencyReview.objects.get(
        agency__key="kemhan", application__organization__legal_name="The Asia Foundation"
    )
    assert review.state in AgencyReview.OPEN_STATES
    page = site.page
    site.login("kemhan")
    site.goto("/id/dashboard/")
    member = page.locator("#work-member")
    assert member.locator('[data-item="reviews"] [data-count]').inner_text().strip() == "1"
    assert re.search(r"hari kerja", member.inner_text())
    assert review.application.reference in member.inner_text()
    with page.expect_navigation():
        member.locator('[data-item="reviews"] a').click()
    assert page.locator(f'a[href$="/permits/reviews/{review.pk}/"]').count() >= 1
    site.screenshot("grants-kemhan-home")
