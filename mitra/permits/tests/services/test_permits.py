"""Permits: extension window, expiry cascade, izin operasional containment, staff limits,
the izin prinsip period used by agreements and work plans."""

from datetime import date
from typing import Any

import pytest
from django.core import mail

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.services import AgreementInput, agreement_create, agreement_transition
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.notifications.models import Notice
from mitra.permits import services, validation
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit
from mitra.permits.selectors import izin_prinsip_period

from ..factories import PermitFactory, complete_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(ngo: Any, kemendagri: Any) -> Permit:
    return PermitFactory(
        organization=ngo,
        partner_ministry=kemendagri,
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )


@pytest.fixture
def msp(ngo: Any, kemendagri: Any) -> Agreement:
    return AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ngo],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )


def test_three_year_cap_and_extension_window():
    assert validation.max_valid_until(date(2024, 3, 1)) == date(2027, 2, 28)
    assert validation.validity_problems(date(2024, 3, 1), date(2027, 3, 31))
    assert not validation.validity_problems(date(2024, 4, 4), date(2027, 4, 3))
    assert validation.extension_deadline(date(2027, 4, 3)) == date(2027, 1, 3)
    assert not validation.extension_is_late(date(2027, 4, 3), date(2027, 1, 3))
    assert validation.extension_is_late(date(2027, 4, 3), date(2027, 1, 4))


def test_extension_is_prefilled_and_late_filing_flagged_or_blocked(
    permit, ngo, rep, agencies, province, settings
):
    with freeze_today(date(2027, 2, 1)):
        application = complete_application(
            ngo, rep, agencies["kemendagri"], province, extends=permit
        )
        assert application.kind == "extension"
        settings.MITRA = {**settings.MITRA, "EXTENSION_LATE_BLOCKS": True}
        with pytest.raises(ApplicationError):
            services.application_submit(application_id=application.pk, actor=rep)
        application.refresh_from_db()
        assert application.status == "draft"
        settings.MITRA = {**settings.MITRA, "EXTENSION_LATE_BLOCKS": False}
        services.application_submit(application_id=application.pk, actor=rep)
    application.refresh_from_db()
    assert application.late_filing is True
    with pytest.raises(ApplicationError):  # one open extension at a time
        services.application_create(organization=ngo, extends=permit, actor=rep)


def test_izin_operasional_cannot_outlast_the_izin_prinsip(permit, msp, officer):
    data = services.OperationalInput(
        number="IO-1", agreement=msp, valid_from=date(2024, 4, 4), valid_until=date(2027, 5, 1)
    )
    before = IzinOperasional.objects.count()
    with pytest.raises(ApplicationError) as info:
        services.izin_operasional_create(permit_id=permit.pk, data=data, actor=officer)
    assert "valid_until" in info.value.extra
    assert IzinOperasional.objects.count() == before
    data.valid_until = date(2027, 4, 3)
    io = services.izin_operasional_create(permit_id=permit.pk, data=data, actor=officer)
    assert io.issuer_id == msp.owner_id


def test_izin_operasional_by_another_ministry_is_refused(permit, msp, other_officer):
    data = services.OperationalInput(
        number="IO-2", agreement=msp, valid_from=date(2024, 4, 4), valid_until=date(2027, 4, 3)
    )
    with pytest.raises(ApplicationError):
        services.izin_operasional_create(permit_id=permit.pk, data=data, actor=other_officer)
    assert not IzinOperasional.objects.exists()


def test_expiry_ends_dependents_and_notifies(
    permit, msp, officer, ngo, django_capture_on_commit_callbacks
):
    io = services.izin_operasional_create(
        permit_id=permit.pk,
        data=services.OperationalInput(
            number="IO-3", agreement=msp, valid_from=date(2024, 4, 4), valid_until=date(2027, 4, 3)
        ),
        actor=officer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.permits_daily(on=date(2027, 4, 4))
    assert counts["expired"] == 1
    permit.refresh_from_db()
    io.refresh_from_db()
    assert permit.status == "expired"
    assert io.status == "ended_by_parent"
    assert AuditEvent.objects.filter(event="agreement.parent_permit_ended").count() == 1
    # Told through the notifications app: an in-app notice, emailed by the worker.
    assert Notice.objects.filter(user=officer, event="permits.permit_ended").count() == 1
    assert any(officer.email in message.to for message in mail.outbox)
    assert services.permits_daily(on=date(2027, 4, 5))["expired"] == 0


def staff(start: date, end: date, n: int = 0) -> services.StaffInput:
    return services.StaffInput(
        name=f"Expert {n}",
        nationality="US",
        position="Adviser",
        start_date=start,
        end_date=end,
        ktln_approval_number=f"B-{n}/KTLN",
        ktln_approved_on=date(2024, 5, 1),
    )


def test_staff_limits(permit, ngo, agencies):
    ktln = UserFactory(officer=True, body=agencies["kemensetneg"])
    with pytest.raises(ApplicationError) as info:  # over 5 years
        services.staff_assignment_create(
            organization_id=ngo.pk, data=staff(date(2024, 6, 1), date(2029, 6, 1)), actor=ktln
        )
    assert "end_date" in info.value.extra
    for n in range(3):
        services.staff_assignment_create(
            organization_id=ngo.pk, data=staff(date(2024, 6, 1), date(2026, 6, 1), n), actor=ktln
        )
    with pytest.raises(ApplicationError) as info:
        services.staff_assignment_create(
            organization_id=ngo.pk, data=staff(date(2024, 6, 1), date(2026, 6, 1), 9), actor=ktln
        )
    assert "organization" in info.value.extra
    assert ForeignStaffAssignment.objects.count() == 3
    kemlu_officer = UserFactory(officer=True, body=agencies["kemlu"])
    with pytest.raises(ApplicationError):
        services.staff_assignment_create(
            organization_id=ngo.pk,
            data=staff(date(2024, 6, 1), date(2026, 6, 1), 8),
            actor=kemlu_officer,
        )


def test_izin_prinsip_period_follows_extensions(permit, ngo):
    assert izin_prinsip_period(organization_id=ngo.pk, on=date(2026, 11, 29)) == (
        date(2024, 4, 4),
        date(2027, 4, 3),
    )
    assert izin_prinsip_period(organization_id=ngo.pk, on=date(2024, 1, 1)) is None
    PermitFactory(
        organization=ngo, previous=permit, valid_from=date(2027, 4, 4), valid_until=date(2030, 4, 3)
    )
    assert izin_prinsip_period(organization_id=ngo.pk, on=date(2026, 11, 29)) == (
        date(2024, 4, 4),
        date(2030, 4, 3),
    )


def test_an_msp_may_not_outlast_the_partners_izin_prinsip(permit, ngo, kemendagri, officer):
    data = AgreementInput(
        title="MSP",
        type="msp",
        owner=kemendagri,
        foreign_parties=[ngo],
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2028, 1, 1),
    )
    # A draft may be negotiated before the izin prinsip is extended (a warning); it cannot be
    # signed while it outlasts it (N3/N4, refused by default).
    draft = agreement_create(data=data, actor=officer)
    with pytest.raises(ApplicationError) as info:
        agreement_transition(agreement_id=draft.pk, transition="sign", actor=officer)
    assert info.value.extra["izin_prinsip"] == [
        f"The agreement ends on 2028-01-01, after the izin prinsip {permit.number} of "
        f"{ngo.legal_name} ends (2027-04-03)."
    ]
    data.end_date = date(2027, 4, 3)
    fits = agreement_create(data=data, actor=officer)
    agreement_transition(agreement_id=fits.pk, transition="sign", actor=officer)


def test_the_demo_story():
    from django.core.management import call_command

    from mitra.permits.models import Application

    with freeze_today(date(2026, 11, 29)):
        call_command("load_reference", verbosity=0)
        call_command("load_demo", verbosity=0)
        call_command("load_demo", verbosity=0)  # idempotent
    permit = Permit.objects.get(number="IP-2024-0007")
    assert permit.organization.legal_name == "Ford Foundation"
    msp = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
    assert msp.end_date <= permit.valid_until
    assert Application.objects.filter(extends=permit, status="draft").count() == 1
    asia = Application.objects.get(organization__legal_name="The Asia Foundation")
    assert asia.status == "inter_agency_review"
    assert asia.reviews.exclude(state__in=["requested", "in_progress"]).count() == 3
