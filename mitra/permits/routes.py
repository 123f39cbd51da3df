"""Who files what, per organization kind: the filing routes as data (issue 11 §3).

Each kind of foreign organization reaches Indonesian cooperation through one route. Only two
routes are applications this app runs (an izin prinsip through the TPOA, a clearance by the
multilateral working group); the other two are recorded elsewhere and file no izin prinsip
application, so `application_create` refuses them with the route's own explanation.

- foreign_ngo (ormas asing) → izin prinsip through the TPOA: UU 17/2013 Ps 44–45, PP 59/2016
  Ps 4 (domain.md §2.1) [A];
- regional_org, multilateral_org, un_agency → clearance by the multilateral working group
  (§2.1, ktln/80) [B];
- foreign_local_gov → KSDPL/KSDLL cooperation under the regional government: Permendagri
  25/2020 (§3.11) [A]; that it files no izin prinsip application [D];
- foreign_gov_agency (bilateral development agencies) → technical cooperation recorded with
  Biro KTLN: Permensesneg 15/2008 (§2.5) [A]; that it files no izin prinsip application [D].

domain.md names no route for bilateral development agencies (JICA, GIZ, KOICA) and foreign
local governments explicitly: their rows are design inferences [D] (they are not ormas, so
UU 17/2013's izin prinsip does not apply; KTLN lists foreign governments among its
development partners, and Permendagri 25/2020 governs regions' cooperation with foreign
local governments). `settings.MITRA["FILING_ROUTES"]` overrides any row ({kind: route code}).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mitra.organizations.models import ForeignOrganization

from .conf import setting
from .models import Track

TPOA = "tpoa"
MULTILATERAL = "multilateral_clearance"
REGIONAL = "ksdpl_ksdll"
TECHNICAL = "technical_cooperation"


@dataclass(frozen=True)
class FilingRoute:
    code: str
    label: Any  # lazy text
    # The application track this app runs for the route; "" = no izin prinsip application.
    track: str
    # Where the cooperation is recorded instead (shown in the refusal and the docs).
    handled_by: Any
    legal_basis: str
    confidence: str  # domain.md's tag: "A", "B" or "D"


ROUTES: dict[str, FilingRoute] = {
    TPOA: FilingRoute(
        TPOA,
        _("Izin prinsip through the TPOA"),
        Track.TPOA,
        _("the TPOA secretariat (Kemlu), for the Minister for Foreign Affairs"),
        "UU 17/2013 Ps 44–45; PP 59/2016 Ps 4",
        "A",
    ),
    MULTILATERAL: FilingRoute(
        MULTILATERAL,
        _("Clearance by the multilateral working group"),
        Track.MULTILATERAL,
        _("the working group for cooperation with multilateral organizations (Biro KTLN)"),
        "",
        "B",
    ),
    REGIONAL: FilingRoute(
        REGIONAL,
        _("KSDPL/KSDLL cooperation under the regional government"),
        "",
        _("the regional government, with Kemendagri's facilitation (Permendagri 25/2020)"),
        "Permendagri 25/2020; PP 28/2018",
        "D",
    ),
    TECHNICAL: FilingRoute(
        TECHNICAL,
        _("Technical cooperation recorded with Biro KTLN"),
        "",
        _("Biro KTLN (Kemensetneg), under a technical-cooperation agreement"),
        "Permensesneg 15/2008",
        "D",
    ),
}

K = ForeignOrganization.Kind
DEFAULT_ROUTES: dict[str, str] = {
    K.FOREIGN_NGO: TPOA,
    K.REGIONAL_ORGANIZATION: MULTILATERAL,
    K.MULTILATERAL_ORGANIZATION: MULTILATERAL,
    K.UN_AGENCY: MULTILATERAL,
    K.FOREIGN_LOCAL_GOVERNMENT: REGIONAL,
    K.FOREIGN_GOVERNMENT_AGENCY: TECHNICAL,
}


def route_for_kind(kind: str) -> FilingRoute:
    """The filing route of an organization kind (the defaults, overridden per kind by
    settings.MITRA["FILING_ROUTES"]). An unknown route code is a configuration error."""
    configured = {**DEFAULT_ROUTES, **(setting("FILING_ROUTES") or {})}
    code = configured.get(kind)
    if code not in ROUTES:
        raise ImproperlyConfigured(
            f"settings.MITRA['FILING_ROUTES'][{kind!r}] must be one of {sorted(ROUTES)}"
        )
    return ROUTES[code]


def route_for(organization: ForeignOrganization) -> FilingRoute:
    return route_for_kind(organization.kind)
