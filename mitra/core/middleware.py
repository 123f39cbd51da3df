"""Refuse control characters in queries and submitted text, before any view sees them (issue 13 §4).

One place for every view, HTML and API: PostgreSQL refuses a NUL in any text value, so
`/id/directory/?q=%00` was a 500 there and an empty result on SQLite. Query parameters,
form fields (not uploaded files) and the strings of a JSON body are checked; a hit answers 400
(the API's error shape under /api/, plain text elsewhere) naming the parameter.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

from .bounds import control_chars_message, has_control_chars


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(field path, string) for every key and string inside a parsed JSON value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            yield name, str(key)
            yield from _strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)


def _offending_field(request: HttpRequest) -> str | None:
    for key, values in request.GET.lists():
        if has_control_chars(key) or any(has_control_chars(v) for v in values):
            return key
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            data = request.POST
        except MultiPartParserError:
            return None  # the view's parser answers it as before
        for key, values in data.lists():
            if has_control_chars(key) or any(has_control_chars(v) for v in values):
                return key
    elif content_type.endswith("json"):
        try:
            parsed = json.loads(request.body)
        except ValueError:
            return None  # malformed JSON: DRF answers 400 itself
        for name, text in _strings(parsed, ""):
            if has_control_chars(text):
                return name or "body"
    return None


class ControlCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _offending_field(request)
        if field is None:
            return self.get_response(request)
        message = control_chars_message()
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"message": f"{field}: {message}", "extra": {field: [message]}}, status=400
            )
        return HttpResponseBadRequest(
            f"{field}: {message}", content_type="text/plain; charset=utf-8"
        )
