"""Writing foreign staff records: the request flow and the person's documents (issue 15 §2).

organization requests → partner ministry recommends (or refuses) → Biro KTLN approves (or
refuses, with the reason) and the assignment is recorded in licensing → the stay permit's
number and dates are recorded. Each step re-checks the actor, locks what it changes, checks
the cap and N9 (`rules`), audits and notifies. No audit data, notice or error message holds a
passport or stay-permit number: the audit says which private fields changed, never to what.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.validators import not_in_future
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization
from mitra.permits import roles as permit_roles
from mitra.permits import services as permit_services
from mitra.permits.models import ForeignStaffAssignment

from . import notices, rules
from .models import ForeignStaffPerson, PersonAssignment, StaffRequest

if TYPE_CHECKING:
    from mitra.accounts.models import User

PRIVATE_FIELDS = (
    "passport_number",
    "passport_expires_on",
    "stay_permit_number",
    "stay_permit_valid_from",
    "stay_permit_valid_until",
)


@dataclass
class StaffRequestInput:
    name: str
    nationality: str
    passport_number: str
    passport_expires_on: date | None
    position: str
    start_date: date
    end_date: date
    partner_ministry_id: int | None


@dataclass
class StayPermitInput:
    stay_permit_number: str
    stay_permit_valid_from: date
    stay_permit_valid_until: date


@dataclass
class PersonDocumentsInput:
    passport_number: str
    passport_expires_on: date | None
    stay_permit_number: str
    stay_permit_valid_from: date | None
    stay_permit_valid_until: date | None


# --- who may ------------------------------------------------------------------------------


def _is_operator(actor: Any) -> bool:
    return bool(getattr(actor, "is_operator", False) and actor.is_active)


def can_request(actor: Any, organization_id: int) -> bool:
    return _is_operator(actor) or permit_roles.is_applicant(actor, organization_id)


def can_recommend(actor: Any, request: StaffRequest) -> bool:
    """SECURITY: an officer of the partner ministry named in the request (any unit), or an
    operator."""
    if _is_operator(actor):
        return True
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.can_edit_records
        and actor.agency is not None
        and actor.agency.pk == request.partner_ministry.root().pk
    )


def can_decide(actor: Any) -> bool:
    """SECURITY: approve or refuse: an officer of Biro KTLN's agency, or an operator."""
    return permit_roles.can_end_staff(actor)


def can_record_stay_permit(actor: Any, organization_id: int) -> bool:
    return can_decide(actor) or permit_roles.is_applicant(actor, organization_id)


def can_edit_documents(actor: Any, person: ForeignStaffPerson) -> bool:
    return can_decide(actor) or permit_roles.is_applicant(actor, person.organization_id)


# --- helpers ------------------------------------------------------------------------------


def _private_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The names of the private fields that changed (never their values)."""
    return sorted(name for name in PRIVATE_FIELDS if name in new and old.get(name) != new[name])


def _lock_request(request_id: int) -> StaffRequest:
    request = (
        StaffRequest.objects.select_for_update()
        .select_related("organization", "person", "partner_ministry")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise ApplicationError(_("This request does not exist."))
    return request


def _move(request: StaffRequest, action: str, **kwargs: Any) -> None:
    method = getattr(request, action)
    if not can_proceed(method):
        raise ApplicationError(
            _("This request is %(status)s: it cannot be changed this way.")
            % {"status": request.get_status_display()}
        )
    method(**kwargs)


# --- the request flow ---------------------------------------------------------------------


def _request_problems(data: StaffRequestInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in ("name", "position", "passport_number"):
        if not str(getattr(data, name) or "").strip():
            errors[name] = [_("Required.")]
    if len((data.nationality or "").strip()) != 2 or not data.nationality.strip().isalpha():
        errors["nationality"] = [_("Use a two-letter country code.")]
    if data.nationality and data.nationality.strip().upper() == "ID":
        errors["nationality"] = [_("Foreign staff are not Indonesian nationals.")]
    if data.end_date < data.start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    if data.passport_expires_on is not None and data.passport_expires_on < data.start_date:
        errors["passport_expires_on"] = [_("The passport expires before the assignment starts.")]
    if data.partner_ministry_id is None or not (
        GovernmentBody.objects.filter(pk=data.partner_ministry_id, parent__isnull=True).exists()
    ):
        errors["partner_ministry"] = [_("Choose the partner ministry.")]
    return errors


@transaction.atomic
def staff_request_create(
    *, organization_id: int, data: StaffRequestInput, actor: "User"
) -> StaffRequest:
    """An organization asks for the assignment approval of a foreign staff member. The person
    is found again by nationality and passport number (so N9 counts their assignments with
    any organization), or created. Refused, with the cap named, when the organization already
    has STAFF_MAX_ACTIVE active staff or open requests; refused when the period would take the
    person past the cumulative limit (N9)."""
    if not can_request(actor, organization_id):
        raise ApplicationError(_("Only the organization's representatives may request this."))
    organization = (
        ForeignOrganization.objects.select_for_update().filter(pk=organization_id).first()
    )
    if organization is None:
        raise ApplicationError(_("This organization does not exist."))
    errors = _request_problems(data)
    if errors:
        raise ApplicationError(_("The request was not filed."), errors)
    nationality = data.nationality.strip().upper()
    passport = data.passport_number.strip()
    person = (
        ForeignStaffPerson.objects.select_for_update()
        .filter(nationality=nationality, passport_number=passport)
        .first()
    )
    errors = rules.cap_problems(organization)
    if person is not None:
        if person.requests.filter(status__in=StaffRequest.OPEN_STATES).exists():
            errors.setdefault("passport_number", []).append(
                _("A request for this person is already being decided.")
            )
        if ForeignStaffAssignment.objects.filter(
            person_link__person=person, status=ForeignStaffAssignment.Status.ACTIVE
        ).exists():
            errors.setdefault("passport_number", []).append(
                _("This person holds an active assignment: it must end first.")
            )
    for field, messages in rules.cumulative_problems(
        person_id=person.pk if person else None,
        name=data.name.strip(),
        start=data.start_date,
        end=data.end_date,
    ).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ApplicationError(_("The request was not filed."), errors)
    created_by = actor if actor.pk else None
    if person is None:
        person = ForeignStaffPerson.objects.create(
            name=data.name.strip(),
            nationality=nationality,
            organization=organization,
            passport_number=passport,
            passport_expires_on=data.passport_expires_on,
            created_by=created_by,
        )
        audit_event_record(
            event="staff_person.created",
            target=person,
            actor=actor,
            data={
                "new": {
                    "name": person.name,
                    "nationality": nationality,
                    "organization": organization.pk,
                },
                "private_fields_set": _private_changes(
                    {},
                    {"passport_number": passport, "passport_expires_on": data.passport_expires_on},
                ),
            },
        )
    elif data.passport_expires_on and person.passport_expires_on != data.passport_expires_on:
        person.passport_expires_on = data.passport_expires_on
        person.save(update_fields=["passport_expires_on", "updated_at"])
        audit_event_record(
            event="staff_person.documents_updated",
            target=person,
            actor=actor,
            data={"private_fields_changed": ["passport_expires_on"]},
        )
    assert data.partner_ministry_id is not None  # checked by _request_problems
    request = StaffRequest.objects.create(
        organization=organization,
        person=person,
        position=data.position.strip(),
        start_date=data.start_date,
        end_date=data.end_date,
        partner_ministry_id=data.partner_ministry_id,
        requested_on=today(),
        created_by=created_by,
    )
    audit_event_record(
        event="staff_request.requested",
        target=request,
        actor=actor,
        data={
            "new": {
                "organization": organization.pk,
                "person": person.pk,
                "position": request.position,
                "start": data.start_date.isoformat(),
                "end": data.end_date.isoformat(),
                "partner_ministry": data.partner_ministry_id,
                "status": request.status,
            }
        },
    )
    notify(event=notices.REQUESTED, subject=request, actor=actor)
    return request


# A decision in words on a request: the transition's argument and the audit's key for the text,
# the field that keeps it, the audit event and the notice.
_DECISIONS = {
    "recommend": ("note", "recommendation", "staff_request.recommended", notices.RECOMMENDED),
    "refuse": ("reason", "refusal_reason", "staff_request.refused", notices.REFUSED),
}


def _decide(request: StaffRequest, action: str, text: str, *, actor: "User") -> StaffRequest:
    """Recommend or refuse a locked request the actor may decide, with its text: the move,
    dated today, saved, audited (old and new status, the text) and notified."""
    argument, field, event, notice = _DECISIONS[action]
    old = request.status
    _move(request, action, on=today(), **{argument: text})
    request.save()
    audit_event_record(
        event=event,
        target=request,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": request.status},
            argument: getattr(request, field),
        },
    )
    notify(event=notice, subject=request, actor=actor)
    return request


@transaction.atomic
def staff_request_recommend(*, request_id: int, note: str, actor: "User") -> StaffRequest:
    request = _lock_request(request_id)
    if not can_recommend(actor, request):
        raise ApplicationError(
            _("Only the partner ministry named in the request may recommend it.")
        )
    if not note.strip():
        raise ApplicationError(
            _("The recommendation was not recorded."), {"note": [_("Required.")]}
        )
    return _decide(request, "recommend", note.strip(), actor=actor)


@transaction.atomic
def staff_request_refuse(*, request_id: int, reason: str, actor: "User") -> StaffRequest:
    """Biro KTLN refuses (before approval), or the partner ministry declines to recommend."""
    request = _lock_request(request_id)
    allowed = can_decide(actor) or (
        request.status == StaffRequest.Status.REQUESTED and can_recommend(actor, request)
    )
    if not allowed:
        raise ApplicationError(_("You may not refuse this request."))
    if not reason.strip():
        raise ApplicationError(
            _("The refusal was not recorded."), {"reason": [_("Give the reason for the refusal.")]}
        )
    return _decide(request, "refuse", reason.strip(), actor=actor)


@transaction.atomic
def staff_request_approve(
    *, request_id: int, approval_number: str, approved_on: date, actor: "User"
) -> StaffRequest:
    """Biro KTLN approves a recommended request: the cap (active staff only: this request is
    one of the open ones) and N9 are checked again, the assignment is recorded in licensing
    (`permits.services.staff_assignment_create`, which checks the izin prinsip and the single
    assignment's length) and linked to the person, who now works for the organization."""
    if not can_decide(actor):
        raise ApplicationError(_("Only Biro KTLN may approve a foreign staff request."))
    request = _lock_request(request_id)
    errors: dict[str, list[str]] = {}
    if not approval_number.strip():
        errors["approval_number"] = [_("Required.")]
    if not_in_future(approved_on):
        errors["approved_on"] = not_in_future(approved_on)
    if request.status == StaffRequest.Status.RECOMMENDED:
        organization = ForeignOrganization.objects.select_for_update().get(
            pk=request.organization_id
        )
        errors.update(rules.cap_problems(organization, with_open_requests=False))
        for field, messages in rules.cumulative_problems(
            person_id=request.person_id,
            name=request.person.name,
            start=request.start_date,
            end=request.end_date,
        ).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ApplicationError(_("The request was not approved."), errors)
    if not can_proceed(request.approve):
        raise ApplicationError(
            _("This request is %(status)s: it cannot be changed this way.")
            % {"status": request.get_status_display()}
        )
    try:
        assignment = permit_services.staff_assignment_create(
            organization_id=request.organization_id,
            data=permit_services.StaffInput(
                name=request.person.name,
                nationality=request.person.nationality,
                position=request.position,
                start_date=request.start_date,
                end_date=request.end_date,
                ktln_approval_number=approval_number.strip(),
                ktln_approved_on=approved_on,
            ),
            actor=actor,
            from_request=True,
        )
    except ApplicationError as error:
        renamed = {"ktln_approved_on": "approved_on", "ktln_approval_number": "approval_number"}
        raise ApplicationError(
            error.message, {renamed.get(k, k): v for k, v in error.extra.items()}
        ) from error
    PersonAssignment.objects.create(person=request.person, assignment=assignment)
    old = request.status
    _move(request, "approve", number=approval_number.strip(), on=approved_on, assignment=assignment)
    request.save()
    person = ForeignStaffPerson.objects.select_for_update().get(pk=request.person_id)
    old_org = person.organization_id
    if old_org != request.organization_id:
        person.organization_id = request.organization_id
        person.save(update_fields=["organization", "updated_at"])
    request.person = person
    audit_event_record(
        event="staff_request.approved",
        target=request,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {
                "status": request.status,
                "approval": request.approval_number,
                "approved_on": approved_on.isoformat(),
                "assignment": assignment.pk,
                "person_organization": request.organization_id,
            },
        },
    )
    notify(event=notices.APPROVED, subject=request, actor=actor)
    return request


@transaction.atomic
def staff_request_record_stay_permit(
    *, request_id: int, data: StayPermitInput, actor: "User"
) -> StaffRequest:
    """The stay permit (KITAS) granted on the approval: its number and dates go on the person
    (private); the request becomes active."""
    request = _lock_request(request_id)
    if not can_record_stay_permit(actor, request.organization_id):
        raise ApplicationError(_("You may not record this stay permit."))
    errors: dict[str, list[str]] = {}
    if not data.stay_permit_number.strip():
        errors["stay_permit_number"] = [_("Required.")]
    if data.stay_permit_valid_until < data.stay_permit_valid_from:
        errors["stay_permit_valid_until"] = [_("The end date is before the start date.")]
    if errors:
        raise ApplicationError(_("The stay permit was not recorded."), errors)
    old = request.status
    _move(request, "record_stay_permit")
    request.save()
    person = ForeignStaffPerson.objects.select_for_update().get(pk=request.person_id)
    before = {name: getattr(person, name) for name in PRIVATE_FIELDS}
    person.stay_permit_number = data.stay_permit_number.strip()
    person.stay_permit_valid_from = data.stay_permit_valid_from
    person.stay_permit_valid_until = data.stay_permit_valid_until
    person.save()
    request.person = person
    changed = _private_changes(before, {name: getattr(person, name) for name in PRIVATE_FIELDS})
    audit_event_record(
        event="staff_request.stay_permit_recorded",
        target=request,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": request.status},
            "private_fields_changed": changed,
        },
    )
    return request


@transaction.atomic
def staff_person_update_documents(
    *, person_id: int, data: PersonDocumentsInput, actor: "User"
) -> ForeignStaffPerson:
    """A renewed passport or stay permit (the expiry reminders ask for it)."""
    person = ForeignStaffPerson.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        raise ApplicationError(_("This person does not exist."))
    if not can_edit_documents(actor, person):
        raise ApplicationError(_("You may not change this person's documents."))
    errors: dict[str, list[str]] = {}
    if not data.passport_number.strip():
        errors["passport_number"] = [_("Required.")]
    elif (
        ForeignStaffPerson.objects.filter(
            nationality=person.nationality, passport_number=data.passport_number.strip()
        )
        .exclude(pk=person.pk)
        .exists()
    ):
        errors["passport_number"] = [_("Another person holds this passport number.")]
    if (
        data.stay_permit_valid_from
        and data.stay_permit_valid_until
        and data.stay_permit_valid_until < data.stay_permit_valid_from
    ):
        errors["stay_permit_valid_until"] = [_("The end date is before the start date.")]
    if data.stay_permit_number.strip() and not data.stay_permit_valid_until:
        errors["stay_permit_valid_until"] = [_("Give the stay permit's last day.")]
    if errors:
        raise ApplicationError(_("The documents were not saved."), errors)
    before = {name: getattr(person, name) for name in PRIVATE_FIELDS}
    person.passport_number = data.passport_number.strip()
    person.passport_expires_on = data.passport_expires_on
    person.stay_permit_number = data.stay_permit_number.strip()
    person.stay_permit_valid_from = data.stay_permit_valid_from
    person.stay_permit_valid_until = data.stay_permit_valid_until
    changed = _private_changes(before, {name: getattr(person, name) for name in PRIVATE_FIELDS})
    if not changed:
        return person
    person.save()
    audit_event_record(
        event="staff_person.documents_updated",
        target=person,
        actor=actor,
        data={"private_fields_changed": changed},
    )
    return person


def staff_person_link_recorded(assignment: ForeignStaffAssignment, actor: Any) -> PersonAssignment:
    """An assignment Biro KTLN recorded after the fact (the izin prinsip page or the API, not a
    staff request) gets its person, so N9 and its alert count it: the organization's person of
    that name and nationality, or a new one whose passport is not known yet (as the data
    migration did for the records that predate persons). Registered in `permits.hooks`; runs
    in the recording transaction."""
    name = assignment.name.strip()
    nationality = assignment.nationality.upper()
    person = (
        ForeignStaffPerson.objects.select_for_update()
        .filter(organization_id=assignment.organization_id, name__iexact=name)
        .filter(nationality=nationality)
        .order_by("pk")
        .first()
    )
    if person is None:
        person = ForeignStaffPerson.objects.create(
            name=name,
            nationality=nationality,
            organization_id=assignment.organization_id,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_event_record(
            event="staff_person.created",
            target=person,
            actor=actor,
            data={
                "new": {"name": name, "nationality": nationality,
                        "organization": assignment.organization_id},
                "from_assignment": assignment.pk,
            },
        )  # fmt: skip
    return PersonAssignment.objects.create(person=person, assignment=assignment)
