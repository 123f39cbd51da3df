"""Shared pieces of API v1: the base class, the method router, pagination and error docs."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mitra.accounts.models import User
from mitra.api.pagination import StandardPagination
from mitra.api.permissions import HasAccessLevel
from mitra.core import bounds


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


class DateTimeField(serializers.DateTimeField):
    """A date-time given as input, its date within MITRA["DATE_MIN"]..["DATE_MAX"]."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(bounds.validate_date_in_range)


@extend_schema_field(OpenApiTypes.STR)
class CodeField(serializers.SlugRelatedField):
    """A record given or shown by its code or key (Kemendagri code, sector code, body key)."""


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
    }
    return {code: OpenApiResponse(ErrorSerializer, description=text[code]) for code in codes}


READ_ERRORS = (401, 403)
DETAIL_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403)
WRITE_DETAIL_ERRORS = (400, 401, 403, 404)
