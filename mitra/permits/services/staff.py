"""Foreign staff assignments approved by Biro KTLN."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError
from mitra.core.validators import not_in_future
from mitra.organizations.models import ForeignOrganization

from .. import hooks, roles, validation
from ..conf import setting
from ..models import ForeignStaffAssignment

if TYPE_CHECKING:
    from mitra.accounts.models import User


@dataclass
class StaffInput:
    name: str
    nationality: str
    position: str
    start_date: date
    end_date: date
    ktln_approval_number: str
    ktln_approved_on: date


@transaction.atomic
def staff_assignment_create(
    *, organization_id: int, data: StaffInput, actor: "User", from_request: bool = False
) -> ForeignStaffAssignment:
    """Record a foreign staff assignment approved by Biro KTLN: at most 3 active per
    organization, each at most 5 years (PP 59 Ps 25; N9). Recorded after the fact (not
    `from_request`, whose caller links the person itself), the registered hooks then link it
    to its person (`hooks.assignment_recorded`)."""
    if not (
        getattr(actor, "is_operator", False)
        or (
            getattr(actor, "is_authenticated", False)
            and actor.can_edit_records
            and roles.agency_key(actor) == setting("STAFF_APPROVER")
        )
    ):
        raise ApplicationError(_("Only Biro KTLN may record a foreign staff approval."))
    organization = (
        ForeignOrganization.objects.select_for_update().filter(pk=organization_id).first()
    )
    if organization is None:
        raise ApplicationError(_("This organization does not exist."))
    errors = validation.staff_problems(organization, data)
    if not_in_future(data.ktln_approved_on):
        errors["ktln_approved_on"] = not_in_future(data.ktln_approved_on)
    if errors:
        raise ApplicationError(_("The assignment was not recorded."), errors)
    staff = ForeignStaffAssignment.objects.create(
        organization=organization,
        name=data.name.strip(),
        nationality=data.nationality.upper(),
        position=data.position.strip(),
        start_date=data.start_date,
        end_date=data.end_date,
        ktln_approval_number=data.ktln_approval_number.strip(),
        ktln_approved_on=data.ktln_approved_on,
        created_by=actor if actor.pk else None,
    )
    audit_event_record(
        event="foreign_staff.assigned",
        target=staff,
        actor=actor,
        data={
            "new": {
                "organization": organization.pk,
                "start": data.start_date.isoformat(),
                "end": data.end_date.isoformat(),
                "approval": staff.ktln_approval_number,
            }
        },
    )
    if not from_request:
        hooks.assignment_recorded(staff, actor)
    return staff
