"""End to end, through the real services: a sanction case climbs from persuasion to
revocation, and the licensing records follow — cessation suspends the organization (its izin
prinsip reads suspended, reinstating it directly is refused), revocation revokes the izin
prinsip, ends its izin operasional, flags its staff and its agreements, and the public
directory page shows it all. Lifting from cessation reinstates."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from mitra.agreements.models import Agreement
from mitra.agreements.selectors import agreements_without_cover
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.notifications.models import Notice
from mitra.organizations.models import ForeignOrganization
from mitra.permits import lifecycle
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit
from mitra.permits.tests.factories import PermitFactory
from mitra.sanctions.models import SanctionCase

from .conftest import move

pytestmark = pytest.mark.django_db
S = SanctionCase.Status
BASIS = "UU 17/2013 Ps 62 jo. UU 16/2017"


@pytest.fixture
def licensed(ford: Any, kemendagri: Any) -> dict[str, Any]:
    """Ford with an izin prinsip, an active MSP with Kemendagri, its izin operasional and a
    foreign staff member."""
    permit = PermitFactory(
        organization=ford,
        number="IP-2024-0007",
        partner_ministry=kemendagri,
        valid_from=date(2024, 3, 1),
        valid_until=date(2027, 2, 28),
    )
    msp = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        title="MSP Kemendagri – Ford Foundation",
        start_date=date(2024, 3, 1),
        end_date=date(2027, 2, 28),
    )
    io = IzinOperasional.objects.create(
        number="IO-KEMENDAGRI-1",
        permit=permit,
        agreement=msp,
        issuer=kemendagri,
        valid_from=date(2024, 3, 1),
        valid_until=date(2027, 2, 28),
    )
    staff = ForeignStaffAssignment.objects.create(
        organization=ford,
        name="A. Expert",
        nationality="US",
        position="Programme officer",
        start_date=date(2024, 6, 1),
        end_date=date(2027, 2, 1),
        ktln_approval_number="B-77/KTLN",
        ktln_approved_on=date(2024, 5, 1),
    )
    return {"permit": permit, "msp": msp, "io": io, "staff": staff}


def to_cessation(case: SanctionCase, actor: Any) -> SanctionCase:
    case = move(case, "assess", actor, date(2026, 1, 6))
    case = move(case, "escalate", actor, date(2026, 1, 7))  # persuasion
    assert case.status == S.PERSUASION
    case = move(case, "escalate", actor, date(2026, 2, 2))  # written warning
    assert case.status == S.WRITTEN_WARNING
    return move(case, "escalate", actor, date(2026, 2, 12), legal_basis=BASIS)


def public_page(client: Any, organization: Any) -> str:
    response = client.get(reverse("portal:organization", args=[organization.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_case_from_persuasion_to_revocation(
    client, ford, ford_rep, officer, secretariat, open_case, licensed
):
    permit, msp, io, staff = (licensed[k] for k in ("permit", "msp", "io", "staff"))
    assert "Active" in public_page(client, ford)

    # Cessation of activities: the organization is suspended, the permit reads suspended.
    case = to_cessation(open_case(ford), secretariat)
    assert case.status == S.CESSATION
    ford.refresh_from_db()
    permit = Permit.objects.select_related("organization").get(pk=permit.pk)
    assert ford.status == ForeignOrganization.Status.SUSPENDED
    assert (permit.status, permit.effective_status) == ("active", "suspended")
    assert permit.status_changed_on == date(2026, 2, 12)
    assert AuditEvent.objects.filter(event="permit.suspended", target_id=permit.pk).exists()
    page = public_page(client, ford)
    assert "IP-2024-0007" in page
    assert "Suspended" in page
    # Only lifting the case reinstates: the secretariat's direct reinstatement is refused.
    with pytest.raises(ApplicationError) as held:
        lifecycle.permit_reinstate(
            permit_id=permit.pk, reason="r", legal_basis="b", actor=secretariat
        )
    assert case.reference in str(held.value.extra["permit"])

    # Revocation: the izin prinsip is revoked, with the cascade.
    case = move(case, "escalate", secretariat, date(2026, 2, 13), legal_basis=BASIS)
    assert case.status == S.REVOKED
    assert case.steps.last().effects == [{"effect": "permits_revoked", "done": True, "count": 1}]
    for record in (permit, io, staff, msp):
        record.refresh_from_db()
    assert permit.status == Permit.Status.REVOKED
    assert (permit.status_changed_on, permit.status_legal_basis) == (date(2026, 2, 13), BASIS)
    assert case.reference in permit.status_reason
    assert io.status == IzinOperasional.Status.ENDED_BY_PARENT  # its izin operasional ended
    assert staff.status == "active"  # staff flagged for Biro KTLN to close
    assert "IP-2024-0007" in staff.flag
    # Agreements flagged: on the licensing violations list, with an audit line and a task
    # for the partner ministry that owns the MSP.
    assert msp.status == Agreement.Status.ACTIVE
    assert msp.cover_problem
    assert list(agreements_without_cover(viewer=officer, organization_id=ford.pk)) == [msp]
    assert AuditEvent.objects.filter(
        event="agreement.parent_permit_ended", target_id=msp.pk
    ).exists()
    assert Notice.objects.filter(event="permits.agreement_uncovered", user=officer).exists()
    assert Notice.objects.filter(event="permits.permit_ended", user=ford_rep).exists()

    # The public page: the permit revoked with its date and legal basis, the agreement
    # running without one, the sanction's outcome. Never the internal reason.
    page = public_page(client, ford)
    assert "Revoked" in page
    assert "13 Feb 2026" in page
    assert BASIS in page
    assert 'id="izin-prinsip-lost"' in page
    assert "Ended with the izin prinsip" in page  # its izin operasional
    assert "Permits revoked" in page  # the concluded sanction case
    assert permit.status_reason not in page


def test_lifting_from_cessation_reinstates(ford, secretariat, open_case, licensed):
    permit = licensed["permit"]
    case = to_cessation(open_case(ford), secretariat)
    case = move(case, "lift", secretariat, date(2026, 2, 20), notes="Complied.")
    assert case.status == S.LIFTED
    ford.refresh_from_db()
    permit = Permit.objects.select_related("organization").get(pk=permit.pk)
    assert ford.status == ForeignOrganization.Status.REGISTERED
    assert permit.effective_status == "active"
    assert permit.status_changed_on == date(2026, 2, 20)
    [effect] = case.steps.last().effects
    assert (effect["effect"], effect["status"], effect["permits"]) == (
        "organization_restored",
        "registered",
        ["IP-2024-0007"],
    )
    assert AuditEvent.objects.filter(event="permit.reinstated", target_id=permit.pk).exists()


def test_another_case_in_cessation_keeps_the_suspension(ford, secretariat, open_case, licensed):
    first = to_cessation(open_case(ford), secretariat)
    second = to_cessation(open_case(ford, violation="Fundraising in Indonesia."), secretariat)
    first = move(first, "lift", secretariat, date(2026, 2, 20), notes="Complied.")
    ford.refresh_from_db()
    assert ford.status == ForeignOrganization.Status.SUSPENDED
    [effect] = first.steps.last().effects
    assert effect["done"] is False
    assert second.reference in effect["held_by"][0]
    move(second, "lift", secretariat, date(2026, 2, 21), notes="Complied.")
    ford.refresh_from_db()
    assert ford.status == ForeignOrganization.Status.REGISTERED
