"""Token authentication, and deny-by-default for anonymous callers."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, reverse

from mitra.accounts.models import ApiToken, token_hash
from mitra.accounts.tests.factories import PASSWORD
from mitra.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def test_token_for_username_and_password_then_it_authenticates(anon: Any, officer: Any) -> None:
    response = anon.post(TOKEN_URL, {"username": "kemendagri", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    key = body["token"]
    token = ApiToken.objects.get(user=officer)
    # Only the hash is stored; the key is not in the database.
    assert token.key_hash == token_hash(key)
    assert key not in {token.key_hash, token.prefix}
    assert body["name"] == token.name
    assert body["expires_at"]
    assert AuditEvent.objects.filter(event="user.api_token_issued").count() == 1

    # Asking again issues a second, named token (each integration gets its own).
    again = anon.post(
        TOKEN_URL,
        {"username": "kemendagri", "password": PASSWORD, "name": "SIMPEL sync"},
        format="json",
    )
    assert again.status_code == 200
    assert again.json()["token"] != key
    assert again.json()["name"] == "SIMPEL sync"
    assert AuditEvent.objects.filter(event="user.api_token_issued").count() == 2

    anon.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert anon.get("/api/v1/agreements/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("username", "password"),
    [("kemendagri", "wrong-password"), ("nobody", PASSWORD), ("inactive", PASSWORD)],
)
def test_bad_credentials_get_one_message(
    anon: Any, officer: Any, username: str, password: str
) -> None:
    from mitra.accounts.tests.factories import UserFactory

    UserFactory(username="inactive", is_active=False)
    response = anon.post(TOKEN_URL, {"username": username, "password": password})
    assert response.status_code == 400
    assert response.json() == {
        "message": "Unable to log in with the given username and password.",
        "extra": {},
    }
    assert not ApiToken.objects.exists()


def test_missing_fields_are_a_validation_error(anon: Any) -> None:
    response = anon.post(TOKEN_URL, {"username": "kemendagri"})
    assert response.status_code == 400
    assert response.json()["extra"] == {"password": ["This field is required."]}


def test_a_wrong_token_is_refused(anon: Any, officer: Any) -> None:
    anon.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = anon.get("/api/v1/agreements/")
    assert response.status_code == 401
    assert response.json() == {"message": "Invalid token.", "extra": {}}


def test_token_of_a_deactivated_user_no_longer_works(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    officer.is_active = False
    officer.save()
    assert client.get("/api/v1/agreements/").status_code == 401


def test_password_guessing_locks_the_username_then_the_right_password_too(
    anon: Any, officer: Any, settings: Any
) -> None:
    """Issue 14: the count is per username in the shared cache (not per worker process);
    the lock answers 429 with the same message for a real and an unknown username."""
    limit = settings.MITRA["LOGIN_MAX_FAILURES"]
    codes = [
        anon.post(TOKEN_URL, {"username": "kemendagri", "password": "guess"}).status_code
        for _ in range(limit + 2)
    ]
    assert codes[: limit - 1] == [400] * (limit - 1)
    assert codes[limit - 1 :] == [429] * 3
    locked = anon.post(TOKEN_URL, {"username": "KemenDagri ", "password": PASSWORD})
    assert locked.status_code == 429
    for _ in range(limit):
        unknown = anon.post(TOKEN_URL, {"username": "nobody-here", "password": "guess"})
    assert unknown.status_code == 429
    assert unknown.json() == locked.json()
    assert not ApiToken.objects.exists()


# Every API URL with sample arguments; anonymous callers get 401 on all but schema and docs.
PROTECTED = [
    ("get", "api-organization-list", {}),
    ("post", "api-organization-list", {}),
    ("get", "api-organization-detail", {"pk": 1}),
    ("put", "api-organization-detail", {"pk": 1}),
    ("patch", "api-organization-detail", {"pk": 1}),
    ("get", "api-body-list", {}),
    ("get", "api-body-detail", {"pk": 1}),
    ("get", "api-province-list", {}),
    ("get", "api-regency-list", {}),
    ("get", "api-agreement-list", {}),
    ("post", "api-agreement-list", {}),
    ("get", "api-agreement-detail", {"pk": 1}),
    ("put", "api-agreement-detail", {"pk": 1}),
    ("patch", "api-agreement-detail", {"pk": 1}),
    ("post", "api-agreement-transition", {"pk": 1, "name": "sign"}),
    ("post", "api-agreement-signatories", {"pk": 1}),
    ("get", "api-agreement-documents", {"pk": 1}),
    ("post", "api-agreement-documents", {"pk": 1}),
    ("get", "api-agreement-document-download", {"pk": 1, "document_id": 1}),
    ("get", "api-workplan-list", {}),
    ("post", "api-workplan-list", {}),
    ("get", "api-workplan-detail", {"pk": 1}),
    ("patch", "api-workplan-detail", {"pk": 1}),
    ("post", "api-workplan-transition", {"pk": 1, "name": "approve"}),
    ("post", "api-workplan-notifications", {"pk": 1}),
    ("get", "api-activity-list", {}),
    ("post", "api-activity-list", {}),
    ("get", "api-activity-detail", {"pk": 1}),
    ("patch", "api-activity-detail", {"pk": 1}),
    ("post", "api-activity-transition", {"pk": 1, "name": "start"}),
    ("get", "api-permit-application-list", {}),
    ("post", "api-permit-application-list", {}),
    ("get", "api-permit-application-detail", {"pk": 1}),
    ("patch", "api-permit-application-detail", {"pk": 1}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "submit"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "withdraw"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "answer"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "open_verification"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "return"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "circulate"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "share_opinions"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "open_deliberation"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "deliberate"}),
    ("post", "api-permit-application-action", {"pk": 1, "name": "decide"}),
    ("get", "api-permit-review-list", {}),
    ("get", "api-permit-review-detail", {"pk": 1}),
    ("post", "api-permit-review-decision", {"pk": 1}),
    ("get", "api-permit-list", {}),
    ("get", "api-permit-detail", {"pk": 1}),
    ("get", "api-permit-operational", {"pk": 1}),
    ("post", "api-permit-operational", {"pk": 1}),
    ("get", "api-permit-staff", {"pk": 1}),
    ("post", "api-permit-staff", {"pk": 1}),
    ("post", "api-permit-action", {"pk": 1, "name": "suspend"}),
    ("post", "api-permit-action", {"pk": 1, "name": "reinstate"}),
    ("post", "api-permit-action", {"pk": 1, "name": "revoke"}),
    ("post", "api-permit-operational-end", {"pk": 1}),
    ("post", "api-permit-staff-end", {"pk": 1}),
    ("get", "api-meeting-list", {}),
    ("post", "api-meeting-list", {}),
    ("get", "api-meeting-detail", {"pk": 1}),
    ("put", "api-meeting-detail", {"pk": 1}),
    ("patch", "api-meeting-detail", {"pk": 1}),
    ("post", "api-meeting-transition", {"pk": 1, "name": "hold"}),
    ("post", "api-meeting-invited", {"pk": 1}),
    ("get", "api-meeting-attendees", {"pk": 1}),
    ("post", "api-meeting-attendees", {"pk": 1}),
    ("get", "api-meeting-minutes", {"pk": 1}),
    ("post", "api-meeting-minutes", {"pk": 1}),
    ("get", "api-meeting-action-items", {"pk": 1}),
    ("post", "api-meeting-action-items", {"pk": 1}),
    ("patch", "api-meeting-action-item", {"pk": 1, "item_id": 1}),
    ("post", "api-meeting-signings", {"pk": 1}),
    ("post", "api-intake-extract", {}),
    ("post", "api-intake-confirm", {}),
    ("get", "api-report-list", {}),
    ("get", "api-report-detail", {"pk": 1}),
    ("post", "api-report-action", {"pk": 1, "name": "submit"}),
    ("post", "api-report-action", {"pk": 1, "name": "accept"}),
    ("post", "api-report-action", {"pk": 1, "name": "request_revision"}),
    ("get", "api-monitoring-visit-list", {}),
    ("get", "api-monitoring-visit-detail", {"pk": 1}),
    ("get", "api-sanction-list", {}),
    ("post", "api-sanction-list", {}),
    ("get", "api-sanction-detail", {"pk": 1}),
    ("post", "api-sanction-move", {"pk": 1, "name": "assess"}),
    ("post", "api-sanction-move", {"pk": 1, "name": "escalate"}),
    ("post", "api-sanction-move", {"pk": 1, "name": "lift"}),
    ("post", "api-sanction-move", {"pk": 1, "name": "dismiss"}),
    ("get", "api-deadline-list", {}),
    ("get", "api-deadline-rules", {}),
    ("get", "api-deadline-compute", {}),
    ("get", "api-notice-list", {}),
    ("post", "api-notice-read", {"pk": 1}),
    ("get", "api-notice-preference", {}),
    ("put", "api-notice-preference", {}),
    ("get", "api-workplan-n5-inbox", {}),
    ("post", "api-workplan-n5-acknowledge", {"pk": 1}),
]


@pytest.mark.parametrize(("method", "name", "kwargs"), PROTECTED)
def test_anonymous_gets_401_everywhere(
    anon: Any, kemendagri_draft: Any, method: str, name: str, kwargs: dict[str, Any]
) -> None:
    count = AuditEvent.objects.count()
    response = getattr(anon, method)(reverse(name, kwargs=kwargs), {})
    assert response.status_code == 401, (method, name)
    assert response.json() == {
        "message": "Authentication credentials were not provided.",
        "extra": {},
    }
    assert response["WWW-Authenticate"] == "Token"
    assert AuditEvent.objects.count() == count


def api_patterns(patterns: list[Any] | None = None) -> Iterator[URLPattern]:
    """Every route of the API, through the per-resource URL lists it includes."""
    from mitra.api import urls

    for pattern in urls.urlpatterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from api_patterns(pattern.url_patterns)
        else:
            yield pattern


def test_every_api_url_is_covered_by_the_walk() -> None:
    """A new API route, or a new action of an `actions()` URL, must be added to PROTECTED (or
    be the public schema/docs/token)."""
    # The izin prinsip register is public by design (issue 16 §2; portal test_register).
    public = {"api-schema", "api-docs", "api-auth-token", "api-register", "api-register-status",
              "api-register-statistics"}  # fmt: skip
    walked = {(m.upper(), n, kw.get("name")) for m, n, kw in PROTECTED}
    routes = {(m, n) for m, n, _ in walked}
    for pattern in api_patterns():
        # Open data is public by design (issue 4 §5); test_open_data_is_public checks it.
        if pattern.name in public or pattern.name.startswith("api-open-"):
            continue
        actions = getattr(pattern.callback, "action_views", None)
        if actions is not None:
            for action in actions:
                assert ("POST", pattern.name, action) in walked, (pattern.name, action)
            continue
        operations = getattr(pattern.callback, "method_views", None)
        methods = (
            set(operations)
            if operations
            else {m.upper() for m in pattern.callback.cls().allowed_methods if m != "OPTIONS"}
        )
        for method in methods:
            assert (method, pattern.name) in routes, (method, pattern.name)


def test_schema_and_docs_are_public(anon: Any) -> None:
    schema = anon.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/agreements/{id}/actions/{name}/" in schema.content
    assert b"/api/v1/permits/applications/{id}/actions/submit/" in schema.content
    docs = anon.get("/api/v1/docs/")
    assert docs.status_code == 200


def test_a_method_no_operation_serves_is_405_in_the_error_shape(client_for: Any, officer: Any):
    response = client_for(officer).delete("/api/v1/agreements/")
    assert response.status_code == 405
    assert response.json()["message"] == 'Method "DELETE" not allowed.'
    assert response["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/organizations/"),
        ("post", "/api/v1/agreements/"),
    ],
)
def test_readers_may_not_write(
    client_for: Any, viewer: Any, ford_rep: Any, method: str, path: str
) -> None:
    for user in (viewer, ford_rep):
        response = getattr(client_for(user), method)(path, {}, format="json")
        assert response.status_code == 403
        assert response.json() == {
            "message": "You do not have permission to perform this action.",
            "extra": {},
        }


def test_open_data_is_public(anon: Any) -> None:
    """The only API routes besides schema, docs and token that answer without credentials."""
    names = [p.name for p in api_patterns() if p.name.startswith("api-open-")]
    assert "api-open-organizations" in names
    assert anon.get("/api/v1/open/organizations/").status_code == 200
