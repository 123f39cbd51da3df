"""One error shape for the API: {"message": ..., "extra": {field: [messages]}}."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django_fsm import TransitionNotAllowed
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from mitra.core.exceptions import ApplicationError


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, TransitionNotAllowed):
        # A move the state machine does not allow that no service turned into its own refusal
        # (services name the reason: mitra.core.fsm); nothing was written.
        exc = ApplicationError(_("This action is not possible now."))
    if isinstance(exc, ApplicationError):
        # 400, or 409 (Conflict: a duplicate), 412 (StaleVersion), 422 (a reused idempotency
        # key): mitra.core.exceptions and docs/dev/concurrency.md.
        return Response({"message": exc.message, "extra": exc.extra}, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = (
            response.data
            if isinstance(response.data, dict)
            else {"non_field_errors": response.data}
        )
        response.data = {"message": _validation_message(detail), "extra": detail}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"message": str(response.data["detail"]), "extra": {}}
    return response


def _first_error(detail: Any, path: str = "") -> tuple[str, str] | None:
    """The first message in a DRF error structure and the field path that leads to it."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            found = _first_error(value, f"{path}.{key}" if path else str(key))
            if found:
                return found
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            nested = isinstance(value, (dict, list))
            found = _first_error(value, f"{path}[{index}]" if nested else path)
            if found:
                return found
    elif detail is not None:
        return path, str(detail)
    return None


def _validation_message(detail: Any) -> str:
    """One readable sentence naming the first problem, e.g. "provinces: Unknown province…"."""
    found = _first_error(detail)
    if found is None:
        return _("Validation error")
    path, message = found
    if path in ("", "non_field_errors"):
        return _("Validation error: %(message)s") % {"message": message}
    return _("Validation error: %(field)s: %(message)s") % {"field": path, "message": message}


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: under /api/ the API's error shape, elsewhere the site's own page.

    A URL no route matches (`/api/v1/agreements/-5/`: ids in paths are positive) answered the
    HTML page, which no API client parses and the OpenAPI document does not promise.
    """
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"message": str(exceptions.NotFound.default_detail), "extra": {}}, status=404
        )
    return defaults.page_not_found(request, exception)
