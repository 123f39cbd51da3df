"""Friendly 404 and 500 pages (issue 16 §1): in both languages, never Django's technical ones;
the API keeps its JSON shape for a URL no route matches."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from mitra.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "title", "text"),
    [
        ("/id/no-such-page/", "Tidak ditemukan", "Kembali ke halaman awal"),
        ("/en/no-such-page/", "Not found", "Back to the start page"),
    ],
)
def test_unknown_page_shows_the_friendly_404_in_the_language_of_the_url(
    client, settings, path, title, text
):
    assert settings.DEBUG is False
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<h1 class="h3">{title}</h1>' in html
    assert text in html
    assert 'id="main"' in html  # the site's own layout (base.html), not Django's plain page
    assert "technical_404" not in html
    assert "Using the URLconf" not in html


def test_unknown_api_url_stays_json(client):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["extra"] == {}


def test_server_error_handler_renders_the_bilingual_500_page():
    response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan" in html
    assert "Something went wrong" in html
    assert "Kembali ke halaman awal" in html
    assert "Back to the start page" in html
    assert "style=" not in html
    assert "<script" not in html


@pytest.mark.urls("mitra.core.tests.error_urls")
def test_a_failing_view_answers_the_500_page(client):
    client.force_login(UserFactory())  # past the sign-in requirement, into the view
    client.raise_request_exception = False
    response = client.get("/fail/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Terjadi kesalahan" in html
    assert "RuntimeError" not in html
    assert "a bug in a view" not in html
