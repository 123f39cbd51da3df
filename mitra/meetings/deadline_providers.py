"""Meeting action items for the deadline engine (the owner body's clock)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.deadlines.registry import REGULATOR, Deadline

from .models import ActionItem


def action_item_deadlines(*, start: date, end: date, user: Any = None) -> Iterator[Deadline]:
    """Open action items due in range; they concern the owner's agency and the organizer's."""
    items = ActionItem.objects.visible_to(user) if user is not None else ActionItem.objects.all()
    items = items.filter(
        status=ActionItem.Status.OPEN, due_date__gte=start, due_date__lte=end
    ).select_related("meeting", "owner_body")
    for item in items:
        agencies = {item.meeting.organizer_agency_id}
        if item.owner_body is not None:
            agencies.add(item.owner_body.root().pk)
        yield Deadline(
            key=f"action_item:{item.pk}:due",
            title=_("Action from %(meeting)s: %(text)s")
            % {"meeting": item.meeting.title, "text": item.text[:80]},
            due=item.due_date,
            kind=REGULATOR,
            url=reverse("meetings:detail", args=[item.meeting_id]),
            record=item,
            agencies=sorted(agencies),
        )
