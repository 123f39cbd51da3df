"""Risk settings, read from settings.MITRA with documented defaults (docs/dev/risk.md)."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Bodies (keys) whose officials and viewers, in that body or a unit beneath it, read the
    # supervisor's risk list: the TPOA secretariat (Kemlu) and Biro KTLN (Kemensetneg), which
    # supervise foreign organizations' licensing and staff. Operators always read it.
    "RISK_VIEWERS": ["kemlu", "kemensetneg-biro-ktln"],
}


def setting(name: str) -> Any:
    return getattr(settings, "MITRA", {}).get(name, DEFAULTS[name])
