"""The OpenAPI document tells the truth (issue 13 §4), and the 5xx the fuzz run found stay fixed.

Each test names what schemathesis reported: paginated lists documented as arrays, open data
documented as needing a login, page and id errors not documented, a 1538 meeting returned at
+07:07:12, a JSON body of `null` answered 500, an id past 2**63 in a path answered 500, a
download served as application/pdf while documented as application/octet-stream.
"""

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.utils import translation
from drf_spectacular.settings import spectacular_settings
from rest_framework.test import APIClient

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core import bounds
from mitra.meetings.models import Meeting
from mitra.workplans.models import Activity
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

# RFC 3339 `date-time` (OpenAPI's format): the offset is Z or ±hh:mm, never with seconds.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with translation.override("en"):
        return generator.get_schema(request=None, public=True)


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method.upper(), operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def api(user: Any = None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.raise_request_exception = False  # a 500 is a failed assert, not a traceback
    if user is not None:
        client.force_authenticate(user)
    return client


def body(response: Any) -> Any:
    if getattr(response, "streaming", False):
        return json.loads(b"".join(response.streaming_content))
    return response.json()


# --- lists ------------------------------------------------------------------------------------


def test_the_six_lists_once_documented_as_arrays_are_paginated(schema: dict[str, Any]) -> None:
    for path in [
        "/api/v1/deadlines/rules/",
        "/api/v1/notifications/",
        "/api/v1/sanctions/",
        "/api/v1/workplans/",
        "/api/v1/activities/",
        "/api/v1/workplans/n5-inbox/",
    ]:
        response = schema["paths"][path]["get"]["responses"]["200"]
        ref = response["content"]["application/json"]["schema"]["$ref"]
        assert ref.startswith("#/components/schemas/Paginated"), (path, ref)
        names = [p["name"] for p in schema["paths"][path]["get"]["parameters"]]
        assert {"page", "page_size"} <= set(names), (path, names)


def test_every_list_answers_the_shape_it_documents(
    schema: dict[str, Any], officer: Any, kemendagri: Any
) -> None:
    """Every GET without path parameters: an envelope where the schema says Paginated…List,
    a JSON array where it says array. (Five lists answered an envelope documented as an array.)
    """
    plan = WorkPlanFactory(agreement=AgreementFactory(owner=kemendagri, active=True))
    ActivityFactory(work_plan=plan)
    checked = 0
    for path, method, operation in operations(schema):
        if method != "GET" or "{" in path:
            continue
        documented = operation["responses"]["200"].get("content", {}).get("application/json")
        if documented is None:
            continue
        response = api(officer).get(path)
        if response.status_code != 200:
            assert response.status_code == 400, (path, response.status_code)  # required filters
            continue
        ref = documented["schema"].get("$ref", "")
        data = body(response)
        if ref.startswith("#/components/schemas/Paginated"):
            assert set(data) == {"count", "next", "previous", "results"}, path
            checked += 1
        elif documented["schema"].get("type") == "array":
            assert isinstance(data, list), path
            checked += 1
    assert checked >= 20


def test_paginated_lists_document_their_page_errors(schema: dict[str, Any]) -> None:
    paginated = [
        (path, operation)
        for path, method, operation in operations(schema)
        if method == "GET"
        and "Paginated" in json.dumps(operation["responses"]["200"].get("content", {}))
    ]
    assert len(paginated) >= 17
    for path, operation in paginated:
        assert {"400", "404"} <= set(operation["responses"]), path
        page = next(p for p in operation["parameters"] if p["name"] == "page")
        assert page["schema"]["minimum"] == 1
        assert page["schema"]["maximum"] == bounds.PAGE_MAX


def test_a_page_past_the_last_answers_the_documented_404(officer: Any) -> None:
    response = api(officer).get("/api/v1/workplans/", {"page": "2"})
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


# --- who may call -----------------------------------------------------------------------------


# The izin prinsip register, the status lookup and the processing times: public by design
# (issue 16 §2; mitra/portal/tests/test_register.py calls them anonymously).
REGISTER = {
    ("/api/v1/register/", "GET"),
    ("/api/v1/permits/status/", "GET"),
    ("/api/v1/permits/statistics/", "GET"),
}


def test_public_operations_are_documented_without_authentication(schema: dict[str, Any]) -> None:
    public = {
        (path, method)
        for path, method, operation in operations(schema)
        if operation.get("security") == []
    }
    open_data = {(p, m) for p, m, _ in operations(schema) if p.startswith("/api/v1/open/")}
    assert len(open_data) >= 4
    assert open_data | {("/api/v1/auth/token/", "POST")} | REGISTER == public


def test_other_operations_are_documented_with_the_token(schema: dict[str, Any]) -> None:
    for path, method, operation in operations(schema):
        if path.startswith("/api/v1/open/") or path == "/api/v1/auth/token/":
            continue
        if (path, method) in REGISTER:
            continue
        schemes = {name for requirement in operation["security"] for name in requirement}
        assert "tokenAuth" in schemes, (path, method)
        assert {} not in operation["security"], (path, method)


def test_open_data_answers_anonymously_as_documented(db: Any) -> None:
    response = api().get("/api/v1/open/agreements/")
    assert response.status_code == 200
    assert isinstance(body(response), list)


# --- errors -----------------------------------------------------------------------------------


def test_every_documented_error_has_the_one_error_shape(schema: dict[str, Any]) -> None:
    """`{"message": ..., "extra": {...}}` (412 adds `current`, the record as it is now)."""
    components = schema["components"]["schemas"]
    checked = 0
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                shape = components[ref.removeprefix("#/components/schemas/")]
                assert {"message", "extra"} <= set(shape["required"]), (path, method, code)
                assert shape["properties"]["extra"]["type"] == "object", (path, method, code)
                checked += 1
    assert checked >= 300


def test_ids_in_paths_are_documented_as_positive_64_bit(schema: dict[str, Any]) -> None:
    seen = 0
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                assert parameter["schema"]["minimum"] == 1, (path, method, parameter)
                assert parameter["schema"]["maximum"] == 2**63 - 1, (path, method, parameter)
                seen += 1
    assert seen >= 50


@pytest.mark.parametrize(
    "path",
    [
        # 2**63 in a foreign-key lookup: OverflowError on SQLite (a 500 in the fuzz run).
        f"/api/v1/agreements/{2**63}/documents/1/download/",
        f"/api/v1/agreements/{10**25}/",
        "/api/v1/agreements/0/",
        "/api/v1/agreements/-5/",  # no route: was the site's HTML 404 page
        "/api/v1/no-such-thing/",
    ],
)
def test_an_id_out_of_range_or_no_route_is_the_apis_json_404(officer: Any, path: str) -> None:
    response = api(officer).get(path)
    assert response.status_code == 404, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message", "extra"}


def test_html_pages_keep_the_sites_404(client: Any, officer: Any) -> None:
    client.force_login(officer)
    response = client.get("/en/agreements/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_download_documents_the_three_content_types(schema: dict[str, Any]) -> None:
    path = "/api/v1/agreements/{id}/documents/{document_id}/download/"
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]
    assert set(content) == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
    }


# --- request bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ["null", "[]", "[1, 2]", "7", '"text"'])
def test_a_json_body_that_is_not_an_object_is_a_400(
    officer: Any, kemendagri: Any, payload: str
) -> None:
    """`PATCH /activities/{id}/` with `null` was a TypeError (500) reading the fields."""
    plan = WorkPlanFactory(agreement=AgreementFactory(owner=kemendagri, active=True))
    activity = ActivityFactory(work_plan=plan)
    before = Activity.objects.values().get(pk=activity.pk)
    client = api(officer)
    for method, url in [
        ("patch", f"/api/v1/activities/{activity.pk}/"),
        ("post", "/api/v1/meetings/"),
        ("post", "/api/v1/intake/extract/"),
    ]:
        response = getattr(client, method)(url, payload, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code, response.content[:200])
        assert response.json()["message"] == "The request body must be a JSON object."
    assert Activity.objects.values().get(pk=activity.pk) == before
    assert not Meeting.objects.exists()


# --- date-times -------------------------------------------------------------------------------


def meeting_payload(starts_at: str) -> dict[str, Any]:
    return {
        "kind": "coordination",
        "title": "Rapat koordinasi",
        "starts_at": starts_at,
        "mode": "offline",
        "venue": "Gedung F",
    }


def test_a_meeting_in_1538_is_refused(officer: Any, fasker: Any) -> None:
    response = api(officer).post(
        "/api/v1/meetings/", meeting_payload("1538-06-01T10:00:00"), format="json"
    )
    assert response.status_code == 400
    assert "starts_at" in response.json()["extra"]
    assert not Meeting.objects.exists()


def test_a_meeting_before_1924_is_shown_in_utc_not_batavia_mean_time(
    officer: Any, fasker: Any
) -> None:
    """Asia/Jakarta was +07:07:12 until 1924 (inside DATE_MIN..DATE_MAX): not RFC 3339."""
    response = api(officer).post(
        "/api/v1/meetings/", meeting_payload("1910-05-02T10:00:00"), format="json"
    )
    assert response.status_code == 201, response.json()
    shown = response.json()["starts_at"]
    assert RFC3339.match(shown), shown
    assert shown == "1910-05-02T02:52:48Z"
    assert datetime.fromisoformat(shown) == datetime(1910, 5, 2, 2, 52, 48, tzinfo=UTC)
    detail = api(officer).get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert detail["starts_at"] == shown
    assert RFC3339.match(detail["created_at"]), detail["created_at"]


def test_a_meeting_today_keeps_its_jakarta_offset(officer: Any, fasker: Any) -> None:
    response = api(officer).post(
        "/api/v1/meetings/", meeting_payload("2026-05-02T10:00:00"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["starts_at"] == "2026-05-02T10:00:00+07:00"
