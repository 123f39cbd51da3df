"""ISO 4217 currency codes in use, from the Unicode CLDR through Babel: every currency that is
legal tender in some territory on or after IN_USE_SINCE (funds, precious metals and test
codes are in no territory's tender, so they stay out). One list for every app that takes an
amount (activity budgets, funding disclosures)."""

from datetime import date
from functools import cache

from babel import Locale
from babel.numbers import get_territory_currencies

# Budgets and disclosures cover a few past years: a currency replaced since this date (the
# Antillean guilder by the Caribbean guilder in 2025, the lev by the euro in 2026) is still
# accepted for them.
IN_USE_SINCE = date(2025, 1, 1)
# Active in ISO 4217 but not legal tender in CLDR: the Salvadoran colón (CLDR: until 2001,
# ISO still lists it) and Venezuela's digital bolívar (CLDR marks it non-tender).
ISO_ACTIVE_NOT_TENDER = frozenset({"SVC", "VED"})


@cache
def currencies_in_use() -> frozenset[str]:
    """Every ISO 4217 code is_currency accepts."""
    codes = set(ISO_ACTIVE_NOT_TENDER)
    far_future = date(9999, 12, 31)
    for territory in Locale("en").territories:
        if isinstance(territory, str) and len(territory) == 2 and territory.isalpha():
            codes.update(get_territory_currencies(territory, IN_USE_SINCE, far_future))
    return frozenset(codes)


def is_currency(code: str) -> bool:
    return code in currencies_in_use()
