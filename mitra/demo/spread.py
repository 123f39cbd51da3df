"""A realistic spread of other organizations and agreements across ministries and regions."""

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mitra.agreements.models import Agreement
from mitra.agreements.services import AgreementInput
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import add_months, today
from mitra.organizations.models import ForeignOrganization as Org
from mitra.organizations.models import Sector
from mitra.organizations.services import OrganizationInput
from mitra.permits.lifecycle import permit_expire_due, permit_suspend
from mitra.permits.models import Permit
from mitra.permits.services import permit_record_existing
from mitra.regions.models import Province

from .canonical import ensure_agreement, ensure_organization

if TYPE_CHECKING:
    from mitra.accounts.models import User

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

TYPES_BY_KIND: dict[str, Agreement.Type] = {
    K.FOREIGN_NGO: Agreement.Type.MSP,
    K.UN_AGENCY: Agreement.Type.MOU,
    K.MULTILATERAL_ORGANIZATION: Agreement.Type.MOU,
    K.REGIONAL_ORGANIZATION: Agreement.Type.MOU,
    K.FOREIGN_GOVERNMENT_AGENCY: Agreement.Type.PKS,
    K.FOREIGN_LOCAL_GOVERNMENT: Agreement.Type.KSDPL,
}


# N3/N4 in the spread (the default "refuse" mode holds for the demo too):
# - every ormas asing with a signed MSP holds an izin prinsip recorded before it signs: one
#   from its first MSP's start, for 3 years (N1), and an extension from the day after when a
#   later MSP runs beyond it (decided two months before the first ends). Its MSPs run at most
#   3 years, so one permit or its extension covers each;
# - The Asia Foundation holds none: its first application is in inter-agency review
#   (mitra.permits.demo), so its MSPs wait under review, due to start once it is decided;
# - on purpose, one organization appears on the violations list: the TPOA secretariat
#   suspended Friedrich-Ebert-Stiftung's izin prinsip (a demo record, see SUSPENDED), so its
#   MSP in force has no cover (`agreements_without_cover`).
AWAITING_IZIN_PRINSIP = {"The Asia Foundation"}
AWAITING_START = date(2027, 4, 1)  # after the application's decision, whatever the draw
SUSPENDED = {
    "Friedrich-Ebert-Stiftung": (
        "Demo record: the organization moved its registered seat; the izin prinsip is "
        "suspended until the new deed of establishment is legalised and verified.",
        "Permenlu 11/2020 (demo)",
    )
}
IZIN_PRINSIP_MONTHS = 36  # N1: at most 3 years
EXTENSION_DECIDED_BEFORE = timedelta(days=61)


def _izin_prinsip_chain(
    org: Org, index: int, periods: list[tuple[date, date]], partner: Any, actor: "User"
) -> None:
    """Record the organization's izin prinsip covering `periods` (see above), once."""

    valid_from = min(start for start, _end in periods)
    last_end = max(end for _start, end in periods)
    decided = valid_from - timedelta(days=14)
    for step in range(3):
        valid_until = add_months(valid_from, IZIN_PRINSIP_MONTHS) - timedelta(days=1)
        number = f"IP-{decided.year}-{200 + index * 3 + step:04d}"
        if not Permit.objects.filter(number=number).exists():
            permit_record_existing(
                organization=org,
                number=number,
                decision_date=decided,
                valid_from=valid_from,
                valid_until=valid_until,
                partner_ministry=partner,
                actor=actor,
            )
        if valid_until >= last_end:
            return
        # The extension from the day after, decided before the first ends (and not after today).
        valid_from = valid_until + timedelta(days=1)
        decided = min(valid_until - EXTENSION_DECIDED_BEFORE, today())


def _suspend(org: Org, reason: str, legal_basis: str, actor: "User") -> None:
    """The secretariat's suspension of the organization's izin prinsip, once."""

    org.refresh_from_db()
    permit = Permit.objects.filter(organization=org, status=Permit.Status.ACTIVE).first()
    if permit is None or org.status == Org.Status.SUSPENDED:
        return
    permit_suspend(permit_id=permit.pk, reason=reason, legal_basis=legal_basis, actor=actor)


def load_spread(actor: "User") -> int:
    """Each organization gets one agreement per partner body, some renewed, some ending soon;
    each ormas asing its izin prinsip (N3/N4, above). Ends with the licensing job of today
    (izin prinsip past their end expire, as the daily job records them)."""

    rng = random.Random(2024)  # fixed seed: the same demo data on every machine
    sectors = {s.code: s for s in Sector.objects.all()}
    provinces = list(Province.objects.all())
    count = 0
    for index, (legal_name, acronym, kind, country, sector_codes, body_keys) in enumerate(
        ORGANIZATIONS
    ):
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
        # The draws, in the order they were always made (the same data on every run).
        planned = []
        for body_key in body_keys:
            body = GovernmentBody.objects.filter(key=body_key).first()
            if body is None:
                continue
            start = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1800))
            months = rng.choice([24, 36, 36, 60])
            regions = rng.sample(provinces, k=2) if provinces else []
            if kind == K.FOREIGN_NGO:
                months = min(months, IZIN_PRINSIP_MONTHS)  # an MSP may not outlast it (N3)
                if legal_name in AWAITING_IZIN_PRINSIP:
                    start = AWAITING_START
            planned.append((body, body_key, start, months, regions))
        stop_at = ""
        if kind == K.FOREIGN_NGO and legal_name in AWAITING_IZIN_PRINSIP:
            stop_at = Agreement.Status.UNDER_REVIEW  # N4: not signed before the izin prinsip
        elif kind == K.FOREIGN_NGO and planned:
            periods = [
                (start, add_months(start, months) - timedelta(days=1))
                for _b, _k, start, months, _r in planned
            ]
            _izin_prinsip_chain(org, index, periods, planned[0][0], actor)
        for body, body_key, start, months, regions in planned:
            reference = f"DEMO-{body_key.upper()}-{(acronym or legal_name[:12]).upper()}"
            ensure_agreement(
                reference,
                AgreementInput(
                    title=f"{TYPES_BY_KIND[kind].label.split(' ')[0]} {body.short_name} – "
                    f"{acronym or legal_name}",
                    type=TYPES_BY_KIND[kind],
                    owner=body,
                    foreign_parties=[org],
                    signing_date=None if stop_at else start,
                    signing_place="" if stop_at else "Jakarta",
                    start_date=start,
                    duration_months=months,
                    objective=f"Cooperation on {', '.join(sector_codes)}.",
                    sectors=[sectors[c] for c in sector_codes if c in sectors],
                    provinces=regions,
                ),
                actor,
                [("government", "Sekretaris Jenderal"), ("foreign", "Country Director")],
                stop_at=stop_at,
            )
            count += 1
        if legal_name in SUSPENDED:
            _suspend(org, *SUSPENDED[legal_name], actor=actor)
    permit_expire_due(on=today())
    return count
