"""What the HTML pages of the domain apps share (issue 18 §2: one copy of each shape).

- `page_context`: a list page's page of rows and the query string its page links repeat;
- `act_and_flash`: a button's POST (a transition, an acknowledgement): the service's refusal or
  the success as a flash message;
- `form_saved`: a form posted from a record's page, saved through a service, the refusal shown
  on the form;
- `create_from_form`: a create form's POST, run once per form token (issue 13 §2);
- `document_download`: a stored document as a download.

Views still fetch their objects through scoped selectors and call the services themselves (in
the callables they pass); these helpers only carry what happens around the call.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect

from .exceptions import ApplicationError
from .forms import already_submitted, application_error_text, apply_application_errors, create_once
from .models import StoredDocument

PAGE_SIZE = 25


def page_context(
    request: HttpRequest, rows: Any, *, name: str | None = None, per_page: int = PAGE_SIZE
) -> dict[str, Any]:
    """The page of `rows` that `?page=` asks for, as a list page's context: `page_obj`, its rows
    under `name` (when given), and `querystring_without_page`, the other query parameters for
    the page links to repeat ("q=x&status=y&", or "" when there are none)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context: dict[str, Any] = {
        "page_obj": page,
        "querystring_without_page": (params.urlencode() + "&") if params else "",
    }
    if name:
        context[name] = page.object_list
    return context


def refusal_message(error: ApplicationError) -> list[str]:
    """A refusal told by its message alone (the default of `act_and_flash`)."""
    return [str(error.message)]


def refusal_in_one_message(error: ApplicationError) -> list[str]:
    """A refusal told in one message: its own and each field's (`application_error_text`)."""
    return [application_error_text(error)]


def act_and_flash[T](
    request: HttpRequest,
    act: Callable[[], T],
    *,
    done: str | Callable[[T], str],
    told: Callable[[ApplicationError], Iterable[str]] = refusal_message,
) -> bool:
    """Run a button's service call `act`: True when it did, with `done` (or `done(result)`) as a
    success message; False when the service refused, each message `told(error)` gives (by
    default its message alone) flashed as an error. The caller redirects either way."""
    try:
        result = act()
    except ApplicationError as error:
        for text in told(error):
            messages.error(request, text)
        return False
    messages.success(request, done(result) if callable(done) else done)
    return True


def form_saved(
    request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], object], *, done: Any
) -> bool:
    """A form posted from a page: when it is valid, `save(form.cleaned_data)` (the service call).
    True when it saved, with `done` as a success message (the caller redirects); False when the
    form is invalid or the service refused, the refusal on the form (the caller shows the page
    again with this form)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ApplicationError as error:
        apply_application_errors(form, error)
        return False
    messages.success(request, done)
    return True


def create_from_form[T](
    request: HttpRequest,
    form: forms.Form,
    *,
    scope: str,
    create: Callable[[], T],
    url_of: Callable[[T], str],
    fallback: str,
    done: str | None = None,
    landing: Callable[[T], str] | None = None,
) -> HttpResponse | None:
    """A create form's POST: when the form is valid, `create` once per form token (`create_once`).
    The redirect to the new record (`url_of` it, or `landing` it where the page differs), with
    `done` as a success message; on a second submit of the same form the redirect to the first
    record (or `fallback`) with `already_submitted`. None when the form is invalid or the service
    refused (the refusal on the form): the caller shows the form again."""
    if not form.is_valid():
        return None
    try:
        record, first = create_once(request, scope=scope, create=create, url_of=url_of)
    except ApplicationError as error:
        apply_application_errors(form, error)
        return None
    if record is None:  # a second submit of the same form
        already_submitted(request)
        return redirect(first or fallback)
    if done:
        messages.success(request, done)
    return redirect((landing or url_of)(record))


def document_download(document: StoredDocument) -> FileResponse:
    """A stored document as a download, under the name it was uploaded with and its type."""
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
