"""After issue: suspend, reinstate and revoke an izin prinsip, end an izin operasional, end a
foreign staff assignment, and the daily expiry with its cascade (domain.md §3.3, §3.10, N14).

Each act belongs to its issuing authority, or to the cascade (actor None: the daily job):
- an izin prinsip: the TPOA secretariat, acting for the Minister for Foreign Affairs (or a
  sanction case, which the same secretariat moves: `*_for_sanction`);
- an izin operasional: the ministry or regional government that issued it;
- a foreign staff assignment: Biro KTLN (settings STAFF_APPROVER), which approved it.
Each needs a reason and a legal basis, is audited, and is told through `notify`.

Suspension has one source, the organization's registry status (see
`Permit.effective_status`): suspending an izin prinsip suspends its holder — which also stops
new agreements and work plans, as cessation of activities does — and reinstating restores
it. A sanction case in cessation holds the suspension (the `suspension_holds` hook): it is
lifted through the case, whose lifting reinstates here.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.agreements.services import agreements_recheck_cover
from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed
from mitra.core.validators import not_in_future
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import organization_set_status

from . import notices, roles
from .conf import setting
from .hooks import suspension_holds
from .models import ForeignStaffAssignment, IzinOperasional, Permit
from .org_status import organization_status_refresh

if TYPE_CHECKING:
    from mitra.accounts.models import User

ORG = ForeignOrganization.Status


def _grounds(reason: str, legal_basis: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason.")]
    if not legal_basis.strip():
        errors["legal_basis"] = [_("Give the legal basis.")]
    return errors


def _check(errors: dict[str, list[str]], message: str, on: date | None = None) -> None:
    future = not_in_future(on)  # the one rule for dates of acts that have happened
    if future:
        errors["on"] = future
    if errors:
        raise ApplicationError(message, errors)


def _require_tpoa(actor: "User") -> None:
    """SECURITY: the TPOA secretariat's officers (or operators) act for the Minister."""
    if not roles.can_act_for_minister(actor):
        raise ApplicationError(_("Only the TPOA secretariat may do this, for the Minister."))


def _lock_permit(permit_id: int) -> Permit:
    permit = Permit.objects.select_for_update().filter(pk=permit_id).first()
    if permit is None:
        raise ApplicationError(_("This permit does not exist."))
    return permit


def _lock_organization(organization_id: int) -> ForeignOrganization:
    return ForeignOrganization.objects.select_for_update().get(pk=organization_id)


def _in_force(organization_id: int) -> list[Permit]:
    """The organization's izin prinsip not ended (locked, oldest first)."""
    return list(
        Permit.objects.select_for_update()
        .filter(organization_id=organization_id, status=Permit.Status.ACTIVE)
        .order_by("valid_from", "id")
    )


def _record(permit: Permit, reason: str, legal_basis: str, on: date) -> None:
    permit.status_reason = reason
    permit.status_legal_basis = legal_basis
    permit.status_changed_on = on
    permit.save()


# --- suspension (one source: the organization's status) ----------------------------------


def _set_suspension(
    organization: ForeignOrganization,
    *,
    status: str,
    reason: str,
    legal_basis: str,
    actor: "User",
    on: date,
    source: str,
) -> list[Permit]:
    """Set the holder's status (suspended, or restored), then record, audit and tell it on
    each of its izin prinsip in force."""
    previous = organization.status
    organization_set_status(
        organization_id=organization.pk, status=status, actor=actor, reason=reason
    )
    suspended = status == ORG.SUSPENDED
    event = "permit.suspended" if suspended else "permit.reinstated"
    permits = _in_force(organization.pk)
    old, new = ("active", "suspended") if suspended else ("suspended", "active")
    for permit in permits:
        _record(permit, reason, legal_basis, on)
        recorded = audit_event_record(
            event=event,
            target=permit,
            actor=actor,
            data={
                "old": {"effective_status": old, "organization_status": previous},
                "new": {"effective_status": new, "organization_status": status},
                "reason": reason,
                "legal_basis": legal_basis,
                "source": source,
            },
        )
        notify(
            event=notices.PERMIT_SUSPENDED if suspended else notices.PERMIT_REINSTATED,
            subject=permit,
            actor=actor,
            context={"reason": reason, "legal_basis": legal_basis},
            key=str(recorded.pk),
        )
    # N3 from the permits' side: the agreements' licensing flags follow the holder's status.
    agreements_recheck_cover(organization_ids={organization.pk}, actor=actor)
    return permits


@transaction.atomic
def permit_suspend(*, permit_id: int, reason: str, legal_basis: str, actor: "User") -> Permit:
    """Suspend an izin prinsip in force: its holder is suspended (the one source of
    "suspended"; no new agreements or work plans), every izin prinsip of the holder reads
    suspended, the permit records reason, legal basis and date, audit `permit.suspended`,
    notice `permits.permit_suspended` to everyone N14 names.

    By the TPOA secretariat (or an operator). Refuses, writing nothing: another actor; no
    reason or legal basis; a permit that ended; a holder already suspended.
    """
    _require_tpoa(actor)
    permit = _lock_permit(permit_id)
    organization = _lock_organization(permit.organization_id)
    errors = _grounds(reason, legal_basis)
    if not permit.in_force:
        errors["permit"] = [
            _("This izin prinsip is %(status)s: it can no longer be suspended.")
            % {"status": permit.get_status_display()}
        ]
    elif organization.status == ORG.SUSPENDED:
        errors["permit"] = [_("%(org)s is already suspended.") % {"org": organization}]
    _check(errors, _("The izin prinsip was not suspended."))
    _set_suspension(
        organization,
        status=ORG.SUSPENDED,
        reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        actor=actor,
        on=today(),
        source="secretariat",
    )
    permit.refresh_from_db()
    return permit


@transaction.atomic
def permit_reinstate(*, permit_id: int, reason: str, legal_basis: str, actor: "User") -> Permit:
    """Lift the suspension of an izin prinsip: its holder is registered again (an
    organization holding an izin prinsip in force is a registered one), audit
    `permit.reinstated`, notice `permits.permit_reinstated`.

    By the TPOA secretariat (or an operator). Refuses, writing nothing: another actor; no
    reason or legal basis; a permit that ended or is not suspended; a suspension a sanction
    case holds (cessation of activities: lift the case, which reinstates).
    """
    _require_tpoa(actor)
    permit = _lock_permit(permit_id)
    organization = _lock_organization(permit.organization_id)
    errors = _grounds(reason, legal_basis)
    if not permit.in_force or organization.status != ORG.SUSPENDED:
        errors["permit"] = [_("This izin prinsip is not suspended.")]
    else:
        holds = suspension_holds(organization.pk)
        if holds:
            errors["permit"] = holds
    _check(errors, _("The izin prinsip was not reinstated."))
    _set_suspension(
        organization,
        status=ORG.REGISTERED,
        reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        actor=actor,
        on=today(),
        source="secretariat",
    )
    # Registered again, then the rule: holding an izin prinsip in force → licensed.
    organization_status_refresh(organization_id=organization.pk, reason="permit.reinstated")
    permit.refresh_from_db()
    return permit


@transaction.atomic
def permit_suspend_for_sanction(
    *, organization_id: int, reason: str, legal_basis: str, actor: "User", on: date | None = None
) -> dict[str, Any]:
    """A sanction case reached cessation of activities: the organization is suspended (with
    or without an izin prinsip: a multilateral organization is suspended all the same), and
    each of its izin prinsip in force records and tells it. Returns the effect for the case's
    step: the status to restore on lifting and the permits touched. Called by the sanctions
    service, which checked the secretariat."""
    organization = _lock_organization(organization_id)
    previous = organization.status
    permits = _set_suspension(
        organization,
        status=ORG.SUSPENDED,
        reason=reason,
        legal_basis=legal_basis,
        actor=actor,
        on=on or today(),
        source="sanction",
    )
    return {
        "effect": "organization_suspended",
        "previous_status": previous,
        "permits": [p.number for p in permits],
    }


@transaction.atomic
def permit_reinstate_for_sanction(
    *,
    organization_id: int,
    status: str,
    reason: str,
    legal_basis: str,
    actor: "User",
    on: date | None = None,
) -> dict[str, Any]:
    """A sanction case was lifted from cessation: the organization gets back `status` (the
    one it had before) and its izin prinsip in force read active again — unless another
    case still holds it in cessation (then nothing changes and the effect says why)."""
    organization = _lock_organization(organization_id)
    holds = suspension_holds(organization.pk)
    if holds:
        return {"effect": "organization_restored", "done": False, "held_by": holds}
    permits = _set_suspension(
        organization,
        status=status,
        reason=reason,
        legal_basis=legal_basis,
        actor=actor,
        on=on or today(),
        source="sanction",
    )
    return {
        "effect": "organization_restored",
        "status": status,
        "permits": [p.number for p in permits],
    }


# --- revocation and expiry (stored ends) and the cascade ----------------------------------


def _permit_end(
    permit: Permit,
    transition: str,
    actor: "User | None",  # None: the daily job (expiry)
    reason: str,
    legal_basis: str,
    on: date,
) -> None:
    old = permit.status
    with refused_unless_allowed(
        _("This action is not possible while the permit is %(status)s.")
        % {"status": permit.get_status_display()}
    ):
        getattr(permit, transition)()
    _record(permit, reason, legal_basis, on)
    audit_event_record(
        event=f"permit.{permit.status}",
        target=permit,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": permit.status},
            "reason": reason,
            "legal_basis": legal_basis,
            "on": on.isoformat(),
        },
    )


@transaction.atomic
def permit_revoke(
    *, permit_id: int, reason: str, legal_basis: str, actor: "User", on: date | None = None
) -> Permit:
    """Revoke an izin prinsip in force (active or suspended) on `on` (default today): audit
    `permit.revoked`, then the cascade (`cascade_end`: izin operasional ended, staff and
    agreements flagged, everyone N14 names told).

    By the TPOA secretariat, for the Minister (or an operator). Refuses, writing nothing:
    another actor; no reason or legal basis; a date in the future; a permit that ended.
    """
    _require_tpoa(actor)
    permit = _lock_permit(permit_id)
    on = on or today()
    errors = _grounds(reason, legal_basis)
    if not permit.in_force:
        errors["permit"] = [
            _("This izin prinsip is %(status)s: it can no longer be revoked.")
            % {"status": permit.get_status_display()}
        ]
    _check(errors, _("The izin prinsip was not revoked."), on)
    _permit_end(permit, "revoke", actor, reason.strip(), legal_basis.strip(), on)
    cascade_end(permit, actor, on)
    return permit


@transaction.atomic
def permit_revoke_for_sanction(
    *, organization: Any, case: Any, actor: "User", legal_basis: str = "", on: date | None = None
) -> list[Permit]:
    """A sanction case reached revocation: every izin prinsip of the organization in force is
    revoked through `permit_revoke` (the secretariat's right, audited per permit), on the
    step's date, on the step's legal basis (else the articles the case cites)."""
    in_force = [p.pk for p in _in_force(organization.pk)]
    reason = _("Revoked by sanction case %(ref)s.") % {"ref": case.reference}
    basis = legal_basis.strip() or case.articles or case.reference
    return [
        permit_revoke(permit_id=pk, reason=reason, legal_basis=basis, actor=actor, on=on)
        for pk in in_force
    ]


def cascade_end(permit: Permit, actor: "User | None", on: date) -> dict[str, int]:
    """The izin prinsip ended on `on` (revoked or expired): unless another izin prinsip of
    the organization is valid on `on` (an extension), its active izin operasional end with
    it, its active foreign staff are flagged for Biro KTLN to close, its signed and active
    agreements are flagged (audit `agreement.parent_permit_ended`, and their licensing flag
    re-checked: `agreements.selectors.agreements_without_cover` lists them) and each owner is
    given the task to decide whether it continues (`permits.agreement_uncovered`), and
    everyone N14 names is told (`permits.permit_ended`). Runs inside the caller's
    transaction."""
    counts = {"operational": 0, "staff": 0, "agreements": 0}
    # The organization's status follows its licensing (issue 15 §5): revoked, lapsed.
    organization_status_refresh(
        organization_id=permit.organization_id, reason=f"permit.{permit.status}"
    )
    covered = (
        Permit.objects.valid_on(on)
        .filter(organization_id=permit.organization_id)
        .exclude(pk=permit.pk)
        .exists()
    )
    # The agreements' licensing flags (N3/N4, `agreements_without_cover`) follow every end.
    agreements_recheck_cover(organization_ids={permit.organization_id}, actor=actor)
    if covered:
        return counts
    for io in IzinOperasional.objects.select_for_update().filter(
        permit__organization_id=permit.organization_id, status=IzinOperasional.Status.ACTIVE
    ):
        _operational_end(
            io,
            IzinOperasional.Status.ENDED_BY_PARENT,
            actor,
            _("The izin prinsip %(number)s ended.") % {"number": permit.number},
            permit.status_legal_basis,
            on,
        )
        counts["operational"] += 1
    for staff in ForeignStaffAssignment.objects.select_for_update().filter(
        organization_id=permit.organization_id, status=ForeignStaffAssignment.Status.ACTIVE
    ):
        staff.flag = _("The izin prinsip %(number)s ended: close this assignment.") % {
            "number": permit.number
        }
        staff.save(update_fields=["flag", "updated_at"])
        audit_event_record(
            event="foreign_staff.flagged", target=staff, actor=actor, data={"flag": staff.flag}
        )
        counts["staff"] += 1
    dependants = list(notices.dependent_agreements(permit).select_related("owner"))
    for agreement in dependants:
        audit_event_record(
            event="agreement.parent_permit_ended",
            target=agreement,
            actor=actor,
            data={"permit": permit.number, "permit_status": permit.status, "on": on.isoformat()},
        )
        notify(
            event=notices.AGREEMENT_UNCOVERED,
            subject=agreement,
            actor=actor,
            context={"permit": permit},
            key=permit.number,
        )
        counts["agreements"] += 1
    notify(
        event=notices.PERMIT_ENDED,
        subject=permit,
        actor=actor,
        context={"agreements": dependants},
        key=permit.status,
    )
    return counts


def permit_expire_due(*, on: date) -> dict[str, int]:
    """Daily, for the job's date `on`: active izin prinsip whose end date is before `on`
    expire, each with its cascade — except, while EXTENSION_PENDING_KEEPS_VALID is on, those
    whose extension was filed in time and is not yet decided (they expire on the first run
    after the extension is rejected, withdrawn or lapses; an approved one is covered by its
    successor, so its cascade finds nothing to end)."""
    counts = {"expired": 0, "held_over": 0}
    due = Permit.objects.filter(status=Permit.Status.ACTIVE, valid_until__lt=on)
    if setting("EXTENSION_PENDING_KEEPS_VALID"):
        counts["held_over"] = due.held_over().count()
        due = due.exclude(pk__in=Permit.objects.held_over().values("pk"))
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            permit = _lock_permit(pk)
            if permit.status != Permit.Status.ACTIVE or permit.valid_until >= on:
                continue  # changed meanwhile
            _permit_end(permit, "expire", None, "", "", on)
            cascade_end(permit, None, on)
            counts["expired"] += 1
    return counts


# --- izin operasional and foreign staff --------------------------------------------------


def _operational_end(
    io: IzinOperasional,
    status: str,
    actor: "User | None",  # None: the cascade of the daily job
    reason: str,
    legal_basis: str,
    on: date,
) -> None:
    old = io.status
    io.status = status
    io.ended_on = on
    io.end_reason = reason
    io.end_legal_basis = legal_basis
    if status == IzinOperasional.Status.ENDED_BY_PARENT:
        io.flag = reason
    io.save()
    audit_event_record(
        event="izin_operasional.ended_by_parent"
        if status == IzinOperasional.Status.ENDED_BY_PARENT
        else "izin_operasional.ended",
        target=io,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": status},
            "reason": reason,
            "legal_basis": legal_basis,
            "on": on.isoformat(),
        },
    )


@transaction.atomic
def izin_operasional_end(
    *, operational_id: int, reason: str, legal_basis: str, actor: "User"
) -> IzinOperasional:
    """End an active izin operasional today: status "ended by its issuer", with reason and
    legal basis, audit `izin_operasional.ended`, notice `permits.operational_ended` (the
    holder, the issuer, the TPOA secretariat). The izin prinsip and the MSP stay as they are.

    By the ministry or regional government that issued it (or an operator). Refuses,
    writing nothing: another actor; no reason or legal basis; one no longer active.
    """
    io = (
        IzinOperasional.objects.select_for_update()
        .select_related("issuer")
        .filter(pk=operational_id)
        .first()
    )
    if io is None:
        raise ApplicationError(_("This izin operasional does not exist."))
    if not roles.can_end_operational(actor, io.issuer):
        raise ApplicationError(
            _("Only the ministry or regional government that issued it may end it.")
        )
    errors = _grounds(reason, legal_basis)
    if io.status != IzinOperasional.Status.ACTIVE:
        errors["operational"] = [
            _("This izin operasional is %(status)s already.") % {"status": io.get_status_display()}
        ]
    _check(errors, _("The izin operasional was not ended."))
    _operational_end(
        io, IzinOperasional.Status.ENDED, actor, reason.strip(), legal_basis.strip(), today()
    )
    notify(event=notices.OPERATIONAL_ENDED, subject=io, actor=actor)
    return io


@transaction.atomic
def staff_assignment_end(
    *, assignment_id: int, reason: str, legal_basis: str, actor: "User"
) -> ForeignStaffAssignment:
    """End an active foreign staff assignment today (end of contract, the 5-year cap, the
    izin prinsip ended, a sanction): status ended, with reason and legal basis, its flag
    cleared, audit `foreign_staff.ended`, notice `permits.staff_ended` (the organization,
    Biro KTLN). It no longer counts towards the limit of 3.

    By Biro KTLN, which approved it (or an operator). Refuses, writing nothing: another
    actor; no reason or legal basis; an assignment already ended.
    """
    if not roles.can_end_staff(actor):
        raise ApplicationError(_("Only Biro KTLN may end a foreign staff assignment."))
    staff = ForeignStaffAssignment.objects.select_for_update().filter(pk=assignment_id).first()
    if staff is None:
        raise ApplicationError(_("This assignment does not exist."))
    errors = _grounds(reason, legal_basis)
    if staff.status == ForeignStaffAssignment.Status.ENDED:
        errors["assignment"] = [_("This assignment has already ended.")]
    _check(errors, _("The assignment was not ended."))
    on = today()
    staff.status = ForeignStaffAssignment.Status.ENDED
    staff.ended_on = on
    staff.end_reason = reason.strip()
    staff.end_legal_basis = legal_basis.strip()
    old_flag, staff.flag = staff.flag, ""
    staff.save()
    audit_event_record(
        event="foreign_staff.ended",
        target=staff,
        actor=actor,
        data={
            "old": {"status": "active", "flag": old_flag},
            "new": {"status": staff.status},
            "reason": staff.end_reason,
            "legal_basis": staff.end_legal_basis,
            "on": on.isoformat(),
        },
    )
    current = (
        Permit.objects.filter(organization_id=staff.organization_id)
        .order_by("-valid_until")
        .first()
    )
    notify(event=notices.STAFF_ENDED, subject=staff, actor=actor, context={"permit": current})
    return staff
