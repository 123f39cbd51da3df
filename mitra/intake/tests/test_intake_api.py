"""Intake API: extract (no write) and confirm (creates), with the editors' access level."""

import pytest
from rest_framework.test import APIClient

from mitra.accounts.tests.factories import api_key_for
from mitra.agreements.models import Agreement

from .conftest import NTT_TEXT, nothing_written

pytestmark = pytest.mark.django_db
EXTRACT = "/api/v1/intake/extract/"
CONFIRM = "/api/v1/intake/confirm/"


def client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        key = api_key_for(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_extract_writes_nothing(officer, earlier, uclg, press_text):
    with nothing_written():
        response = client_for(officer).post(EXTRACT, {"text": press_text}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["record"]["meeting_mode"] == "hybrid"
    assert body["record"]["event_date"] == "2024-04-04"
    first = body["proposal"]["agreements"][0]
    assert (first["partner"], first["renews"]) == (uclg.pk, earlier["uclg_old"].pk)
    assert all({"field", "start", "end", "confidence"} <= set(e) for e in body["evidence"])


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("viewer", 403), ("ford_rep", 403)]
)
def test_extract_and_confirm_denied(request, who, expected, press_text, kemendagri):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    with nothing_written():
        assert client.post(EXTRACT, {"text": press_text}, format="json").status_code == expected
        response = client.post(CONFIRM, {"text": press_text, "agreements": []}, format="json")
        assert response.status_code == expected


def test_confirm_creates_renewals(officer, earlier, press_text):
    client = client_for(officer)
    proposal = client.post(EXTRACT, {"text": press_text}, format="json").json()["proposal"]
    response = client.post(
        CONFIRM,
        {"text": press_text, "meeting": proposal["meeting"], "agreements": proposal["agreements"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "confirmed"
    created = Agreement.objects.filter(pk__in=body["created_records"]["agreements"])
    assert {a.renews_id for a in created} == {earlier["uclg_old"].pk, earlier["ford_old"].pk}
    assert len(body["created_records"]["signatories"]) == 4


def test_confirm_creates_drafts_with_regions_and_sectors(ntt):
    """The proposal of a fresh paragraph round-trips through the API: the lead agency, both
    signatories, regions and sectors come back and are recorded on a draft of the unit."""
    client = client_for(ntt["officer"])
    extracted = client.post(EXTRACT, {"text": NTT_TEXT}, format="json").json()
    proposal = extracted["proposal"]
    (item,) = proposal["agreements"]
    assert (item["government_signatory"], item["foreign_signatory"]) == (
        "Sekretaris Daerah",
        "Country Director",
    )
    item["new_partner"].update(kind="foreign_ngo", country="US")
    response = client.post(
        CONFIRM,
        {"text": NTT_TEXT, "meeting": proposal["meeting"], "agreements": [item]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    (agreement_id,) = response.json()["created_records"]["agreements"]
    agreement = Agreement.objects.get(pk=agreement_id)
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.owner_unit == ntt["unit"]
    assert sorted(r.code for r in agreement.regencies.all()) == sorted(item["regencies"])
    assert {s.code for s in agreement.sectors.all()} == set(item["sectors"]) != set()
    assert len(response.json()["created_records"]["signatories"]) == 2


def test_confirm_refuses_unknown_region_codes(ntt):
    client = client_for(ntt["officer"])
    proposal = client.post(EXTRACT, {"text": NTT_TEXT}, format="json").json()["proposal"]
    (item,) = proposal["agreements"]
    item["new_partner"].update(kind="foreign_ngo", country="US")
    item["regencies"] = ["99.99"]
    with nothing_written():
        response = client.post(CONFIRM, {"text": NTT_TEXT, "agreements": [item]}, format="json")
    assert response.status_code == 400
    assert "agreements.0.regencies" in response.json()["extra"]


def test_confirm_on_demo_data_links(officer, demo_like, press_text):
    client = client_for(officer)
    proposal = client.post(EXTRACT, {"text": press_text}, format="json").json()["proposal"]
    count = Agreement.objects.count()
    response = client.post(
        CONFIRM, {"text": press_text, "agreements": proposal["agreements"]}, format="json"
    )
    assert response.status_code == 201
    assert Agreement.objects.count() == count
    assert len(response.json()["created_records"]["linked"]) == 2


def test_confirm_bad_input_writes_nothing(officer, earlier, press_text):
    client = client_for(officer)
    proposal = client.post(EXTRACT, {"text": press_text}, format="json").json()["proposal"]
    proposal["agreements"][1]["government_body"] = "no-such-body"
    with nothing_written():
        response = client.post(
            CONFIRM, {"text": press_text, "agreements": proposal["agreements"]}, format="json"
        )
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    with nothing_written():
        response = client.post(CONFIRM, {"text": "", "agreements": []}, format="json")
    assert response.status_code == 400
    with nothing_written():
        response = client.post(EXTRACT, {"text": 12}, format="json")
    assert response.status_code in (200, 400)


def test_schema_documents_intake(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "intake_extract" in text
    assert "intake_confirm" in text
