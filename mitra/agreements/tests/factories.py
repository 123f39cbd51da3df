"""Factories for agreements, their parties, signatories and documents.

`AgreementFactory()` is a draft MSP owned by a new ministry, with that ministry as lead
government party and one new foreign organization as lead foreign party, running
2024-01-10 → 2027-01-09. Useful arguments:

- a status trait: `under_review=True`, `signed=True`, `active=True`, `expired=True`,
  `terminated=True`, `superseded=True` (or `status=...`). The status field is protected:
  it can only be set when the row is built, which is what the factory does; tests of the
  workflow move it through `agreement_transition` instead;
- `foreign_parties=[org, ...]` (an empty list for none), `government_parties=[body, ...]`
  (other bodies, units allowed: the party's agency is the body's root),
  `shared_with=[body, ...]`, `sectors=[...]`, `provinces=[...]`;
- `renews=predecessor` (chain_root follows).

The denormalised partner names, partner kind and search text are filled as the services do.
"""

import hashlib
from datetime import date

import factory
from factory.django import DjangoModelFactory

from mitra.agreements.access import agreement_refresh_access
from mitra.agreements.models import Agreement, AgreementDocument, AgreementParty, Signatory
from mitra.agreements.services import _denormalise
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory

S = Agreement.Status

# The smallest file `documents.check_upload` accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Memorandum Saling Pengertian Uji {n}")
    type = Agreement.Type.MSP
    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    owner = factory.SubFactory(GovernmentBodyFactory)
    signing_date = date(2024, 1, 10)
    signing_place = "Jakarta"
    start_date = date(2024, 1, 10)
    end_date = date(2027, 1, 9)
    status = S.DRAFT
    renews = None
    chain_root = factory.LazyAttribute(
        lambda o: (o.renews.chain_root or o.renews) if o.renews else None
    )

    class Params:
        under_review = factory.Trait(status=S.UNDER_REVIEW)
        signed = factory.Trait(status=S.SIGNED)
        active = factory.Trait(status=S.ACTIVE)
        expired = factory.Trait(status=S.EXPIRED)
        terminated = factory.Trait(status=S.TERMINATED, terminated_reason="Ended early.")
        superseded = factory.Trait(status=S.SUPERSEDED)

    @factory.post_generation
    def foreign_parties(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if not create:
            return
        AgreementParty.objects.create(
            agreement=obj,
            side=AgreementParty.Side.GOVERNMENT,
            role=AgreementParty.Role.LEAD,
            body=obj.owner,
            agency=obj.owner.root(),
            name_at_signing=obj.owner.name,
        )
        organizations = (
            list(extracted) if extracted is not None else [ForeignOrganizationFactory()]  # type: ignore[call-overload]
        )
        for index, organization in enumerate(organizations):
            AgreementParty.objects.create(
                agreement=obj,
                side=AgreementParty.Side.FOREIGN,
                role=AgreementParty.Role.LEAD if index == 0 else AgreementParty.Role.PARTY,
                organization=organization,
                name_at_signing=organization.legal_name,
            )

    @factory.post_generation
    def government_parties(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if create and extracted:
            for body in extracted:  # type: ignore[attr-defined]
                AgreementParty.objects.create(
                    agreement=obj,
                    side=AgreementParty.Side.GOVERNMENT,
                    role=AgreementParty.Role.PARTY,
                    body=body,
                    agency=body.root(),
                    name_at_signing=body.name,
                )

    @factory.post_generation
    def shared_with(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if create and extracted:
            obj.shared_with.set([b.root() for b in extracted])  # type: ignore[attr-defined]

    @factory.post_generation
    def sectors(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if create and extracted:
            obj.sectors.set(extracted)  # type: ignore[arg-type]

    @factory.post_generation
    def provinces(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if create and extracted:
            obj.provinces.set(extracted)  # type: ignore[arg-type]

    @factory.post_generation
    def denormalise(obj: Agreement, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if create:
            agreement_refresh_access([obj.pk])
            _denormalise(obj)
            obj.save(update_fields=["partner_names", "partner_kind", "search_text"])


def lead_party(agreement: Agreement, side: str = AgreementParty.Side.GOVERNMENT) -> AgreementParty:
    """The agreement's lead party on `side` ("government" or "foreign")."""
    return agreement.parties.get(side=side, role=AgreementParty.Role.LEAD)


class SignatoryFactory(DjangoModelFactory):
    """Signs for the agreement's lead government party unless `party=` is given."""

    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory, signed=True)
    party = factory.LazyAttribute(lambda o: lead_party(o.agreement))
    title = "Kepala Pusat Fasilitasi Kerja Sama"
    signed_on = factory.LazyAttribute(lambda o: o.agreement.signing_date)


class AgreementDocumentFactory(DjangoModelFactory):
    """Version 1 of a small PDF; pass `version=` for later ones."""

    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    kind = AgreementDocument.Kind.SIGNED_TEXT
    title = factory.Sequence(lambda n: f"Signed text {n}")
    version = 1
    file = factory.django.FileField(data=PDF_BYTES, filename="signed.pdf")
    original_name = "signed.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
