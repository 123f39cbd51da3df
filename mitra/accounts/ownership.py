"""Who edits a record an agency holds: the one rule for agreements, meetings and work plans.

A record names its owner agency (a top-level body) and, optionally, the unit of that agency
that holds it (Pusat Fasilitasi Kerja Sama, Ditjen Polpum). SECURITY (ADR 0016):
- operators edit every record;
- otherwise only officers of the owner agency, and of those only the ones working in the
  owning unit (the unit itself or a unit below it);
- a record with no unit is the agency's as a whole: any officer of the agency edits it;
- everyone else of the agency reads (the read rules are the querysets' and the grants').

The per-object predicate and the queryset filter below say the same thing; a test keeps the
two in agreement.
"""

from typing import Any

from django.db.models import Q


def user_edits_for(user: Any, *, agency_id: int | None, unit_id: int | None) -> bool:
    """SECURITY: may `user` change a record owned by `agency_id`, held by `unit_id`? No query
    once the user's body chain is loaded."""
    if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
        return False
    if user.is_operator:
        return True
    if user.agency is None or agency_id != user.agency.pk:
        return False
    return unit_id is None or unit_id in user.reading_body_ids


def editable_owner_q(user: Any, *, agency_field: str, unit_field: str) -> Q | None:
    """SECURITY: the filter for the records `user` may change, as `user_edits_for`; None means
    every record (an operator). Callers return `.none()` when `user_may_edit_any` is False."""
    if user.is_operator:
        return None
    return Q(**{f"{agency_field}_id": user.agency.pk}) & (
        Q(**{f"{unit_field}__isnull": True}) | Q(**{f"{unit_field}_id__in": user.reading_body_ids})
    )


def user_may_edit_any(user: Any) -> bool:
    """Signed-in, active officers of an agency, and operators."""
    if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
        return False
    return user.is_operator or user.agency is not None


def unit_of(body: Any) -> tuple[Any, Any]:
    """(agency, unit) for a body given as owner: a unit below an agency names both; an agency
    names itself and no unit."""
    agency = body.root()
    return agency, (body if body.pk != agency.pk else None)
