"""Per-view access declarations. Every view declares one; a test walks the URLconf to check.

Levels (deny by default: LoginRequiredMiddleware guards everything not marked public):
- PUBLIC: anyone, no login (portal pages, login page).
- MEMBER: any signed-in active user; objects are still fetched through scoped selectors.
- GOVERNMENT: signed-in government users and operators.
- EDITOR: officers and operators (writes); services re-check the object's owner.
- OPERATOR: platform operators only.
"""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.utils.decorators import method_decorator

PUBLIC = "public"
MEMBER = "member"
GOVERNMENT = "government"
EDITOR = "editor"
OPERATOR = "operator"
LEVELS = {PUBLIC, MEMBER, GOVERNMENT, EDITOR, OPERATOR}


def user_has_level(user: Any, level: str) -> bool:
    """SECURITY: the single predicate behind every view's declared access level."""
    if level == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if level == MEMBER:
        return True
    if level == GOVERNMENT:
        return bool(user.is_operator or user.is_government)
    if level == EDITOR:
        return bool(user.can_edit_records)
    if level == OPERATOR:
        return bool(user.is_operator)
    return False  # unknown level: deny


class AccessMixin:
    """Declare `access = <level>` on the view class. Missing or unknown levels deny."""

    access: str = ""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if self.access not in LEVELS or not user_has_level(request.user, self.access):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def public_view(cls: type) -> type:
    """Mark a class-based view as reachable without login."""
    cls.access = PUBLIC  # type: ignore[attr-defined]
    return method_decorator(login_not_required, name="dispatch")(cls)
