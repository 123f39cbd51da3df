"""Reading jobs: always the signed-in user's own (deny by default)."""

from typing import Any

from django.db.models import QuerySet

from .models import Job


def jobs_visible_to(*, user: Any) -> QuerySet[Job]:
    """SECURITY: only the jobs the user created; nobody else's, operators included."""
    if not getattr(user, "is_authenticated", False) or not user.pk:
        return Job.objects.none()
    return Job.objects.filter(owner_id=user.pk)


def job_get_for_user(*, user: Any, job_id: int) -> Job | None:
    return jobs_visible_to(user=user).filter(pk=job_id).first()


def job_latest(*, user: Any, kind: str) -> Job | None:
    return jobs_visible_to(user=user).filter(kind=kind).order_by("-created_at", "-id").first()
