"""Meeting action items for the deadline engine (the owner body's clock).

An open action item with a due date is a deadline until it is marked done or cancelled, however
long ago it fell due; done or cancelled, it is gone. Its reminders (`meetings.action_item_due`)
and its overdue notice (`meetings.action_item_overdue`) go to the responsible body's officials.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.deadlines.registry import REGULATOR, Deadline

from .models import ActionItem


def action_item_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every open action item due on or before `end` (overdue ones too: `start` is not a lower
    bound, the registry applies it); they concern the owner's agency and the organizer's."""
    items = ActionItem.objects.visible_to(user) if user is not None else ActionItem.objects.all()
    items = items.filter(status=ActionItem.Status.OPEN, due_date__lte=end).select_related(
        "meeting", "owner_body"
    )
    for item in items:
        agencies = {item.meeting.organizer_agency_id}
        if item.owner_body is not None:
            agencies.add(item.owner_body.root().pk)
        yield Deadline(
            key=f"action_item:{item.pk}:due",
            title=_("Action from %(meeting)s: %(text)s")
            % {"meeting": item.meeting.title, "text": item.text[:80]},
            due=item.due_date,  # type: ignore[arg-type]
            kind=REGULATOR,
            url=reverse("meetings:detail", args=[item.meeting_id]),
            record=item,
            agencies=sorted(agencies),
            due_event="meetings.action_item_due",
            overdue_event="meetings.action_item_overdue",
        )
