"""The one ISO 4217 list that budgets and funding disclosures are checked against."""

from mitra.core.currencies import is_currency


def test_currencies_in_use_are_known_and_the_rest_are_not():
    for code in ("IDR", "USD", "EUR", "JPY", "AUD", "VED"):
        assert is_currency(code), code
    for code in ("XAU", "XXX", "XTS", "ABC", "idr", ""):  # metals, test codes, unknown, case
        assert not is_currency(code), code
