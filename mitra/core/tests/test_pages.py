"""The list-page helper of mitra/core/pages.py (the other helpers are exercised by each app's
view tests: refusals shown, second submits of create forms, downloads)."""

from django.test import RequestFactory

from mitra.core.pages import page_context


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
