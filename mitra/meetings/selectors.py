"""Reading meetings, always scoped to the viewer."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import ActionItem, AgendaItem, Attendee, InvitedBody, Meeting, Position


@dataclass
class MeetingFilters:
    kind: str = ""
    status: str = ""
    period_from: date | None = None
    period_to: date | None = None
    q: str = ""
    attended: bool = False  # meetings the viewer's agency attended (an attendee of it)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def meeting_list(*, viewer: Any, filters: MeetingFilters | None = None) -> QuerySet[Meeting]:
    """Meetings the viewer may see, filtered, newest first. The caller paginates."""
    filters = filters or MeetingFilters()
    qs = Meeting.objects.visible_to(viewer).select_related("organizer", "organizer_unit")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.period_from:
        qs = qs.filter(starts_at__gte=_start_of(filters.period_from))
    if filters.period_to:
        qs = qs.filter(starts_at__lt=_start_of(filters.period_to) + timedelta(days=1))
    if filters.q.strip():
        words = filters.q.strip()
        qs = qs.filter(Q(title__icontains=words) | Q(venue__icontains=words))
    if filters.attended:
        government = getattr(viewer, "is_government", False)
        agency = viewer.agency if government else None
        qs = qs.filter(
            pk__in=Attendee.objects.filter(
                agency_id=agency.pk if agency is not None else None
            ).values("meeting_id")
        )
    return qs.order_by("-starts_at", "-id")


def meeting_get_for_user(*, user: Any, pk: int) -> Meeting:
    """SECURITY: the meeting if `user` may see it; Http404 otherwise (existence not leaked)."""
    meeting = (
        Meeting.objects.visible_to(user)
        .select_related("organizer", "organizer_unit", "created_by")
        .prefetch_related(
            Prefetch("invited", queryset=InvitedBody.objects.select_related("body", "unit")),
            Prefetch("attendees", queryset=Attendee.objects.select_related("body", "organization")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("agreement")),
            Prefetch("positions", queryset=Position.objects.select_related("body", "agenda_item")),
            "decisions",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner_body")),
            "minutes",
            "organizations",
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting_agreements(*, meeting: Meeting, viewer: Any) -> list[Any]:
    """The agreements linked to the meeting that the viewer may see, with a `signed_here` flag."""
    from mitra.agreements.models import Agreement

    signed = Meeting.signed_agreements.through.objects.filter(
        meeting_id=meeting.pk, agreement_id=OuterRef("pk")
    )
    return list(
        Agreement.objects.visible_to(viewer)
        .filter(pk__in=meeting.agreements.values("pk"))
        .annotate(signed_here=Exists(signed))
        .select_related("owner")
        .order_by("title")
    )


def meetings_for_agreement(*, agreement: Any, viewer: Any) -> list[Meeting]:
    """Meetings linked to an agreement (the viewer sees the agreement already), newest first."""
    signed = Meeting.signed_agreements.through.objects.filter(
        agreement_id=agreement.pk, meeting_id=OuterRef("pk")
    )
    return list(
        Meeting.objects.visible_to(viewer)
        .filter(agreements=agreement)
        .annotate(signed_here=Exists(signed))
        .select_related("organizer")
        .order_by("-starts_at", "-id")
    )


def meeting_existing(
    *, viewer: Any, organizer: Any, on: date, kind: str | None = None
) -> Meeting | None:
    """A meeting the viewer sees, organized by `organizer`'s agency on `on` (same kind if
    given): so the intake links to it instead of recording it twice."""
    qs = Meeting.objects.visible_to(viewer).filter(
        organizer_agency_id=organizer.root().pk,
        starts_at__gte=_start_of(on),
        starts_at__lt=_start_of(on) + timedelta(days=1),
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("id").first()


def open_action_items_due(viewer: Any, until: date) -> QuerySet[ActionItem]:
    """Open action items of meetings the viewer may see, due on or before `until` (overdue
    ones included), soonest first. The deadline engine reads these."""
    return (
        ActionItem.objects.visible_to(viewer)
        .filter(status=ActionItem.Status.OPEN, due_date__isnull=False, due_date__lte=until)
        .select_related("meeting", "owner_body")
        .order_by("due_date", "id")
    )
