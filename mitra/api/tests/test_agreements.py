"""Agreements through the API: list, create, detail, update, transitions, signatories, scope,
and every bad input of issue 2 §8 refused with a clear message and nothing written."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.dates import today
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory

from .conftest import error_text, nothing_written
from .versions import if_match

pytestmark = pytest.mark.django_db
URL = "/api/v1/agreements/"


@pytest.fixture
def payload(ford: Any, governance: Any, semarang: Any, kemenkes: Any) -> dict[str, Any]:
    """The Ford Foundation MSP 2024–2027 as an integrator would send it."""
    return {
        "title": "MSP Kemendagri – Ford Foundation 2024–2027",
        "type": "msp",
        "reference": "MSP-2024-FORD",
        "foreign_parties": [ford.pk],
        "signing_date": "2024-04-04",
        "signing_place": "Jakarta",
        "start_date": "2024-04-04",
        "duration_months": 36,
        "objective": "Strengthening regional governance.",
        "sectors": ["governance"],
        "provinces": ["33"],
        "regencies": ["33.74"],
        "shared_with": ["kemenkes"],
    }


# --- create -------------------------------------------------------------------------------


def test_officer_records_the_ford_renewal(
    client_for: Any, officer: Any, payload: dict[str, Any], ford_msp_2021: Agreement
) -> None:
    response = client_for(officer).post(URL, {**payload, "renews": ford_msp_2021.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["owner"]["key"] == "kemendagri"  # the officer's unit belongs to Kemendagri
    assert body["end_date"] == "2027-04-03"  # from the stated 36 months
    assert body["renews"] == ford_msp_2021.pk
    assert body["chain_root"] == ford_msp_2021.pk
    assert [link["id"] for link in body["chain"]] == [ford_msp_2021.pk, body["id"]]
    assert body["chain_warnings"] == ["Gap of 18 days between 2021–2024 and 2024–2027."]
    assert (body["sectors"], body["provinces"], body["regencies"]) == (
        ["governance"],
        ["33"],
        ["33.74"],
    )
    assert [b["key"] for b in body["shared_with"]] == ["kemenkes"]
    sides = [(p["side"], p["role"]) for p in body["parties"]]
    assert sides == [("foreign", "lead"), ("government", "lead")]
    assert body["can_edit"] is True
    assert set(body["available_transitions"]) == {"submit_for_review", "sign"}
    event = AuditEvent.objects.get(event="agreement.created")
    assert (event.target_id, event.actor) == (body["id"], officer)


def test_operator_must_name_the_owner(
    client_for: Any, operator: Any, payload: dict[str, Any], kemendagri: Any
) -> None:
    client = client_for(operator)
    with nothing_written():
        response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["extra"] == {"owner": ["Give the key of the lead government body."]}
    response = client.post(URL, {**payload, "owner": "kemendagri"}, format="json")
    assert response.status_code == 201


def test_officer_cannot_record_for_another_agency(
    client_for: Any, other_officer: Any, payload: dict[str, Any], kemendagri: Any
) -> None:
    with nothing_written():
        response = client_for(other_officer).post(
            URL, {**payload, "owner": "kemendagri"}, format="json"
        )
    assert response.status_code == 400
    assert response.json()["message"] == "You may only record agreements of your own agency."


# --- bad input (§8): a clear message, nothing written ------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        (
            {"start_date": "2024-04-04", "end_date": "2024-01-01", "duration_months": None},
            "end_date",
            "The end date is before the start date.",
        ),
        ({"provinces": ["33", "99"]}, "provinces", "Unknown province code: 99."),
        ({"regencies": ["33.99"]}, "regencies", "Unknown regency/city code: 33.99."),
        ({"sectors": ["astrology"]}, "sectors", "Unknown sector code: astrology."),
        ({"owner": "no-such-body"}, "owner", "Unknown government body key: no-such-body."),
        ({"shared_with": ["nowhere"]}, "shared_with", "Unknown government body key: nowhere."),
        (
            {"other_government_parties": ["nowhere"]},
            "other_government_parties",
            "Unknown government body key: nowhere.",
        ),
        ({"foreign_parties": [999999]}, "foreign_parties", "Unknown foreign organization id"),
        ({"foreign_parties": []}, "foreign_parties", "Name at least one foreign party."),
        ({"type": "treaty"}, "type", '"treaty" is not a valid choice.'),
        ({"duration_months": 0}, "duration_months", "The duration must be at least one month."),
        ({"renews": 999999}, "renews", "Agreement 999999 does not exist"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    client_for: Any,
    officer: Any,
    payload: dict[str, Any],
    change: dict[str, Any],
    field: str,
    text: str,
) -> None:
    with nothing_written():
        response = client_for(officer).post(URL, {**payload, **change}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["extra"], body
    assert text in " ".join(body["extra"][field]), body
    assert body["message"]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("foreign_parties", "Name each foreign party once."),
        ("other_government_parties", "Name each government party once."),
    ],
)
def test_a_party_named_twice_is_refused(
    client_for: Any, officer: Any, payload: dict[str, Any], field: str, text: str
) -> None:
    twice = payload["foreign_parties"] * 2 if field == "foreign_parties" else ["kemenkes"] * 2
    with nothing_written():
        response = client_for(officer).post(URL, {**payload, field: twice}, format="json")
    assert response.status_code == 400
    assert text in " ".join(response.json()["extra"][field])


def test_renewal_starting_before_its_predecessor_is_refused(
    client_for: Any, officer: Any, payload: dict[str, Any], ford_msp_2021: Agreement
) -> None:
    change = {"renews": ford_msp_2021.pk, "start_date": "2021-01-01"}
    with nothing_written():
        response = client_for(officer).post(URL, {**payload, **change}, format="json")
    assert response.status_code == 400
    assert "A renewal must start after the agreement it renews starts." in error_text(response)


def test_renewal_pointing_at_itself_is_refused(
    client_for: Any, officer: Any, ford_msp_2021: Agreement
) -> None:
    with nothing_written():
        response = client_for(officer).patch(
            f"{URL}{ford_msp_2021.pk}/",
            {"renews": ford_msp_2021.pk},
            format="json",
            **if_match(ford_msp_2021),
        )
    assert response.status_code == 400
    assert response.json()["extra"]["renews"] == ["An agreement cannot renew itself."]
    ford_msp_2021.refresh_from_db()
    assert ford_msp_2021.renews_id is None


def test_renewal_forming_a_cycle_is_refused(
    client_for: Any, officer: Any, kemendagri: Any, ford: Any, ford_msp_2021: Agreement
) -> None:
    renewal = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        renews=ford_msp_2021,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        signed=True,
    )
    with nothing_written():
        response = client_for(officer).patch(
            f"{URL}{ford_msp_2021.pk}/",
            {"renews": renewal.pk},
            format="json",
            **if_match(ford_msp_2021),
        )
    assert response.status_code == 400
    assert "This renewal would form a cycle in the chain." in response.json()["extra"]["renews"]
    ford_msp_2021.refresh_from_db()
    assert ford_msp_2021.renews_id is None


def test_renewing_another_agencys_agreement_is_an_unknown_reference(
    client_for: Any, other_officer: Any, payload: dict[str, Any], ford_msp_2021: Agreement
) -> None:
    """The renewed agreement is looked up in the caller's scope; existence is not leaked."""
    with nothing_written():
        response = client_for(other_officer).post(
            URL, {**payload, "renews": ford_msp_2021.pk}, format="json"
        )
    assert response.status_code == 400
    assert response.json()["extra"]["renews"][0].startswith(
        f"Agreement {ford_msp_2021.pk} does not exist, is not one you may edit"
    )


# --- list ---------------------------------------------------------------------------------


def test_list_filters_and_ordering(
    client_for: Any,
    officer: Any,
    kemendagri: Any,
    kemenkes: Any,
    ford: Any,
    uclg: Any,
    jateng: Any,
    governance: Any,
    ford_msp_2021: Agreement,
    kemendagri_draft: Agreement,
) -> None:
    health = AgreementFactory(
        title="PKS Kemenkes – Kemendagri",
        type=Agreement.Type.PKS,
        owner=kemenkes,
        government_parties=[kemendagri],
        foreign_parties=[ford],
        start_date=date(2023, 1, 1),
        end_date=date(2025, 12, 31),
        provinces=[jateng],
        sectors=[governance],
        active=True,
    )
    # Not visible to Kemendagri: its own, with a UN agency (no grant gives Kemendagri those).
    AgreementFactory(
        owner=kemenkes,
        title="Kemenkes alone",
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
    )
    client = client_for(officer)

    def ids(**params: str) -> list[int]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [a["id"] for a in response.json()["results"]]

    assert ids() == [kemendagri_draft.pk, health.pk, ford_msp_2021.pk]
    assert ids(ordering="end_date") == [ford_msp_2021.pk, health.pk, kemendagri_draft.pk]
    assert ids(status="draft") == [kemendagri_draft.pk]
    assert ids(type="pks") == [health.pk]
    assert ids(partner_kind="regional_org") == [kemendagri_draft.pk]
    assert ids(body="kemenkes") == [health.pk]
    assert ids(body="kemendagri-pusat-fasker") == ids(body="kemendagri")  # a unit → its agency
    assert ids(province="33") == [health.pk]
    assert ids(sector="governance") == [health.pk]
    assert ids(period_from="2025-06-01", period_to="2025-06-30") == [
        kemendagri_draft.pk,
        health.pk,
    ]
    assert ids(q="ucl") == [kemendagri_draft.pk]
    item = client.get(URL, {"q": "pks kemenkes"}).json()["results"][0]
    assert item["owner"]["key"] == "kemenkes"
    assert item["partner_names"] == "Ford Foundation"
    assert item["provinces"] == ["33"]
    assert item["days_to_expiry"] == (date(2025, 12, 31) - today()).days


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"province": "99"}, "province", "Unknown province code: 99."),
        ({"sector": "nope"}, "sector", "Unknown sector code: nope."),
        ({"body": "nobody"}, "body", "Unknown government body key: nobody."),
        ({"status": "lost"}, "status", '"lost" is not a valid choice.'),
        ({"ordering": "id"}, "ordering", '"id" is not a valid choice.'),
        ({"period_from": "04/04/2024"}, "period_from", "Date has wrong format."),
    ],
)
def test_bad_filters_are_400(
    client_for: Any, viewer: Any, params: dict[str, str], field: str, text: str
) -> None:
    response = client_for(viewer).get(URL, params)
    assert response.status_code == 400
    assert text in response.json()["extra"][field][0]
    assert response.json()["message"].startswith(f"Validation error: {field}: ")


def test_list_queries_do_not_grow_with_rows(
    client_for: Any,
    officer: Any,
    kemendagri: Any,
    governance: Any,
    jateng: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"page_size": 100}).status_code == 200
        return len(captured)

    AgreementFactory(owner=kemendagri, sectors=[governance], provinces=[jateng])
    queries()  # fills the per-process cache of the renewal rule's versions
    small = queries()
    for _ in range(25):
        AgreementFactory(owner=kemendagri, sectors=[governance], provinces=[jateng], active=True)
    # token+user, the user's unit and its agency, count, page, sectors, provinces
    with django_assert_max_num_queries(7):
        assert client.get(URL, {"page_size": 100}).json()["count"] == 26
    assert queries() == small


def test_list_is_paginated(client_for: Any, officer: Any, kemendagri: Any) -> None:
    for _ in range(3):
        AgreementFactory(owner=kemendagri)
    page = client_for(officer).get(URL, {"page_size": 2}).json()
    assert page["count"] == 3
    assert len(page["results"]) == 2
    assert page["next"].endswith("page=2&page_size=2")


# --- detail and scope ---------------------------------------------------------------------


def test_detail_has_parties_signatories_documents_and_chain(
    client_for: Any, officer: Any, kemendagri: Any, ford: Any, ford_msp_2021: Agreement
) -> None:
    from mitra.agreements.tests.factories import AgreementDocumentFactory, SignatoryFactory

    renewal = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        renews=ford_msp_2021,
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        active=True,
    )
    SignatoryFactory(agreement=renewal, title="Kepala Pusat Fasilitasi Kerja Sama")
    document = AgreementDocumentFactory(agreement=renewal, title="Signed MSP")
    body = client_for(officer).get(f"{URL}{renewal.pk}/").json()
    assert [s["title"] for s in body["signatories"]] == ["Kepala Pusat Fasilitasi Kerja Sama"]
    assert body["signatories"][0]["signed_on"] == "2024-04-04"
    assert [d["title"] for d in body["documents"]] == ["Signed MSP"]
    assert body["documents"][0]["download_url"] == (
        f"/api/v1/agreements/{renewal.pk}/documents/{document.pk}/download/"
    )
    assert [(c["id"], c["status"]) for c in body["chain"]] == [
        (ford_msp_2021.pk, "expired"),
        (renewal.pk, "active"),
    ]
    foreign = [p for p in body["parties"] if p["side"] == "foreign"]
    assert foreign[0]["organization"]["legal_name"] == "Ford Foundation"
    assert body["renewal_window_start"] == "2026-10-03"
    # Ending early is a termination; expiry is the daily job's, never offered.
    assert set(body["available_transitions"]) == {"terminate"}


def test_officer_of_another_ministry_gets_404_on_a_kemendagri_draft(
    client_for: Any, other_officer: Any, kemendagri_draft: Agreement
) -> None:
    client = client_for(other_officer)
    pk = kemendagri_draft.pk
    with nothing_written():
        calls = [
            client.get(f"{URL}{pk}/"),
            client.patch(f"{URL}{pk}/", {"title": "Mine now"}, format="json"),
            client.put(f"{URL}{pk}/", {"title": "x", "type": "mou", "foreign_parties": []}),
            client.post(f"{URL}{pk}/actions/submit_for_review/"),
            client.post(f"{URL}{pk}/signatories/", {"party": 1, "title": "x"}),
            client.get(f"{URL}{pk}/documents/"),
            client.get(f"{URL}{pk}/documents/1/download/"),
        ]
    for response in calls:
        assert response.status_code == 404
        assert response.json() == {"message": "Not found.", "extra": {}}
    assert pk not in [a["id"] for a in client.get(URL).json()["results"]]


def test_viewer_reads_but_may_not_write(
    client_for: Any, viewer: Any, kemendagri_draft: Agreement
) -> None:
    client = client_for(viewer)
    assert client.get(f"{URL}{kemendagri_draft.pk}/").json()["can_edit"] is False
    with nothing_written():
        assert client.patch(f"{URL}{kemendagri_draft.pk}/", {"title": "x"}).status_code == 403
        response = client.post(f"{URL}{kemendagri_draft.pk}/actions/sign/")
    assert response.status_code == 403


def test_shared_agreement_is_visible_but_not_editable(
    client_for: Any, other_officer: Any, kemendagri: Any, kemenkes: Any, ford: Any
) -> None:
    shared = AgreementFactory(owner=kemendagri, foreign_parties=[ford], shared_with=[kemenkes])
    client = client_for(other_officer)
    assert client.get(f"{URL}{shared.pk}/").status_code == 200
    assert client.patch(f"{URL}{shared.pk}/", {"title": "x"}, format="json").status_code == 404


def test_representative_sees_only_their_signed_agreements(
    client_for: Any,
    ford_rep: Any,
    kemendagri: Any,
    ford: Any,
    uclg: Any,
    ford_msp_2021: Agreement,
) -> None:
    draft = AgreementFactory(owner=kemendagri, foreign_parties=[ford])
    other = AgreementFactory(owner=kemendagri, foreign_parties=[uclg], active=True)
    client = client_for(ford_rep)
    assert [a["id"] for a in client.get(URL).json()["results"]] == [ford_msp_2021.pk]
    assert client.get(f"{URL}{ford_msp_2021.pk}/").status_code == 200
    assert client.get(f"{URL}{draft.pk}/").status_code == 404
    assert client.get(f"{URL}{other.pk}/").status_code == 404
    assert client.get(f"{URL}{ford_msp_2021.pk}/").json()["available_transitions"] == []


# --- update -------------------------------------------------------------------------------


def test_patch_keeps_what_it_does_not_send(
    client_for: Any,
    officer: Any,
    kemendagri: Any,
    kemenkes: Any,
    uclg: Any,
    governance: Any,
    jateng: Any,
) -> None:
    agreement = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[uclg],
        sectors=[governance],
        provinces=[jateng],
        shared_with=[kemenkes],
    )
    response = client_for(officer).patch(
        f"{URL}{agreement.pk}/", {"end_date": "2029-04-03"}, format="json", **if_match(agreement)
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["end_date"] == "2029-04-03"
    assert body["title"] == agreement.title
    assert body["sectors"] == ["governance"]
    assert body["provinces"] == ["33"]
    assert [b["key"] for b in body["shared_with"]] == ["kemenkes"]
    assert body["partner_names"] == "United Cities and Local Governments Asia-Pacific (UCLG ASPAC)"
    event = AuditEvent.objects.get(event="agreement.updated")
    assert event.data["new"] == {"end_date": "2029-04-03"}


def test_put_replaces_fields(client_for: Any, officer: Any, kemendagri_draft: Agreement, ford):
    payload = {"title": "MoU baru", "type": "mou", "foreign_parties": [ford.pk]}
    response = client_for(officer).put(
        f"{URL}{kemendagri_draft.pk}/", payload, format="json", **if_match(kemendagri_draft)
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["start_date"], body["owner"]["key"]) == (
        "MoU baru",
        None,
        "kemendagri",
    )
    assert [p["organization"]["id"] for p in body["parties"] if p["organization"]] == [ford.pk]


def test_patch_end_before_start_writes_nothing(
    client_for: Any, officer: Any, kemendagri_draft: Agreement
) -> None:
    with nothing_written():
        response = client_for(officer).patch(
            f"{URL}{kemendagri_draft.pk}/",
            {"end_date": "2020-01-01"},
            format="json",
            **if_match(kemendagri_draft),
        )
    assert response.status_code == 400
    assert response.json() == {
        "message": "The agreement was not saved.",
        "extra": {"end_date": ["The end date is before the start date."]},
    }
    kemendagri_draft.refresh_from_db()
    assert kemendagri_draft.end_date == date(2029, 4, 3)


def test_status_cannot_be_written_directly(
    client_for: Any, officer: Any, kemendagri_draft: Agreement
) -> None:
    response = client_for(officer).patch(
        f"{URL}{kemendagri_draft.pk}/",
        {"status": "active"},
        format="json",
        **if_match(kemendagri_draft),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


# --- transitions and signatories ----------------------------------------------------------


def test_lifecycle_through_transitions_is_audited(
    client_for: Any, officer: Any, kemendagri: Any, ford: Any, ford_msp_2021: Agreement
) -> None:
    start = today() - timedelta(days=1)
    # Ford, an ormas asing, holds an izin prinsip over the renewal's period (N3/N4).
    PermitFactory(organization=ford, valid_from=start, valid_until=start + timedelta(days=1000))
    renewal = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        renews=ford_msp_2021,
        signing_date=start,
        start_date=start,
        end_date=start + timedelta(days=1000),
    )
    client = client_for(officer)
    for name, status in [
        ("submit_for_review", "under_review"),
        ("return_to_draft", "draft"),
        ("sign", "signed"),
        ("activate", "active"),
    ]:
        response = client.post(f"{URL}{renewal.pk}/actions/{name}/", format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status
    events = list(
        AuditEvent.objects.filter(target_id__in=[renewal.pk, ford_msp_2021.pk])
        .order_by("id")
        .values_list("event", "target_id", "actor")
    )
    assert events == [
        ("agreement.submitted_for_review", renewal.pk, officer.pk),
        ("agreement.returned_to_draft", renewal.pk, officer.pk),
        ("agreement.signed", renewal.pk, officer.pk),
        ("agreement.activated", renewal.pk, officer.pk),
        ("agreement.superseded", ford_msp_2021.pk, officer.pk),
    ]
    ford_msp_2021.refresh_from_db()
    assert ford_msp_2021.status == "superseded"

    terminate = client.post(f"{URL}{renewal.pk}/actions/terminate/", {}, format="json")
    assert terminate.status_code == 400
    assert terminate.json()["message"] == "Give the reason for terminating the agreement."
    unconfirmed = client.post(
        f"{URL}{renewal.pk}/actions/terminate/", {"reason": "Programme closed."}
    )
    assert unconfirmed.status_code == 400
    assert unconfirmed.json()["extra"] == {"confirmed": ["Required."]}
    terminate = client.post(
        f"{URL}{renewal.pk}/actions/terminate/",
        {"reason": "Programme closed.", "confirmed": True},
        format="json",
    )
    assert terminate.status_code == 200
    assert terminate.json()["terminated_reason"] == "Programme closed."
    event = AuditEvent.objects.filter(event="agreement.terminated").get()
    assert event.data["reason"] == "Programme closed."


def test_an_impossible_transition_is_400_and_writes_nothing(
    client_for: Any, officer: Any, kemendagri_draft: Agreement
) -> None:
    with nothing_written():
        response = client_for(officer).post(f"{URL}{kemendagri_draft.pk}/actions/activate/")
    assert response.status_code == 400
    message = "This action is not possible while the agreement is Draft."
    assert response.json() == {"message": message, "extra": {}}
    kemendagri_draft.refresh_from_db()
    assert kemendagri_draft.status == "draft"


# An action the resource does not have is an unknown URL (ADR 0022): 404, as for every action.
@pytest.mark.parametrize("name", ["fly", "expire"])  # expire: the daily job's only, never by name
def test_an_unknown_action_is_404_and_writes_nothing(
    client_for: Any, officer: Any, kemendagri_draft: Agreement, name: str
) -> None:
    with nothing_written():
        response = client_for(officer).post(f"{URL}{kemendagri_draft.pk}/actions/{name}/")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "extra": {}}
    kemendagri_draft.refresh_from_db()
    assert kemendagri_draft.status == "draft"


def test_signing_needs_a_signing_date(
    client_for: Any, officer: Any, kemendagri_draft: Agreement
) -> None:
    with nothing_written():
        response = client_for(officer).post(f"{URL}{kemendagri_draft.pk}/actions/sign/")
    assert response.json()["message"] == "Record the signing date before marking it signed."


def test_add_signatory(client_for: Any, officer: Any, ford_msp_2021: Agreement) -> None:
    party = ford_msp_2021.parties.get(side="foreign")
    response = client_for(officer).post(
        f"{URL}{ford_msp_2021.pk}/signatories/",
        {"party": party.pk, "title": "Regional Director", "name": ""},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["signed_on"] == "2021-03-17"
    assert AuditEvent.objects.filter(event="agreement.signatory_added").count() == 1


def test_signatory_for_a_party_of_another_agreement_is_refused(
    client_for: Any, officer: Any, ford_msp_2021: Agreement, kemendagri_draft: Agreement
) -> None:
    foreign_party = kemendagri_draft.parties.get(side="foreign")
    with nothing_written():
        response = client_for(officer).post(
            f"{URL}{ford_msp_2021.pk}/signatories/",
            {"party": foreign_party.pk, "title": "Secretary General"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json()["message"] == "Choose one of this agreement's parties."
