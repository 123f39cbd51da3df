"""Reading in the deadlines app: a user's deadlines and calendar feed."""

from datetime import date, timedelta
from typing import Any

from django.http import Http404

from mitra.core.dates import today

from .models import CalendarToken
from .registry import Deadline, DeadlineSummary, deadlines_for_user, summary_for_user

# How far ahead "my deadlines", the dashboard, the calendar feed and the API look. Behind,
# they have no limit: an unmet deadline stays listed, however overdue, until it is met.
HORIZON_DAYS = 366


def user_deadlines(*, user: Any, on: date | None = None) -> list[Deadline]:
    """SECURITY: the one set of a user's deadlines every page shows: each unmet deadline of
    their agency or organization, overdue ones first (oldest first), then those due within the
    horizon."""
    on = on or today()
    return deadlines_for_user(user=user, end=on + timedelta(days=HORIZON_DAYS))


def user_deadline_summary(*, user: Any, on: date | None = None, first: int = 10) -> DeadlineSummary:
    """SECURITY: `user_deadlines` as the dashboard shows it: how many are overdue, due within
    30 days and in all, and the first `first` (overdue first). The same set, counted."""
    on = on or today()
    return summary_for_user(user=user, on=on, end=on + timedelta(days=HORIZON_DAYS), first=first)


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
