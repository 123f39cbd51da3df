"""Issue 12 §2 in a real browser: a paragraph written for this test (a province signs an MoU
with Mercy Corps, witnessed by BNPB) is pasted, reviewed and confirmed into drafts.

The officer of the province's Kesbangpol unit pastes it; the review screen proposes the
province (matched in the registry), the witness as attending only, both signatories, the
regencies and the sectors; confirming creates a draft held by the officer's unit and an
unpublished organization, and nothing appears on the public directory.
"""

import os
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from mitra.agreements.models import Agreement
from mitra.organizations.models import ForeignOrganization

from .conftest import ConsoleErrors, Site

PARAGRAPH = (
    "Semarang, 18 Februari 2025 - Pemerintah Provinsi Jawa Tengah menandatangani Nota "
    "Kesepahaman dengan Mercy Corps tentang ketangguhan masyarakat menghadapi tanah longsor dan "
    "banjir, Selasa (18/2/2025), di Gedung Gradhika Bhakti Praja. Nota kesepahaman "
    "ditandatangani oleh Sekretaris Daerah Provinsi Jawa Tengah dan Country Director Mercy "
    "Corps Indonesia, disaksikan oleh Kepala Badan Nasional Penanggulangan Bencana (BNPB).\n"
    "Kerja sama berlaku selama dua tahun, 2025 hingga 2027, di Kabupaten Banjarnegara dan "
    "Kabupaten Wonosobo, mencakup pengurangan risiko bencana dan penyediaan air bersih bagi "
    "warga desa.\n"
)


@pytest.fixture
def reference_only(transactional_db: None, pinned_today: date) -> None:
    """Reference data (bodies, regions, sectors) and the Kesbangpol Jawa Tengah officer."""
    from mitra.demo.users import ensure_demo_users

    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    ensure_demo_users(only={"kesbangpol"})


def test_paste_a_fresh_paragraph_and_confirm_it_into_drafts(
    live_server: Any, reference_only: None, page: Any, console: ConsoleErrors
) -> None:
    page.set_default_timeout(15_000)
    site = Site(live_server.url, page, console)
    site.login("kesbangpol")
    site.goto("/en/intake/new/")
    page.fill("#id_text", PARAGRAPH)
    with page.expect_navigation():
        page.click("#intake-read")
    assert "/review/" in page.url, page.content()[:2000]

    parties = page.locator("#government-parties").inner_text()
    assert "Pemerintah Provinsi Jawa Tengah" in parties
    assert "matched" in parties
    assert "not found" not in parties
    attending = page.locator("#id_meeting-attending_agencies").input_value()
    assert "Badan Nasional Penanggulangan Bencana" in attending
    parties_field = page.locator("#id_meeting-government_parties").input_value()
    assert "Penanggulangan Bencana" not in parties_field
    section = page.locator(".intake-agreement").first
    lead = section.locator("select[name$='-government_body'] option:checked").inner_text()
    assert lead.startswith("Pemerintah Provinsi Jawa Tengah")
    signed_for = page.locator("#id_agreements-0-government_signatory").input_value()
    assert signed_for == "Sekretaris Daerah"
    assert page.locator("#id_agreements-0-foreign_signatory").input_value() == "Country Director"
    signatories = page.locator("#signatories li").all_inner_texts()
    assert not any(s.startswith("Gubernur") for s in signatories)
    provinces = section.locator("select[name$='-provinces'] option:checked").all_inner_texts()
    assert provinces == ["Jawa Tengah"]
    regencies = section.locator("select[name$='-regencies'] option:checked").all_inner_texts()
    assert sorted(regencies) == ["Kabupaten Banjarnegara", "Kabupaten Wonosobo"]
    sectors = section.locator("select[name$='-sectors'] option:checked").all_inner_texts()
    assert "Disaster management" in sectors
    assert "Water and sanitation" in sectors
    assert "43060" in page.locator("#detected-sectors").inner_text()
    assert page.locator("#id_agreements-0-new_partner_name").input_value() == "Mercy Corps"
    page.select_option("#id_agreements-0-new_partner_kind", "foreign_ngo")
    page.select_option("#id_agreements-0-new_partner_country", "US")
    site.screenshot("intake-fresh-paragraph-review")

    with page.expect_navigation():
        page.click("#intake-confirm")

    # Check your answers, then confirm (issue 16 §1).

    with page.expect_navigation():
        page.click("#check-confirm")
    created = page.locator("#created-agreements li")
    assert created.count() == 1, page.content()[:3000]
    assert "Draft" in created.first.inner_text()
    agreement = Agreement.objects.get()
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.owner.key == "pemprov-33"
    assert agreement.owner_unit is not None
    assert agreement.owner_unit.key == "pemprov-33-kesbangpol"
    assert agreement.period_label == "2025–2027"
    mercy = ForeignOrganization.objects.get(legal_name="Mercy Corps")
    assert (mercy.is_published, mercy.status) == (False, ForeignOrganization.Status.PROSPECTIVE)

    page.context.clear_cookies()  # the public, signed out
    site.goto("/en/directory/?q=Mercy")
    assert "Mercy Corps" not in page.locator("main").inner_text()
