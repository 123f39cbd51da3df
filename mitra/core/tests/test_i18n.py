"""The interface speaks Bahasa Indonesia under /id/ and English under /en/.

These tests read the compiled catalogue (locale/id/LC_MESSAGES/django.mo, gitignored): the
Makefile compiles it before the test targets; by hand run `make translations` first.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db

MO_FILE = settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.mo"


@pytest.fixture(autouse=True)
def _compiled_catalogue() -> None:
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run `make translations` (compilemessages)."


def url(name: str, lang: str) -> str:
    with translation.override(lang):
        return reverse(name)


def next_value(html: str) -> str:
    """The hidden `next` field of the language switcher in base.html."""
    match = re.search(r'<form[^>]*id="language-form".*?name="next"[^>]*value="([^"]*)"', html, re.S)
    assert match, "the language switcher has no hidden `next` field"
    return match.group(1).replace("&amp;", "&")


def test_public_directory_in_indonesian(client):
    ForeignOrganizationFactory(legal_name="Ford Foundation")

    response = client.get(url("portal:directory", "id"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Direktori publik" in html
    assert "Organisasi asing yang terdaftar pada Pemerintah Indonesia" in html
    assert "Yayasan/LSM asing (ormas asing)" in html  # a model choice label
    assert "Public directory" not in html
    assert "Ford Foundation" in html
    assert "Amerika Serikat" in html  # its country, CLDR's name (Babel)
    assert "United States" not in html


def test_public_directory_in_english(client):
    ForeignOrganizationFactory(legal_name="Ford Foundation")

    response = client.get(url("portal:directory", "en"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Public directory" in html
    assert "Foreign foundation/NGO (ormas asing)" in html
    assert "Direktori publik" not in html
    assert "United States" in html  # its country, CLDR's English name
    assert "Amerika Serikat" not in html


def test_indonesian_is_the_default_language(client):
    response = client.get("/", headers={"accept-language": ""})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/id/")


def test_plural_forms_use_the_single_indonesian_form():
    with translation.override("id"):
        one = translation.ngettext("%(n)s agreement", "%(n)s agreements", 1) % {"n": 1}
        many = translation.ngettext("%(n)s agreement", "%(n)s agreements", 5) % {"n": 5}

    assert (one, many) == ("1 perjanjian", "5 perjanjian")


@pytest.mark.parametrize(
    ("start", "language", "landing"),
    [
        ("/id/dashboard/", "en", "/en/dashboard/"),
        ("/en/dashboard/", "id", "/id/dashboard/"),
        ("/id/directory/?q=ford", "en", "/en/directory/?q=ford"),
    ],
)
def test_language_switcher_keeps_the_page(client, start, language, landing):
    client.force_login(UserFactory(officer=True))
    page = client.get(start)
    assert page.status_code == 200

    response = client.post(
        reverse("set_language"), {"language": language, "next": next_value(page.text)}, follow=True
    )

    assert response.status_code == 200
    final = response.redirect_chain[-1][0]
    assert final == landing
    assert f'<html lang="{language}">' in response.text


@pytest.mark.parametrize(
    ("context", "english", "indonesian"),
    [
        (None, "Open", "Terbuka"),  # a state: an open follow-up item
        ("verb", "Open", "Buka"),  # a button: open the notification's page
        ("job", "Position", "Jabatan"),  # a foreign staff member's post
        (None, "Position", "Posisi"),  # a body's position on an agenda item
        (None, "Completed", "Selesai"),  # a task-list section's tag (an application)
        ("verb", "Complete", "Selesaikan"),  # the button that completes an activity
    ],
)
def test_one_english_word_two_indonesian_ones(context, english, indonesian):
    with translation.override("id"):
        if context is None:
            assert translation.gettext(english) == indonesian
        else:
            assert translation.pgettext(context, english) == indonesian


def test_country_names_are_cldr_names_in_the_active_language():
    """Every country django-countries offers is named by Babel's CLDR data in the language of
    the page, with the corrections of mitra/core/country_names.py."""
    from babel import Locale
    from django_countries import countries
    from django_countries.data import COUNTRIES

    from mitra.core.country_names import CORRECTIONS

    for language in ("en", "id"):
        cldr = Locale(language).territories
        with translation.override(language):
            offered = dict(countries)
        assert set(offered) == set(COUNTRIES)  # the same 249 choices as before
        for code, name in offered.items():
            expected = CORRECTIONS.get(code, {}).get(language, cldr[code])
            assert name == expected, (language, code)
    with translation.override("id"):
        assert countries.name("US") == "Amerika Serikat"
        assert countries.name("PS") == "Palestina"
        assert countries.name("DE") == "Jerman"
        assert [name for _code, name in countries][:2] == ["Afganistan", "Afrika Selatan"]
    with translation.override("en"):
        assert countries.name("US") == "United States"
        assert countries.name("PS") == "Palestine"
        assert countries.name("KR") == "South Korea"


def test_a_country_field_shows_the_cldr_name_of_the_page_language():
    org = ForeignOrganizationFactory(country="JP")
    with translation.override("id"):
        assert org.country.name == "Jepang"
    with translation.override("en"):
        assert org.country.name == "Japan"
