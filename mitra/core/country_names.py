"""Country names as the interface shows them: the Unicode CLDR's, read through Babel, in the
active language (Bahasa Indonesia or English).

django-countries keeps the ISO 3166-1 codes, the `country` fields and the choices; settings
set `COUNTRIES_OVERRIDE = country_names_override()`, so each name it shows is a lazy string
that Babel resolves when it is displayed. CORRECTIONS holds the few names where the
government's usage differs from CLDR.
"""

from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale

# code -> {language: name}. CLDR writes "Wilayah Palestina" / "Palestinian Territories";
# Indonesia recognises the State of Palestine.
CORRECTIONS: dict[str, dict[str, str]] = {
    "PS": {"id": "Palestina", "en": "Palestine"},
}


@cache
def _territories(locale: str) -> Mapping[str, str]:
    try:
        return Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        return Locale("en").territories


def country_name(code: str, language: str | None = None) -> str:
    """The name of the ISO 3166-1 country `code` in `language` (default: the active one)."""
    language = language or get_language() or "en"
    corrected = CORRECTIONS.get(code, {})
    base = language.split("-")[0].lower()
    if base in corrected:
        return corrected[base]
    return _territories(to_locale(language)).get(code, code)


country_name_lazy = lazy(country_name, str)


def country_names_override() -> dict[str, object]:
    """COUNTRIES_OVERRIDE for django-countries: every country it knows, named lazily by CLDR
    (its own English names and their gettext translations are no longer used)."""
    from django_countries.data import COUNTRIES

    return {code: country_name_lazy(code) for code in COUNTRIES}
