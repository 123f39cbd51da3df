"""Which reported changes need the secretariat's acceptance (issue 15 §1).

The default table below says, per kind of change (`ChangeNotice.Kind`), whether it takes
effect at once with the notice (`NOTICE`) or only once the TPOA secretariat accepts it
(`ACCEPTANCE`). A deployment replaces rows with `settings.MITRA["ORGANIZATION_CHANGES"]`, e.g.
`{"sectors": "notice"}`; rows not given keep their default. An unknown kind or rule there is a
configuration error (ImproperlyConfigured), never a silent default.

The secretariat that decides is the TPOA secretariat, `settings.MITRA["TPOA_SECRETARIAT"]`
(the agency key, "kemlu" by default), the one licensing uses.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NOTICE = "notice"
ACCEPTANCE = "acceptance"

# kind → rule. Representative, country director, funding source and regions change what the
# izin prinsip was granted on: the secretariat accepts them first. Sectors too (the programme
# scope the members reviewed). Address and contact details take effect at once.
DEFAULT_CHANGE_RULES: dict[str, str] = {
    "address": NOTICE,
    "contact": NOTICE,
    "representative": ACCEPTANCE,
    "country_director": ACCEPTANCE,
    "funding_source": ACCEPTANCE,
    "sectors": ACCEPTANCE,
    "regions": ACCEPTANCE,
}


def change_rules() -> dict[str, str]:
    configured: dict[str, Any] = getattr(settings, "MITRA", {}).get("ORGANIZATION_CHANGES", {})
    rules = dict(DEFAULT_CHANGE_RULES)
    for kind, rule in (configured or {}).items():
        if kind not in DEFAULT_CHANGE_RULES or rule not in (NOTICE, ACCEPTANCE):
            raise ImproperlyConfigured(
                f'MITRA["ORGANIZATION_CHANGES"]: unknown kind or rule {kind!r}: {rule!r}'
            )
        rules[kind] = rule
    return rules


def change_rule(kind: str) -> str:
    """NOTICE or ACCEPTANCE for this kind of change."""
    return change_rules()[kind]


def secretariat_key() -> str:
    return str(getattr(settings, "MITRA", {}).get("TPOA_SECRETARIAT", "kemlu"))
