"""The N5 acknowledgement clock (issue 9 §3): a notified body acknowledges each N5 notice
within the period of the `n5.acknowledgement` deadline rule, counted from the notice's date.

The deadline engine lists each unacknowledged notice (on the notified body's clock) until it is
acknowledged, however overdue; once it passes unmet the reminder job sends
`workplans.n5_unacknowledged` (the organization and Kemendagri's Ditjen Polpum are told).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.engine import apply_rule, builtin_rule, due_date
from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.registry import (
    REGULATOR,
    SOON_DAYS,
    Concern,
    Deadline,
    DeadlineSummary,
    dashboard_order,
)

from .models import RegionalNotification

ACK_RULE = "n5.acknowledgement"
OVERDUE_EVENT = "workplans.n5_unacknowledged"


def acknowledgement_due(notified_on: date) -> date | None:
    """When a notice dated `notified_on` must be acknowledged, by the rule version in force on
    that day (a later change of the rule does not move a clock already running); None when no
    version is in force then."""
    try:
        return due_date(ACK_RULE, notified_on, on=notified_on)
    except ApplicationError:
        return None


def acknowledgement_due_dates(days: Iterable[date]) -> dict[date, date | None]:
    """`acknowledgement_due` for many notice dates at once: one query for the rule's versions,
    whatever the number of notices (lists and the deadline provider use it)."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    versions = list(
        DeadlineRule.objects.filter(code=ACK_RULE, active=True).order_by("valid_from", "version")
    )
    known = bool(versions) or DeadlineRule.objects.filter(code=ACK_RULE).exists()
    found: dict[date, date | None] = {}
    for day in wanted:
        in_force = [v for v in versions if v.valid_from <= day]
        rule = in_force[-1] if in_force else (None if known else builtin_rule(ACK_RULE, day))
        found[day] = apply_rule(rule, day) if rule is not None else None
    return found


@dataclass(frozen=True)
class Acknowledgement:
    """Where a notice stands: acknowledged, awaited until `due`, or overdue since `due`."""

    acknowledged: bool
    due: date | None
    overdue: bool


def acknowledgement_states(
    notifications: Iterable[RegionalNotification], on: date | None = None
) -> dict[int, Acknowledgement]:
    """Notice id → its acknowledgement state on `on` (default today). One query."""
    on = on or today()
    notifications = list(notifications)
    dues = acknowledgement_due_dates(n.notified_on for n in notifications)
    states = {}
    for n in notifications:
        due = dues.get(n.notified_on)
        acknowledged = n.acknowledged_at is not None
        states[n.pk] = Acknowledgement(
            acknowledged=acknowledged,
            due=due,
            overdue=not acknowledged and due is not None and due < on,
        )
    return states


def _roots(body_ids: set[int]) -> dict[int, int]:
    """Body id → its top-level body id (one query)."""
    from mitra.bodies.models import GovernmentBody

    if not body_ids:
        return {}
    parents = dict(GovernmentBody.objects.values_list("pk", "parent_id"))
    roots = {}
    for pk in body_ids:
        root, steps = pk, 0
        while parents.get(root) is not None and steps < 20:
            root, steps = parents[root], steps + 1
        roots[pk] = root
    return roots


def n5_acknowledgement_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every unacknowledged N5 notice whose acknowledgement is due on or before `end`, however
    long ago (the registry applies `start` when a caller wants a window). With `user`, only the
    notices they may see. The notified body's clock; it concerns the notified body's agency."""
    # A viewer's deadlines are the acknowledgements its own inbox owes (`addressed_to`): the
    # notices of every work plan it may read (`visible_to`) would be a big agency's whole
    # country, to be thrown away by `Deadline.concerns` afterwards.
    qs = (
        RegionalNotification.objects.addressed_to(user)
        if user is not None
        else RegionalNotification.objects.all()
    )
    notices = list(
        qs.unacknowledged()
        .filter(notified_on__lte=end)
        .select_related("agreement", "notified_body", "province", "regency")
        .order_by("notified_on", "id")
    )
    dues = acknowledgement_due_dates(n.notified_on for n in notices)
    roots = _roots({n.notified_body_id for n in notices})
    for notice in notices:
        due = dues.get(notice.notified_on)
        if due is None or due > end:
            continue
        yield _deadline(notice, due, roots[notice.notified_body_id])


def _deadline(notice: RegionalNotification, due: date, agency: int) -> Deadline:
    return Deadline(
        key=f"n5:{notice.pk}:acknowledgement",
        title=_("Acknowledge the N5 notice %(reference)s from %(organization)s (%(region)s)")
        % {
            "reference": notice.reference,
            "organization": notice.agreement.partner_names or notice.agreement.title,
            "region": notice.regency or notice.province,
        },
        due=due,
        kind=REGULATOR,
        url=reverse("workplans:n5_inbox"),
        record=notice,
        agencies=[agency],
        description=_("Sent to %(body)s on %(date)s.")
        % {"body": notice.notified_body, "date": notice.notified_on.isoformat()},
        overdue_event=OVERDUE_EVENT,
    )


def n5_acknowledgement_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`n5_acknowledgement_deadlines` for a viewer, summarised (the registry's `summary`):
    plain rows of the notices its inbox owes, a Deadline built only for the first `first`.

    A notice concerns the notified body's agency only (no organization). SECURITY: a
    government viewer's inbox (`addressed_to`: its body, the units beneath it and the bodies
    above it, up to its agency) lies within its agency's tree, so each notice read concerns
    it: no walk up the tree to check (the test compares with the provider's list)."""
    if not concern.everyone and concern.agency_id is None:
        return DeadlineSummary()  # an organization is never concerned
    rows = list(
        RegionalNotification.objects.addressed_to(user)
        .unacknowledged()
        .filter(notified_on__lte=end)
        .values_list("pk", "notified_on", "notified_body_id")
    )
    dues = acknowledgement_due_dates(r[1] for r in rows)
    kept = []
    for pk, notified_on, body_id in rows:
        due = dues.get(notified_on)
        if due is not None and due <= end:
            kept.append((due, f"n5:{pk}:acknowledgement", pk, body_id))
    kept.sort()  # no window among them: overdue first (oldest first) is the due-date order
    shown = kept[: max(first, 0)]
    built = []
    if shown:
        agency = concern.agency_id
        roots = _roots({r[3] for r in shown}) if agency is None else {}
        due_of = {r[2]: r[0] for r in shown}
        notices = RegionalNotification.objects.filter(pk__in=due_of).select_related(
            "agreement", "notified_body", "province", "regency"
        )
        for notice in notices:
            root = agency if agency is not None else roots[notice.notified_body_id]
            built.append(_deadline(notice, due_of[notice.pk], root))
    soon_end = on + timedelta(days=SOON_DAYS)
    return DeadlineSummary(
        overdue=sum(1 for r in kept if r[0] < on),
        soon=sum(1 for r in kept if on <= r[0] <= soon_end),
        total=len(kept),
        first=sorted(built, key=lambda d: dashboard_order(d, on)),
    )
