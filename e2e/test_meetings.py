"""Issue 4 §7(a): record the meeting of 4 April 2024 through the UI (hybrid, the three Biro KTLN
analysts as attendees, invited bodies, two signings) as the Kemendagri officer, and see it in
both agreements' history."""

import os
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.meetings.models import Meeting

from .conftest import ConsoleErrors, Site

ANALYSTS = ["Pratiwi Riama Larosa", "Maharani Fara", "Tara Arani Faza"]
TITLE = "Rapat Perpanjangan Kerja Sama Kemendagri dengan UCLG ASPAC dan Ford Foundation"


@pytest.fixture
def renewals_2024(transactional_db: None, pinned_today: date) -> dict[str, Agreement]:
    """Reference data, the Kemendagri officer, and the two agreements signed on 4 April 2024."""
    from mitra.accounts.models import User
    from mitra.agreements.services import AgreementInput
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
            kind=ForeignOrganization.Kind.REGIONAL_ORGANIZATION,
            country="ID",
        ),
        operator,
    )
    ford = ensure_organization(
        OrganizationInput(
            legal_name="Ford Foundation",
            kind=ForeignOrganization.Kind.FOREIGN_NGO,
            legal_type=ForeignOrganization.LegalType.A,
            country="US",
        ),
        operator,
    )
    # N4: Ford's MSP is signed under its izin prinsip, recorded first as the demo does.
    ensure_ford_izin_prinsip(ford, kemendagri, operator)
    head = "Kepala Pusat Fasilitasi Kerja Sama"
    common = {"owner": kemendagri, "signing_date": date(2024, 4, 4), "start_date": date(2024, 4, 4)}
    return {
        "uclg": ensure_agreement(
            "E2E-UCLG-2024",
            AgreementInput(
                title="Perpanjangan Nota Kesepahaman Kemendagri – UCLG ASPAC 2024–2029",
                type=Agreement.Type.MOU,
                foreign_parties=[uclg],
                duration_months=60,
                **common,
            ),
            operator,
            [("government", head), ("foreign", "Sekretaris Jenderal")],
        ),
        "ford": ensure_agreement(
            "E2E-FORD-2024",
            AgreementInput(
                title="Perpanjangan MSP Kemendagri – Ford Foundation 2024–2027",
                type=Agreement.Type.MSP,
                foreign_parties=[ford],
                duration_months=36,
                **common,
            ),
            operator,
            [("government", head), ("foreign", "Regional Director")],
        ),
    }


def open_form(page: Any, form_id: str) -> None:
    page.click(f"details:has(#{form_id}) > summary")


def submit(page: Any, form_id: str) -> None:
    with page.expect_navigation():
        page.click(f"#{form_id} button[type=submit]")


def test_record_the_meeting_of_4_april_2024(
    live_server: Any,
    renewals_2024: dict[str, Agreement],
    page: Any,
    console: ConsoleErrors,
) -> None:
    page.set_default_timeout(15_000)
    site = Site(live_server.url, page, console)
    site.login("kemendagri")
    body = {b.key: b.pk for b in GovernmentBody.objects.all()}

    # The meeting: hybrid, Gedung F and Zoom, linked to both agreements.
    site.goto("/en/meetings/")
    with page.expect_navigation():
        page.click("#meeting-new")
    page.select_option("#id_kind", "signing")
    page.fill("#id_title", TITLE)
    page.fill("#id_starts_at", "2024-04-04T09:00")
    page.fill("#id_ends_at", "2024-04-04T12:00")
    page.select_option("#id_mode", "hybrid")
    page.fill("#id_online_platform", "Zoom")
    # Without a venue a hybrid meeting is refused with a clear error (a 400 page).
    console.expect(r"status of 400")
    with page.expect_navigation():
        page.click("#meeting-form button[type=submit]")
    assert "needs a venue" in page.locator("#id_venue-error").inner_text()
    assert Meeting.objects.count() == 0
    page.fill("#id_venue", "Gedung F Kementerian Dalam Negeri")
    assert page.locator("#id_organizer_unit").input_value() == str(body["kemendagri-pusat-fasker"])
    page.select_option(
        "#id_agreements", [str(renewals_2024["uclg"].pk), str(renewals_2024["ford"].pk)]
    )
    with page.expect_navigation():
        page.click("#meeting-form button[type=submit]")
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/en/meetings/{meeting.pk}/")
    assert "09:00" in page.locator("#meeting-when").inner_text()
    assert "Zoom" in page.locator("#meeting-online").inner_text()

    # Invited bodies: Kemlu, Kemenkumham, Kemenkeu and the regional governments.
    for key in ("kemlu", "kemenkumham", "kemenkeu"):
        open_form(page, "invite_form")
        page.select_option("#invite_form select[name=body]", str(body[key]))
        submit(page, "invite_form")
    open_form(page, "invite_form")
    page.fill("#invite_form input[name=description]", "Pemerintah provinsi dan kota")
    submit(page, "invite_form")
    invited = page.locator("#meeting-invited").inner_text()
    for name in (
        "Kementerian Luar Negeri",
        "Kementerian Hukum dan Hak Asasi Manusia",
        "Kementerian Keuangan",
        "Pemerintah provinsi dan kota",
    ):
        assert name in invited

    # The three Biro KTLN analysts, for the TPOA and the working group.
    for name in ANALYSTS:
        open_form(page, "attendee_form")
        page.fill("#attendee_form input[name=name]", name)
        page.fill("#attendee_form input[name=title]", "Analis Kebijakan")
        page.select_option("#attendee_form select[name=body]", str(body["kemensetneg-biro-ktln"]))
        page.fill(
            "#attendee_form textarea[name=represents]",
            "TPOA\nKelompok Kerja bagi Kegiatan Kerja Sama dengan Organisasi Multilateral",
        )
        submit(page, "attendee_form")
    attendees = page.locator("#meeting-attendees tbody").inner_text()
    for name in ANALYSTS:
        assert name in attendees
    assert "TPOA; Kelompok Kerja" in attendees
    # Attendance: all three were there.
    for box in page.locator("#attendance-form input[name=attended]").all():
        box.check()
    with page.expect_navigation():
        page.click("#record-attendance")
    assert meeting.attendees.filter(attended=True).count() == 3

    # Held, then the two signings.
    with page.expect_navigation():
        page.click("#transition-hold")
    assert page.locator("#meeting-status").inner_text().strip() == "Held"
    open_form(page, "signing_form")
    for box in page.locator("#signing_form input[name=agreements]").all():
        box.check()
    submit(page, "signing_form")
    assert page.locator("#meeting-agreements .badge").count() == 2
    site.screenshot("meeting-4-april-2024")

    # Both agreements show the meeting, and their history the signing at it.
    for agreement in renewals_2024.values():
        site.goto(f"/en/agreements/{agreement.pk}/")
        assert TITLE in page.locator("#agreement-meetings").inner_text()
        history = page.locator('#history-heading ~ ol strong[title="agreement.signed_at_meeting"]')
        assert history.count() == 1

    # The printable minutes page opens.
    site.goto(f"/en/meetings/{meeting.pk}/print/")
    assert page.locator(".meeting-print").count() == 1
