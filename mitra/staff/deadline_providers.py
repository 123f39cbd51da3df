"""Foreign staff deadlines for the deadline engine (N9; issue 15 §2), each period a
`DeadlineRule`:

- `staff.assignment_alert`: the day a person reaches 4.5 years of assignments, counted over
  every assignment they held with any organization (`rules.cumulative_anchor`): a window, one
  notice to the organization and Biro KTLN when it opens, listed while the assignment runs.
- `staff.passport_expiry` and `staff.stay_permit_expiry`: reminders before the passport or
  the stay permit (KITAS) of a person on an active assignment expires, met once the renewed
  document is recorded (the date moves on).

Titles never hold a passport or stay-permit number; the concerned are the organization and
Biro KTLN, who may read them."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.engine import period_text, versions
from mitra.deadlines.registry import (
    FILER,
    Concern,
    Deadline,
    DeadlineSummary,
    summarise,
    url_maker,
)
from mitra.permits.conf import setting
from mitra.permits.models import ForeignStaffAssignment

from . import rules
from .models import PersonAssignment

RULE_ALERT = "staff.assignment_alert"
RULE_PASSPORT = "staff.passport_expiry"
RULE_STAY_PERMIT = "staff.stay_permit_expiry"


def _links(user: Any) -> Any:
    links = PersonAssignment.objects.filter(
        assignment__status=ForeignStaffAssignment.Status.ACTIVE
    ).select_related("person", "assignment", "assignment__organization")
    if user is None:
        return links
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return links.none()
    if user.is_operator or user.is_government:
        return links
    if user.organization_id:
        return links.filter(assignment__organization_id=user.organization_id)
    return links.none()


def _approver_id() -> int | None:
    """Biro KTLN's id: the one agency told of foreign staff deadlines."""
    return (
        GovernmentBody.objects.filter(key=setting("STAFF_APPROVER"))
        .values_list("pk", flat=True)
        .first()
    )


def staff_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`staff_deadlines` for a viewer, summarised (the registry's `summary`). Every deadline
    concerns Biro KTLN and the organization: any other agency (Kemendagri's dashboard) is
    concerned by none, answered with one query instead of every active assignment read and
    every deadline built. The others: the provider's own list, summarised (its dates come
    from the deadline rules' versions and each person's days served, worked out in Python)."""
    if (
        not concern.everyone
        and concern.agency_id is not None
        and concern.agency_id != _approver_id()
    ):
        return DeadlineSummary()
    items = (d for d in staff_deadlines(start=None, end=end, user=user) if d.due <= end)
    return summarise((d for d in items if concern.admits(d)), on=on, first=first)


def staff_deadlines(*, start: date | None, end: date, user: Any = None) -> Iterator[Deadline]:
    links = list(_links(user).order_by("pk"))
    if not links:
        return
    ktln = _approver_id()
    agencies = [ktln] if ktln else []
    # Every assignment of the persons concerned, in one query: the days served before.
    served: dict[int, list[ForeignStaffAssignment]] = defaultdict(list)
    for assignment in ForeignStaffAssignment.objects.filter(
        person_link__person_id__in={link.person_id for link in links}
    ).select_related("person_link"):
        served[assignment.person_link.person_id].append(assignment)
    alert, passport, stay = (
        versions(RULE_ALERT),
        versions(RULE_PASSPORT),
        versions(RULE_STAY_PERMIT),
    )
    person_url = url_maker("staff:person_detail")
    for link in links:
        person, assignment = link.person, link.assignment
        common = {
            "url": person_url(person.pk),
            "record": person,
            "agencies": agencies,
            "organizations": [assignment.organization_id],
            "kind": FILER,
        }
        prior = sum(rules.assignment_days(a) for a in served[person.pk] if a.pk != assignment.pk)
        anchor = rules.cumulative_anchor(assignment.start_date, prior)
        try:
            due = alert.due(anchor)
            text = period_text(alert.in_force(anchor))
        except ApplicationError:
            due = None
        if due is not None and due <= end:
            yield Deadline(
                key=f"staff:{assignment.pk}:cumulative_alert",
                title=_(
                    "%(name)s (%(org)s) has served %(period)s as foreign staff: the limit of "
                    "%(years)d years ends on %(last)s"
                )
                % {
                    "name": person.name,
                    "org": assignment.organization.legal_name,
                    "period": text,
                    "years": setting("STAFF_MAX_YEARS"),
                    "last": date_format(
                        rules.last_allowed_day(assignment.start_date, prior), "j F Y"
                    ),
                },
                due=due,
                window=True,
                **common,
            )
        for rule, expiry, key, title in (
            (
                passport,
                person.passport_expires_on,
                "passport",
                _("The passport of %(name)s expires on %(date)s: record the renewed one"),
            ),
            (
                stay,
                person.stay_permit_valid_until,
                "stay_permit",
                _("The stay permit of %(name)s expires on %(date)s: record its extension"),
            ),
        ):
            if expiry is None:
                continue
            try:
                due = rule.due(expiry)
            except ApplicationError:
                continue
            if due <= end:
                yield Deadline(
                    key=f"staff_person:{person.pk}:{key}:{expiry.isoformat()}",
                    title=title % {"name": person.name, "date": date_format(expiry, "j F Y")},
                    due=due,
                    **common,
                )
