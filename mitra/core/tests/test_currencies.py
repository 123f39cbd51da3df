"""The one ISO 4217 list that budgets and funding disclosures are checked against (CLDR data
through Babel)."""

import pytest

from mitra.core.currencies import currencies_in_use, is_currency


def test_currencies_in_use_are_known_and_the_rest_are_not():
    for code in ("IDR", "USD", "EUR", "JPY", "AUD", "VED"):
        assert is_currency(code), code
    for code in ("XAU", "XXX", "XTS", "ABC", "idr", ""):  # metals, test codes, unknown, case
        assert not is_currency(code), code


@pytest.mark.parametrize(
    "code",
    ["XCG", "ANG", "BGN", "SVC", "SLE", "ZWG", "XOF", "XAF"],  # new, replaced since 2025, shared
)
def test_current_and_recently_replaced_currencies_are_accepted(code):
    assert is_currency(code)


@pytest.mark.parametrize(
    "code",
    # replaced before 2025, funds and units of account, a metal, a test code
    ["DEM", "HRK", "SLL", "ZWL", "VEF", "MRO", "USN", "BOV", "CHE", "XDR", "XAG", "XTS"],
)
def test_withdrawn_currencies_funds_and_metals_are_refused(code):
    assert not is_currency(code)


def test_the_list_has_the_size_of_the_hand_written_one_it_replaced():
    # 157 codes, as the hand-written list had: CLDR's legal tender since 2025, plus SVC and VED
    assert len(currencies_in_use()) == 157
    assert all(len(code) == 3 and code.isupper() for code in currencies_in_use())
