"""Writing meetings: create, change, move, invitations, attendance, agenda, minutes, positions,
decisions, action items and outcomes (agreements signed at the meeting). Each writes audit."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from mitra.accounts.ownership import user_edits_for
from mitra.agreements.access import agreement_refresh_access
from mitra.agreements.models import Agreement
from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.bodies.models import GovernmentBody
from mitra.core.concurrency import lock_version, unique_or_conflict
from mitra.core.exceptions import ApplicationError, Conflict
from mitra.notifications.registry import event_recipients
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization

from .models import (
    ActionItem,
    AgendaItem,
    Attendee,
    Decision,
    InvitedBody,
    Meeting,
    MinutesVersion,
    Position,
)
from .notices import invitation_addresses, invitation_key
from .permissions import meeting_is_editable_by
from .validation import check_meeting

if TYPE_CHECKING:
    from mitra.accounts.models import User

AUDITED_FIELDS = [
    "kind", "title", "purpose", "starts_at", "ends_at", "mode", "venue", "online_platform",
    "online_link", "organizer", "organizer_unit", "status",
]  # fmt: skip


@dataclass
class MeetingInput:
    """What a form, an API call, the intake or the demo provides for a meeting."""

    kind: str
    title: str
    starts_at: datetime | None
    mode: str
    organizer: GovernmentBody
    organizer_unit: GovernmentBody | None = None
    purpose: str = ""
    ends_at: datetime | None = None
    venue: str = ""
    online_platform: str = ""
    online_link: str = ""
    agreements: Sequence[Agreement] = field(default_factory=list)
    organizations: Sequence[ForeignOrganization] = field(default_factory=list)


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    """The audited fields; times in Asia/Jakarta, however the value was loaded."""
    snapshot = model_snapshot(meeting, AUDITED_FIELDS)
    for name in ("starts_at", "ends_at"):
        value = getattr(meeting, name)
        snapshot[name] = timezone.localtime(value).isoformat() if value else None
    return snapshot


def _require_editor(actor: "User", organizer: GovernmentBody, unit: GovernmentBody | None) -> None:
    """SECURITY: officers write the meetings their unit (or their agency as a whole, when no
    unit organizes) organizes; operators any (`accounts.ownership`)."""
    if actor is None or not getattr(actor, "can_edit_records", False):
        raise ApplicationError(_("You may not change meetings."))
    agency = organizer.root()
    if not user_edits_for(actor, agency_id=agency.pk, unit_id=unit.pk if unit else None):
        if actor.agency is not None and actor.agency.pk == agency.pk and unit is not None:
            raise ApplicationError(
                _("Only officers of %(unit)s may change this meeting; your agency reads it.")
                % {"unit": unit.name}
            )
        raise ApplicationError(_("You may only record meetings your own agency organizes."))


def _locked(meeting_id: int, actor: "User", expected_version: int | None = None) -> Meeting:
    """The meeting, locked for this transaction and its version bumped (core.concurrency);
    StaleVersion when `expected_version` is given and no longer current."""

    def authorize(meeting: Meeting) -> None:
        if not meeting_is_editable_by(user=actor, meeting=meeting):
            raise ApplicationError(_("You may not change this meeting."))

    try:
        return lock_version(
            Meeting.objects, pk=meeting_id, expected_version=expected_version, authorize=authorize
        )
    except Meeting.DoesNotExist as exc:
        raise ApplicationError(_("You may not change this meeting.")) from exc


def _not_cancelled(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError(_("A cancelled meeting can no longer change."))


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _validate(data: MeetingInput) -> datetime:
    """Check the input (times made aware in place); the meeting's start, which it must have."""
    data.starts_at = _aware(data.starts_at)
    data.ends_at = _aware(data.ends_at)
    errors = check_meeting(
        title=data.title,
        kind=data.kind,
        mode=data.mode,
        venue=data.venue,
        online_platform=data.online_platform,
        online_link=data.online_link,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
    )
    if data.organizer_unit is not None and data.organizer_unit.root().pk != data.organizer.pk:
        errors.setdefault("organizer_unit", []).append(
            _("The unit must belong to the organizing body.")
        )
    if errors or data.starts_at is None:  # no start: check_meeting gave its error
        raise ApplicationError(_("The meeting was not saved."), extra=errors)
    return data.starts_at


def _require_own_agreements(actor: "User", agreements: Iterable[Any]) -> None:
    """SECURITY: linking an agreement to a meeting lets the meeting's bodies read it (grant
    `meeting.agenda`), so only the agency whose own work it is (owner, party, shared) links it;
    a body that only reads it through a grant may not pass it on."""
    ids = {a.pk for a in agreements}
    if not ids:
        return
    own = set(Agreement.objects.owned_by(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if ids - own:
        raise ApplicationError(
            _("Link only agreements of your own agency to a meeting."),
            {"agreements": [_("Link only agreements of your own agency to a meeting.")]},
        )


def _refresh_agreement_access(meeting: Meeting, also: Iterable[int] = ()) -> None:
    """SECURITY: the bodies organizing, invited to or attending a meeting read the agreements
    linked to it (visibility grant `meeting.agenda`, ADR 0015): refresh those agreements'
    access rows after a change of links, invitations or attendees."""
    agreement_refresh_access({*meeting.agreements.values_list("pk", flat=True), *also})


def _organizer(data: MeetingInput) -> None:
    """Store the top-level body as organizer; a unit given as organizer becomes the unit."""
    if data.organizer.parent_id is not None and data.organizer_unit is None:
        data.organizer_unit = data.organizer
    data.organizer = data.organizer.root()


@transaction.atomic
def meeting_create(*, data: MeetingInput, actor: "User") -> Meeting:
    """Record a meeting (status planned). Validates mode, venue, platform and times.

    Side effects: linked agreements and organizations; one `meeting.created` audit event.
    """
    _organizer(data)
    _require_editor(actor, data.organizer, data.organizer_unit)
    starts_at = _validate(data)
    _require_own_agreements(actor, data.agreements)
    meeting = Meeting(
        kind=data.kind,
        title=data.title.strip(),
        purpose=data.purpose,
        starts_at=starts_at,
        ends_at=data.ends_at,
        mode=data.mode,
        venue=data.venue.strip(),
        online_platform=data.online_platform.strip(),
        online_link=data.online_link.strip(),
        organizer=data.organizer,
        organizer_unit=data.organizer_unit,
        organizer_agency=data.organizer,
        created_by=actor,
    )
    meeting.save()
    meeting.agreements.set(list(data.agreements))
    meeting.organizations.set(list(data.organizations))
    # SECURITY: the meeting's participants read its agreements (visibility grant).
    _refresh_agreement_access(meeting)
    audit_event_record(
        event="meeting.created",
        target=meeting,
        actor=actor,
        data={
            "new": _snapshot(meeting),
            "agreements": [a.pk for a in data.agreements],
            "organizations": [o.pk for o in data.organizations],
        },
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting_id: int,
    data: MeetingInput,
    actor: "User",
    expected_version: int | None = None,
) -> Meeting:
    """Change a meeting's fields and links. The status moves only by transitions.

    `expected_version`: the version the caller read; StaleVersion when it changed meanwhile
    (None: no check)."""
    meeting = _locked(meeting_id, actor, expected_version)
    _not_cancelled(meeting)
    _organizer(data)
    _require_editor(actor, data.organizer, data.organizer_unit)
    _validate(data)
    before = _snapshot(meeting)
    linked_before = set(meeting.agreements.values_list("pk", flat=True))
    _require_own_agreements(actor, [a for a in data.agreements if a.pk not in linked_before])
    for name in ["kind", "purpose", "starts_at", "ends_at", "mode", "organizer_unit"]:
        setattr(meeting, name, getattr(data, name))
    meeting.title = data.title.strip()
    meeting.venue = data.venue.strip()
    meeting.online_platform = data.online_platform.strip()
    meeting.online_link = data.online_link.strip()
    meeting.organizer = data.organizer
    meeting.organizer_agency = data.organizer
    meeting.save()
    # Agreements signed at the meeting stay linked whatever the form says.
    signed = list(meeting.signed_agreements.all())
    meeting.agreements.set({*data.agreements, *signed})
    meeting.organizations.set(list(data.organizations))
    # SECURITY: unlinked agreements lose the participants' grant, linked ones gain it (and a
    # new organizer reads them).
    _refresh_agreement_access(meeting, also=linked_before)
    diff = snapshot_diff(before, _snapshot(meeting))
    audit_event_record(event="meeting.updated", target=meeting, actor=actor, data=diff)
    return meeting


# Transitions a user may ask for by name, and the audit event each one writes.
TRANSITIONS = {
    "hold": "meeting.held",
    "circulate_minutes": "meeting.minutes_circulated",
    "approve_minutes": "meeting.minutes_approved",
    "cancel": "meeting.cancelled",
}


def meeting_available_transitions(*, meeting: Meeting, actor: "User") -> list[str]:
    if not meeting_is_editable_by(user=actor, meeting=meeting):
        return []
    return [name for name in TRANSITIONS if can_proceed(getattr(meeting, name))]


@transaction.atomic
def meeting_transition(
    *, meeting_id: int, transition: str, actor: "User", reason: str = ""
) -> Meeting:
    """Move a meeting through planned → held → minutes circulated → minutes approved (or
    cancelled). Circulating needs a minutes version; approving approves the circulated one."""
    if transition not in TRANSITIONS:
        raise ApplicationError(_("Unknown status change."))
    meeting = _locked(meeting_id, actor)
    method = getattr(meeting, transition)
    if not can_proceed(method):
        raise ApplicationError(
            _("A meeting that is %(status)s cannot do that.")
            % {"status": meeting.get_status_display().lower()}
        )
    latest = meeting.minutes.order_by("-number").first()
    now = timezone.now()
    data: dict[str, Any] = {"old": {"status": meeting.status}}
    if transition == "hold" and meeting.starts_at > now:
        raise ApplicationError(_("A meeting cannot be marked held before it starts."))
    if transition == "cancel":
        if not reason.strip():
            raise ApplicationError(_("Give the reason for cancelling."), {"reason": ["?"]})
        method(reason=reason.strip())
    elif transition == "circulate_minutes":
        if latest is None:
            raise ApplicationError(_("Write the minutes before circulating them."))
        if latest.circulated_at is not None:
            raise ApplicationError(_("This version was circulated already; add a new version."))
        method()
        MinutesVersion.objects.filter(pk=latest.pk).update(circulated_at=now)
        data["minutes_version"] = latest.number
    elif transition == "approve_minutes":
        if latest is None or latest.circulated_at is None:
            raise ApplicationError(_("Circulate the latest minutes version before approving."))
        method()
        MinutesVersion.objects.filter(pk=latest.pk).update(approved_at=now)
        data["minutes_version"] = latest.number
    else:
        method()
    meeting.save()
    data["new"] = {"status": meeting.status}
    if reason:
        data["reason"] = reason
    audit_event_record(event=TRANSITIONS[transition], target=meeting, actor=actor, data=data)
    if transition == "approve_minutes":
        notify(
            event="meetings.minutes_approved",
            subject=meeting,
            actor=actor,
            context={"version": data["minutes_version"]},
            key=f"v{data['minutes_version']}",
        )
    return meeting


# --- participants -------------------------------------------------------------------------


@transaction.atomic
def meeting_invite_body(
    *,
    meeting_id: int,
    actor: "User",
    body: GovernmentBody | None = None,
    unit: GovernmentBody | None = None,
    description: str = "",
    email: str = "",
) -> InvitedBody:
    """Invite a body (with its unit), or a group named in words, to the meeting."""
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    if body is None and unit is not None:
        body = unit.root()
    if body is not None and unit is None and body.parent_id is not None:
        body, unit = body.root(), body
    if body is None and not description.strip():
        raise ApplicationError(
            _("Choose the invited body or describe the group."), {"body": [_("Required.")]}
        )
    if unit is not None and body is not None and unit.root().pk != body.root().pk:
        raise ApplicationError(
            _("The unit must belong to the invited body."), {"unit": [_("Wrong unit.")]}
        )
    duplicate = (_("This body is invited already."), {"body": [_("Duplicate.")]})
    if body is not None and meeting.invited.filter(body=body, unit=unit).exists():
        raise Conflict(*duplicate)
    with unique_or_conflict(*duplicate):
        invited = InvitedBody.objects.create(
            meeting=meeting,
            body=body.root() if body else None,
            unit=unit,
            agency=body.root() if body else None,
            description=description.strip(),
            email=email.strip(),
        )
    _refresh_agreement_access(meeting)
    audit_event_record(
        event="meeting.body_invited",
        target=meeting,
        actor=actor,
        data={"new": {"invited": str(invited), "email": invited.email}},
    )
    return invited


def _capacities(represents: Iterable[str] | str) -> list[str]:
    if isinstance(represents, str):
        represents = represents.replace(";", "\n").splitlines()
    return [r.strip() for r in represents if r and r.strip()]


@transaction.atomic
def meeting_attendee_add(
    *,
    meeting_id: int,
    actor: "User",
    name: str = "",
    title: str = "",
    body: GovernmentBody | None = None,
    organization: ForeignOrganization | None = None,
    role: str = Attendee.Role.PARTICIPANT,
    represents: Iterable[str] | str = (),
    email: str = "",
    attended: bool | None = None,
    person: Any = None,
) -> Attendee:
    """Add a person to the meeting: with their body or organization, role and capacities."""
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    errors: dict[str, list[str]] = {}
    if not (name or "").strip() and not (title or "").strip():
        errors["name"] = [_("Give the person's name or position.")]
    if body is not None and organization is not None:
        errors["organization"] = [_("Choose a government body or an organization, not both.")]
    if role not in Attendee.Role.values:
        errors["role"] = [_("Unknown role.")]
    if errors:
        raise ApplicationError(_("The attendee was not added."), extra=errors)
    attendee = Attendee.objects.create(
        meeting=meeting,
        name=(name or "").strip(),
        title=(title or "").strip(),
        person=person,
        body=body,
        agency=body.root() if body else None,
        organization=organization,
        role=role,
        represents=_capacities(represents),
        email=(email or "").strip(),
        attended=attended,
    )
    if attendee.agency_id is not None:
        _refresh_agreement_access(meeting)
    audit_event_record(
        event="meeting.attendee_added",
        target=meeting,
        actor=actor,
        data={
            "new": {
                "attendee": str(attendee),
                "affiliation": attendee.affiliation,
                "role": attendee.role,
                "represents": attendee.represents,
            }
        },
    )
    return attendee


@transaction.atomic
def meeting_attendance_record(
    *, meeting_id: int, attended: dict[int, bool], actor: "User"
) -> Meeting:
    """Record who attended: {attendee id: True/False}. Only changed rows are written."""
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for attendee in meeting.attendees.all():
        if attendee.pk not in attended or attendee.attended == attended[attendee.pk]:
            continue
        old[str(attendee)] = attendee.attended
        new[str(attendee)] = attended[attendee.pk]
        attendee.attended = attended[attendee.pk]
        attendee.save(update_fields=["attended"])
    if new:
        audit_event_record(
            event="meeting.attendance_recorded",
            target=meeting,
            actor=actor,
            data={"old": old, "new": new},
        )
    return meeting


# --- agenda, minutes, positions, decisions, action items ------------------------------------


@transaction.atomic
def meeting_agenda_item_add(
    *,
    meeting_id: int,
    title: str,
    actor: "User",
    description: str = "",
    agreement: Agreement | None = None,
) -> AgendaItem:
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    if not title.strip():
        raise ApplicationError(_("Give the agenda item a title."), {"title": [_("Required.")]})
    order = meeting.agenda_items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title.strip(),
        description=description,
        agreement=agreement,
    )
    audit_event_record(
        event="meeting.agenda_item_added",
        target=meeting,
        actor=actor,
        data={"new": {"agenda_item": str(item)}},
    )
    return item


@transaction.atomic
def meeting_minutes_add(*, meeting_id: int, text: str, actor: "User") -> MinutesVersion:
    """Write a new minutes version. Earlier versions are kept unchanged; approved minutes are
    final."""
    meeting = _locked(meeting_id, actor)
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_CIRCULATED):
        raise ApplicationError(
            _("Minutes are written after the meeting is held and before they are approved.")
        )
    if not text.strip():
        raise ApplicationError(_("The minutes are empty."), {"text": [_("Required.")]})
    number = (meeting.minutes.order_by("-number").values_list("number", flat=True).first()) or 0
    version = MinutesVersion.objects.create(
        meeting=meeting, number=number + 1, text=text.strip(), created_by=actor
    )
    audit_event_record(
        event="meeting.minutes_written",
        target=meeting,
        actor=actor,
        data={"new": {"minutes_version": version.number}},
    )
    return version


@transaction.atomic
def meeting_position_record(
    *,
    meeting_id: int,
    body: GovernmentBody,
    stance: str,
    actor: "User",
    agenda_item_id: int | None = None,
    note: str = "",
) -> Position:
    """A body's position (support / object / note / abstain) on an agenda item."""
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    if stance not in Position.Stance.values:
        raise ApplicationError(_("Unknown position."), {"stance": [_("Required.")]})
    item = None
    if agenda_item_id is not None:
        item = meeting.agenda_items.filter(pk=agenda_item_id).first()
        if item is None:
            raise ApplicationError(
                _("Choose an agenda item of this meeting."), {"agenda_item": ["?"]}
            )
    position = Position.objects.create(
        meeting=meeting, agenda_item=item, body=body, stance=stance, note=note.strip()
    )
    audit_event_record(
        event="meeting.position_recorded",
        target=meeting,
        actor=actor,
        data={
            "new": {
                "body": str(body),
                "agenda_item": str(item) if item else "",
                "position": stance,
            }
        },
    )
    return position


@transaction.atomic
def meeting_decision_add(
    *, meeting_id: int, text: str, actor: "User", agenda_item_id: int | None = None
) -> Decision:
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    if not text.strip():
        raise ApplicationError(_("The decision is empty."), {"text": [_("Required.")]})
    item = None
    if agenda_item_id is not None:
        item = meeting.agenda_items.filter(pk=agenda_item_id).first()
        if item is None:
            raise ApplicationError(
                _("Choose an agenda item of this meeting."), {"agenda_item": ["?"]}
            )
    decision = Decision.objects.create(meeting=meeting, agenda_item=item, text=text.strip())
    audit_event_record(
        event="meeting.decision_recorded",
        target=meeting,
        actor=actor,
        data={"new": {"decision": decision.text[:200]}},
    )
    return decision


@transaction.atomic
def meeting_action_item_add(
    *,
    meeting_id: int,
    text: str,
    actor: "User",
    owner_body: GovernmentBody | None = None,
    owner_person: str = "",
    due_date: date | None = None,
) -> ActionItem:
    """A follow-up task with an owner and a due date (it feeds the deadline engine). The
    responsible body's officials are told (`meetings.action_item_assigned`)."""
    meeting = _locked(meeting_id, actor)
    _not_cancelled(meeting)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Describe the action.")]
    if owner_body is None and not owner_person.strip():
        errors["owner_body"] = [_("Name the body or the person responsible.")]
    if errors:
        raise ApplicationError(_("The action item was not saved."), extra=errors)
    item = ActionItem.objects.create(
        meeting=meeting,
        text=text.strip(),
        owner_body=owner_body,
        owner_person=owner_person.strip(),
        due_date=due_date,
    )
    audit_event_record(
        event="meeting.action_item_added",
        target=meeting,
        actor=actor,
        data={
            "new": {
                "action_item": item.text[:200],
                "owner": str(owner_body or owner_person),
                "due_date": due_date.isoformat() if due_date else None,
            }
        },
    )
    if owner_body is not None:
        notify(event="meetings.action_item_assigned", subject=item, actor=actor)
    return item


@transaction.atomic
def meeting_action_item_set_status(
    *, action_item_id: int, status: str, actor: "User"
) -> ActionItem:
    """Mark an action item done or cancelled (or open again)."""
    item = ActionItem.objects.select_for_update().filter(pk=action_item_id).first()
    if item is None:
        raise ApplicationError(_("You may not change this meeting."))
    _locked(item.meeting_id, actor)
    if status not in ActionItem.Status.values:
        raise ApplicationError(_("Unknown status."), {"status": ["?"]})
    if item.status == status:
        return item
    old = item.status
    item.status = status
    item.save(update_fields=["status"])
    audit_event_record(
        event="meeting.action_item_status_changed",
        target=item.meeting,
        actor=actor,
        data={"action_item": item.pk, "old": {"status": old}, "new": {"status": status}},
    )
    return item


# --- outcomes -----------------------------------------------------------------------------


@transaction.atomic
def meeting_record_signing(
    *, meeting: Meeting | int, agreements: Iterable[Agreement], actor: "User"
) -> list[Agreement]:
    """Record the agreements signed at the meeting: they are linked to it, each agreement's
    history shows the meeting (`agreement.signed_at_meeting`), and a draft or an agreement
    under review that has its signing date is marked signed through the agreement service.

    SECURITY: the actor must be able to edit the meeting and each agreement.
    """
    from mitra.agreements.services import agreement_transition

    meeting_id = meeting.pk if isinstance(meeting, Meeting) else meeting
    locked = _locked(meeting_id, actor)
    if locked.status == Meeting.Status.CANCELLED:
        raise ApplicationError(_("Nothing can be signed at a cancelled meeting."))
    wanted = [a.pk for a in agreements]
    if not wanted:
        raise ApplicationError(_("Choose the agreements signed."), {"agreements": ["?"]})
    editable = list(Agreement.objects.editable_by(actor).filter(pk__in=wanted).order_by("id"))
    if len(editable) != len(set(wanted)):
        raise ApplicationError(
            _("You may only record signings of agreements you may change."),
            {"agreements": [_("Not allowed.")]},
        )
    already = set(locked.signed_agreements.values_list("pk", flat=True))
    done = []
    on = timezone.localtime(locked.starts_at).date()
    for agreement in editable:
        if agreement.pk in already:
            continue
        if (
            agreement.status in (Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW)
            and agreement.signing_date is not None
        ):
            agreement = agreement_transition(
                agreement_id=agreement.pk, transition="sign", actor=actor
            )
        locked.agreements.add(agreement)
        locked.signed_agreements.add(agreement)
        audit_event_record(
            event="agreement.signed_at_meeting",
            target=agreement,
            actor=actor,
            data={
                "meeting": locked.pk,
                "meeting_title": locked.title,
                "meeting_date": on.isoformat(),
                "new": {"meeting": f"{locked.title} ({on.isoformat()})"},
            },
        )
        done.append(agreement)
    if done:
        _refresh_agreement_access(locked)
        audit_event_record(
            event="meeting.signing_recorded",
            target=locked,
            actor=actor,
            data={"agreements": [a.pk for a in done], "new": {"signed": [str(a) for a in done]}},
        )
    return done


# --- invitations --------------------------------------------------------------------------


def meeting_invitation_recipients(meeting: Meeting) -> list[str]:
    """The addresses an invitation goes to without an account (invited bodies, attendees)."""
    return invitation_addresses(meeting)


@transaction.atomic
def meeting_send_invitations(*, meeting_id: int, actor: "User") -> list[str]:
    """Send the invitation (the `meetings.invitation` notice) to the invited bodies' officials,
    the attendees with an account and every invited body's and attendee's address; each email
    carries the ICS calendar file. Email leaves through the worker after the commit.

    Sending again tells only those not yet invited to the meeting as it now stands (a double
    click sends nothing); after the time, place or link changed, everyone is invited again.
    Returns who was invited now (their addresses, or usernames for those without one).
    """
    meeting = _locked(meeting_id, actor)
    if meeting.status != Meeting.Status.PLANNED:
        raise ApplicationError(_("Invitations are sent for planned meetings only."))
    users = [u for u in event_recipients("meetings.invitation", meeting) if u.pk != actor.pk]
    if not users and not meeting_invitation_recipients(meeting):
        raise ApplicationError(
            _("No invited body or attendee has an email address."), {"email": ["?"]}
        )
    key = invitation_key(meeting)
    notices = notify(event="meetings.invitation", subject=meeting, actor=actor, key=key)
    if not notices:
        raise ApplicationError(
            _("Everyone was invited already. Invite someone else or change the meeting first.")
        )
    # A notice goes to a user or, with no user, to an address.
    recipients = [
        n.address or (n.user.email or n.user.get_username() if n.user else "") for n in notices
    ]
    audit_event_record(
        event="meeting.invitations_sent",
        target=meeting,
        actor=actor,
        data={"recipients": recipients, "invitation": key},
    )
    return recipients
