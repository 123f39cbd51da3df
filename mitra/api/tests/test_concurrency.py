"""Issue 13 §2 through the API: ETags, If-Match (428/412), Idempotency-Key, duplicates as 409.

The races themselves (two requests at once, on PostgreSQL) are in test_races.py.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from mitra.agreements.models import Agreement
from mitra.core.models import IdempotencyRecord
from mitra.organizations.models import ForeignOrganization

from .conftest import nothing_written

pytestmark = pytest.mark.django_db
ORGS = "/api/v1/organizations/"
AGREEMENTS = "/api/v1/agreements/"
NEW_ORG = {"legal_name": "Stichting Voorbeeld", "kind": "foreign_ngo", "country": "NL"}


@pytest.fixture
def renewal(ford: Any, kemenkes: Any) -> dict[str, Any]:
    return {
        "title": "MSP Kemendagri – Ford Foundation 2024–2027",
        "type": "msp",
        "foreign_parties": [ford.pk],
        "start_date": "2024-04-04",
        "duration_months": 36,
        "shared_with": ["kemenkes"],
    }


# --- ETag and If-Match --------------------------------------------------------------------


def test_detail_sends_the_version_as_etag(client_for: Any, officer: Any, ford: Any) -> None:
    response = client_for(officer).get(f"{ORGS}{ford.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["version"] == 1


def test_patch_without_if_match_is_428_and_writes_nothing(
    client_for: Any, officer: Any, ford: Any
) -> None:
    with nothing_written():
        response = client_for(officer).patch(f"{ORGS}{ford.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["message"]
    ford.refresh_from_db()
    assert (ford.phone, ford.version) == ("", 1)


def test_put_without_if_match_is_428(client_for: Any, officer: Any, kemendagri_draft: Any) -> None:
    body = {"title": "x", "type": "mou", "foreign_parties": []}
    response = client_for(officer).put(f"{AGREEMENTS}{kemendagri_draft.pk}/", body, format="json")
    assert response.status_code == 428


@pytest.mark.parametrize("value", ["3", '"abc"', "*", '"1", "2"'])
def test_a_malformed_if_match_is_400(client_for: Any, officer: Any, ford: Any, value: str) -> None:
    response = client_for(officer).patch(
        f"{ORGS}{ford.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH=value
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()["message"]


def test_a_matching_patch_bumps_the_version_and_the_etag(
    client_for: Any, officer: Any, ford: Any
) -> None:
    client = client_for(officer)
    first = client.patch(f"{ORGS}{ford.pk}/", {"phone": "1"}, format="json", HTTP_IF_MATCH='"1"')
    assert first.status_code == 200, first.json()
    assert first["ETag"] == '"2"'
    assert first.json()["version"] == 2
    weak = client.patch(f"{ORGS}{ford.pk}/", {"phone": "2"}, format="json", HTTP_IF_MATCH='W/"2"')
    assert weak.status_code == 200
    assert weak["ETag"] == '"3"'


def test_a_stale_patch_is_412_with_the_current_record(
    client_for: Any, officer: Any, ford: Any
) -> None:
    client = client_for(officer)
    assert (
        client.patch(
            f"{ORGS}{ford.pk}/", {"phone": "mine"}, format="json", HTTP_IF_MATCH='"1"'
        ).status_code
        == 200
    )
    with nothing_written():
        stale = client.patch(
            f"{ORGS}{ford.pk}/", {"email": "x@example.org"}, format="json", HTTP_IF_MATCH='"1"'
        )
    assert stale.status_code == 412
    body = stale.json()
    assert "changed by someone else" in body["message"]
    assert body["current"]["phone"] == "mine"
    assert body["current"]["version"] == 2
    assert stale["ETag"] == '"2"'
    ford.refresh_from_db()
    assert (ford.email, ford.version) == ("", 2)


def test_agreement_stale_patch_keeps_the_sharing_list(
    client_for: Any, officer: Any, kemendagri_draft: Agreement, kemenkes: Any
) -> None:
    """The issue's lost edit: a PATCH of the sharing list, then one of the title sent with the
    same ETag. The second is refused; the sharing list stays."""
    client = client_for(officer)
    url = f"{AGREEMENTS}{kemendagri_draft.pk}/"
    etag = client.get(url)["ETag"]
    shared = client.patch(url, {"shared_with": ["kemenkes"]}, format="json", HTTP_IF_MATCH=etag)
    assert shared.status_code == 200, shared.json()
    titled = client.patch(url, {"title": "Renamed"}, format="json", HTTP_IF_MATCH=etag)
    assert titled.status_code == 412
    assert [b["key"] for b in titled.json()["current"]["shared_with"]] == ["kemenkes"]
    kemendagri_draft.refresh_from_db()
    assert list(kemendagri_draft.shared_with.all()) == [kemenkes]
    assert kemendagri_draft.title == "Draft MoU Kemendagri – UCLG ASPAC"


def test_a_transition_bumps_the_version(
    client_for: Any, officer: Any, kemendagri_draft: Agreement
) -> None:
    client = client_for(officer)
    url = f"{AGREEMENTS}{kemendagri_draft.pk}/"
    etag = client.get(url)["ETag"]
    moved = client.post(f"{url}actions/submit_for_review/")
    assert moved.status_code == 200, moved.json()
    assert moved["ETag"] != etag
    assert client.patch(url, {"title": "x"}, format="json", HTTP_IF_MATCH=etag).status_code == 412


# --- idempotent creates -------------------------------------------------------------------


def test_a_create_repeated_with_its_key_is_answered_from_the_first(
    client_for: Any, officer: Any
) -> None:
    client = client_for(officer)
    first = client.post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.json()
    assert "Idempotent-Replayed" not in first
    again = client.post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    assert ForeignOrganization.objects.filter(legal_name="Stichting Voorbeeld").count() == 1


def test_the_same_key_with_another_body_is_422(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert client.post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201
    other = {**NEW_ORG, "legal_name": "Another Foundation"}
    with nothing_written():
        response = client.post(ORGS, other, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["extra"]


def test_keys_belong_to_their_user(client_for: Any, officer: Any, operator: Any) -> None:
    """Another user's key of the same value is another key: no answer leaks across users."""
    assert (
        client_for(officer)
        .post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="shared")
        .status_code
        == 201
    )
    response = client_for(operator).post(
        ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )
    assert response.status_code == 409  # a real second attempt: the duplicate rule answers
    assert "Idempotent-Replayed" not in response


def test_a_refused_create_stores_nothing_and_may_be_sent_again(
    client_for: Any, officer: Any
) -> None:
    client = client_for(officer)
    bad = client.post(ORGS, {**NEW_ORG, "country": "XX"}, format="json", HTTP_IDEMPOTENCY_KEY="k3")
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.exists()
    good = client.post(ORGS, {**NEW_ORG, "country": "XX"}, format="json", HTTP_IDEMPOTENCY_KEY="k3")
    assert good.status_code == 400  # the same refusal, computed again (nothing was stored)


def test_a_key_expires_after_a_day(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert client.post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="old").status_code == 201
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = client.post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY="old")
    assert again.status_code == 409  # the key is forgotten; the duplicate rule refuses
    assert "Idempotent-Replayed" not in again


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "clé"])
def test_a_bad_key_is_400(client_for: Any, officer: Any, key: str) -> None:
    with nothing_written():
        response = client_for(officer).post(ORGS, NEW_ORG, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["message"]


def test_agreement_create_is_idempotent(
    client_for: Any, officer: Any, renewal: dict[str, Any]
) -> None:
    client = client_for(officer)
    first = client.post(AGREEMENTS, renewal, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    again = client.post(AGREEMENTS, renewal, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    assert (first.status_code, again.status_code) == (201, 201), first.json()
    assert again.json()["id"] == first.json()["id"]
    assert Agreement.objects.filter(title=renewal["title"]).count() == 1


# --- duplicates are 409 -------------------------------------------------------------------


def test_a_second_renewal_of_one_agreement_is_409(
    client_for: Any, officer: Any, renewal: dict[str, Any], ford_msp_2021: Agreement
) -> None:
    client = client_for(officer)
    body = {**renewal, "renews": ford_msp_2021.pk}
    assert client.post(AGREEMENTS, body, format="json").status_code == 201
    with nothing_written():
        second = client.post(AGREEMENTS, {**body, "title": "Another"}, format="json")
    assert second.status_code == 409
    assert "is already renewed by" in second.json()["extra"]["renews"][0]


def test_a_duplicate_organization_is_409(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert client.post(ORGS, NEW_ORG, format="json").status_code == 201
    # Punctuation and case aside, the same name: refused by the check (and the constraint).
    again = client.post(ORGS, {**NEW_ORG, "legal_name": "stichting  voorbeeld."}, format="json")
    assert again.status_code == 409
    assert ForeignOrganization.objects.filter(name_key="stichting voorbeeld").count() == 1


# --- meetings and permit applications -------------------------------------------------------


def test_meeting_etag_if_match_and_a_second_invitation(
    client_for: Any, officer: Any, kemendagri: Any, kemenkes: Any
) -> None:
    from mitra.meetings.tests.factories import make_meeting

    meeting = make_meeting(kemendagri, officer)
    client = client_for(officer)
    url = f"/api/v1/meetings/{meeting.pk}/"
    assert client.get(url)["ETag"] == '"1"'
    assert client.patch(url, {"title": "x"}, format="json").status_code == 428
    renamed = client.patch(url, {"title": "Rakor"}, format="json", HTTP_IF_MATCH='"1"')
    assert (renamed.status_code, renamed["ETag"]) == (200, '"2"')
    stale = client.patch(url, {"purpose": "y"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale.json()["current"]["title"] == "Rakor"
    assert client.post(f"{url}invited/", {"body": "kemenkes"}, format="json").status_code == 201
    again = client.post(f"{url}invited/", {"body": "kemenkes"}, format="json")
    assert again.status_code == 409
    assert meeting.invited.filter(body=kemenkes).count() == 1


def test_application_etag_if_match_and_one_open_application(
    client_for: Any, ford: Any, ford_rep: Any
) -> None:
    client = client_for(ford_rep)
    created = client.post(
        "/api/v1/permits/applications/", {}, format="json", HTTP_IDEMPOTENCY_KEY="app-1"
    )
    assert created.status_code == 201, created.json()
    url = f"/api/v1/permits/applications/{created.json()['id']}/"
    assert created["ETag"] == client.get(url)["ETag"] == f'"{created.json()["version"]}"'
    etag = created["ETag"]
    assert client.patch(url, {"programmes": "x"}, format="json").status_code == 428
    saved = client.patch(url, {"programmes": "Governance."}, format="json", HTTP_IF_MATCH=etag)
    assert saved.status_code == 200, saved.json()
    assert saved["ETag"] != etag
    stale = client.patch(url, {"programmes": "Other."}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["current"]["programmes"] == "Governance."
    second = client.post("/api/v1/permits/applications/", {}, format="json")
    assert second.status_code == 409
    assert "already has an open application" in second.json()["message"]
