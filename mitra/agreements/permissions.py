"""Per-object predicates for agreements. The querysets in querysets.py apply the same rules to
many rows at once; a test keeps the two in agreement."""

from typing import Any

from django.http import Http404

from mitra.accounts.ownership import user_edits_for

from .models import Agreement


def agreement_is_editable_by(*, user: Any, agreement: Agreement) -> bool:
    """SECURITY: as `Agreement.objects.editable_by(user)`, for one loaded agreement, no query.

    Operators edit every agreement; officers those of their agency held by their unit (or by
    the agency as a whole): `accounts.ownership`. Nobody else.
    """
    return user_edits_for(user, agency_id=agreement.owner_id, unit_id=agreement.owner_unit_id)


def agreement_get_editable(*, user: Any, pk: int) -> Agreement:
    """SECURITY: the agreement if `user` may change it. 404 when it is invisible, and 404 too
    when visible but not editable, so the page and the API answer alike."""
    from .selectors import agreement_get_for_user

    agreement = agreement_get_for_user(user=user, pk=pk)
    if not agreement_is_editable_by(user=user, agreement=agreement):
        raise Http404
    return agreement
