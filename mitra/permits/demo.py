"""Licensing demo data (called from mitra.demo.canonical.load_canonical; idempotent).

- Ford Foundation's izin prinsip IP-2024-0007, decided 1 March 2024 and valid 4 April 2024 →
  3 April 2027: three years, and its MSP 2024–2027 (4 April 2024 → 3 April 2027) fits inside.
  On 29 November 2026 the extension deadline (3 January 2027) is five weeks away; Ford has an
  extension application in draft, pre-filled from the record.
- The Asia Foundation's new application, in inter-agency review, three opinions given, each
  by the reviewing agency's own officer (Kemlu, Kemendagri's Ditjen Polpum, Polri); Kemhan,
  Kemenkeu, BIN and Kemensetneg have not answered yet; the secretariat (Kemlu) verified and
  circulated it.
- UCLG ASPAC's clearance by the multilateral working group (Biro KTLN for Kemensetneg, with
  the partner ministry), cleared: the working group attended the meeting of 4 April 2024 at
  which the MoU 2024–2029 was signed. The seed gives no day for the clearance: the deliberation
  and the decision are dated on that meeting's day, marked approximate in their notes.

An opinion whose agency has no officer among the users passed is not given (an operator never
gives it on the agency's behalf); a secretariat step without a secretariat officer falls back to
the operator.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization
from mitra.regions.models import Province

from . import services
from .models import REQUIRED_DOCUMENTS, AgencyReview, Application, Deliberation, Permit, Track

if TYPE_CHECKING:
    from mitra.accounts.models import User

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _organization(name: str, actor: "User", **fields: Any) -> ForeignOrganization:
    from mitra.organizations.services import OrganizationInput, organization_create

    existing = ForeignOrganization.objects.filter(legal_name=name).first()
    return existing or organization_create(
        data=OrganizationInput(legal_name=name, **fields), actor=actor
    )


def load_permits(
    actor: "User", *, secretariat: Any = None, reviewers: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """`secretariat`: the TPOA secretariat's officer; `reviewers`: agency key → the officer
    who gives that agency's opinion on The Asia Foundation's application."""
    kemendagri = GovernmentBody.objects.filter(key="kemendagri").first()
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    # Recorded by mitra.demo.canonical before Ford's MSPs are signed (N3/N4), with the one
    # that covered the MSP of 2021–2024.
    permit = Permit.objects.get(number="IP-2024-0007")
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
        application = _asia_application(
            asia, kemendagri, actor, secretariat or actor, dict(reviewers or {})
        )
    return {"permit": permit, "extension": extension, "application": application}


def _asia_application(
    asia: ForeignOrganization,
    partner: Any,
    actor: "User",
    secretariat: Any,
    reviewers: dict[str, Any],
) -> Application:
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
    _upload_and_submit(application, actor)
    services.application_open_verification(application_id=application.pk, actor=secretariat)
    services.application_circulate(application_id=application.pk, actor=secretariat)
    _give_opinions(
        application,
        reviewers,
        {
            "kemlu": ("no_objection", "none", ""),
            "kemendagri": ("no_objection", "none", ""),
            "polri": ("information_requested", "regions", "Which regencies in NTB exactly?"),
        },
    )
    application.refresh_from_db()
    return application


def _upload_and_submit(application: Application, actor: "User") -> None:
    for item in REQUIRED_DOCUMENTS:
        services.application_document_upload(
            application_id=application.pk,
            item=item,
            upload=SimpleUploadedFile(f"{item}.pdf", PDF, content_type="application/pdf"),
            actor=actor,
        )
    services.application_submit(application_id=application.pk, actor=actor)


def _give_opinions(
    application: Application,
    reviewers: Mapping[str, Any],
    opinions: Mapping[str, tuple[str, str, str]],
) -> None:
    """Each opinion by its agency's own officer; an agency without one is left open."""
    for review in AgencyReview.objects.filter(application=application).select_related("agency"):
        reviewer = reviewers.get(review.agency.key)
        if review.agency.key in opinions and reviewer is not None:
            state, reason, text = opinions[review.agency.key]
            services.review_decide(
                review_id=review.pk, state=state, reason_code=reason, text=text, actor=reviewer
            )


CLEARANCE_DAY = date(2024, 4, 4)  # the meeting the working group attended (the seed)
CLEARANCE_NOTE = (
    "Biro KTLN attended the meeting of 4 April 2024 for the TPOA and for the working group on "
    "cooperation with multilateral organizations (ktln.setneg.go.id/id/berita/ktln/80), at "
    "which the MoU 2024–2029 with Kemendagri was signed. The source gives no day for the "
    "clearance: the deliberation and the decision are dated on that meeting's day "
    "(approximate). Recorded after the fact, so the application's submission carries the day it "
    "was entered."
)


def load_multilateral_clearance(
    actor: "User",
    *,
    organization: ForeignOrganization,
    partner_ministry: Any,
    meeting: Any = None,
    secretariat: Any = None,
    reviewers: Mapping[str, Any] | None = None,
) -> Application | None:
    """The working group's clearance of a regional or multilateral organization, cleared.

    `secretariat`: the working group's secretariat officer (Biro KTLN); `reviewers`: agency key
    → that agency's officer. Without a reviewer for every member the application stays in
    review (nobody gives an opinion for another agency). Idempotent: a second run finds it."""
    existing = Application.objects.filter(
        organization=organization, track=Track.MULTILATERAL
    ).first()
    if existing is not None:
        return existing
    secretariat = secretariat or actor
    application = services.application_create(organization=organization, actor=actor)
    services.application_update(
        application_id=application.pk,
        data=services.ApplicationInput(
            profile={
                "legal_name": organization.legal_name,
                "country": str(organization.country),
                "headquarters": organization.headquarters,
                "indonesian_office": organization.indonesian_office,
                "representative_name": "Sekretaris Jenderal",
                "vision_mission": (
                    "An association of the representatives of local governments and cities in "
                    "the Asia-Pacific region."
                ),
            },
            programmes=(
                "Development cooperation with Kemendagri towards the Sustainable Development "
                "Goals and liveable cities, through capacity development, cooperation activities "
                "and policy research (MoU 2024–2029)."
            ),
            provinces=list(Province.objects.filter(code="31")),
            partner_ministry=partner_ministry,
            funding_sources="Not given by the source; 0 recorded until the organization states it.",
            funding_amount=Decimal("0"),
            funding_currency="USD",
            local_partners="",
        ),
        actor=actor,
    )
    _upload_and_submit(application, actor)
    services.application_open_verification(application_id=application.pk, actor=secretariat)
    services.application_circulate(application_id=application.pk, actor=secretariat)
    reviewers = dict(reviewers or {})
    _give_opinions(
        application,
        reviewers,
        dict.fromkeys(reviewers, ("no_objection", "none", "")),
    )
    if application.reviews.filter(state__in=AgencyReview.OPEN_STATES).exists():
        application.refresh_from_db()
        return application
    # The applicant presents its plans to the TPOA first (domain.md §3.2 step 5).
    application.refresh_from_db()
    if application.status == Application.Status.REVIEW:
        services.presentation_schedule(
            application_id=application.pk,
            scheduled_for=CLEARANCE_DAY,
            place="Kementerian Luar Negeri, Jakarta",
            meeting=meeting,
            actor=secretariat,
        )
    if not application.presentations.filter(held_on__isnull=False).exists():
        services.presentation_record(
            application_id=application.pk,
            held_on=CLEARANCE_DAY,
            agencies_present=[r.agency for r in application.reviews.select_related("agency")],
            notes="The organization presented its vision, mission and work plan.",
            actor=secretariat,
        )
    services.application_open_deliberation(application_id=application.pk, actor=secretariat)
    services.deliberation_record(
        application_id=application.pk,
        held_on=CLEARANCE_DAY,
        agencies_present=[r.agency for r in application.reviews.select_related("agency")],
        recommendation=Deliberation.Recommendation.APPROVE,
        notes=CLEARANCE_NOTE,
        meeting=meeting,
        actor=secretariat,
    )
    services.application_decide(
        application_id=application.pk,
        approve=True,
        decided_on=CLEARANCE_DAY,
        text=CLEARANCE_NOTE,
        actor=secretariat,
    )
    application.refresh_from_db()
    return application
