"""Hostile integers, control characters and far dates answer 400 naming the field, never 500
(issue 13 §4). Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (where a NUL in a
query and an id past 64 bits used to reach the database)."""

from datetime import date
from typing import Any

import pytest

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.monitoring.tests.factories import MonitoringVisitFactory, ReportFactory
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

from .conftest import nothing_written

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past 2**64
HOSTILE_IDS = ["-1", "0", HUGE, "-" + HUGE, str(2**63)]
HOSTILE_YEARS = ["-1", "0", "1899", "2101", "99999", HUGE]


@pytest.fixture
def client(client_for: Any, officer: Any) -> Any:
    client = client_for(officer)
    client.raise_request_exception = False  # a 500 is a failed assert, not a traceback
    return client


@pytest.fixture
def records(kemendagri: Any) -> None:
    """One row of each list, so the filters run against real tables."""
    plan = WorkPlanFactory(agreement=AgreementFactory(owner=kemendagri, active=True))
    ActivityFactory(work_plan=plan)
    ReportFactory(agreement=plan.agreement)
    MonitoringVisitFactory(agreement=plan.agreement)


def assert_names(response: Any, field: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert field in response.json()["extra"], response.json()


@pytest.mark.parametrize("value", HOSTILE_YEARS)
def test_workplan_year_out_of_range(client: Any, records: None, value: str) -> None:
    assert_names(client.get("/api/v1/workplans/", {"year": value}), "year")


def test_workplan_year_in_range_still_filters(client: Any, records: None) -> None:
    response = client.get("/api/v1/workplans/", {"year": "2024"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/workplans/", "agreement"),
        ("/api/v1/activities/", "work_plan"),
        ("/api/v1/reports/", "agreement"),
        ("/api/v1/monitoring-visits/", "agreement"),
    ],
)
@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_id_filters_out_of_range(
    client: Any, records: None, url: str, field: str, value: str
) -> None:
    assert_names(client.get(url, {field: value}), field)


@pytest.mark.parametrize("url", ["/api/v1/agreements/", "/api/v1/workplans/", "/api/v1/reports/"])
@pytest.mark.parametrize("value", ["0", "-1", HUGE, "1e400", "x"])
def test_page_numbers_out_of_range(client: Any, records: None, url: str, value: str) -> None:
    assert_names(client.get(url, {"page": value}), "page")


def test_a_page_past_the_last_is_still_not_found(client: Any, records: None) -> None:
    assert client.get("/api/v1/workplans/", {"page": "999"}).status_code == 404
    assert client.get("/api/v1/workplans/", {"page": "last"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "field"),
    [("/api/v1/reports/", "period_from"), ("/api/v1/meetings/", "period_to")],
)
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_date_filters_out_of_range(client: Any, url: str, field: str, value: str) -> None:
    assert_names(client.get(url, {field: value}), field)


# --- control characters ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "\x01", "x\x1b[31m", "\x7f"])
def test_control_characters_in_api_queries(client: Any, value: str) -> None:
    assert_names(client.get("/api/v1/organizations/", {"q": value}), "q")


@pytest.mark.parametrize(
    ("url", "param"),
    [("/id/directory/", "q"), ("/id/permits/status/", "reference"), ("/en/directory/", "q")],
)
@pytest.mark.parametrize("value", ["\x00", "Ford\x00", "\x08", "\x1f"])
def test_control_characters_in_public_pages(anon: Any, url: str, param: str, value: str) -> None:
    anon.raise_request_exception = False
    response = anon.get(url, {param: value})
    assert response.status_code == 400
    assert param in response.content.decode()


def test_whitespace_controls_are_text(anon: Any, db: Any) -> None:
    """Tab, newline and form feed (text pasted from a PDF) are not refused."""
    assert anon.get("/id/directory/", {"q": "Ford\tFoundation\n\x0c"}).status_code == 200


@pytest.mark.parametrize("value", ["MoU\x00", "\x01", "a\x1bb"])
def test_control_characters_in_json_bodies(
    client: Any, ford: Any, governance: Any, value: str
) -> None:
    payload = {
        "title": value,
        "type": "mou",
        "foreign_parties": [ford.pk],
        "sectors": ["governance"],
    }
    with nothing_written():
        assert_names(client.post("/api/v1/agreements/", payload, format="json"), "title")


# --- agreements: durations and far dates -------------------------------------------------


@pytest.fixture
def agreement_payload(ford: Any, governance: Any) -> dict[str, Any]:
    return {
        "title": "MoU Kemendagri – Ford Foundation",
        "type": "mou",
        "foreign_parties": [ford.pk],
        "start_date": "2024-04-04",
        "duration_months": 36,
        "sectors": ["governance"],
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"duration_months": 1_000_000_000}, "duration_months"),
        ({"duration_months": 1201}, "duration_months"),
        ({"duration_months": -5}, "duration_months"),
        ({"start_date": "9999-12-31"}, "start_date"),
        ({"start_date": "1538-01-01"}, "start_date"),
        ({"end_date": "2101-01-01"}, "end_date"),
        ({"signing_date": "0001-01-01"}, "signing_date"),
    ],
)
def test_agreement_bounds(
    client: Any, agreement_payload: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    with nothing_written():
        response = client.post(
            "/api/v1/agreements/", {**agreement_payload, **change}, format="json"
        )
    assert_names(response, field)


def test_a_valid_agreement_still_saves(client: Any, agreement_payload: dict[str, Any]) -> None:
    response = client.post("/api/v1/agreements/", agreement_payload, format="json")
    assert response.status_code == 201, response.json()
    assert Agreement.objects.get().end_date == date(2027, 4, 3)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/{}/",
        "/api/v1/workplans/{}/",
        "/api/v1/activities/{}/",
        "/api/v1/reports/{}/",
        "/api/v1/monitoring-visits/{}/",
        "/api/v1/organizations/{}/",
    ],
)
@pytest.mark.parametrize("value", [HUGE, str(2**63), "9" * 400])
def test_ids_past_64_bits_in_paths_are_not_found(client: Any, url: str, value: str) -> None:
    assert client.get(url.format(value)).status_code == 404
