"""Who may read the risk indicators (docs/dev/risk.md, "Who sees it")."""

from typing import Any

from .conf import setting


def can_view_risk(user: Any) -> bool:
    """SECURITY: deny by default. One condition per line:

    - operators read the list;
    - a government user (officer or viewer) whose body, or a body above it, is one of
      settings.MITRA["RISK_VIEWERS"] (default: Kemlu, the TPOA secretariat, and Biro KTLN);
    - nobody else (other ministries, regional governments, representatives, anonymous).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_operator:
        return True
    if not user.is_government:
        return False
    keys = set(setting("RISK_VIEWERS"))
    body = user.body
    while body is not None:
        if body.key in keys:
            return True
        body = body.parent
    return False
