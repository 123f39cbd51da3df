"""N3 both ways, end to end through the real services (issue 11 §5):

- permit change → MSPs: granting, extending, suspending, reinstating and revoking an izin
  prinsip re-checks its holder's agreements in force (`agreements_recheck_cover`), and the
  violations list (`agreements_without_cover`) follows;
- MSP → izin operasional: an izin operasional lies within an MSP in force.
"""

from datetime import date
from typing import Any

import pytest

from mitra.agreements.models import Agreement
from mitra.agreements.selectors import agreements_without_cover
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.permits import lifecycle, services
from mitra.permits.models import IzinOperasional, Permit
from mitra.permits.tests.factories import present_and_deliberate

from ..factories import complete_application
from .test_application_flow import decide_all, to_review

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def msp(ngo: Any, kemendagri: Any) -> Agreement:
    return AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ngo],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )


def flag(agreement: Agreement) -> str:
    return Agreement.objects.get(pk=agreement.pk).cover_problem


def test_permit_changes_recheck_the_msps(
    ngo, rep, agencies, secretariat, officers, kemendagri, province, msp
):
    # The MSP is made after the TPOA members exist: Kemlu, the secretariat, reads it (grant
    # "tpoa.ormas_asing"), so the secretariat's list shows it.
    with freeze_today(TODAY):
        # Granted (a paper record): two years only, so the MSP outlasts it.
        first = services.permit_record_existing(
            organization=ngo,
            number="IP-2024-0100",
            decision_date=date(2024, 3, 1),
            valid_from=date(2024, 4, 4),
            valid_until=date(2026, 12, 31),
            actor=secretariat,
        )
        assert flag(msp) == (
            "The agreement ends on 2027-04-03, after the izin prinsip IP-2024-0100 of Ford "
            "Foundation ends (2026-12-31)."
        )
        assert list(agreements_without_cover(viewer=secretariat)) == [msp]

        # Extended, by the Minister's decision on an extension application: covered again.
        application = to_review(
            complete_application(ngo, rep, agencies["kemendagri"], province, extends=first),
            rep,
            secretariat,
        )
        decide_all(application, officers)
        present_and_deliberate(application.pk, secretariat)
        services.deliberation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[r.agency for r in application.reviews.all()],
            recommendation="approve",
            actor=secretariat,
        )
        extension = services.application_decide(
            application_id=application.pk,
            approve=True,
            valid_from=date(2027, 1, 1),
            valid_until=date(2029, 12, 31),
            actor=secretariat,
        )
        assert flag(msp) == ""
        assert not agreements_without_cover(viewer=secretariat).exists()

        # Suspended: the holder is suspended, nothing covers; reinstated: covered again.
        lifecycle.permit_suspend(
            permit_id=extension.pk, reason="Check.", legal_basis="Permenlu 11/2020",
            actor=secretariat,
        )  # fmt: skip
        assert "Ford Foundation is suspended" in flag(msp)
        lifecycle.permit_reinstate(
            permit_id=extension.pk, reason="Cleared.", legal_basis="Permenlu 11/2020",
            actor=secretariat,
        )  # fmt: skip
        assert flag(msp) == ""

        # Revoked: the first permit no longer counts either way, so the MSP has no cover.
        for permit in (first, extension):
            lifecycle.permit_revoke(
                permit_id=permit.pk, reason="Sanction.", legal_basis="UU 16/2017 Ps 62",
                actor=secretariat,
            )  # fmt: skip
        assert "holds no izin prinsip valid on 2024-04-04" in flag(msp)
    events = AuditEvent.objects.filter(target_id=msp.pk, event__startswith="agreement.cover_")
    assert list(events.order_by("id").values_list("event", flat=True)) == [
        "agreement.cover_lost",
        "agreement.cover_restored",
        "agreement.cover_lost",
        "agreement.cover_restored",
        "agreement.cover_lost",  # the first revoked: only the extension, from 2027, is left
        "agreement.cover_lost",  # the extension revoked too: the reason changed
    ]


def operational(msp: Agreement, **dates: date) -> services.OperationalInput:
    values = {"valid_from": date(2024, 4, 4), "valid_until": date(2027, 4, 3), **dates}
    return services.OperationalInput(number="IO-1", agreement=msp, **values)


@pytest.fixture
def permit(ngo: Any, kemendagri: Any, operator: Any) -> Permit:
    return services.permit_record_existing(
        organization=ngo,
        number="IP-2024-0200",
        decision_date=date(2024, 3, 1),
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
        partner_ministry=kemendagri,
        actor=operator,
    )


@pytest.mark.parametrize("status", ["superseded", "expired", "terminated", "draft"])
def test_an_izin_operasional_needs_an_msp_in_force(permit, msp, officer, status):
    Agreement.objects.filter(pk=msp.pk).update(status=status)
    msp.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        services.izin_operasional_create(permit_id=permit.pk, data=operational(msp), actor=officer)
    assert "needs an agreement in force" in error.value.extra["agreement"][0]
    assert not IzinOperasional.objects.exists()


def test_an_izin_operasional_lies_within_its_msp(permit, msp, officer):
    Agreement.objects.filter(pk=msp.pk).update(end_date=date(2026, 12, 31))
    msp.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        services.izin_operasional_create(permit_id=permit.pk, data=operational(msp), actor=officer)
    assert error.value.extra["agreement"] == [
        f"The izin operasional ends on 2027-04-03, after the agreement {msp.title} ends "
        "(2026-12-31)."
    ]
    data = operational(msp, valid_until=date(2026, 12, 31))
    assert services.izin_operasional_create(permit_id=permit.pk, data=data, actor=officer).pk


def test_a_suspended_holder_gets_no_izin_operasional(permit, msp, officer):
    from mitra.organizations.models import ForeignOrganization
    from mitra.organizations.services import organization_set_status

    organization_set_status(
        organization_id=permit.organization_id,
        status=ForeignOrganization.Status.SUSPENDED,
        actor=None,
        reason="test",
    )
    with pytest.raises(ApplicationError) as error:
        services.izin_operasional_create(permit_id=permit.pk, data=operational(msp), actor=officer)
    assert "is suspended" in error.value.extra["permit"][0]
    assert not IzinOperasional.objects.exists()
