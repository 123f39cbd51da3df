"""The izin prinsip record: its numbering and permits issued before the system."""

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.agreements.services import agreements_recheck_cover
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.concurrency import serialise
from mitra.core.exceptions import ApplicationError
from mitra.core.validators import not_in_future
from mitra.organizations.models import ForeignOrganization

from .. import roles, validation
from ..models import Permit, Track
from ..org_status import organization_status_refresh

if TYPE_CHECKING:
    from mitra.accounts.models import User


def _next_permit_number(year: int) -> str:
    # Two permits issued at once must not take the same number (core.concurrency.serialise).
    serialise("permits.permit_number")
    prefix = f"IP-{year}-"
    last = (
        Permit.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def permit_record_existing(
    *,
    organization: ForeignOrganization,
    number: str,
    decision_date: date,
    valid_from: date,
    valid_until: date,
    actor: "User",
    partner_ministry: GovernmentBody | None = None,
    conditions: str = "",
) -> Permit:
    """Record an izin prinsip issued before the system (paper records). Secretariat only;
    the same rules as a decision: an ormas asing, at most 3 years, a unique number."""
    if not roles.can_act_for_secretariat(actor, Track.TPOA):
        raise ApplicationError(_("Only the secretariat may do this."))
    errors = validation.validity_problems(valid_from, valid_until)
    if not_in_future(decision_date):
        errors["decision_date"] = not_in_future(decision_date)
    if not organization.needs_izin_prinsip:
        errors["organization"] = [_("Only foreign foundations and NGOs hold an izin prinsip.")]
    if not number.strip() or Permit.objects.filter(number=number.strip()).exists():
        errors["number"] = [_("Give a number that is not already recorded.")]
    if errors:
        raise ApplicationError(_("The permit was not recorded."), errors)
    permit = Permit.objects.create(
        number=number.strip(),
        organization=organization,
        partner_ministry=partner_ministry.root() if partner_ministry else None,
        decision_date=decision_date,
        valid_from=valid_from,
        valid_until=valid_until,
        conditions=conditions.strip(),
        created_by=actor if actor is not None and actor.pk else None,
    )
    audit_event_record(
        event="permit.recorded",
        target=permit,
        actor=actor,
        data={
            "new": {
                "number": permit.number,
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
            }
        },
    )
    agreements_recheck_cover(organization_ids={organization.pk}, actor=actor)
    organization_status_refresh(organization_id=organization.pk, reason="permit.recorded")
    return permit
