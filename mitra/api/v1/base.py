"""Shared pieces of API v1: the base class, the method router, pagination and error docs."""

import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import register_converter
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mitra.accounts.models import User
from mitra.api.converters import IdConverter
from mitra.api.pagination import StandardPagination
from mitra.api.permissions import HasAccessLevel
from mitra.bodies.models import GovernmentBody
from mitra.core import bounds, concurrency
from mitra.core.exceptions import ApplicationError, StaleVersion
from mitra.organizations.models import Sector
from mitra.regions.models import Province, Regency


class AuthenticatedRequest(Request):
    """The request of an API class whose access level is not PUBLIC (for mypy only).

    HasAccessLevel lets only active signed-in users through to such a class, so its `user` is a
    `User`, never AnonymousUser (see mitra.accounts.http for the HTML views' twin). Never use it
    on a PUBLIC class: nothing checks the annotation against the access level.
    """

    user: User


@method_decorator(login_not_required, name="dispatch")
class ApiView(APIView):
    # Base of every API class. Declare `access` (and `write_access` for writes).
    # SECURITY: a missing or unknown level denies (HasAccessLevel → mitra.core.access). The
    # LoginRequiredMiddleware is bypassed because DRF authenticates (token or session) itself
    # and answers 401/403 in the API's error shape instead of redirecting to the login page.
    # (A comment, not a docstring: drf-spectacular would show a docstring in every operation.)

    access: str = ""
    permission_classes = [HasAccessLevel]


# Ids in paths are 1..2**63-1: a larger one matches no route (404), never the database. Registered
# here, where every API module's URL list (`urlpatterns`) gets it, before any of them is built.
register_converter(IdConverter, "id")


def route(**operations: type[APIView]) -> Callable[..., HttpResponse]:
    """One URL served by one API class per HTTP method: `route(get=ListApi, post=CreateApi)`.

    Keeps "one class per operation" while the URLs stay resource-shaped. The schema generator
    (mitra.api.schema) documents each class as its own operation.
    """
    views = {method.upper(): api.as_view() for method, api in operations.items()}
    allowed = ", ".join(sorted(views))

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        method = "GET" if request.method == "HEAD" and "GET" in views else request.method
        handler = views.get(method or "")
        if handler is None:
            return JsonResponse(
                {"message": f'Method "{request.method}" not allowed.', "extra": {}},
                status=405,
                headers={"Allow": allowed},
            )
        return handler(request, *args, **kwargs)

    view.csrf_exempt = True  # type: ignore[attr-defined]  # DRF's session auth checks CSRF
    view.login_required = False  # type: ignore[attr-defined]  # DRF authenticates (see ApiView)
    view.method_views = views  # type: ignore[attr-defined]
    # The access level per method, for tests that walk the URLconf.
    view.access = {m: getattr(v.cls, "access", "") for m, v in views.items()}  # type: ignore[attr-defined]
    return view


def paginated_response(
    *,
    queryset: QuerySet[Any],
    serializer_class: type[serializers.Serializer],
    request: Request,
    view: APIView,
) -> Response:
    """Page `queryset` with the view's pagination and serialise the page (HSX pattern)."""
    pagination_class = getattr(view, "pagination_class", None) or StandardPagination
    paginator = pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context={"request": request}).data
    return paginator.get_paginated_response(data)


def IdField(**kwargs: Any) -> serializers.IntegerField:  # noqa: N802 (used like a field class)
    """An id given as input (filter or reference): 1..2**63-1, else 400 naming the field."""
    return serializers.IntegerField(min_value=bounds.ID_MIN, max_value=bounds.ID_MAX, **kwargs)


def YearField(**kwargs: Any) -> serializers.IntegerField:  # noqa: N802 (used like a field class)
    """A calendar year given as input: 1900..2100 (a year of -1 was a 500 in date arithmetic)."""
    return serializers.IntegerField(min_value=bounds.YEAR_MIN, max_value=bounds.YEAR_MAX, **kwargs)


class DateField(serializers.DateField):
    """A date given as input, within MITRA["DATE_MIN"]..["DATE_MAX"] (400 naming the field)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(bounds.validate_date_in_range)


# An ISO 8601 offset with seconds at the end of a date-time: "+07:07:12".
OFFSET_SECONDS = re.compile(r"[+-]\d\d:\d\d:\d\d(\.\d+)?$")


class DateTimeField(serializers.DateTimeField):
    """A date-time given as input, its date within MITRA["DATE_MIN"]..["DATE_MAX"].

    Shown in the current time zone (Asia/Jakarta), except where that zone's offset had seconds:
    Batavia mean time, +07:07:12, until 1924. RFC 3339 (OpenAPI's `date-time`) has no seconds
    in an offset, so such an instant is shown in UTC ("…Z") instead.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(bounds.validate_date_in_range)

    def to_representation(self, value: Any) -> Any:
        text = super().to_representation(value)
        if isinstance(value, datetime) and isinstance(text, str) and OFFSET_SECONDS.search(text):
            return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return text


@extend_schema_field(OpenApiTypes.STR)
class CodeField(serializers.SlugRelatedField):
    """A record given or shown by its code or key (Kemendagri code, sector code, body key)."""


# Unknown codes and keys given as input: 400 naming the field and the value.
UNKNOWN_BODY: dict[str, Any] = {"does_not_exist": _("Unknown government body key: {value}.")}
UNKNOWN_SECTOR: dict[str, Any] = {"does_not_exist": _("Unknown sector code: {value}.")}
UNKNOWN_PROVINCE: dict[str, Any] = {"does_not_exist": _("Unknown province code: {value}.")}
UNKNOWN_REGENCY: dict[str, Any] = {"does_not_exist": _("Unknown regency/city code: {value}.")}


def code_field(slug_field: str, model: type[Model], unknown: dict[str, Any]) -> Callable[..., Any]:
    """A field class for records of `model` given by their `slug_field` (a 400 naming the
    field and the value for an unknown one); keyword arguments as for any field."""

    def field(**kwargs: Any) -> CodeField:
        queryset = model._default_manager.all()
        return CodeField(slug_field=slug_field, queryset=queryset, error_messages=unknown, **kwargs)

    return field


BodyField = code_field("key", GovernmentBody, UNKNOWN_BODY)  # a body by its key
SectorField = code_field("code", Sector, UNKNOWN_SECTOR)
ProvinceField = code_field("code", Province, UNKNOWN_PROVINCE)  # Kemendagri code: "33"
RegencyField = code_field("code", Regency, UNKNOWN_REGENCY)  # Kemendagri code: "33.74"


class Serializer(serializers.Serializer):
    # A serializer whose fields may carry a trailing underscore: `source_` is served as `source`.
    # djangorestframework-stubs types `label`, `source` and `parent` as attributes of every field
    # (a serializer is a field), so mypy rejects fields of those names declared on a serializer
    # (typeddjango/djangorestframework-stubs#78, #158). Declare them as `label_`, `source_`,
    # `parent_` on this class instead: the API, its order and the schema stay as they were.
    # (A comment, not a docstring: drf-spectacular would show it on every subclass.)

    def get_fields(self) -> dict[str, serializers.Field]:
        return {name.removesuffix("_"): field for name, field in super().get_fields().items()}


class ErrorSerializer(serializers.Serializer):
    """The one error shape: a message and per-field messages."""

    message = serializers.CharField()
    extra = serializers.DictField(
        child=serializers.JSONField(), help_text="Field name → list of messages (may be empty)."
    )


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error responses, all in the one error shape."""
    text = {
        400: "Invalid input or a rule refused the operation; nothing was written.",
        401: "Not authenticated (send `Authorization: Token <key>`).",
        403: "Authenticated but not allowed (role).",
        404: "Not found, or outside your scope.",
        429: "Too many failed attempts: the username or the client address is locked a while.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=text[code]) for code in codes}


READ_ERRORS = (401, 403)
DETAIL_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403)
WRITE_DETAIL_ERRORS = (400, 401, 403, 404)


# --- no lost edit, no duplicate (issue 13 §2; docs/dev/concurrency.md) -------------------------
# A versioned record's ETag is its version as a strong entity tag: `"7"`. It names the version
# of the record's editable state, which is what If-Match compares; `W/"7"` is accepted too.
ETAG_PATTERN = re.compile(r'^\s*(?:W/)?"(\d{1,10})"\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


def with_etag(response: Response, version: int) -> Response:
    """Set the ETag of a response that shows one versioned record."""
    response["ETag"] = etag(version)
    return response


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = _(
        'Send the If-Match header with the ETag you read (If-Match: "<version>"): '
        "a change made without it could overwrite someone else's."
    )
    default_code = "precondition_required"


class BadPrecondition(APIException):
    status_code = 400
    default_detail = _('The If-Match header must be one ETag as sent by the API, e.g. "3".')
    default_code = "bad_precondition"


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the record as you read it, e.g. `"3"`. Without it the change is '
    "refused (428); when the record changed meanwhile it is refused (412) and the response "
    "carries the current record and ETag.",
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 412],
    description='The record\'s version, e.g. `"3"`: send it back as If-Match to change it.',
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="A unique value (a UUID) per record you mean to create, at most 255 printable "
    "ASCII characters. Sending the request again with the same key and body (a retry after a "
    "timeout, a double click) returns the first response instead of creating a second record, "
    "for 24 hours; the same key with another body is refused (422).",
)
IDEMPOTENT_REPLAYED = OpenApiParameter(
    "Idempotent-Replayed",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[201],
    description="`true` when this is the stored response of an earlier request with the key.",
)


class StaleSerializer(serializers.Serializer):
    """A refused change: the message, and the record as it is now (its ETag in the header)."""

    message = serializers.CharField()
    extra = serializers.DictField(child=serializers.JSONField())
    current = serializers.JSONField(help_text="The current record, as GET returns it.")


def update_responses(ok: Any) -> dict[int, Any]:
    """The documented responses of a versioned PUT or PATCH."""
    return {
        200: ok,
        **errors(*WRITE_DETAIL_ERRORS),
        409: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[409]),
        412: OpenApiResponse(StaleSerializer, description=ERROR_TEXT[412]),
        428: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[428]),
    }


def create_responses(ok: Any, *codes: int) -> dict[int, Any]:
    """The documented responses of an idempotent create."""
    return {
        201: ok,
        **errors(*(codes or WRITE_ERRORS)),
        409: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[409]),
        422: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[422]),
    }


ERROR_TEXT = {
    409: "A duplicate: the record exists already (or a concurrent request just created it).",
    412: "The record changed after you read it (If-Match is stale): nothing was written; "
    "`current` and the ETag header give the record as it is now.",
    422: "This Idempotency-Key was already used with another request.",
    428: "If-Match is missing: read the record and send its ETag.",
}


class VersionedUpdateMixin:
    # The one If-Match mechanism of every PUT/PATCH of a versioned record: `expected_version`
    # reads the header (428 without it), the service compares it under a row lock and raises
    # StaleVersion, answered here with 412 and the record as GET shows it (`current_state`).
    # (A comment, not a docstring: drf-spectacular would show it on every operation.)

    def expected_version(self, request: Request) -> int:
        value = request.headers.get("If-Match")
        if value is None or not value.strip():
            raise PreconditionRequired()
        match = ETAG_PATTERN.match(value)
        if match is None:
            raise BadPrecondition()
        return int(match.group(1))

    def check_version(self, request: Request, record: Any) -> int:
        """The If-Match version, checked against `record` as this request read it (the
        service checks again under its row lock): a stale one is refused before any work."""
        expected = self.expected_version(request)
        if record.version != expected:
            raise concurrency.stale(current=record, expected=expected)
        return expected

    def current_state(self, request: Request, **kwargs: Any) -> tuple[Any, int]:
        """The record as its detail GET shows it, and its version (each update API says how)."""
        raise NotImplementedError

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaleVersion):
            request = self.request  # type: ignore[attr-defined]
            data, version = self.current_state(request, **self.kwargs)  # type: ignore[attr-defined]
            response = Response(
                {"message": exc.message, "extra": exc.extra, "current": data}, status=412
            )
            return with_etag(response, version)
        return super().handle_exception(exc)  # type: ignore[misc]


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Make an API create idempotent under the `Idempotency-Key` header (optional).

    With a key, the create and the stored response are written in one transaction under a
    unique (user, key) row: a repeat (or a concurrent twin) gets the stored 201 back, marked
    `Idempotent-Replayed: true`; a refused create stores nothing (it may be sent again).
    """

    @functools.wraps(handler)
    def wrapper(self: APIView, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return handler(self, request, *args, **kwargs)
        problem = concurrency.idempotency_key_error(key)
        if problem:
            raise ApplicationError(problem, {"Idempotency-Key": [problem]})
        scope = f"{request.method} {request.path}"
        fingerprint = concurrency.request_fingerprint(
            method=request.method or "", path=request.path, data=request.data
        )
        with transaction.atomic():
            claim = concurrency.idempotency_begin(
                user=request.user, key=key, scope=scope, fingerprint=fingerprint
            )
            if isinstance(claim, concurrency.Replay):
                response = Response(claim.body, status=claim.status, headers=claim.headers)
                response["Idempotent-Replayed"] = "true"
                return response
            response = handler(self, request, *args, **kwargs)
            if response.status_code >= 300:
                transaction.set_rollback(True)
                return response
            headers = {h: response[h] for h in ("ETag", "Location") if response.has_header(h)}
            concurrency.idempotency_finish(
                claim, status=response.status_code, body=response.data, headers=headers
            )
        return response

    return wrapper
