"""Meeting action items for the deadline engine (the owner body's clock).

An open action item with a due date is a deadline until it is marked done or cancelled, however
long ago it fell due; done or cancelled, it is gone. Its reminders (`meetings.action_item_due`)
and its overdue notice (`meetings.action_item_overdue`) go to the responsible body's officials.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, cast

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.deadlines.registry import (
    REGULATOR,
    SOON_DAYS,
    Concern,
    Deadline,
    DeadlineSummary,
    dashboard_order,
)

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
        yield _deadline(item, agencies)


def _deadline(item: ActionItem, agencies: set[int]) -> Deadline:
    return Deadline(
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


def _roots(body_ids: set[int]) -> dict[int, int]:
    """Body id → its top-level body id, walking up only from `body_ids` (a query per level)."""
    parent_of: dict[int, int | None] = {}
    wanted = set(body_ids)
    for _level in range(20):
        wanted -= parent_of.keys()
        if not wanted:
            break
        rows = GovernmentBody.objects.filter(pk__in=wanted).values_list("pk", "parent_id")
        parent_of.update(rows)
        wanted = {p for p in parent_of.values() if p is not None}
    roots = {}
    for pk in body_ids:
        root, steps = pk, 0
        while parent_of.get(root) is not None and steps < 20:
            root, steps = parent_of[root], steps + 1  # type: ignore[assignment]
        roots[pk] = root
    return roots


def action_item_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`action_item_deadlines` for a viewer, summarised (the registry's `summary`): one query
    of plain rows (no meeting visibility subquery when the agency organizes the meeting, as
    every meeting it organizes is visible to it), a Deadline built only for the first `first`.

    An item concerns the organizer's agency and the owner body's agency; no organization."""
    if not concern.everyone and concern.agency_id is None:
        return DeadlineSummary()  # an organization is never concerned
    items = ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_date__lte=end)
    agency = concern.agency_id
    if agency is not None:
        # SECURITY: as `visible_to` with `Concern.admits`: the agency's own meetings are
        # visible to it; an item it owns in another agency's meeting only if that meeting is.
        items = items.filter(Q(meeting__organizer_agency_id=agency) | Q(owner_body__isnull=False))
    # `due_date__lte` leaves out the items without a due date.
    rows = cast(
        list[tuple[int, date, int, int | None]],
        list(items.values_list("pk", "due_date", "meeting__organizer_agency_id", "owner_body_id")),
    )
    if agency is not None:
        owned = {r[3] for r in rows if r[2] != agency and r[3] is not None}
        roots = _roots(owned) if owned else {}
        maybe = [
            r[0] for r in rows if r[2] != agency and r[3] is not None and roots.get(r[3]) == agency
        ]
        seen = (
            set(
                ActionItem.objects.visible_to(user)
                .filter(pk__in=maybe)
                .values_list("pk", flat=True)
            )
            if maybe
            else set()
        )
        rows = [r for r in rows if r[2] == agency or r[0] in seen]
    soon_end = on + timedelta(days=SOON_DAYS)
    # No window among them: overdue first (oldest first) is the due-date order.
    rows.sort(key=lambda r: (r[1], f"action_item:{r[0]}:due"))
    shown = [r[0] for r in rows[: max(first, 0)]]
    built = []
    if shown:
        found = ActionItem.objects.filter(pk__in=shown).select_related("meeting", "owner_body")
        for item in found:
            agencies = {item.meeting.organizer_agency_id}
            if item.owner_body is not None:
                agencies.add(item.owner_body.root().pk)
            built.append(_deadline(item, agencies))
    return DeadlineSummary(
        overdue=sum(1 for r in rows if r[1] < on),
        soon=sum(1 for r in rows if on <= r[1] <= soon_end),
        total=len(rows),
        first=sorted(built, key=lambda d: dashboard_order(d, on)),
    )
