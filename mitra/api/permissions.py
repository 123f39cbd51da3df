"""API permission classes: the same access levels as the HTML views (mitra.core.access)."""

from typing import Any

from rest_framework.permissions import BasePermission

from mitra.core.access import user_has_level


class HasAccessLevel(BasePermission):
    """Reads `access` from the view (default: deny), like AccessMixin does for HTML views."""

    def has_permission(self, request: Any, view: Any) -> bool:
        level = getattr(view, "access", "")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            level = getattr(view, "write_access", level)
        return user_has_level(request.user, level)
