"""After issue (lifecycle.py): suspend, reinstate, revoke an izin prinsip; end an izin
operasional; end a staff assignment. Each by its issuing authority only, with reason and
legal basis, audited and told; a refusal writes nothing. Suspension has one source: the
holder's status."""

from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.notifications.models import Notice
from mitra.organizations.models import ForeignOrganization
from mitra.permits import lifecycle, notices, selectors, validation
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit

from ..factories import PermitFactory

pytestmark = pytest.mark.django_db
BASIS = "UU 17/2013 Ps 52 jo. UU 16/2017 Ps 62"


@pytest.fixture
def permit(ngo: Any, agencies: dict[str, Any]) -> Permit:
    return PermitFactory(
        organization=ngo,
        partner_ministry=agencies["kemendagri"],
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )


@pytest.fixture
def msp(ngo: Any, agencies: dict[str, Any]) -> Agreement:
    return AgreementFactory(
        owner=agencies["kemendagri"],
        foreign_parties=[ngo],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )


@pytest.fixture
def io(permit: Permit, msp: Agreement) -> IzinOperasional:
    return IzinOperasional.objects.create(
        number="IO-1",
        permit=permit,
        agreement=msp,
        issuer=msp.owner,
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )


@pytest.fixture
def staff(ngo: Any) -> ForeignStaffAssignment:
    return ForeignStaffAssignment.objects.create(
        organization=ngo,
        name="A. Expert",
        nationality="US",
        position="Adviser",
        start_date=date(2024, 6, 1),
        end_date=date(2026, 6, 1),
        ktln_approval_number="B-1/KTLN",
        ktln_approved_on=date(2024, 5, 1),
    )


def untouched(*records: Any) -> list[Any]:
    """The state of the records and the audit trail, to compare after a refusal."""
    rows = []
    for record in records:
        fresh = type(record).objects.get(pk=record.pk)
        rows.append({k: v for k, v in vars(fresh).items() if not k.startswith("_")})
    return [*rows, AuditEvent.objects.count(), Notice.objects.count()]


# --- suspension: one source -----------------------------------------------------------------


def test_suspending_suspends_the_holder_and_the_permit_reads_suspended(
    permit, ngo, rep, secretariat, officers
):
    lifecycle.permit_suspend(
        permit_id=permit.pk, reason="Political activity.", legal_basis=BASIS, actor=secretariat
    )
    permit.refresh_from_db()
    ngo.refresh_from_db()
    assert ngo.status == ForeignOrganization.Status.SUSPENDED
    assert permit.status == Permit.Status.ACTIVE  # nothing stored on the permit...
    assert permit.effective_status == Permit.EffectiveStatus.SUSPENDED  # ...it is derived
    assert (permit.status_legal_basis, permit.status_reason) == (BASIS, "Political activity.")
    event = AuditEvent.objects.get(event="permit.suspended", target_id=permit.pk)
    assert event.data["new"]["effective_status"] == "suspended"
    assert event.data["legal_basis"] == BASIS
    assert AuditEvent.objects.filter(event="organization.status_changed").count() == 1
    told = set(Notice.objects.filter(event=notices.PERMIT_SUSPENDED).values_list("user", flat=True))
    assert {rep.pk, officers["kemendagri"].pk} <= told  # the holder, the partner
    assert secretariat.pk not in told  # never the actor
    assert list(selectors.permit_list(viewer=secretariat, status="suspended")) == [permit]
    assert not selectors.permit_list(viewer=secretariat, status="active").exists()


def test_the_organizations_status_is_the_one_source(permit, ngo, secretariat):
    """A holder suspended by any path (here: its registry status) suspends every permit."""
    other = PermitFactory(
        organization=ngo, valid_from=date(2021, 1, 1), valid_until=date(2023, 12, 31)
    )
    ForeignOrganization.objects.filter(pk=ngo.pk).update(status="suspended")
    for p in (permit, other):
        p = Permit.objects.select_related("organization").get(pk=p.pk)
        assert p.effective_status == "suspended"
    with pytest.raises(ApplicationError) as error:
        lifecycle.permit_suspend(
            permit_id=permit.pk, reason="x", legal_basis="y", actor=secretariat
        )
    assert "already suspended" in str(error.value.extra["permit"])


@pytest.mark.parametrize("who", ["officer", "other_officer", "rep", "viewer"])
def test_only_the_tpoa_secretariat_suspends_reinstates_or_revokes(request, permit, who):
    actor = request.getfixturevalue(who)
    before = untouched(permit, permit.organization)
    for act in (lifecycle.permit_suspend, lifecycle.permit_revoke):
        with pytest.raises(ApplicationError):
            act(permit_id=permit.pk, reason="r", legal_basis=BASIS, actor=actor)
    assert untouched(permit, permit.organization) == before


def test_reason_and_legal_basis_are_required(permit, secretariat):
    before = untouched(permit, permit.organization)
    for act in (lifecycle.permit_suspend, lifecycle.permit_revoke):
        with pytest.raises(ApplicationError) as error:
            act(permit_id=permit.pk, reason=" ", legal_basis="", actor=secretariat)
        assert set(error.value.extra) == {"reason", "legal_basis"}
    assert untouched(permit, permit.organization) == before


def test_reinstating_restores_the_holder(permit, ngo, secretariat, rep):
    with pytest.raises(ApplicationError):  # not suspended
        lifecycle.permit_reinstate(
            permit_id=permit.pk, reason="r", legal_basis=BASIS, actor=secretariat
        )
    lifecycle.permit_suspend(permit_id=permit.pk, reason="r", legal_basis=BASIS, actor=secretariat)
    lifecycle.permit_reinstate(
        permit_id=permit.pk, reason="Complied.", legal_basis="Kepmenlu 9/2026", actor=secretariat
    )
    permit.refresh_from_db()
    ngo.refresh_from_db()
    # Registered again, and by the licensing rule (issue 15 §5): it holds a valid izin prinsip.
    assert ngo.status == ForeignOrganization.Status.LICENSED
    assert permit.effective_status == Permit.EffectiveStatus.ACTIVE
    assert permit.status_legal_basis == "Kepmenlu 9/2026"
    assert AuditEvent.objects.filter(event="permit.reinstated", target_id=permit.pk).exists()
    assert Notice.objects.filter(event=notices.PERMIT_REINSTATED, user=rep).exists()


# --- revocation and its cascade -------------------------------------------------------------


def test_revocation_ends_operational_flags_staff_and_agreements_and_tells_n14(
    permit, msp, io, staff, secretariat, officers, rep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.permit_revoke(
            permit_id=permit.pk, reason="Sanction.", legal_basis=BASIS, actor=secretariat
        )
    permit.refresh_from_db()
    io.refresh_from_db()
    staff.refresh_from_db()
    assert permit.status == Permit.Status.REVOKED
    assert permit.status_changed_on is not None
    assert permit.status_legal_basis == BASIS
    assert io.status == IzinOperasional.Status.ENDED_BY_PARENT
    assert (io.ended_on, io.end_legal_basis) == (permit.status_changed_on, BASIS)
    assert staff.status == ForeignStaffAssignment.Status.ACTIVE
    assert permit.number in staff.flag
    assert AuditEvent.objects.filter(
        event="agreement.parent_permit_ended", target_id=msp.pk
    ).exists()
    # The MSP's owner gets the task to decide; everyone N14 names is told of the end.
    kemendagri = officers["kemendagri"]
    assert Notice.objects.filter(event=notices.AGREEMENT_UNCOVERED, user=kemendagri).exists()
    ended = set(Notice.objects.filter(event=notices.PERMIT_ENDED).values_list("user", flat=True))
    assert {kemendagri.pk, officers["kemensetneg"].pk, rep.pk} <= ended
    assert officers["kemhan"].pk not in ended
    # Ended for good: no second revocation, no suspension, no extension.
    for act in (lifecycle.permit_revoke, lifecycle.permit_suspend):
        with pytest.raises(ApplicationError):
            act(permit_id=permit.pk, reason="r", legal_basis=BASIS, actor=secretariat)
    assert not permit.in_force


def test_a_revocation_cannot_be_dated_in_the_future(permit, secretariat):
    before = untouched(permit)
    with pytest.raises(ApplicationError) as error:
        lifecycle.permit_revoke(
            permit_id=permit.pk,
            reason="r",
            legal_basis=BASIS,
            actor=secretariat,
            on=date(2099, 1, 1),
        )
    assert "on" in error.value.extra
    assert untouched(permit) == before


# --- izin operasional: its issuer ends it --------------------------------------------------


def test_the_issuer_ends_an_izin_operasional(io, officer, rep, secretariat):
    """`officer` works in a unit of Kemendagri, the MSP's owner that issued it."""
    ended = lifecycle.izin_operasional_end(
        operational_id=io.pk, reason="Programme closed.", legal_basis="Kepmen 5/2026", actor=officer
    )
    assert ended.status == IzinOperasional.Status.ENDED
    assert (ended.end_reason, ended.end_legal_basis) == ("Programme closed.", "Kepmen 5/2026")
    assert AuditEvent.objects.filter(event="izin_operasional.ended", target_id=io.pk).exists()
    told = set(
        Notice.objects.filter(event=notices.OPERATIONAL_ENDED).values_list("user", flat=True)
    )
    assert {rep.pk, secretariat.pk} <= told
    assert io.permit.status == Permit.Status.ACTIVE  # the izin prinsip stays
    with pytest.raises(ApplicationError):  # once
        lifecycle.izin_operasional_end(
            operational_id=io.pk, reason="r", legal_basis="b", actor=officer
        )


@pytest.mark.parametrize("who", ["other_officer", "secretariat", "viewer", "rep"])
def test_only_the_issuer_ends_an_izin_operasional(request, io, who):
    before = untouched(io)
    with pytest.raises(ApplicationError):
        lifecycle.izin_operasional_end(
            operational_id=io.pk, reason="r", legal_basis="b", actor=request.getfixturevalue(who)
        )
    assert untouched(io) == before


# --- foreign staff: Biro KTLN ends it ------------------------------------------------------


def test_biro_ktln_ends_an_assignment_and_it_frees_a_place(
    permit, staff, ngo, officers, rep, secretariat
):
    from mitra.permits.services import StaffInput

    ktln = officers["kemensetneg"]
    for n in range(2):  # with `staff`, the limit of 3 is reached
        ForeignStaffAssignment.objects.create(
            organization=ngo,
            name=f"E{n}",
            nationality="US",
            position="Adviser",
            start_date=date(2024, 6, 1),
            end_date=date(2026, 6, 1),
            ktln_approval_number=f"B-{n + 2}/KTLN",
            ktln_approved_on=date(2024, 5, 1),
        )
    fourth = StaffInput(
        "E9", "US", "Adviser", date(2024, 6, 1), date(2026, 6, 1), "B-9", date(2024, 5, 1)
    )
    assert "organization" in validation.staff_problems(ngo, fourth)
    before = untouched(staff)
    for actor in (secretariat, rep):
        with pytest.raises(ApplicationError):
            lifecycle.staff_assignment_end(
                assignment_id=staff.pk, reason="r", legal_basis="b", actor=actor
            )
    with pytest.raises(ApplicationError) as error:
        lifecycle.staff_assignment_end(
            assignment_id=staff.pk, reason="", legal_basis="", actor=ktln
        )
    assert set(error.value.extra) == {"reason", "legal_basis"}
    assert untouched(staff) == before
    staff.flag = "The izin prinsip ended: close this assignment."
    staff.save()
    ended = lifecycle.staff_assignment_end(
        assignment_id=staff.pk,
        reason="Contract ended.",
        legal_basis="Permensesneg 15/2008",
        actor=ktln,
    )
    assert (ended.status, ended.flag, ended.end_legal_basis) == (
        "ended",
        "",
        "Permensesneg 15/2008",
    )
    assert Notice.objects.filter(event=notices.STAFF_ENDED, user=rep).exists()
    assert "organization" not in validation.staff_problems(ngo, fourth)  # a place is free


def test_operators_may_act_for_any_authority(permit, io, staff, operator):
    lifecycle.izin_operasional_end(
        operational_id=io.pk, reason="r", legal_basis="b", actor=operator
    )
    lifecycle.staff_assignment_end(
        assignment_id=staff.pk, reason="r", legal_basis="b", actor=operator
    )
    lifecycle.permit_suspend(permit_id=permit.pk, reason="r", legal_basis="b", actor=operator)
    assert Permit.objects.select_related("organization").get(pk=permit.pk).effective_status == (
        "suspended"
    )


def test_an_officer_of_the_secretariat_with_a_unit_acts_too(permit, agencies):
    """The secretariat is the agency: an officer of a Kemlu unit acts for it."""
    from mitra.bodies.tests.factories import GovernmentBodyFactory

    unit = GovernmentBodyFactory(key="kemlu-sosbud", unit=True, parent=agencies["kemlu"])
    actor = UserFactory(officer=True, body=unit)
    lifecycle.permit_suspend(permit_id=permit.pk, reason="r", legal_basis="b", actor=actor)
    assert ForeignOrganization.objects.get(pk=permit.organization_id).status == "suspended"
