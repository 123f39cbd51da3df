"""A realistic spread of other organizations and agreements across ministries and regions."""

import random
from datetime import date, timedelta
from typing import Any

from mitra.agreements.models import Agreement
from mitra.agreements.services import AgreementInput
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization as Org
from mitra.organizations.models import Sector
from mitra.organizations.services import OrganizationInput
from mitra.regions.models import Province

from .canonical import ensure_agreement, ensure_organization

K = Org.Kind
# legal name, acronym, kind, country, sector codes, partner body keys
# Data table: one organization per line reads better than wrapped tuples.
ORGANIZATIONS: list[tuple[str, str, str, str, list[str], list[str]]] = [
    ("The Asia Foundation", "TAF", K.FOREIGN_NGO, "US", ["governance"], ["kemendagri", "kementerian-ppn"]),
    ("Save the Children International", "", K.FOREIGN_NGO, "GB", ["child-protection"], ["kemensos"]),
    ("Wildlife Conservation Society", "WCS", K.FOREIGN_NGO, "US", ["forestry"], ["kemenhut"]),
    ("Konrad-Adenauer-Stiftung", "KAS", K.FOREIGN_NGO, "DE", ["governance"], ["kemendagri"]),
    ("Friedrich-Ebert-Stiftung", "FES", K.FOREIGN_NGO, "DE", ["economy"], ["kemnaker"]),
    ("Oxfam", "", K.FOREIGN_NGO, "GB", ["disaster"], ["bnpb", "kemensos"]),
    ("World Vision International", "WVI", K.FOREIGN_NGO, "US", ["child-protection"], ["kemenpppa"]),
    ("Plan International", "", K.FOREIGN_NGO, "GB", ["gender"], ["kemenpppa"]),
    ("ChildFund International", "", K.FOREIGN_NGO, "US", ["child-protection"], ["kemensos"]),
    ("Helen Keller International", "HKI", K.FOREIGN_NGO, "US", ["health"], ["kemenkes"]),
    ("World Resources Institute", "WRI", K.FOREIGN_NGO, "US", ["climate"], ["klh"]),
    ("Rikolto", "", K.FOREIGN_NGO, "BE", ["agriculture"], ["kementan"]),
    ("Hanns Seidel Foundation", "HSF", K.FOREIGN_NGO, "DE", ["governance"], ["kemendagri"]),
    ("PATH", "", K.FOREIGN_NGO, "US", ["health"], ["kemenkes"]),
    ("United Nations Development Programme", "UNDP", K.UN_AGENCY, "US", ["governance"], ["kementerian-ppn"]),
    ("United Nations Children's Fund", "UNICEF", K.UN_AGENCY, "US", ["health"], ["kemenkes"]),
    ("World Food Programme", "WFP", K.UN_AGENCY, "IT", ["agriculture"], ["bnpb"]),
    ("Food and Agriculture Organization", "FAO", K.UN_AGENCY, "IT", ["agriculture"], ["kementan"]),
    ("Asian Development Bank", "ADB", K.MULTILATERAL_ORGANIZATION, "PH", ["economy"], ["kementerian-ppn"]),
    ("ASEAN Centre for Biodiversity", "ACB", K.REGIONAL_ORGANIZATION, "PH", ["environment"], ["klh"]),
    ("Japan International Cooperation Agency", "JICA", K.FOREIGN_GOVERNMENT_AGENCY, "JP", ["disaster"], ["bnpb", "kementerian-ppn"]),
    ("Korea International Cooperation Agency", "KOICA", K.FOREIGN_GOVERNMENT_AGENCY, "KR", ["education"], ["kemendikdasmen"]),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", K.FOREIGN_GOVERNMENT_AGENCY, "DE", ["climate"], ["kementerian-ppn"]),
    ("City of Rotterdam", "", K.FOREIGN_LOCAL_GOVERNMENT, "NL", ["water-sanitation"], ["pemprov-31"]),
    ("Queensland Government", "", K.FOREIGN_LOCAL_GOVERNMENT, "AU", ["education"], ["pemprov-33"]),
]  # fmt: skip

TYPES_BY_KIND = {
    K.FOREIGN_NGO: Agreement.Type.MSP,
    K.UN_AGENCY: Agreement.Type.MOU,
    K.MULTILATERAL_ORGANIZATION: Agreement.Type.MOU,
    K.REGIONAL_ORGANIZATION: Agreement.Type.MOU,
    K.FOREIGN_GOVERNMENT_AGENCY: Agreement.Type.PKS,
    K.FOREIGN_LOCAL_GOVERNMENT: Agreement.Type.KSDPL,
}


def load_spread(actor: Any) -> int:
    """Each organization gets one agreement per partner body, some renewed, some ending soon."""
    rng = random.Random(2024)  # fixed seed: the same demo data on every machine
    sectors = {s.code: s for s in Sector.objects.all()}
    provinces = list(Province.objects.all())
    count = 0
    for legal_name, acronym, kind, country, sector_codes, body_keys in ORGANIZATIONS:
        org = ensure_organization(
            OrganizationInput(
                legal_name=legal_name,
                acronym=acronym,
                kind=kind,
                country=country,
                legal_type=Org.LegalType.A if kind == K.FOREIGN_NGO else "",
                sub_type=Org.SubType.DONOR_PROGRAMME if kind == K.FOREIGN_NGO else "",
                headquarters="",
                indonesian_office="Jakarta",
                sectors=[sectors[c] for c in sector_codes if c in sectors],
            ),
            actor,
        )
        for body_key in body_keys:
            body = GovernmentBody.objects.filter(key=body_key).first()
            if body is None:
                continue
            start = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1800))
            months = rng.choice([24, 36, 36, 60])
            reference = f"DEMO-{body_key.upper()}-{(acronym or legal_name[:12]).upper()}"
            ensure_agreement(
                reference,
                AgreementInput(
                    title=f"{TYPES_BY_KIND[kind].label.split(' ')[0]} {body.short_name} – "
                    f"{acronym or legal_name}",
                    type=TYPES_BY_KIND[kind],
                    owner=body,
                    foreign_parties=[org],
                    signing_date=start,
                    signing_place="Jakarta",
                    start_date=start,
                    duration_months=months,
                    objective=f"Cooperation on {', '.join(sector_codes)}.",
                    sectors=[sectors[c] for c in sector_codes if c in sectors],
                    provinces=rng.sample(provinces, k=2) if provinces else [],
                ),
                actor,
                [("government", "Sekretaris Jenderal"), ("foreign", "Country Director")],
            )
            count += 1
    return count
