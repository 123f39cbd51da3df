"""IATI demo: Ford Foundation's identifier under its registration agency (US-EIN), so the demo
file `ford_demo.xml` (written for the demo) matches Ford by identifier when an operator uploads
it. Idempotent."""

from pathlib import Path
from typing import TYPE_CHECKING

from mitra.organizations.models import ForeignOrganization

from ..models import OrganizationIdentifier
from ..services import organization_identifier_add

if TYPE_CHECKING:
    from mitra.accounts.models import User

FORD_DEMO_FILE = Path(__file__).parent / "ford_demo.xml"
FORD_IDENTIFIER = "US-EIN-13-1684331"


def load_iati_demo(actor: "User") -> None:
    ford = ForeignOrganization.objects.filter(legal_name="Ford Foundation").first()
    if ford is None or OrganizationIdentifier.objects.filter(identifier=FORD_IDENTIFIER).exists():
        return
    organization_identifier_add(organization_id=ford.pk, identifier=FORD_IDENTIFIER, actor=actor)
