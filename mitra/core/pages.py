"""What the HTML pages of the domain apps share (issue 18 §2: one copy of each shape).

- `page_context`: a list page's page of rows and the query string its page links repeat;
- `act_and_flash`: a button's POST (a transition, an acknowledgement): the service's refusal or
  the success as a flash message;
- `form_saved`: a form posted from a record's page, saved through a service, the refusal shown
  on the form;
- `create_from_form`: a create form's POST, run once per form token (issue 13 §2);
  `create_form_page` the create form's page with its token, `create_or_form_page` the two
  together;
- `document_download`: a stored document as a download;
- `saved_or_shown_again`: a form posted from a record's page: saved, the redirect; refused or
  invalid, the page again (status 400) with the form showing why;
- `VersionedEditView`: the GET and POST of an edit page whose record carries a version.

Views still fetch their objects through scoped selectors and call the services themselves (in
the callables they pass); these helpers only carry what happens around the call.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from .access import AccessMixin
from .exceptions import ApplicationError
from .forms import (
    VersionedEditMixin,
    already_submitted,
    application_error_text,
    apply_application_errors,
    create_once,
    form_token_for,
    submitted_version,
)
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


def create_form_page(
    request: HttpRequest,
    template: str,
    form: forms.Form,
    *,
    scope: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """A create form's page: `form`, its one-time token for `scope` (`form_token_for`: the one
    it was submitted with while unused) as `form_token`, and `extra` in the context."""
    context = {"form": form, **extra, "form_token": form_token_for(request, scope)}
    return render(request, template, context, status=status)


def create_or_form_page[T](
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    scope: str,
    create: Callable[[], T],
    url_of: Callable[[T], str],
    fallback: str,
    done: str | None = None,
    landing: Callable[[T], str] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A create form's POST (`create_from_form`); when the form is invalid or the service
    refused, the form's page again (`create_form_page`, with `extra`) with status 400."""
    created = create_from_form(
        request,
        form,
        scope=scope,
        create=create,
        url_of=url_of,
        fallback=fallback,
        done=done,
        landing=landing,
    )
    if created is not None:
        return created
    return create_form_page(request, template, form, scope=scope, status=400, **(extra or {}))


def document_download(document: StoredDocument) -> FileResponse:
    """A stored document as a download, under the name it was uploaded with and its type."""
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


def saved_or_shown_again(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    *,
    done: Any,
    then: HttpResponse,
    template: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """A form posted from a record's page (`form_saved`): saved, `then` (the redirect back);
    invalid or refused, `template` again with `context()` (built only then, the form in it)
    and status 400."""
    if form_saved(request, form, save, done=done):
        return then
    return render(request, template, context(), status=400)


class VersionedEditView(VersionedEditMixin, AccessMixin, View):
    """An edit page whose record carries a version (issue 18 §2: the one copy of its GET and
    POST). GET: `form_class` filled from the record (`initial_from`) with the record's version.
    POST: saved through `save` (`VersionedEditMixin.save_edit`), then `done` as a success
    message and the redirect to `detail` (a URL name taking the record's pk); invalid, refused
    or changed meanwhile, the form again with status 400.

    The template's context: `form`, the record under `record_name`, `version`, and
    `extra_context(record)`. A subclass sets `access` and these attributes, and defines
    `get_record` (through a scoped selector) and `save`."""

    template_name: str
    form_class: Any
    record_name: str
    detail: str
    done: Any  # the success message (lazy: translated when shown)

    def get_record(self, request: Any, pk: int) -> Any:
        """The record, fetched for editing (404 or refused outside the user's scope)."""
        raise NotImplementedError

    def save(self, record: Any, **edit: Any) -> object:
        """The update service: `edit` is data, actor and expected_version."""
        raise NotImplementedError

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        """What the form takes besides the data, on GET and POST."""
        return {}

    def extra_context(self, record: Any) -> dict[str, Any]:
        return {}

    def _context(self, form: Any, record: Any, version: int | None) -> dict[str, Any]:
        return {
            "form": form,
            **self.extra_context(record),
            self.record_name: record,
            "version": version,
        }

    def get(self, request: Any, pk: int) -> HttpResponse:
        record = self.get_record(request, pk)
        kwargs = {"initial": self.form_class.initial_from(record)} | self.form_kwargs(record)
        form = self.form_class(**kwargs)
        return render(request, self.template_name, self._context(form, record, record.version))

    def post(self, request: Any, pk: int) -> HttpResponse:
        record = self.get_record(request, pk)
        form = self.form_class(request.POST, **self.form_kwargs(record))
        context = self._context(form, record, submitted_version(request))
        if form.is_valid() and self.save_edit(
            form, context, lambda **edit: self.save(record, **edit)
        ):
            messages.success(request, self.done)
            return redirect(self.detail, pk=record.pk)
        return render(request, self.template_name, context, status=400)
