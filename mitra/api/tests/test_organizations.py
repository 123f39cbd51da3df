"""The registry of foreign organizations through the API."""

from typing import Any

import pytest

from mitra.audit.models import AuditEvent
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory, SectorFactory

from .conftest import error_text, nothing_written
from .versions import if_match

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/"

NEW_ORG = {
    "legal_name": "Konrad-Adenauer-Stiftung",
    "acronym": "KAS",
    "aliases": ["Yayasan Konrad Adenauer"],
    "kind": "foreign_ngo",
    "legal_type": "a",
    "country": "de",
    "website": "https://www.kas.de",
    "sectors": ["governance"],
}


def test_list_search_and_filters(
    client_for: Any, viewer: Any, ford: Any, uclg: Any, governance: Any
) -> None:
    ford.sectors.set([governance])
    client = client_for(viewer)
    everything = client.get(URL).json()
    assert everything["count"] == 2
    assert {"count", "next", "previous", "results"} <= set(everything)

    def names(**params: str) -> list[str]:
        return [o["legal_name"] for o in client.get(URL, params).json()["results"]]

    assert names(q="uclg aspac") == ["United Cities and Local Governments Asia-Pacific"]
    assert names(kind="regional_org") == ["United Cities and Local Governments Asia-Pacific"]
    assert names(country="us") == ["Ford Foundation"]
    assert names(sector="governance") == ["Ford Foundation"]
    item = client.get(URL, {"q": "ford"}).json()["results"][0]
    assert item["sectors"] == ["governance"]
    assert item["country"] == "US"


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"sector": "astrology"}, "sector", "Unknown sector code: astrology."),
        ({"kind": "club"}, "kind", '"club" is not a valid choice.'),
    ],
)
def test_bad_filters_are_400(
    client_for: Any, viewer: Any, params: dict[str, str], field: str, text: str
) -> None:
    response = client_for(viewer).get(URL, params)
    assert response.status_code == 400
    assert response.json()["extra"] == {field: [text]}


def test_list_queries_do_not_grow_with_rows(
    client_for: Any, viewer: Any, governance: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(viewer)
    ForeignOrganizationFactory(sectors=[governance])
    # token, its last-used stamp (written on first use, then at most once a minute), count,
    # page, sectors
    with django_assert_max_num_queries(5):
        client.get(URL)
    for _ in range(30):
        ForeignOrganizationFactory(sectors=[governance, SectorFactory()])
    with django_assert_max_num_queries(4):
        assert client.get(URL).json()["count"] == 31


def test_officer_registers_an_organization_and_it_is_audited(
    client_for: Any, officer: Any, governance: Any
) -> None:
    response = client_for(officer).post(URL, NEW_ORG, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["legal_name"] == "Konrad-Adenauer-Stiftung"
    assert body["country"] == "DE"
    assert body["sectors"] == ["governance"]
    assert body["status"] == "registered"
    org = ForeignOrganization.objects.get(pk=body["id"])
    assert org.created_by == officer
    event = AuditEvent.objects.get(event="organization.registered")
    assert (event.target_id, event.actor) == (org.pk, officer)


def test_duplicate_is_refused_with_the_match(client_for: Any, officer: Any, uclg: Any) -> None:
    payload = {
        "legal_name": "United Cities & Local Governments Asia Pacific",
        "kind": "regional_org",
        "country": "ID",
    }
    with nothing_written():
        response = client_for(officer).post(URL, payload, format="json")
    assert response.status_code == 409  # a duplicate (issue 13 §2)
    body = response.json()
    assert "seems to be registered already" in body["message"]
    assert "UCLG ASPAC" in body["message"]
    assert body["extra"]["suggestions"] == [
        {"id": uclg.pk, "legal_name": uclg.legal_name, "acronym": "UCLG ASPAC"}
    ]


def test_duplicate_acronym_is_refused(client_for: Any, officer: Any, uclg: Any) -> None:
    payload = {"legal_name": "Some Other Name", "acronym": "uclg aspac", "kind": "regional_org",
               "country": "ID"}  # fmt: skip
    with nothing_written():
        response = client_for(officer).post(URL, payload, format="json")
    assert response.status_code == 409
    assert "Possible duplicate of" in error_text(response)


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"country": "XX"}, "Unknown country code."),
        ({"sectors": ["astrology"]}, "Unknown sector code: astrology."),
        ({"kind": "club"}, '"club" is not a valid choice.'),
        ({"kind": "un_agency"}, "Legal type and sub-type apply only to ormas asing."),
        ({"legal_name": ""}, "This field may not be blank."),
    ],
)
def test_bad_input_is_400_and_writes_nothing(
    client_for: Any, officer: Any, governance: Any, change: dict[str, Any], text: str
) -> None:
    with nothing_written():
        response = client_for(officer).post(URL, {**NEW_ORG, **change}, format="json")
    assert response.status_code == 400
    assert text in error_text(response)


def test_detail_and_representative_scope(
    client_for: Any, ford_rep: Any, ford: Any, uclg: Any
) -> None:
    client = client_for(ford_rep)
    assert [o["id"] for o in client.get(URL).json()["results"]] == [ford.pk]
    assert client.get(f"{URL}{ford.pk}/").json()["legal_name"] == "Ford Foundation"
    response = client.get(f"{URL}{uclg.pk}/")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "extra": {}}


def test_patch_changes_only_what_it_sends(
    client_for: Any, officer: Any, ford: Any, governance: Any
) -> None:
    ford.sectors.set([governance])
    response = client_for(officer).patch(
        f"{URL}{ford.pk}/", {"indonesian_office": "Jakarta"}, format="json", **if_match(ford)
    )
    assert response.status_code == 200, response.json()
    ford.refresh_from_db()
    assert ford.indonesian_office == "Jakarta"
    assert ford.legal_name == "Ford Foundation"
    assert [s.code for s in ford.sectors.all()] == ["governance"]
    event = AuditEvent.objects.get(event="organization.updated")
    assert event.data["new"] == {"indonesian_office": "Jakarta"}


def test_put_replaces_the_record(client_for: Any, officer: Any, ford: Any) -> None:
    ford.headquarters = "New York"
    ford.save()
    payload = {"legal_name": "Ford Foundation", "kind": "foreign_ngo", "country": "US"}
    response = client_for(officer).put(f"{URL}{ford.pk}/", payload, format="json", **if_match(ford))
    assert response.status_code == 200
    assert response.json()["headquarters"] == ""
    incomplete = client_for(officer).put(
        f"{URL}{ford.pk}/", {"legal_name": "X"}, format="json", **if_match(ford)
    )
    assert incomplete.status_code == 400
    assert set(incomplete.json()["extra"]) == {"kind", "country"}


def test_update_into_a_duplicate_is_refused(
    client_for: Any, officer: Any, ford: Any, uclg: Any
) -> None:
    with nothing_written():
        response = client_for(officer).patch(
            f"{URL}{ford.pk}/", {"acronym": "UCLG ASPAC"}, format="json", **if_match(ford)
        )
    assert response.status_code == 400
    assert response.json()["extra"]["suggestions"][0]["id"] == uclg.pk
    ford.refresh_from_db()
    assert ford.acronym == ""


def test_representative_and_viewer_cannot_update(
    client_for: Any, ford_rep: Any, viewer: Any, ford: Any
) -> None:
    with nothing_written():
        for user in (ford_rep, viewer):
            response = client_for(user).patch(
                f"{URL}{ford.pk}/", {"phone": "1"}, format="json", **if_match(ford)
            )
            assert response.status_code == 403


def test_status_and_publication_are_read_only(client_for: Any, officer: Any, ford: Any) -> None:
    """Issue 13 §3: an officer put a suspended organization back to "registered" and hid
    another from the directory through PATCH. Both are ignored now; the rest is saved."""
    ford.status = ForeignOrganization.Status.SUSPENDED
    ford.save()
    response = client_for(officer).patch(
        f"{URL}{ford.pk}/",
        {"status": "registered", "is_published": False, "phone": "+1 212"},
        format="json",
        **if_match(ford),
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["is_published"]) == ("suspended", True)
    ford.refresh_from_db()
    assert (ford.status, ford.is_published, ford.phone) == ("suspended", True, "+1 212")
    created = client_for(officer).post(
        URL,
        {
            "legal_name": "Hidden Fund",
            "kind": "foreign_ngo",
            "country": "DE",
            "status": "archived",
            "is_published": False,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["status"], created.json()["is_published"]) == ("registered", True)
