"""Issue 12 §2: the review screen tried with a fresh paragraph (a province signs an MoU with
Mercy Corps, witnessed by BNPB). One test per defect the issue lists, on a registry that holds
every regional government (as the reference data does), not only the bodies of the text."""

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse

from mitra.agreements.models import Agreement
from mitra.intake import services
from mitra.intake.matching import BodyMatcher, OrganizationMatcher
from mitra.intake.models import IntakeSubmission
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.portal import opendata

from .conftest import NTT_TEXT, PEMPROV_NTT
from .test_intake_views import review_post_data

pytestmark = pytest.mark.django_db


def _proposal(officer: Any) -> dict[str, Any]:
    return services.intake_analyse(text=NTT_TEXT, actor=officer)["proposal"]


def _review(client: Any, officer: Any) -> tuple[IntakeSubmission, Any]:
    client.force_login(officer)
    response = client.post(reverse("intake:new"), {"text": NTT_TEXT})
    assert response.status_code == 302
    submission = IntakeSubmission.objects.get()
    return submission, client.get(response.url)


# --- 1. registry matching --------------------------------------------------------------------


def test_the_province_is_found_in_the_registry(client, ntt):
    proposal = _proposal(ntt["officer"])
    assert proposal["meeting"]["government_parties"] == [
        {"name": "Pemerintah Provinsi Nusa Tenggara Timur", "body": PEMPROV_NTT}
    ]
    _submission, review = _review(client, ntt["officer"])
    parties = review.content.decode().split('id="government-parties"')[1].split("</ul>")[0]
    assert "matched" in parties
    assert "not found in the registry" not in parties


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Pemprov NTT", PEMPROV_NTT),  # acronym
        ("pemerintah provinsi ntt", PEMPROV_NTT),  # alias, any case
        ("Pemerintah Provinsi Nusa Tenggara Timur", PEMPROV_NTT),  # name among 552 "Pemerintah"
        ("Gubernur NTT", PEMPROV_NTT),  # a gazetteer form: the head of region
        ("Bappeda NTT", PEMPROV_NTT),  # a regional unit, raised to its government
        ("Pemerintah Provinsi Nusa Tengara Timur", PEMPROV_NTT),  # close spelling
        ("BNPB", "bnpb"),
        ("Badan Nasional Penanggulangan Bencana", "bnpb"),
        ("Biro Pemerintahan dan Kerja Sama Setda Provinsi NTT", PEMPROV_NTT),  # unit -> agency
        ("Kabupaten Sumba Timur", "pemkab-53.11"),
    ],
)
def test_bodies_match_by_acronym_alias_and_close_name(ntt, name, key):
    assert BodyMatcher().match(name).key == key


def test_unknown_bodies_do_not_match(ntt):
    matcher = BodyMatcher()
    assert matcher.match("Dinas Rahasia Negara Antah Berantah") is None
    assert matcher.match("") is None


def test_organizations_match_by_acronym_alias_and_close_name(db):
    crs = ForeignOrganizationFactory(
        legal_name="Catholic Relief Services", acronym="CRS", aliases=["CRS Indonesia"]
    )
    mercy = ForeignOrganizationFactory(legal_name="Mercy Corps", aliases=["Mercy Corps Intl"])
    matcher = OrganizationMatcher()
    for name, expected in [
        ("CRS", crs),
        ("crs indonesia", crs),
        ("Catholic Relief Services (CRS)", crs),
        ("Catholic Relief Service", crs),  # close spelling
        ("Mercy Corps Indonesia", mercy),  # country-office suffix
        ("Mercy Corps Intl", mercy),
        ("Mercy Crops", mercy),  # a typo
        ("Mercy Ships", None),  # another organization: not guessed
        ("Save the Children", None),
    ]:
        found = matcher.match(name)
        assert found == expected, name


def test_a_registered_partner_is_proposed_from_the_registry(ntt):
    mercy = ForeignOrganizationFactory(legal_name="Mercy Corps", country="US")
    (item,) = _proposal(ntt["officer"])["agreements"]
    assert (item["partner"], item["new_partner"]) == (mercy.pk, None)


# --- 2. roles: the witness is not a party -----------------------------------------------------


def test_the_witness_is_not_a_party(ntt):
    proposal = _proposal(ntt["officer"])
    parties = [g["name"] for g in proposal["meeting"]["government_parties"]]
    assert "Badan Nasional Penanggulangan Bencana" not in parties
    assert "Badan Nasional Penanggulangan Bencana" in proposal["meeting"]["attending_agencies"]
    assert [a["government_body"] for a in proposal["agreements"]] == [PEMPROV_NTT]


# --- 3. lead agency and signatories pre-filled -----------------------------------------------


def test_lead_agency_and_both_signatories_are_prefilled(client, ntt):
    (item,) = _proposal(ntt["officer"])["agreements"]
    assert item["government_body"] == PEMPROV_NTT
    assert item["government_signatory"] == "Sekretaris Daerah"
    assert item["foreign_signatory"] == "Country Director"
    _submission, review = _review(client, ntt["officer"])
    form = review.context["formset"].forms[0]
    assert form["government_body"].value() == PEMPROV_NTT
    assert form["government_signatory"].value() == "Sekretaris Daerah"
    assert form["foreign_signatory"].value() == "Country Director"


# --- 4. a venue is not a signatory ------------------------------------------------------------


def test_kantor_gubernur_gives_no_signatory(ntt):
    signatories = _proposal(ntt["officer"])["signatories"]
    assert [s["title"] for s in signatories] == ["Sekretaris Daerah", "Country Director"]


# --- 5. regions and sectors -------------------------------------------------------------------


def test_regions_and_sectors_are_proposed_and_recorded(ntt):
    proposal = _proposal(ntt["officer"])
    (item,) = proposal["agreements"]
    assert item["provinces"] == ["53"]
    assert set(item["regencies"]) == {"53.02", "53.11", "53.71"}
    assert {"disaster", "water-sanitation", "climate", "agriculture"} <= set(item["sectors"])
    dac = {s["code"] for s in proposal["meeting"]["sectors"]}
    assert {"43060", "14030"} <= dac  # Disaster Risk Reduction; drinking water, sanitation
    item["new_partner"].update(kind="foreign_ngo", country="US")
    submission = services.intake_confirm(reviewed=proposal, text=NTT_TEXT, actor=ntt["officer"])
    agreement = Agreement.objects.get(pk=submission.created_records["agreements"][0])
    assert {p.code for p in agreement.provinces.all()} == {"53"}
    assert {r.code for r in agreement.regencies.all()} == {"53.02", "53.11", "53.71"}
    assert set(item["sectors"]) == {s.code for s in agreement.sectors.all()}


# --- 6. errors in words next to the field -----------------------------------------------------


def test_a_refusal_is_shown_in_words_next_to_its_field(client, ntt):
    submission, review = _review(client, ntt["officer"])
    data = review_post_data(review)
    data["agreements-0-government_body"] = ""
    data["agreements-0-new_partner_kind"] = "foreign_ngo"
    data["agreements-0-new_partner_country"] = "US"
    response = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "agreements.0" not in html
    assert "government_body:" not in html
    error = html.split('id="id_agreements-0-government_body-error"')[1].split("</div>")[0]
    assert "Choose the government body that leads this agreement." in error
    submission.refresh_from_db()
    assert submission.status == IntakeSubmission.Status.DRAFT


# --- 7. drafts of the confirming unit, nothing published --------------------------------------


def test_records_start_as_drafts_of_the_confirming_unit(client, ntt):
    submission, review = _review(client, ntt["officer"])
    data = review_post_data(review)
    data["agreements-0-new_partner_kind"] = "foreign_ngo"
    data["agreements-0-new_partner_country"] = "US"
    response = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    submission.refresh_from_db()
    (agreement_id,) = submission.created_records["agreements"]
    agreement = Agreement.objects.get(pk=agreement_id)
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.signing_date is not None  # kept for the signing transition, not applied
    assert (agreement.owner, agreement.owner_unit) == (ntt["pemprov"], ntt["unit"])
    (org_id,) = submission.created_records["organizations"]
    org = ForeignOrganization.objects.get(pk=org_id)
    assert org.legal_name == "Mercy Corps"
    assert (org.is_published, org.status) == (False, ForeignOrganization.Status.PROSPECTIVE)


VOLATILE_RE = re.compile(r'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"')


def _public_snapshot(client: Any) -> dict[str, Any]:
    pages = {
        # the script nonce and the (language form's) CSRF token change on every request
        name: VOLATILE_RE.sub("", client.get(reverse(name)).content.decode())
        for name in ("portal:home", "portal:directory", "portal:opendata")
    }
    data = {}
    for slug in opendata.DATASETS:
        for fmt in ("csv", "json"):
            response = client.get(reverse("portal:opendata_download", args=[slug, fmt]))
            assert response.status_code == 200
            data[(slug, fmt)] = b"".join(response.streaming_content).decode()
    return {"pages": pages, "data": data}


@pytest.mark.parametrize("registered", [False, True], ids=["new-partner", "registered-partner"])
def test_after_confirming_nothing_new_is_on_the_public_directory_or_in_open_data(
    client, ntt, registered
):
    """A new partner would show in the directory if it were published; with a published
    partner of the registry, the agreement would show in open data if it were active."""
    ForeignOrganizationFactory(legal_name="Oxfam", country="GB")  # something public already
    if registered:
        ForeignOrganizationFactory(legal_name="Mercy Corps", country="US")
    before = _public_snapshot(client)
    assert "Oxfam" in before["pages"]["portal:directory"]
    proposal = _proposal(ntt["officer"])
    if not registered:
        proposal["agreements"][0]["new_partner"].update(kind="foreign_ngo", country="US")
    submission = services.intake_confirm(reviewed=proposal, text=NTT_TEXT, actor=ntt["officer"])
    assert len(submission.created_records["agreements"]) == 1
    assert len(submission.created_records["organizations"]) == (0 if registered else 1)
    client.logout()
    after = _public_snapshot(client)
    assert after == before
    agreements = after["data"][("agreements", "json")]
    assert "Mercy Corps" not in agreements
    assert "Nusa Tenggara" not in agreements
    for org_id in submission.created_records["organizations"]:
        assert client.get(reverse("portal:organization", args=[org_id])).status_code == 404
        rows = csv.DictReader(io.StringIO(after["data"][("organizations", "csv")]))
        assert "Mercy Corps" not in {r.get("legal_name") for r in rows}
