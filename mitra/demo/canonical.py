"""The canonical story of product.md: Kemendagri renews with UCLG ASPAC and Ford Foundation.

On Thursday 4 April 2024 Kemendagri's Pusat Fasilitasi Kerja Sama signed
- with UCLG ASPAC a 5-year MoU (2024–2029) renewing the 3-year MoU of 2020–2023;
- with Ford Foundation a 3-year MSP (2024–2027) renewing the MSP signed 2021-03-17 (2021–2024).
"""

from datetime import date
from typing import Any

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.services import (
    AgreementInput,
    agreement_add_signatory,
    agreement_create,
    agreement_transition,
)
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.organizations.services import OrganizationInput, organization_create
from mitra.regions.models import Province

SIGNING_DAY = date(2024, 4, 4)
SIGNING_PLACE = "Gedung F Kementerian Dalam Negeri, Jakarta"


def ensure_organization(data: OrganizationInput, actor: Any) -> ForeignOrganization:
    """The organization with this legal name, registered through the service if missing."""
    existing = ForeignOrganization.objects.filter(legal_name=data.legal_name).first()
    return existing or organization_create(data=data, actor=actor)


def ensure_agreement(
    reference: str, data: AgreementInput, actor: Any, signatories: list[tuple[str, str]]
) -> Agreement:
    """Create, sign, activate (and expire when ended) an agreement once; later runs skip it.

    `signatories` are (party kind "government"|"foreign", title) pairs.
    """
    existing = Agreement.objects.filter(reference=reference).first()
    if existing:
        return existing
    data.reference = reference
    agreement = agreement_create(data=data, actor=actor)
    parties = {p.side: p for p in agreement.parties.filter(role=AgreementParty.Role.LEAD)}
    for side, title in signatories:
        agreement_add_signatory(
            agreement_id=agreement.pk, party_id=parties[side].pk, title=title, actor=actor
        )
    advance(agreement, actor)
    agreement.refresh_from_db()  # the transitions saved a fresh copy; renewals check the status
    return agreement


def advance(agreement: Agreement, actor: Any, *, stop_at: str = "") -> None:
    """Move a freshly recorded, signed agreement to the status its dates imply."""
    from mitra.core.dates import today

    if stop_at == Agreement.Status.DRAFT:
        return
    if stop_at == Agreement.Status.UNDER_REVIEW:
        agreement_transition(agreement_id=agreement.pk, transition="submit_for_review", actor=actor)
        return
    agreement_transition(agreement_id=agreement.pk, transition="sign", actor=actor)
    if agreement.start_date and agreement.start_date <= today():
        agreement_transition(agreement_id=agreement.pk, transition="activate", actor=actor)
        if agreement.end_date and agreement.end_date < today():
            agreement_transition(agreement_id=agreement.pk, transition="expire", actor=actor)


def load_canonical(actor: Any) -> dict[str, Agreement]:
    kemendagri = GovernmentBody.objects.get(key="kemendagri")
    sectors = {s.code: s for s in Sector.objects.all()}
    jakarta = Province.objects.filter(code="31").first()
    # Where the Ford Foundation's renewed programme works (its RKTs and disclosed funds):
    # Jawa Tengah, DI Yogyakarta, Nusa Tenggara Barat.
    ford_regions = list(Province.objects.filter(code__in=["33", "34", "52"]).order_by("code"))
    uclg = ensure_organization(
        OrganizationInput(
            legal_name="United Cities and Local Governments Asia-Pacific",
            acronym="UCLG ASPAC",
            aliases=["UCLG Asia Pacific", "UCLG-ASPAC"],
            kind=ForeignOrganization.Kind.REGIONAL_ORGANIZATION,
            country="ID",
            headquarters="Jakarta (secretariat)",
            indonesian_office="Jakarta History Museum, Jl. Taman Fatahillah No. 1, Jakarta",
            website="https://uclg-aspac.org",
            description="Regional section of United Cities and Local Governments for Asia-Pacific.",
            sectors=[sectors["local-government"], sectors["urban"], sectors["climate"]],
        ),
        actor,
    )
    ford = ensure_organization(
        OrganizationInput(
            legal_name="Ford Foundation",
            acronym="",
            aliases=["The Ford Foundation"],
            kind=ForeignOrganization.Kind.FOREIGN_NGO,
            legal_type=ForeignOrganization.LegalType.A,
            sub_type=ForeignOrganization.SubType.SELF_FUNDED,
            country="US",
            headquarters="New York, United States",
            indonesian_office="Jakarta",
            website="https://www.fordfoundation.org",
            description="Private foundation working on social justice and governance.",
            sectors=[sectors["governance"], sectors["human-rights"]],
        ),
        actor,
    )
    head = "Kepala Pusat Fasilitasi Kerja Sama"
    uclg_old = ensure_agreement(
        "DEMO-KEMENDAGRI-UCLG-2020",
        AgreementInput(
            title="Nota Kesepahaman Kemendagri – UCLG ASPAC tentang penguatan pemerintahan daerah",
            type=Agreement.Type.MOU,
            owner=kemendagri,
            foreign_parties=[uclg],
            signing_date=date(2020, 1, 15),
            signing_place="Jakarta",
            start_date=date(2020, 1, 15),
            end_date=date(2023, 1, 14),
            duration_months=36,
            objective="Capacity building of local governments and city-to-city cooperation.",
            sectors=[sectors["local-government"]],
            provinces=[jakarta] if jakarta else [],
        ),
        actor,
        [("government", head), ("foreign", "Sekretaris Jenderal")],
    )
    ford_old = ensure_agreement(
        "DEMO-KEMENDAGRI-FORD-2021",
        AgreementInput(
            title="Memorandum Saling Pengertian Kemendagri – Ford Foundation",
            type=Agreement.Type.MSP,
            owner=kemendagri,
            foreign_parties=[ford],
            signing_date=date(2021, 3, 17),
            signing_place="Jakarta",
            start_date=date(2021, 3, 17),
            end_date=date(2024, 3, 16),
            duration_months=36,
            objective="Inclusive governance and civic participation programmes in the regions.",
            sectors=[sectors["governance"]],
        ),
        actor,
        [("government", head), ("foreign", "Regional Director")],
    )
    uclg_new = ensure_agreement(
        "DEMO-KEMENDAGRI-UCLG-2024",
        AgreementInput(
            title="Perpanjangan Nota Kesepahaman Kemendagri – UCLG ASPAC 2024–2029",
            type=Agreement.Type.MOU,
            owner=kemendagri,
            foreign_parties=[uclg],
            signing_date=SIGNING_DAY,
            signing_place=SIGNING_PLACE,
            start_date=SIGNING_DAY,
            duration_months=60,
            renews=uclg_old,
            objective="Continued cooperation on local government capacity for five years.",
            sectors=[sectors["local-government"], sectors["urban"]],
            provinces=[jakarta] if jakarta else [],
        ),
        actor,
        [("government", head), ("foreign", "Sekretaris Jenderal")],
    )
    ford_new = ensure_agreement(
        "DEMO-KEMENDAGRI-FORD-2024",
        AgreementInput(
            title=(
                "Perpanjangan Memorandum Saling Pengertian Kemendagri – Ford Foundation 2024–2027"
            ),
            type=Agreement.Type.MSP,
            owner=kemendagri,
            foreign_parties=[ford],
            signing_date=SIGNING_DAY,
            signing_place=SIGNING_PLACE,
            start_date=SIGNING_DAY,
            duration_months=36,
            renews=ford_old,
            objective="Continued inclusive governance programmes for three years.",
            sectors=[sectors["governance"], sectors["human-rights"]],
            provinces=ford_regions,
        ),
        actor,
        [("government", head), ("foreign", "Regional Director")],
    )
    draft = Agreement.objects.filter(reference="DEMO-KEMENDAGRI-DRAFT").first()
    if draft is None:
        draft = agreement_create(
            data=AgreementInput(
                title="Draf Nota Kesepahaman Kemendagri – UCLG ASPAC tentang kota cerdas",
                type=Agreement.Type.MOU,
                owner=kemendagri,
                foreign_parties=[uclg],
                reference="DEMO-KEMENDAGRI-DRAFT",
                start_date=date(2027, 1, 1),
                duration_months=24,
                objective="Internal draft under negotiation.",
            ),
            actor=actor,
        )
    link_signatories_to_people(kemendagri, uclg, ford)
    records = {
        "uclg_old": uclg_old,
        "uclg_new": uclg_new,
        "ford_old": ford_old,
        "ford_new": ford_new,
        "draft": draft,
    }
    from mitra.meetings.demo import load_meeting_of_4_april_2024

    load_meeting_of_4_april_2024(actor, records)
    from mitra.workplans.demo import load_workplans

    load_workplans(actor, ford_new)
    from mitra.permits.demo import load_permits

    load_permits(actor)
    from mitra.monitoring.demo import load_monitoring

    load_monitoring(actor, records)
    return records


def link_signatories_to_people(kemendagri: GovernmentBody, uclg: Any, ford: Any) -> None:
    """The signing officials as People of the registry, linked from their signatures."""
    from mitra.agreements.models import Signatory
    from mitra.organizations.models import Person

    unit = GovernmentBody.objects.filter(key="kemendagri-pusat-fasker").first() or kemendagri
    people = [
        ("Kepala Pusat Fasilitasi Kerja Sama", {"body": unit}, {"party__agency": kemendagri}),
        ("Sekretaris Jenderal", {"organization": uclg}, {"party__organization": uclg}),
        ("Regional Director", {"organization": ford}, {"party__organization": ford}),
    ]
    for title, affiliation, signatory_filter in people:
        person, _ = Person.objects.get_or_create(title=title, **affiliation)
        Signatory.objects.filter(
            title=title, person__isnull=True, agreement__owner=kemendagri, **signatory_filter
        ).update(person=person)
