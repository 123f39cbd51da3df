"""Izin operasional: recording one and re-checking it against the izin prinsip."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.agreements.permissions import agreement_is_editable_by
from mitra.agreements.validation import frame_problems
from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError
from mitra.core.periods import Period, check_within
from mitra.organizations.models import ForeignOrganization

from ..models import IzinOperasional, Permit

if TYPE_CHECKING:
    from mitra.accounts.models import User


@dataclass
class OperationalInput:
    number: str
    agreement: Any
    valid_from: date
    valid_until: date


def _lock_permit(permit_id: int) -> Permit:
    permit = Permit.objects.select_for_update().filter(pk=permit_id).first()
    if permit is None:
        raise ApplicationError(_("This permit does not exist."))
    return permit


@transaction.atomic
def izin_operasional_create(
    *, permit_id: int, data: OperationalInput, actor: "User"
) -> IzinOperasional:
    """Record an izin operasional for an MSP. Needs a valid izin prinsip of the MSP's foreign
    party and may not outlast it (N3, N4). Issued by the MSP's owner (or an operator)."""
    from mitra.agreements.models import Agreement

    permit = _lock_permit(permit_id)
    agreement = data.agreement
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not record an izin operasional."))
    # The MSP's owning unit (or its agency, when no unit holds it): the one edit rule.
    if not agreement_is_editable_by(user=actor, agreement=agreement):
        raise ApplicationError(
            _("Only the MSP's partner ministry may record its izin operasional.")
        )
    errors: dict[str, list[str]] = {}
    if not data.number.strip():
        errors["number"] = [_("Required.")]
    elif IzinOperasional.objects.filter(number=data.number.strip()).exists():
        errors["number"] = [_("This number is already recorded.")]
    if agreement.type != Agreement.Type.MSP:
        errors["agreement"] = [_("An izin operasional belongs to an MSP.")]
    if not agreement.parties.filter(organization_id=permit.organization_id).exists():
        errors["agreement"] = [_("The MSP is not with this organization.")]
    if data.valid_until < data.valid_from:
        errors["valid_until"] = [_("The end date is before the start date.")]
    if permit.status != Permit.Status.ACTIVE or not (
        permit.valid_from <= data.valid_from <= permit.valid_until
    ):
        errors["permit"] = [_("An izin operasional needs a valid izin prinsip.")]
    elif permit.organization.status == ForeignOrganization.Status.SUSPENDED:
        # A suspended holder may not start anything new (domain.md §3.1; the suspension is
        # the organization's, `Permit.effective_status`).
        errors["permit"] = [
            _("%(org)s is suspended: no izin operasional until it is reinstated.")
            % {"org": permit.organization.legal_name}
        ]
    errors.update(_containment(permit.organization_id, data.valid_from, data.valid_until))
    # N3: izin operasional ⊆ an MSP in force (not superseded, expired or terminated).
    label = _("The izin operasional")
    in_msp = frame_problems(agreement, start=data.valid_from, end=data.valid_until, label=label)
    if in_msp:
        errors.setdefault("agreement", []).extend(in_msp)
    if errors:
        raise ApplicationError(_("The izin operasional was not recorded."), errors)
    io = IzinOperasional.objects.create(
        number=data.number.strip(),
        permit=permit,
        agreement=agreement,
        issuer=agreement.owner,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        created_by=actor if actor.pk else None,
    )
    audit_event_record(
        event="izin_operasional.created",
        target=io,
        actor=actor,
        data={"new": {"number": io.number, "permit": permit.number, "agreement": agreement.pk}},
    )
    return io


def _containment(organization_id: int, start: date, end: date) -> dict[str, list[str]]:
    from ..selectors import izin_prinsip_period

    period = izin_prinsip_period(organization_id=organization_id, on=start)
    if period is None:
        return {"permit": [_("An izin operasional needs a valid izin prinsip.")]}
    problems = check_within(
        Period(start, end, _("The izin operasional")),
        Period(period[0], period[1], _("the izin prinsip")),
    )
    return {"valid_until": problems} if problems else {}


def izin_operasional_recheck(*, organization_id: int, actor: "User | None" = None) -> int:
    """Re-check every active izin operasional of the organization against its izin prinsip
    (after an issue, extension, expiry or revocation); flags those that no longer fit."""
    flagged = 0
    for io in IzinOperasional.objects.select_for_update().filter(
        permit__organization_id=organization_id, status=IzinOperasional.Status.ACTIVE
    ):
        problems = _containment(organization_id, io.valid_from, io.valid_until)
        flag = " ".join(m for ms in problems.values() for m in ms)
        if flag != io.flag:
            io.flag = flag
            io.save(update_fields=["flag", "updated_at"])
            audit_event_record(
                event="izin_operasional.rechecked", target=io, actor=actor, data={"flag": flag}
            )
        flagged += bool(flag)
    return flagged
