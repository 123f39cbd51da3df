"""The list-page helper of mitra/core/pages.py, the page of a form posted from a record's page and
the versioned edit view (the other helpers are exercised by each app's view tests: refusals
shown, second submits of create forms, downloads)."""

from dataclasses import dataclass
from typing import Any
from unittest import mock

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from mitra.core.exceptions import ApplicationError
from mitra.core.pages import VersionedEditView, page_context, saved_or_shown_again


def test_page_context_gives_the_asked_page_and_the_other_parameters_for_its_links() -> None:
    request = RequestFactory().get("/x", {"q": "a b", "page": "2", "status": "draft"})
    context = page_context(request, list(range(30)), name="rows", per_page=25)
    assert context["page_obj"].number == 2
    assert list(context["rows"]) == list(range(25, 30))
    assert context["querystring_without_page"] == "q=a+b&status=draft&"


def test_page_context_without_other_parameters_and_without_a_name() -> None:
    request = RequestFactory().get("/x", {"page": "99"})
    context = page_context(request, list(range(3)))
    assert context["page_obj"].number == 1  # a page past the end: the last one
    assert context["querystring_without_page"] == ""
    assert set(context) == {"page_obj", "querystring_without_page"}


# --- the form helpers: saved_or_shown_again, VersionedEditView ----------------------------------
# Rendering is replaced by a recorder (these helpers only choose the template, context and
# status); the apps' view tests render the real pages.


def _post(data: dict[str, str]) -> Any:
    request = RequestFactory().post("/x", data)
    request._messages = CookieStorage(request)
    return request


def _rendered(request: Any, template: str, context: Any = None, status: int = 200) -> Any:
    response = HttpResponse(status=status)
    response.template = template  # type: ignore[attr-defined]
    response.context = context  # type: ignore[attr-defined]
    return response


class NameForm(forms.Form):
    name = forms.CharField()

    @classmethod
    def initial_from(cls, record: Any) -> dict[str, Any]:
        return {"name": record.name}

    def to_input(self) -> str:
        return self.cleaned_data["name"]


@mock.patch("mitra.core.pages.render", _rendered)
def test_saved_or_shown_again_saves_and_answers_then() -> None:
    request, saved, asked = _post({"name": "A"}), [], []
    then = HttpResponseRedirect("/done/")
    response = saved_or_shown_again(
        request,
        NameForm(request.POST),
        saved.append,
        done="Saved.",
        then=then,
        template="page.html",
        context=lambda: asked.append(1) or {},
    )
    assert response is then
    assert saved == [{"name": "A"}]
    assert asked == []  # the page is not built when the form saved
    assert [str(m) for m in get_messages(request)] == ["Saved."]


@mock.patch("mitra.core.pages.render", _rendered)
def test_saved_or_shown_again_shows_the_page_again_with_the_refusal() -> None:
    request = _post({"name": "A"})
    form = NameForm(request.POST)

    def refuse(data: dict[str, Any]) -> None:
        raise ApplicationError("No.", {"name": ["Taken."]})

    response: Any = saved_or_shown_again(
        request,
        form,
        refuse,
        done="Saved.",
        then=HttpResponseRedirect("/done/"),
        template="page.html",
        context=lambda: {"the_form": form},
    )
    assert response.status_code == 400
    assert (response.template, response.context) == ("page.html", {"the_form": form})
    assert form.errors["name"] == ["Taken."]
    assert list(get_messages(request)) == []


@mock.patch("mitra.core.pages.render", _rendered)
def test_saved_or_shown_again_shows_an_invalid_form_without_saving() -> None:
    request, saved = _post({"name": ""}), []
    response: Any = saved_or_shown_again(
        request,
        NameForm(request.POST),
        saved.append,
        done="Saved.",
        then=HttpResponseRedirect("/done/"),
        template="page.html",
        context=dict,
    )
    assert response.status_code == 400
    assert saved == []


@dataclass
class Thing:
    pk: int
    name: str
    version: int


class ThingEditView(VersionedEditView):
    template_name = "thing_form.html"
    form_class = NameForm
    record_name = "thing"
    detail = "healthz"  # a URL name without arguments stands in for the record's page
    done = "The thing was saved."
    refusal: ApplicationError | None = None

    def get_record(self, request: Any, pk: int) -> Thing:
        return Thing(pk=pk, name="Old", version=3)

    def extra_context(self, record: Thing) -> dict[str, Any]:
        return {"owner": "someone"}

    def save(self, record: Thing, **edit: Any) -> object:
        if self.refusal is not None:
            raise self.refusal
        self.saved = (record.pk, edit)
        return record


def _view(request: Any, **attributes: Any) -> ThingEditView:
    view = ThingEditView(**attributes)
    view.setup(request, pk=7)
    return view


@mock.patch("mitra.core.pages.render", _rendered)
def test_versioned_edit_view_get_fills_the_form_from_the_record_with_its_version() -> None:
    request = RequestFactory().get("/x")
    response: Any = _view(request).get(request, pk=7)
    context = response.context
    assert response.template == "thing_form.html"
    assert context["form"].initial == {"name": "Old"}
    assert (context["thing"].pk, context["version"], context["owner"]) == (7, 3, "someone")


@mock.patch("mitra.core.pages.redirect")
@mock.patch("mitra.core.pages.render", _rendered)
def test_versioned_edit_view_post_saves_with_the_submitted_version(redirect: Any) -> None:
    redirect.return_value = HttpResponseRedirect("/thing/7/")
    request = _post({"name": "New", "version": "3"})
    request.user = "the actor"
    view = _view(request)
    response = view.post(request, pk=7)
    assert response is redirect.return_value
    redirect.assert_called_once_with("healthz", pk=7)
    assert view.saved == (7, {"data": "New", "actor": "the actor", "expected_version": 3})
    assert [str(m) for m in get_messages(request)] == ["The thing was saved."]


@mock.patch("mitra.core.pages.render", _rendered)
def test_versioned_edit_view_post_shows_a_refusal_on_the_form() -> None:
    request = _post({"name": "New", "version": "3"})
    request.user = "the actor"
    view = _view(request, refusal=ApplicationError("No.", {"name": ["Taken."]}))
    response: Any = view.post(request, pk=7)
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Taken."]
    assert response.context["version"] == 3
    assert list(get_messages(request)) == []
