"""One URL convention and one class per action (issue 18 §2; ADR 0022).

Every action on a record is `POST <resource>/<id>/actions/<name>/`; an action with its own
input has its own class, operation and request schema; an unknown action is a 404 in the
API's error shape, and nothing is written.
"""

import re
from typing import Any

import pytest
from django.utils import translation
from drf_spectacular.settings import spectacular_settings

from mitra.api.v1.generic import ActionApi
from mitra.permits import services as permit_services
from mitra.sanctions import services as sanction_services
from mitra.sanctions.models import SanctionCase

from .conftest import nothing_written

ACTION_PATH = re.compile(r"^/api/v1/[a-z0-9/-]+/\{pk\}/actions/(\{name\}|[a-z_]+)/$")


@pytest.fixture(scope="module")
def endpoints() -> list[tuple[str, str, Any]]:
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with translation.override("en"):
        generator.get_schema(request=None, public=True)
    return [
        (path, method, getattr(callback, "cls", None))
        for path, _, method, callback in generator.endpoints
    ]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with translation.override("en"):
        return generator.get_schema(request=None, public=True)


def is_action(view: Any) -> bool:
    return isinstance(view, type) and issubclass(view, ActionApi)


def test_every_action_is_post_on_the_records_actions_path(endpoints: Any) -> None:
    actions = [(path, method) for path, method, view in endpoints if is_action(view)]
    assert len(actions) >= 29  # 4 transition URLs and 25 actions when this was written
    for path, method in actions:
        assert method == "POST", path
        assert ACTION_PATH.match(path), path
    # …and nothing else lives under an `actions/` path.
    for path, _method, view in endpoints:
        if "/actions/" in path:
            assert is_action(view), path


def test_no_action_keeps_an_old_verb(schema: dict[str, Any]) -> None:
    for path in schema["paths"]:
        assert "/transitions/" not in path, path
        last = path.rstrip("/").rsplit("/", 1)[1]
        if "/actions/" not in path:
            assert last not in {"submit", "review", "decision", "end", "read", "acknowledge"}, path


def request_fields(schema: dict[str, Any], path: str) -> set[str]:
    body = schema["paths"][path]["post"].get("requestBody")
    if body is None:
        return set()
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    return set(schema["components"]["schemas"][ref]["properties"])


def test_each_application_action_has_its_own_operation_and_input(schema: dict[str, Any]) -> None:
    base = "/api/v1/permits/applications/{id}/actions/"
    expected = {
        "submit": set(),
        "withdraw": {"reason"},
        "answer": {"response_text"},
        "open_verification": set(),
        "return": {"reasons", "text", "deadline"},
        "circulate": {"technical_ministries", "due_date"},
        "share_opinions": set(),
        "open_deliberation": set(),
        "deliberate": {"held_on", "agencies_present", "recommendation", "notes", "override_reason"},
        "decide": {
            "approve",
            "decided_on",
            "valid_from",
            "valid_until",
            "conditions",
            "legal_basis",
            "reasons",
            "text",
            "override_reason",
        },
    }
    operation_ids = set()
    for name, fields in expected.items():
        assert request_fields(schema, f"{base}{name}/") == fields, name
        operation_ids.add(schema["paths"][f"{base}{name}/"]["post"]["operationId"])
    assert len(operation_ids) == len(expected)


def test_each_sanction_action_documents_what_it_requires(schema: dict[str, Any]) -> None:
    def required(name: str) -> set[str]:
        body = schema["paths"][f"/api/v1/sanctions/{{id}}/actions/{name}/"]["post"]
        ref = body["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return set(schema["components"]["schemas"][ref.rsplit("/", 1)[1]].get("required", []))

    assert required("assess") == set()
    assert required("escalate") == {"legal_basis"}
    assert required("lift") == {"notes"}
    assert required("dismiss") == {"notes"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/permits/applications/{pk}/actions/fly/",
        "/api/v1/permits/applications/{pk}/actions/schedule_presentation/",  # HTML only
    ],
)
def test_an_unknown_application_action_is_404(
    client_for: Any, ford: Any, ford_rep: Any, path: str
) -> None:
    application = permit_services.application_create(
        organization=ford, extends=None, data=None, actor=ford_rep
    )
    with nothing_written():
        response = client_for(ford_rep).post(path.format(pk=application.pk))
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "extra": {}}


@pytest.mark.django_db
def test_an_unknown_sanction_action_is_404(client_for: Any, operator: Any, ford: Any) -> None:
    case = sanction_services.sanction_case_open(
        actor=operator, organization=ford, violation="Fundraising.", source="public"
    )
    with nothing_written():
        response = client_for(operator).post(f"/api/v1/sanctions/{case.pk}/actions/fly/")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "extra": {}}
    case.refresh_from_db()
    assert case.status == SanctionCase.Status.REPORTED


def test_a_transition_the_state_machine_refuses_is_400_in_the_error_shape() -> None:
    """A `TransitionNotAllowed` no service turned into its own message is still a refusal."""
    from django_fsm import TransitionNotAllowed

    from mitra.api.exception_handlers import api_exception_handler

    with translation.override("en"):
        response = api_exception_handler(TransitionNotAllowed("no"), {})
    assert response is not None
    assert response.status_code == 400
    assert response.data == {"message": "This action is not possible now.", "extra": {}}
