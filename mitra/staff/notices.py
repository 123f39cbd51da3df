"""Foreign staff notification events (issue 15 §2). Titles name the person, the position and
the organization, never a passport or stay-permit number."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mitra.notifications.recipients import agency_officials, officials_of, representatives_of
from mitra.notifications.registry import Event, register_event
from mitra.permits.conf import setting

from .models import StaffRequest

REQUESTED = "staff.requested"
RECOMMENDED = "staff.recommended"
APPROVED = "staff.approved"
REFUSED = "staff.refused"


def _ktln() -> Any:
    return agency_officials([setting("STAFF_APPROVER")])


def requested_recipients(request: StaffRequest, context: dict[str, Any]) -> Any:
    """The partner ministry (to recommend) and Biro KTLN (to know what is coming)."""
    return officials_of([request.partner_ministry_id]) | _ktln()


def recommended_recipients(request: StaffRequest, context: dict[str, Any]) -> Any:
    """Biro KTLN (to decide) and the organization."""
    return _ktln() | representatives_of([request.organization_id])


def decided_recipients(request: StaffRequest, context: dict[str, Any]) -> Any:
    """The organization, the partner ministry and Biro KTLN."""
    return (
        representatives_of([request.organization_id])
        | officials_of([request.partner_ministry_id])
        | _ktln()
    )


def params(request: StaffRequest, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": request.person.name,
        "position": request.position,
        "org": request.organization.legal_name,
        "reason": request.refusal_reason,
    }


def url(request: StaffRequest, context: dict[str, Any]) -> str:
    return reverse("staff:request_detail", args=[request.pk])


def register() -> None:
    for event in [
        Event(
            name=REQUESTED,
            label=_("A foreign staff approval was requested"),
            recipients=requested_recipients,
            title=_("%(org)s requests approval for %(name)s as %(position)s"),
            params=params,
            url=url,
        ),
        Event(
            name=RECOMMENDED,
            label=_("The partner ministry recommended a foreign staff request"),
            recipients=recommended_recipients,
            title=_("The request for %(name)s (%(org)s) was recommended: Biro KTLN decides"),
            params=params,
            url=url,
        ),
        Event(
            name=APPROVED,
            label=_("Biro KTLN approved a foreign staff request"),
            recipients=decided_recipients,
            title=_("%(name)s is approved as %(position)s of %(org)s"),
            params=params,
            url=url,
        ),
        Event(
            name=REFUSED,
            label=_("A foreign staff request was refused"),
            recipients=decided_recipients,
            title=_("The request for %(name)s (%(org)s) was refused: %(reason)s"),
            params=params,
            url=url,
        ),
    ]:
        register_event(event)
