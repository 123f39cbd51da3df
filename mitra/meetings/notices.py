"""The meetings app's notification events: the invitation (with its ICS file), approved minutes,
an action item assigned to a body, and an action item coming due or overdue (sent by the
deadline engine's reminder job; see `deadline_providers`).

Recipients are users through the bodies concerned (`officials_of` reaches a body's units) and
attendees whose address belongs to an account; people without an account (an invited body's
mailbox, an outside attendee) are reached by address, email only.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mitra.notifications.recipients import nobody, officials_of
from mitra.notifications.registry import Event, register_event

from .ics import meeting_ics
from .models import ActionItem, Meeting

ICS_MIMETYPE = "text/calendar; method=REQUEST; charset=utf-8"


# --- who ------------------------------------------------------------------------------------


def invitation_addresses(meeting: Meeting) -> list[str]:
    """The invited bodies' and the attendees' email addresses, each once, in the order given."""
    emails = [i.email for i in meeting.invited.all() if i.email]
    emails += [a.email for a in meeting.attendees.all() if a.email]
    return sorted(set(emails), key=emails.index)


def _invited_body_ids(meeting: Meeting) -> list[int]:
    """The invited units (a unit invited reaches that unit) or whole bodies."""
    return [body_id for i in meeting.invited.all() if (body_id := i.unit_id or i.body_id)]


def attendee_users(meeting: Meeting) -> list[Any]:
    """SECURITY: attendees who have an account (matched by email), kept only when they may see
    the meeting, so nobody is told about a meeting they cannot open."""
    emails = {a.email.strip().lower() for a in meeting.attendees.all() if a.email.strip()}
    if not emails:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("body", "organization")
    )
    return [
        user for user in users if Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
    ]


def invitees(meeting: Meeting, context: dict[str, Any]) -> Iterable[Any]:
    """Officials of the invited bodies (or units) and the attendees who have an account."""
    return [*officials_of(_invited_body_ids(meeting)), *attendee_users(meeting)]


def minutes_readers(meeting: Meeting, context: dict[str, Any]) -> Iterable[Any]:
    """Officials of the invited bodies and of the attendees' bodies, and attendees with an
    account."""
    bodies = _invited_body_ids(meeting) + [a.body_id for a in meeting.attendees.all() if a.body_id]
    return [*officials_of(bodies), *attendee_users(meeting)]


def action_item_owners(item: ActionItem, context: dict[str, Any]) -> QuerySet[Any]:
    """Officials of the responsible body (a unit: that unit). An item owned by a person only
    falls to the organizing unit (or body), so somebody is always told."""
    if item.owner_body_id:
        return officials_of([item.owner_body_id])
    meeting = item.meeting
    organizer = meeting.organizer_unit_id or meeting.organizer_id
    return officials_of([organizer]) if organizer else nobody()


# --- what -----------------------------------------------------------------------------------


def invitation_key(meeting: Meeting) -> str:
    """The invitation's discriminator: when and where the meeting is. Sending twice without a
    change tells nobody twice; after a move (new time, venue or link) it is a new invitation."""
    parts = [
        meeting.starts_at.isoformat() if meeting.starts_at else "",
        meeting.ends_at.isoformat() if meeting.ends_at else "",
        meeting.mode,
        meeting.venue,
        meeting.online_platform,
        meeting.online_link,
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
    return f"{timezone.localtime(meeting.starts_at):%Y%m%dT%H%M}-{digest}"


def _day(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.starts_at), "j F Y")


def _meeting_url(meeting_id: int) -> str:
    return reverse("meetings:detail", args=[meeting_id])


def _invitation_params(meeting: Meeting, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "day": _day(meeting),
        "meeting": meeting,
        "starts_at": timezone.localtime(meeting.starts_at),
    }


def invitation_attachments(meeting: Meeting) -> list[tuple[str, str, str]]:
    """The calendar file every invitation email carries, built when the email is sent."""
    ics = meeting_ics(meeting, attendees=invitation_addresses(meeting))
    return [("invitation.ics", ics, ICS_MIMETYPE)]


def _minutes_params(meeting: Meeting, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "day": _day(meeting),
        "version": context.get("version") or "",
        "meeting": meeting,
    }


def _item_params(item: ActionItem, context: dict[str, Any]) -> dict[str, Any]:
    deadline = context.get("deadline")
    due = deadline.due if deadline is not None else item.due_date
    return {
        "text": item.text[:120],
        "meeting_title": item.meeting.title,
        "day": _day(item.meeting),
        "body": str(item.owner_body or item.owner_person),
        "date": date_format(due, "j F Y") if due else "",
        "item": item,
    }


def _item_url(item: ActionItem, context: dict[str, Any]) -> str:
    return _meeting_url(item.meeting_id) + "#action-items-heading"


def register() -> None:
    register_event(
        Event(
            name="meetings.invitation",
            label=_("Meeting invitation"),
            recipients=invitees,
            title=_("Invitation: %(title)s (%(day)s)"),
            params=_invitation_params,
            url=lambda meeting, context: _meeting_url(meeting.pk),
            body_template="meetings/notifications/invitation.txt",
            addresses=lambda meeting, context: invitation_addresses(meeting),
            attachments=invitation_attachments,
        )
    )
    register_event(
        Event(
            name="meetings.minutes_approved",
            label=_("Meeting minutes approved"),
            recipients=minutes_readers,
            title=_("Minutes approved: %(title)s (%(day)s)"),
            params=_minutes_params,
            url=lambda meeting, context: _meeting_url(meeting.pk) + "#minutes-heading",
            body_template="meetings/notifications/minutes_approved.txt",
        )
    )
    register_event(
        Event(
            name="meetings.action_item_assigned",
            label=_("Action item assigned"),
            recipients=action_item_owners,
            title=_("Action item for %(body)s: %(text)s"),
            params=_item_params,
            url=_item_url,
            body_template="meetings/notifications/action_item.txt",
        )
    )
    register_event(
        Event(
            name="meetings.action_item_due",
            label=_("Action item coming due"),
            recipients=action_item_owners,
            title=_("Action item due %(date)s: %(text)s"),
            params=_item_params,
            url=_item_url,
            body_template="meetings/notifications/action_item.txt",
            keyed_by_record=False,  # the reminder job's key names the item and its due date
        )
    )
    register_event(
        Event(
            name="meetings.action_item_overdue",
            label=_("Action item overdue"),
            recipients=action_item_owners,
            title=_("Action item overdue since %(date)s: %(text)s"),
            params=_item_params,
            url=_item_url,
            body_template="meetings/notifications/action_item.txt",
            keyed_by_record=False,
        )
    )
