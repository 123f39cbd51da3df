"""Issue 5 §5: "New from text" with 000.txt, in a real browser.

(a) On a database holding only the earlier agreements (UCLG ASPAC 2020–2023, Ford Foundation
2021–2024) the review screen proposes the 2024 agreements as their renewals, and confirming
creates them (as drafts) linked to their predecessors. (b) On the demo data, which holds them
already, the review screen says so and offers to link to the existing records instead.
"""

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from mitra.agreements.models import Agreement

from .conftest import ConsoleErrors, Site

PRESS_000 = Path(__file__).resolve().parents[2] / "shared" / "data" / "press" / "dev" / "000.txt"


@pytest.fixture
def press_text() -> str:
    # shared/ lies beside the repository for developers and CI; without it this check must fail,
    # not pass silently.
    assert PRESS_000.exists(), f"{PRESS_000} is missing: put the shared folder beside the repo"
    return PRESS_000.read_text(encoding="utf-8")


@pytest.fixture
def earlier_only(transactional_db: None, pinned_today: date) -> dict[str, Agreement]:
    """Reference data, the Kemendagri officer, and only the agreements of 2020 and 2021."""
    from mitra.accounts.models import User
    from mitra.agreements.services import AgreementInput
    from mitra.bodies.models import GovernmentBody
    from mitra.demo.canonical import (
        ensure_agreement,
        ensure_ford_izin_prinsip,
        ensure_organization,
    )
    from mitra.demo.users import ensure_demo_users
    from mitra.organizations.models import ForeignOrganization
    from mitra.organizations.services import OrganizationInput

    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    ensure_demo_users(only={"operator", "kemendagri"})
    operator = User.objects.get(username="operator")
    kemendagri = GovernmentBody.objects.get(key="kemendagri")
    uclg = ensure_organization(
        OrganizationInput(
            legal_name="United Cities and Local Governments Asia-Pacific",
            acronym="UCLG ASPAC",
            aliases=["UCLG Asia Pacific", "UCLG-ASPAC"],
            kind=ForeignOrganization.Kind.REGIONAL_ORGANIZATION,
            country="ID",
        ),
        operator,
    )
    ford = ensure_organization(
        OrganizationInput(
            legal_name="Ford Foundation",
            aliases=["The Ford Foundation"],
            kind=ForeignOrganization.Kind.FOREIGN_NGO,
            legal_type=ForeignOrganization.LegalType.A,
            country="US",
        ),
        operator,
    )
    # N4: Ford's MSP is signed under its izin prinsip, recorded first as the demo does.
    ensure_ford_izin_prinsip(ford, kemendagri, operator)
    head = "Kepala Pusat Fasilitasi Kerja Sama"
    uclg_old = ensure_agreement(
        "E2E-UCLG-2020",
        AgreementInput(
            title="Nota Kesepahaman Kemendagri – UCLG ASPAC",
            type=Agreement.Type.MOU,
            owner=kemendagri,
            foreign_parties=[uclg],
            signing_date=date(2020, 1, 15),
            start_date=date(2020, 1, 15),
            end_date=date(2023, 1, 14),
        ),
        operator,
        [("government", head), ("foreign", "Sekretaris Jenderal")],
    )
    ford_old = ensure_agreement(
        "E2E-FORD-2021",
        AgreementInput(
            title="Memorandum Saling Pengertian Kemendagri – Ford Foundation",
            type=Agreement.Type.MSP,
            owner=kemendagri,
            foreign_parties=[ford],
            signing_date=date(2021, 3, 17),
            start_date=date(2021, 3, 17),
            end_date=date(2024, 3, 16),
        ),
        operator,
        [("government", head), ("foreign", "Regional Director")],
    )
    return {"uclg_old": uclg_old, "ford_old": ford_old}


def paste(site: Site, text: str) -> Any:
    site.login("kemendagri")
    page = site.page
    assert page.locator("#nav-intake").count() == 1
    site.goto("/en/intake/new/")
    page.fill("#id_text", text)
    with page.expect_navigation():
        page.click("#intake-read")
    assert "/review/" in page.url, page.content()[:2000]
    return page


def assert_review_proposes_the_canonical_story(page: Any) -> None:
    assert "Kementerian Dalam Negeri" in page.locator("#government-parties").inner_text()
    assert "matched" in page.locator("#government-parties").inner_text()
    sections = page.locator(".intake-agreement")
    assert sections.count() == 2
    uclg, ford = sections.nth(0), sections.nth(1)
    assert "UCLG ASPAC" in uclg.locator("h2").inner_text()
    assert uclg.locator(".intake-period").inner_text().strip() == "2024–2029 (5 years)"
    assert "Ford Foundation" in ford.locator("h2").inner_text()
    assert ford.locator(".intake-period").inner_text().strip() == "2024–2027 (3 years)"
    for section, partner in ((uclg, "UCLG ASPAC"), (ford, "Ford Foundation")):
        chosen = section.locator("select[name$='-partner'] option:checked").inner_text()
        assert partner in chosen
        body = section.locator("select[name$='-government_body'] option:checked").inner_text()
        assert "Kementerian Dalam Negeri" in body
    signatories = page.locator("#signatories li").all_inner_texts()
    assert signatories == [
        "Kepala Pusat Fasilitasi Kerja Sama · Kementerian Dalam Negeri",
        "Sekretaris Jenderal · United Cities and Local Governments Asia Pacific (UCLG ASPAC)",
        "Regional Director · Ford Foundation",
    ]
    assert page.locator("#id_meeting-meeting_mode").input_value() == "hybrid"
    assert page.locator("#id_meeting-event_date").input_value() == "2024-04-04"
    assert page.locator("#id_meeting-venue").input_value() == "Gedung F Kementerian Dalam Negeri"
    attending = page.locator("#id_meeting-attending_agencies").input_value()
    for body in ("Kementerian Luar Negeri", "Kementerian Keuangan"):
        assert body in attending
    # The source words are highlighted in the source text.
    marks = page.locator("#intake-source mark").all_inner_texts()
    assert "hybrid" in marks
    assert any("2024 s.d 2029" in m for m in marks)


def test_paste_000_renews_the_earlier_agreements(
    live_server: Any,
    earlier_only: dict[str, Agreement],
    page: Any,
    console: ConsoleErrors,
    press_text: str,
) -> None:
    page.set_default_timeout(15_000)
    site = Site(live_server.url, page, console)
    page = paste(site, press_text)
    assert_review_proposes_the_canonical_story(page)
    renewals = page.locator(".intake-renewal").all_inner_texts()
    assert len(renewals) == 2
    assert earlier_only["uclg_old"].title in renewals[0]
    assert earlier_only["ford_old"].title in renewals[1]
    assert page.locator(".intake-existing").count() == 0
    site.screenshot("intake-review")

    with page.expect_navigation():
        page.click("#intake-confirm")

    # Check your answers, then confirm (issue 16 §1).

    with page.expect_navigation():
        page.click("#check-confirm")
    created = page.locator("#created-agreements li")
    assert created.count() == 2, page.content()[:3000]
    new = Agreement.objects.exclude(pk__in=[a.pk for a in earlier_only.values()])
    assert {a.renews_id for a in new} == {a.pk for a in earlier_only.values()}
    # Drafts: signed and active only through the agreements' own transitions (issue 12).
    assert {a.status for a in new} == {Agreement.Status.DRAFT}
    assert sorted(a.period_label for a in new) == ["2024–2027", "2024–2029"]


def test_paste_000_on_demo_data_says_already_recorded(site: Site, press_text: str) -> None:
    page = paste(site, press_text)
    assert_review_proposes_the_canonical_story(page)
    existing = page.locator(".intake-existing").all_inner_texts()
    assert len(existing) == 2
    assert all("Already recorded" in text for text in existing)
    assert page.locator("select[name='agreements-0-action']").input_value() == "link"
    count = Agreement.objects.count()
    with page.expect_navigation():
        page.click("#intake-confirm")
    # Check your answers, then confirm (issue 16 §1).
    with page.expect_navigation():
        page.click("#check-confirm")
    assert page.locator("#linked-agreements li").count() == 2
    assert Agreement.objects.count() == count
