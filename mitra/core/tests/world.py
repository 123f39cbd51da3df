"""A small world for the security and speed suites: two ministries, their users, agreements.

- Kemendagri with its unit Pusat Fasilitasi Kerja Sama; Kemenkes.
- Users: operator, Kemendagri officer (attached to the unit), Kemendagri viewer, Kemenkes
  officer, Ford Foundation's representative.
- Agreements: `kemendagri_active` (with Ford, one signatory and one document),
  `kemendagri_draft` (with Ford, signing date set so it could be signed), `kemenkes_active`
  (with another organization).
- Organizations: Ford (published), `other_org` (published), `hidden_org` (unpublished); Ford and
  `other_org` hold izin prinsip over their agreements.
- An intake submission made by the Kemendagri officer.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement, AgreementDocument
from mitra.agreements.tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    SignatoryFactory,
)
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.intake.models import IntakeSubmission
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory

ROLES = ["anonymous", "operator", "officer", "viewer", "other_officer", "org_representative"]


@dataclass
class World:
    kemendagri: GovernmentBody
    fasker: GovernmentBody
    kemenkes: GovernmentBody
    ford: ForeignOrganization
    other_org: ForeignOrganization
    hidden_org: ForeignOrganization
    kemendagri_active: Agreement
    kemendagri_draft: Agreement
    kemenkes_active: Agreement
    document: AgreementDocument
    submission: IntakeSubmission
    users: dict[str, Any]


def build_world() -> World:
    kemendagri = GovernmentBodyFactory(
        key="kemendagri", name="Kementerian Dalam Negeri", acronym="Kemendagri"
    )
    fasker = GovernmentBodyFactory(
        key="kemendagri-pusat-fasker",
        name="Pusat Fasilitasi Kerja Sama",
        acronym="",
        kind=GovernmentBody.Kind.UNIT,
        parent=kemendagri,
    )
    kemenkes = GovernmentBodyFactory(key="kemenkes", name="Kementerian Kesehatan", acronym="")
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    other_org = ForeignOrganizationFactory(legal_name="PATH")
    hidden_org = ForeignOrganizationFactory(legal_name="Unpublished Stiftung", unpublished=True)
    kemendagri_active = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        title="Perpanjangan MSP Kemendagri – Ford Foundation",
    )
    SignatoryFactory(agreement=kemendagri_active)
    document = AgreementDocumentFactory(agreement=kemendagri_active)
    kemendagri_draft = AgreementFactory(
        owner=kemendagri, foreign_parties=[ford], title="Draf kota cerdas"
    )
    kemenkes_active = AgreementFactory(owner=kemenkes, foreign_parties=[other_org], active=True)
    # Both ormas asing hold izin prinsip over their agreements (N3/N4), Ford's extended
    # without a gap so the draft (from 2024-01-10) and the renewal (to 2027-04-03) both fit.
    PermitFactory(organization=ford, valid_from=date(2024, 1, 10), valid_until=date(2027, 1, 9))
    PermitFactory(organization=ford, valid_from=date(2027, 1, 10), valid_until=date(2030, 1, 9))
    PermitFactory(
        organization=other_org, valid_from=date(2024, 1, 10), valid_until=date(2027, 1, 9)
    )
    users = {
        "anonymous": None,
        "operator": UserFactory(operator=True, username="operator"),
        "officer": UserFactory(officer=True, body=fasker, username="kemendagri"),
        "viewer": UserFactory(viewer=True, body=kemendagri, username="kemendagri_viewer"),
        "other_officer": UserFactory(officer=True, body=kemenkes, username="kemenkes"),
        "org_representative": UserFactory(
            org_representative=True, organization=ford, username="ford"
        ),
    }
    submission = IntakeSubmission.objects.create(
        created_by=users["officer"], source_text="Kemendagri dan Ford Foundation menandatangani."
    )
    return World(
        kemendagri=kemendagri,
        fasker=fasker,
        kemenkes=kemenkes,
        ford=ford,
        other_org=other_org,
        hidden_org=hidden_org,
        kemendagri_active=kemendagri_active,
        kemendagri_draft=kemendagri_draft,
        kemenkes_active=kemenkes_active,
        document=document,
        submission=submission,
        users=users,
    )
