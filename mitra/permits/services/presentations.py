"""The presentation step (domain.md §3.2 step 5; issue 15 §5): the applicant presents its plans
to the TPOA before the deliberation. The secretariat schedules it once every member opinion is
in (the application moves to PRESENTATION), then records it as held (the member agencies
present, the notes); only then does `application_open_deliberation` accept."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError
from mitra.core.validators import not_in_future
from mitra.notifications.services import notify

from .. import notices
from ..models import AgencyReview, Application, Presentation
from ._common import S, _lock, _move, _require_secretariat

if TYPE_CHECKING:
    from mitra.accounts.models import User

PLACE_MAX = 255
NOTES_MAX = 20000


def latest_presentation(application: Application) -> Presentation | None:
    return application.presentations.order_by("-created_at", "-id").first()


@transaction.atomic
def presentation_schedule(
    *,
    application_id: int,
    scheduled_for: date | None,
    place: str,
    actor: "User",
    meeting: Any = None,
) -> Presentation:
    """Schedule the applicant's presentation: the application goes from inter-agency review to
    PRESENTATION (audited), those taking part are told (`permits.presentation_scheduled`).
    Refuses, writing nothing: not the secretariat; not in review; opinions still open; no date
    or place; a meeting of another kind than a TPOA one."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.REVIEW:
        raise ApplicationError(
            _("A presentation is scheduled during inter-agency review, once the opinions are in.")
        )
    if application.reviews.filter(state__in=AgencyReview.OPEN_STATES).exists():
        raise ApplicationError(_("Some member agencies have not given their opinion yet."))
    errors: dict[str, list[str]] = {}
    if scheduled_for is None:
        errors["scheduled_for"] = [_("Give the date of the presentation.")]
    place = (place or "").strip()
    if not place:
        errors["place"] = [_("Give the place of the presentation.")]
    elif len(place) > PLACE_MAX:
        errors["place"] = [_("At most %(count)s characters.") % {"count": PLACE_MAX}]
    if errors:
        raise ApplicationError(_("The presentation was not scheduled."), errors)
    assert scheduled_for is not None
    presentation = Presentation.objects.create(
        application=application,
        scheduled_for=scheduled_for,
        place=place,
        meeting=meeting,
        created_by=actor if actor is not None and actor.pk else None,
    )
    _move(
        application,
        "schedule_presentation",
        actor,
        "permit_application.presentation_scheduled",
        {
            "presentation": {
                "id": presentation.pk,
                "date": scheduled_for.isoformat() if scheduled_for else None,
                "place": place,
                "meeting": meeting.pk if meeting is not None else None,
            }
        },
    )
    notify(
        event=notices.PRESENTATION_SCHEDULED,
        subject=application,
        actor=actor,
        key=str(presentation.pk),
    )
    return presentation


@transaction.atomic
def presentation_record(
    *,
    application_id: int,
    held_on: date | None,
    agencies_present: Iterable[GovernmentBody],
    actor: "User",
    notes: str = "",
) -> Presentation:
    """Record the scheduled presentation as held: when, the member agencies that attended and
    the notes (audited `permit_application.presentation_held`). Refuses, writing nothing: not
    the secretariat; no presentation scheduled or already held; no date, or a future one; no
    agency present; notes too long."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    presentation = latest_presentation(application)
    if application.status != S.PRESENTATION or presentation is None:
        raise ApplicationError(_("No presentation is scheduled for this application."))
    if presentation.is_held:
        raise ApplicationError(_("The presentation was already recorded."))
    errors: dict[str, list[str]] = {}
    if held_on is None:
        errors["held_on"] = [_("Give the date the presentation was held.")]
    elif not_in_future(held_on):
        errors["held_on"] = not_in_future(held_on)
    present = list(agencies_present)
    if not present:
        errors["agencies_present"] = [_("Name the agencies present.")]
    if len(notes) > NOTES_MAX:
        errors["notes"] = [_("At most %(count)s characters.") % {"count": NOTES_MAX}]
    if errors:
        raise ApplicationError(_("The presentation was not recorded."), errors)
    presentation.held_on = held_on
    presentation.notes = notes.strip()
    presentation.save()
    presentation.attendees.set(sorted({b.root().pk for b in present}))
    audit_event_record(
        event="permit_application.presentation_held",
        target=application,
        actor=actor,
        data={
            "new": {
                "presentation": presentation.pk,
                "held_on": held_on.isoformat() if held_on else None,
                "agencies_present": sorted(b.root().key for b in present),
            }
        },
    )
    return presentation
