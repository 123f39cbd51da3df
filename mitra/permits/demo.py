"""Licensing demo data (called from mitra.demo.canonical.load_canonical; idempotent).

- Ford Foundation's izin prinsip IP-2024-0007, decided 1 March 2024 and valid 4 April 2024 →
  3 April 2027: three years, and its MSP 2024–2027 (4 April 2024 → 3 April 2027) fits inside.
  On 29 November 2026 the extension deadline (3 January 2027) is five weeks away; Ford has an
  extension application in draft, pre-filled from the record.
- The Asia Foundation's new application, in inter-agency review, three opinions given.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization
from mitra.regions.models import Province

from . import services
from .models import REQUIRED_DOCUMENTS, AgencyReview, Application, Permit

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _organization(name: str, actor: Any, **fields: Any) -> ForeignOrganization:
    from mitra.organizations.services import OrganizationInput, organization_create

    existing = ForeignOrganization.objects.filter(legal_name=name).first()
    return existing or organization_create(
        data=OrganizationInput(legal_name=name, **fields), actor=actor
    )


def load_permits(actor: Any) -> dict[str, Any]:
    kemendagri = GovernmentBody.objects.filter(key="kemendagri").first()
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    permit = Permit.objects.filter(number="IP-2024-0007").first()
    if permit is None:
        permit = services.permit_record_existing(
            organization=ford,
            number="IP-2024-0007",
            decision_date=date(2024, 3, 1),
            valid_from=date(2024, 4, 4),
            valid_until=date(2027, 4, 3),
            partner_ministry=kemendagri,
            conditions="Activities only in the regions named in the MSP and its RKTs.",
            actor=actor,
        )
    extension = Application.objects.filter(extends=permit).first()
    if extension is None:
        extension = services.application_create(organization=ford, extends=permit, actor=actor)
        services.application_update(
            application_id=extension.pk,
            data=services.ApplicationInput(
                profile={
                    "legal_name": ford.legal_name,
                    "country": "US",
                    "headquarters": ford.headquarters,
                    "indonesian_office": ford.indonesian_office,
                    "representative_name": "Regional Director, Jakarta office",
                    "representative_nationality": "US",
                },
                programmes="Inclusive governance and civic participation, continued.",
                provinces=list(Province.objects.filter(code__in=["31", "33"])),
                partner_ministry=kemendagri,
                funding_sources="Endowment of the Ford Foundation",
                funding_amount=Decimal("4500000"),
                funding_currency="USD",
                local_partners="",
                changes_summary="",
            ),
            actor=actor,
        )
    asia = _organization(
        "The Asia Foundation",
        actor,
        kind=ForeignOrganization.Kind.FOREIGN_NGO,
        legal_type=ForeignOrganization.LegalType.A,
        country="US",
        headquarters="San Francisco, United States",
        indonesian_office="Jakarta",
        website="https://asiafoundation.org",
        description="Non-profit international development organization.",
    )
    application = Application.objects.filter(organization=asia).first()
    if application is None:
        application = _asia_application(asia, kemendagri, actor)
    return {"permit": permit, "extension": extension, "application": application}


def _asia_application(asia: ForeignOrganization, partner: Any, actor: Any) -> Application:
    application = services.application_create(organization=asia, actor=actor)
    services.application_update(
        application_id=application.pk,
        data=services.ApplicationInput(
            profile={
                "legal_name": asia.legal_name,
                "country": "US",
                "headquarters": asia.headquarters or "San Francisco, United States",
                "indonesian_office": "Jakarta",
                "representative_name": "Country Representative",
                "representative_nationality": "US",
                "vision_mission": "Improving lives across a dynamic Asia.",
            },
            programmes="Local governance, women's economic empowerment, disaster resilience.",
            provinces=list(Province.objects.filter(code__in=["33", "52"])),
            partner_ministry=partner,
            funding_sources="Grants from foundations and bilateral donors",
            funding_amount=Decimal("2800000"),
            funding_currency="USD",
            local_partners="Yayasan Penabulu\nPerkumpulan Pikul",
        ),
        actor=actor,
    )
    for item in REQUIRED_DOCUMENTS:
        services.application_document_upload(
            application_id=application.pk,
            item=item,
            upload=SimpleUploadedFile(f"{item}.pdf", PDF, content_type="application/pdf"),
            actor=actor,
        )
    services.application_submit(application_id=application.pk, actor=actor)
    services.application_open_verification(application_id=application.pk, actor=actor)
    services.application_circulate(application_id=application.pk, actor=actor)
    opinions = {
        "kemlu": ("no_objection", "none", ""),
        "kemendagri": ("no_objection", "none", ""),
        "kemhan": ("information_requested", "regions", "Which regencies in NTB exactly?"),
    }
    for review in AgencyReview.objects.filter(application=application).select_related("agency"):
        if review.agency.key in opinions:
            state, reason, text = opinions[review.agency.key]
            services.review_decide(
                review_id=review.pk, state=state, reason_code=reason, text=text, actor=actor
            )
    application.refresh_from_db()
    return application
