"""Reads about accounts: the user's own API tokens."""

from django.db.models import QuerySet

from .models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """SECURITY: the user's own tokens only, newest first (revoked and expired ones too, for
    the record; the page marks them)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")[:100]
