"""One date format per language, money with its currency grouped in the user's locale, and
countries by name (issue 16 §1): config/formats/<lang>/formats.py and the mitra_format filters."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.templatetags.mitra_format import country_name, money
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import FundingDisclosureLineFactory

pytestmark = pytest.mark.django_db

MARCH_17 = date(2021, 3, 17)


@pytest.mark.parametrize(
    ("lang", "full", "short"),
    [("id", "17 Maret 2021", "17 Mar 2021"), ("en", "17 March 2021", "17 Mar 2021")],
)
def test_the_named_formats_of_each_language(lang, full, short):
    template = Template('{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}')
    with translation.override(lang):
        assert template.render(Context({"d": MARCH_17})) == f"{full}|{short}"


@pytest.mark.parametrize(("lang", "shown"), [("id", "17 Maret 2021"), ("en", "17 March 2021")])
def test_a_page_shows_a_date_in_the_one_format_of_its_language(client, lang, shown):
    body = GovernmentBodyFactory(valid_from=MARCH_17)
    client.force_login(UserFactory(operator=True))
    with translation.override(lang):
        url = reverse("bodies:detail", args=[body.pk])
    html = client.get(url).content.decode()
    assert shown in html
    assert "2021-03-17" not in html
    assert "17/03/2021" not in html
    assert "03/17/2021" not in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "US$4.500.000,00"), ("en", "US$4,500,000.00")],
)
def test_money_groups_thousands_in_the_active_language(lang, expected):
    with translation.override(lang):
        assert money(Decimal("4500000"), "USD") == expected
        assert money("4500000.00", "USD") == expected  # a string amount (a form's value)


def test_money_leaves_what_it_cannot_format_readable():
    with translation.override("en"):
        assert money(None, "USD") == ""
        assert money("", "USD") == ""
        assert money("ten", "USD") == "ten"
        assert money(Decimal("10"), "") == "10"
        assert money(Decimal("1200"), "EUR") == "€1,200.00"
        assert money(Decimal("850000000.00"), "IDR") == "IDR850,000,000"  # the rupiah: no cents
        assert money(Decimal("43120.50"), "IDR") == "IDR43,120.50"  # a stored fraction stays
        assert money(Decimal("10.125"), "USD") == "US$10.125"
    with translation.override("id"):
        assert money(Decimal("43120.50"), "IDR") == "Rp43.120,50"
        assert money(Decimal("850000000"), "IDR") == "Rp850.000.000"


def test_country_name_reads_a_bare_code_in_the_active_language():
    with translation.override("id"):
        assert country_name("US") == "Amerika Serikat"
    with translation.override("en"):
        assert country_name("us") == "United States"
        assert country_name("XX") == "XX"  # unknown: shown as stored, not dropped
        assert country_name("") == ""
        assert country_name(None) == ""


@pytest.mark.parametrize(
    ("lang", "amount", "country", "due"),
    [
        ("id", "US$4.500.000,00", "Amerika Serikat", "17 Maret 2021"),
        ("en", "US$4,500,000.00", "United States", "17 March 2021"),
    ],
)
def test_a_disclosure_shows_money_country_and_date_for_people(client, lang, amount, country, due):
    line = FundingDisclosureLineFactory(
        amount=Decimal("4500000"), currency="USD", donor_country="US", report__due_date=MARCH_17
    )
    assert line.report.kind == Report.Kind.DISCLOSURE
    client.force_login(UserFactory(operator=True))
    with translation.override(lang):
        url = reverse("monitoring:report_detail", args=[line.report.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert amount in html
    assert f"({country})" in html
    assert due in html
    assert "4500000" not in html
    assert "(US)" not in html
