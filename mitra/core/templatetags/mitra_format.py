"""Display filters shared by every app's templates (issue 16 §1): `{% load mitra_format %}`.

money: an amount with its currency, grouped in the active language's locale through Babel
(CLDR): "US$4.500.000,00" under /id/, "US$4,500,000.00" under /en/. The currency's usual digits
(none for the rupiah), unless the amount has more: those are never rounded away. English uses
CLDR's international English (en_001), where a dollar reads "US$" as in Indonesian, not "$".

country_name: a country stored as a bare ISO code (not a CountryField, e.g. a disclosure line or an
application's profile) by its name in the active language: "US" -> "Amerika Serikat" /
"United States" (django-countries, names from CLDR through COUNTRIES_OVERRIDE).
"""

from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision
from django import template
from django.utils import translation
from django_countries import countries

register = template.Library()

# Django language code -> Babel locale for money.
MONEY_LOCALES = {"id": "id", "en": "en_001"}


def money_locale() -> str:
    language = translation.get_language() or "id"
    return MONEY_LOCALES.get(language.split("-")[0], "id")


@register.filter
def money(value: object, currency: object) -> str:
    """`{{ amount|money:currency }}`; "" for no amount (chain `|default:"—"`); an amount that is
    no number or a missing currency is shown as it is rather than failing the page."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not currency or not amount.is_finite():
        return str(value)
    code = str(currency)
    decimals = max(0, -int(amount.normalize().as_tuple().exponent))
    if decimals > get_currency_precision(code):
        # A stored fraction the currency's usual digits would round away (Rp43.120,50 realised,
        # IDR has none): shown in full rather than rounded.
        return format_currency(
            amount, code, locale=money_locale(), currency_digits=False, decimal_quantization=False
        )
    return format_currency(amount, code, locale=money_locale())


@register.filter
def country_name(code: object) -> str:
    """`{{ code|country_name }}`; an unknown code is shown as it is, no code as ""."""
    if not code:
        return ""
    return str(countries.name(str(code).strip().upper()) or code)
