"""Recipient rules events are built from: by body (a unit or a whole agency), by organization,
by role. Each returns a queryset of active users, so rules combine with `|`."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from mitra.bodies.models import GovernmentBody


def _users() -> QuerySet[Any]:
    return get_user_model().objects.filter(is_active=True)


def body_ids_within(body_ids: Iterable[int | None]) -> set[int]:
    """The bodies and every unit beneath them (one query; the tree has a few hundred rows)."""
    wanted = {pk for pk in body_ids if pk}
    if not wanted:
        return set()
    children: dict[int, list[int]] = {}
    for pk, parent_id in GovernmentBody.objects.filter(parent__isnull=False).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(wanted)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def officials_of(body_ids: Iterable[int | None], *, units: bool = True) -> QuerySet[Any]:
    """Government users (officers and viewers) of these bodies; with `units`, also of the units
    beneath them, so naming an agency reaches everyone in it and naming a unit reaches the unit."""
    User = get_user_model()
    ids = body_ids_within(body_ids) if units else {pk for pk in body_ids if pk}
    return _users().filter(body_id__in=ids, role__in=[User.Role.OFFICER, User.Role.VIEWER])


def officers_of(body_ids: Iterable[int | None], *, units: bool = True) -> QuerySet[Any]:
    """Like officials_of, officers only: the people who act (not read-only viewers)."""
    User = get_user_model()
    return officials_of(body_ids, units=units).filter(role=User.Role.OFFICER)


def agency_officials(keys: Iterable[str]) -> QuerySet[Any]:
    """Officials of the agencies (and their units) with these register keys ("kemlu")."""
    ids = GovernmentBody.objects.filter(key__in=list(keys)).values_list("pk", flat=True)
    return officials_of(list(ids))


def representatives_of(organization_ids: Iterable[int | None]) -> QuerySet[Any]:
    """The active representatives of these foreign organizations."""
    User = get_user_model()
    ids = [pk for pk in organization_ids if pk]
    return _users().filter(role=User.Role.ORG_REPRESENTATIVE, organization_id__in=ids)


def operators() -> QuerySet[Any]:
    User = get_user_model()
    return _users().filter(Q(role=User.Role.OPERATOR) | Q(is_superuser=True))


def nobody() -> QuerySet[Any]:
    return _users().none()
