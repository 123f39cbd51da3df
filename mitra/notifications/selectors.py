"""Reading notices: always the signed-in user's own."""

from typing import Any

from django.db.models import QuerySet

from .models import Notice, NotificationPreference


def notices_for(*, user: Any) -> QuerySet[Notice]:
    """SECURITY: only the user's own notices, newest first."""
    return Notice.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def email_preference(*, user: Any) -> str:
    found = NotificationPreference.objects.filter(user_id=user.pk).values_list("email", flat=True)
    return next(iter(found), NotificationPreference.Email.IMMEDIATE)
