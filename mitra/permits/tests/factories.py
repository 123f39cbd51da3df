"""Licensing test helpers: member agencies, a complete application, a permit.

`members()` creates the configured TPOA member agencies by key (Kemlu, Kemhan, Kemendagri,
Kemenkeu, Kemensetneg, Polri, BIN), reusing those that exist. `complete_application(org,
actor=rep)` builds a draft with every section and document through the services (so the
stage visits and audit are real). `PermitFactory` writes a permit row directly.
"""

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from mitra.agreements.tests.factories import PDF_BYTES
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits import services
from mitra.permits.models import REQUIRED_DOCUMENTS, Application, Permit

MEMBER_KEYS = ["kemlu", "kemhan", "kemendagri", "kemenkeu", "kemensetneg", "polri", "bin"]


def members() -> dict[str, GovernmentBody]:
    found = {}
    for key in MEMBER_KEYS:
        body = GovernmentBody.objects.filter(key=key).first()
        found[key] = body or GovernmentBodyFactory(key=key, name=key.title(), acronym=key.upper())
    return found


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def sections(partner: GovernmentBody, provinces: list[Any] = ()) -> services.ApplicationInput:  # type: ignore[assignment]
    return services.ApplicationInput(
        profile={
            "legal_name": "Test Foundation",
            "country": "US",
            "headquarters": "New York",
            "indonesian_office": "Jakarta",
            "representative_name": "A. Director",
            "representative_nationality": "US",
            "vision_mission": "Good works.",
        },
        programmes="Governance programmes.",
        provinces=list(provinces),
        partner_ministry=partner,
        funding_sources="Endowment",
        funding_amount=Decimal("1000000"),
        funding_currency="USD",
        local_partners="Yayasan Satu\nYayasan Dua",
    )


def complete_application(
    organization: Any, actor: Any, partner: GovernmentBody, province: Any, extends: Any = None
) -> Application:
    application = services.application_create(
        organization=organization, actor=actor, extends=extends
    )
    data = sections(partner, [province])
    if extends is not None:
        data.changes_summary = "New regions."
    services.application_update(application_id=application.pk, data=data, actor=actor)
    for item in REQUIRED_DOCUMENTS:
        services.application_document_upload(
            application_id=application.pk, item=item, upload=pdf(), actor=actor
        )
    application.refresh_from_db()
    return application


class PermitFactory(DjangoModelFactory):
    class Meta:
        model = Permit

    number = factory.Sequence(lambda n: f"IP-TEST-{n:04d}")
    organization = factory.SubFactory(ForeignOrganizationFactory)
    decision_date = date(2024, 2, 20)
    valid_from = date(2024, 3, 1)
    valid_until = date(2027, 2, 28)
    status = Permit.Status.ACTIVE


def present_and_deliberate(application_id: int, actor: Any, on: Any = None) -> Any:
    """The presentation step (scheduled, held with the reviewing agencies present), then
    `application_open_deliberation`: what every test that reaches deliberation does."""
    from mitra.core.dates import today
    from mitra.permits import services
    from mitra.permits.models import Application

    on = on or today()
    application = Application.objects.get(pk=application_id)
    services.presentation_schedule(
        application_id=application_id, scheduled_for=on, place="Kemlu, Jakarta", actor=actor
    )
    agencies = [r.agency for r in application.reviews.select_related("agency")]
    services.presentation_record(
        application_id=application_id,
        held_on=on,
        agencies_present=agencies or [actor.agency],
        notes="Presented.",
        actor=actor,
    )
    return services.application_open_deliberation(application_id=application_id, actor=actor)
