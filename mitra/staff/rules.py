"""The foreign staff rules (domain.md §3.10, N9; PP 59/2016 Ps 25): at most STAFF_MAX_ACTIVE
active foreign staff per organization, and at most STAFF_MAX_YEARS of assignments per person,
counted over every assignment they held, with any organization, never extended.

Reads only: the services call these and refuse with their messages."""

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from mitra.core.dates import add_months
from mitra.permits.conf import setting
from mitra.permits.models import ForeignStaffAssignment

from .models import StaffRequest

ENDED = ForeignStaffAssignment.Status.ENDED


def assignment_days(assignment: ForeignStaffAssignment) -> int:
    """Days served (or to be served) in an assignment: start to its end, or to the day it
    ended early."""
    end = assignment.end_date
    if assignment.status == ENDED and assignment.ended_on is not None:
        end = min(end, assignment.ended_on)
    return max((end - assignment.start_date).days + 1, 0)


def served_days(person_id: int, *, exclude_assignment_id: int | None = None) -> int:
    """The days of every assignment linked to the person, across organizations."""
    assignments = ForeignStaffAssignment.objects.filter(person_link__person_id=person_id)
    if exclude_assignment_id is not None:
        assignments = assignments.exclude(pk=exclude_assignment_id)
    return sum(assignment_days(a) for a in assignments)


def cumulative_anchor(start: date, prior_days: int) -> date:
    """The day the person's cumulative count would have started had every earlier day been
    served just before `start`: the 5-year limit and the 4.5-year alert count from it."""
    return start - timedelta(days=prior_days)


def last_allowed_day(start: date, prior_days: int) -> date:
    years = setting("STAFF_MAX_YEARS")
    return add_months(cumulative_anchor(start, prior_days), 12 * years) - timedelta(days=1)


def cumulative_problems(
    *, person_id: int | None, name: str, start: date, end: date, exclude_assignment_id: Any = None
) -> dict[str, list[str]]:
    """N9: refuse a period that takes the person past the cumulative limit."""
    prior = (
        served_days(person_id, exclude_assignment_id=exclude_assignment_id)
        if person_id is not None
        else 0
    )
    last = last_allowed_day(start, prior)
    if end <= last:
        return {}
    if last < start:
        message = _(
            "%(name)s has already served %(days)d days as foreign staff: the cumulative limit "
            "of %(years)d years (N9, PP 59/2016 Ps 25) is reached and cannot be extended."
        )
    else:
        message = _(
            "%(name)s has already served %(days)d days as foreign staff: with the cumulative "
            "limit of %(years)d years (N9, PP 59/2016 Ps 25) this assignment may last until "
            "%(last)s at most."
        )
    return {
        "end_date": [
            message
            % {
                "name": name,
                "days": prior,
                "years": setting("STAFF_MAX_YEARS"),
                "last": last.isoformat(),
            }
        ]
    }


def active_count(organization_id: int, *, with_open_requests: bool = True) -> int:
    """Active assignments of the organization, and its requests still being decided."""
    count = ForeignStaffAssignment.objects.filter(
        organization_id=organization_id, status=ForeignStaffAssignment.Status.ACTIVE
    ).count()
    if with_open_requests:
        count += StaffRequest.objects.filter(
            organization_id=organization_id, status__in=StaffRequest.OPEN_STATES
        ).count()
    return count


def cap_problems(organization: Any, *, with_open_requests: bool = True) -> dict[str, list[str]]:
    """The cap: a request (or an approval) for one more than STAFF_MAX_ACTIVE is refused."""
    cap = setting("STAFF_MAX_ACTIVE")
    count = active_count(organization.pk, with_open_requests=with_open_requests)
    if count < cap:
        return {}
    return {
        "organization": [
            _(
                "%(org)s already has %(n)d active foreign staff or requests: the cap is %(cap)d "
                "active foreign staff per organization (PP 59/2016 Ps 25)."
            )
            % {"org": organization.legal_name, "n": count, "cap": cap}
        ]
    }
