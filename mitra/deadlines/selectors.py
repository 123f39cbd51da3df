"""Reading in the deadlines app: a user's deadlines, notifications and calendar feed."""

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mitra.core.dates import today

from .models import CalendarToken, Notification
from .registry import Deadline, deadlines_for_user

FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 2 * 366


def user_deadlines(
    *, user: Any, start: date | None = None, end: date | None = None
) -> list[Deadline]:
    start = start or today() - timedelta(days=FEED_PAST_DAYS)
    end = end or today() + timedelta(days=FEED_FUTURE_DAYS)
    return deadlines_for_user(user=user, start=start, end=end)


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    """SECURITY: only the user's own notifications."""
    return Notification.objects.filter(user=user)


def unread_notification_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def calendar_token_for(*, user: Any) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_feed_owner(*, token: str) -> Any:
    """SECURITY: the active user whose secret feed token this is, or 404."""
    found = (
        CalendarToken.objects.filter(token=token, user__is_active=True)
        .select_related("user__body", "user__organization")
        .first()
        if token
        else None
    )
    if found is None:
        raise Http404
    return found.user
