"""The canonical story of product.md: Kemendagri renews with UCLG ASPAC and Ford Foundation.

On Thursday 4 April 2024 Kemendagri's Pusat Fasilitasi Kerja Sama signed
- with UCLG ASPAC a 5-year MoU (2024–2029) renewing the 3-year MoU of 2020–2023;
- with Ford Foundation a 3-year MSP (2024–2027) renewing the MSP of 2021–2024.

The seed (product.md, press item 000) gives the signing day and the years and terms of the
periods, not their days. The days the demo records beyond that are marked approximate in each
agreement's objective text: the Agreement model has no field for a date's precision nor a notes
field. The owner passed is the unit, Pusat Fasilitasi Kerja Sama: `agreement_create` records its
agency (Kemendagri) as the owner and the unit as the owning unit and the lead party, so the unit
edits the renewals and the rest of Kemendagri (Ditjen Polpum) reads them (ADR 0016).
"""

from datetime import date, timedelta
from typing import Any

from mitra.accounts.models import User
from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.services import (
    AgreementInput,
    agreement_add_signatory,
    agreement_create,
    agreement_expire_ended,
    agreement_transition,
)
from mitra.audit.services import audit_effective_on
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.organizations.services import OrganizationInput, organization_create
from mitra.permits.lifecycle import permit_expire_due
from mitra.permits.models import Permit
from mitra.permits.services import permit_record_existing
from mitra.regions.models import Province

SIGNING_DAY = date(2024, 4, 4)
SIGNING_PLACE = "Gedung F Kementerian Dalam Negeri, Jakarta"
SOURCE = "ktln.setneg.go.id/id/berita/ktln/80 (4 April 2024)"

# What the seed gives as each renewal's objective (press item 000, in English).
UCLG_OBJECTIVE = (
    "Development cooperation towards the Sustainable Development Goals and liveable cities for "
    "urban communities, through capacity development, cooperation activities and policy research."
)
FORD_OBJECTIVE = "Strengthening sustainable decentralisation and democratisation practice."


def dated(objective: str, dates: str) -> str:
    """The objective followed by how the record's days were set (the model has no notes)."""
    return f"{objective}\n\nDates: {dates} Source: {SOURCE}."


def ensure_organization(data: OrganizationInput, actor: "User") -> ForeignOrganization:
    """The organization with this legal name, registered through the service if missing."""
    existing = ForeignOrganization.objects.filter(legal_name=data.legal_name).first()
    return existing or organization_create(data=data, actor=actor)


def ensure_agreement(
    reference: str,
    data: AgreementInput,
    actor: "User",
    signatories: list[tuple[str, str]],
    stop_at: str = "",
) -> Agreement:
    """Create, sign, activate (and expire when ended) an agreement once; later runs skip it.

    `signatories` are (party kind "government"|"foreign", title) pairs; `stop_at`: see
    `advance`. Signing and activation obey N3/N4 in the default "refuse" mode: an agreement
    with an ormas asing needs its izin prinsip recorded first.
    """
    existing = Agreement.objects.filter(reference=reference).first()
    if existing:
        return existing
    data.reference = reference
    # Recorded on the day it was signed (the history dates it then, `effective_on`).
    with audit_effective_on(in_past(data.signing_date)):
        agreement = agreement_create(data=data, actor=actor)
        parties = {p.side: p for p in agreement.parties.filter(role=AgreementParty.Role.LEAD)}
        for side, title in signatories:
            agreement_add_signatory(
                agreement_id=agreement.pk, party_id=parties[side].pk, title=title, actor=actor
            )
    advance(agreement, actor, stop_at=stop_at)
    agreement.refresh_from_db()  # the transitions saved a fresh copy; renewals check the status
    return agreement


def advance(agreement: Agreement, actor: "User", *, stop_at: str = "") -> None:
    """Move a freshly recorded, signed agreement to the status its dates imply. An ended one
    is expired as the daily job does (`agreement_expire_ended`): expiry is not a user's move."""

    if stop_at == Agreement.Status.DRAFT:
        return
    if stop_at == Agreement.Status.UNDER_REVIEW:
        agreement_transition(agreement_id=agreement.pk, transition="submit_for_review", actor=actor)
        return
    # Each step dated when it happened (signing day, start, the day after the end).
    with audit_effective_on(in_past(agreement.signing_date)):
        agreement_transition(agreement_id=agreement.pk, transition="sign", actor=actor)
    if agreement.start_date and agreement.start_date <= today():
        with audit_effective_on(in_past(agreement.start_date)):
            agreement_transition(agreement_id=agreement.pk, transition="activate", actor=actor)
        agreement.refresh_from_db(fields=["end_date"])
        ended = agreement.end_date + timedelta(days=1) if agreement.end_date else None
        with audit_effective_on(in_past(ended)):
            agreement_expire_ended(agreement_id=agreement.pk, on=today())


def in_past(day: date | None) -> date | None:
    """`day` when it is before today (an event to date then), else None (dated as recorded)."""
    return day if day is not None and day < today() else None


# The earlier UCLG ASPAC MoU: 3 years within 2020–2023 (the seed); the latest start in 2020.
UCLG_2020_START = date(2020, 12, 31)


def load_canonical(actor: "User") -> dict[str, Agreement]:
    kemendagri = GovernmentBody.objects.get(key="kemendagri")
    # The unit owns and signs (product.md): the owning unit, under its agency.
    fasker = GovernmentBody.objects.filter(key="kemendagri-pusat-fasker").first() or kemendagri
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
    # N3/N4 hold in the demo: Ford's izin prinsip are recorded before its MSPs are signed.
    ensure_ford_izin_prinsip(ford, kemendagri, actor)
    uclg_old = ensure_agreement(
        "DEMO-KEMENDAGRI-UCLG-2020",
        AgreementInput(
            title="Nota Kesepahaman Kemendagri – UCLG ASPAC tentang penguatan pemerintahan daerah",
            type=Agreement.Type.MOU,
            owner=fasker,
            foreign_parties=[uclg],
            signing_date=UCLG_2020_START,
            signing_place="Jakarta",
            start_date=UCLG_2020_START,
            duration_months=36,
            objective=dated(
                UCLG_OBJECTIVE,
                "the source gives the years (2020–2023) and the 3-year term, not the days: the "
                "signing, start and end days are approximate, the latest a 3-year term from 2020 "
                "allows, so the record adds no gap before the renewal of 4 April 2024 beyond the "
                "one the source's years imply.",
            ),
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
            owner=fasker,
            foreign_parties=[ford],
            signing_date=date(2021, 3, 17),
            signing_place="Jakarta",
            start_date=date(2021, 3, 17),
            end_date=date(2024, 3, 16),
            duration_months=36,
            objective=dated(
                "Development cooperation; the source gives no objective for this MSP (Ford "
                "Foundation has worked with the Government of Indonesia for six decades in many "
                "fields of development).",
                "the source gives the years (2021–2024), not the days: the signing, start and "
                "end days are approximate.",
            ),
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
            owner=fasker,
            foreign_parties=[uclg],
            signing_date=SIGNING_DAY,
            signing_place=SIGNING_PLACE,
            start_date=SIGNING_DAY,
            duration_months=60,
            renews=uclg_old,
            objective=dated(
                UCLG_OBJECTIVE,
                "signed on 4 April 2024 (the source); the source gives the years (2024–2029) "
                "and the 5-year term: the start on the signing day and the end day are "
                "approximate.",
            ),
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
            owner=fasker,
            foreign_parties=[ford],
            signing_date=SIGNING_DAY,
            signing_place=SIGNING_PLACE,
            start_date=SIGNING_DAY,
            duration_months=36,
            renews=ford_old,
            objective=dated(
                FORD_OBJECTIVE,
                "signed on 4 April 2024 (the source); the source gives the years (2024–2027) "
                "and the 3-year term: the start on the signing day and the end day are "
                "approximate.",
            ),
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
                owner=fasker,
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

    meeting = load_meeting_of_4_april_2024(actor, records)
    from mitra.workplans.demo import load_workplans

    load_workplans(actor, ford_new)
    from mitra.permits.demo import load_multilateral_clearance, load_permits

    # Each agency acts through its own demo user (load_demo creates them first).
    users = {u.username: u for u in User.objects.filter(is_active=True, body__isnull=False)}
    load_permits(
        actor,
        secretariat=users.get("kemlu"),
        reviewers={
            "kemlu": users.get("kemlu"),
            "kemendagri": users.get("polpum"),  # Kemendagri's TPOA member (domain.md §2.4)
            "polri": users.get("polri"),
        },
    )
    # UCLG ASPAC, a regional organization, is cleared by the multilateral working group
    # (Biro KTLN), which attended the meeting of 4 April 2024.
    load_multilateral_clearance(
        actor,
        organization=uclg,
        partner_ministry=kemendagri,
        meeting=meeting,
        secretariat=users.get("ktln"),
        reviewers={"kemensetneg": users.get("ktln"), "kemendagri": users.get("kemendagri")},
    )
    from mitra.monitoring.demo import load_monitoring

    load_monitoring(actor, records)
    return records


# Ford Foundation's izin prinsip, one per MSP term (N1 caps each at 3 years): the seed fixes
# the MSPs' terms, 17 March 2021 → 16 March 2024 and 4 April 2024 → 3 April 2027, so each
# permit runs exactly as long as its MSP, and the chain covers 2021–2027 except the 18 days
# between the terms when no MSP ran either. The decision days are not in the seed: a
# fortnight before each term (approximate, as the objective texts say of the MSPs' days).
FORD_IZIN_PRINSIP = [
    ("IP-2021-0031", date(2021, 3, 3), date(2021, 3, 17), date(2024, 3, 16)),
    ("IP-2024-0007", date(2024, 3, 1), date(2024, 4, 4), date(2027, 4, 3)),
]
FORD_CONDITIONS = "Activities only in the regions named in the MSP and its RKTs."


def ensure_ford_izin_prinsip(
    ford: ForeignOrganization, kemendagri: GovernmentBody, actor: "User"
) -> None:
    """Record Ford Foundation's izin prinsip (paper records, through the licensing service)
    once; the first expired on 17 March 2024, as the daily job would have recorded then."""
    for number, decided, valid_from, valid_until in FORD_IZIN_PRINSIP:
        if Permit.objects.filter(number=number).exists():
            continue
        with audit_effective_on(in_past(decided)):  # dated on the decision day
            permit_record_existing(
                organization=ford,
                number=number,
                decision_date=decided,
                valid_from=valid_from,
                valid_until=valid_until,
                partner_ministry=kemendagri,
                conditions=FORD_CONDITIONS,
                actor=actor,
            )
        if valid_until < today():
            permit_expire_due(on=valid_until + timedelta(days=1))


def link_signatories_to_people(kemendagri: GovernmentBody, uclg: Any, ford: Any) -> None:
    """The signing officials as People of the registry, linked from their signatures: the
    Head of Pusat Fasilitasi Kerja Sama is the unit's (Person.body), whoever owns the record."""
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
            title=title,
            person__isnull=True,
            agreement__reference__startswith="DEMO-KEMENDAGRI-",
            **signatory_filter,
        ).update(person=person)
