"""Reading foreign staff records, always through the viewer's scope (querysets.py)."""

from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from mitra.permits.models import ForeignStaffAssignment

from . import rules
from .models import ForeignStaffPerson, StaffRequest
from .querysets import sees_private_data


def request_list(*, viewer: Any, status: str = "") -> Any:
    qs = StaffRequest.objects.visible_to(viewer).select_related(
        "organization", "person", "partner_ministry"
    )
    if status in StaffRequest.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("-requested_on", "-id")


def person_list(*, viewer: Any) -> Any:
    return (
        ForeignStaffPerson.objects.visible_to(viewer)
        .select_related("organization")
        .order_by("name", "id")
    )


def request_get_for_user(*, user: Any, pk: int) -> StaffRequest:
    """SECURITY: Http404 outside the viewer's scope."""
    request = (
        StaffRequest.objects.visible_to(user)
        .select_related("organization", "person", "partner_ministry", "assignment")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def person_get_for_user(*, user: Any, pk: int) -> ForeignStaffPerson:
    """SECURITY: Http404 outside the viewer's scope."""
    person = (
        ForeignStaffPerson.objects.visible_to(user)
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "assignment_links__assignment",
                queryset=ForeignStaffAssignment.objects.select_related("organization"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def person_summary(*, person: ForeignStaffPerson, viewer: Any) -> dict[str, Any]:
    """The person's assignments (those the viewer may see), the days served (N9) and whether
    the viewer reads the private numbers."""
    assignments = [link.assignment for link in person.assignment_links.all()]
    served = sum(rules.assignment_days(a) for a in assignments)
    if not (viewer.is_operator or viewer.is_government):
        assignments = [a for a in assignments if a.organization_id == viewer.organization_id]
    return {
        "assignments": sorted(assignments, key=lambda a: a.start_date),
        "served_days": served,
        "private": sees_private_data(viewer, person),
    }
