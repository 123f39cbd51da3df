"""Recipient rules events are built from: by body (a unit or a whole agency), by organization,
by role. Each returns a queryset of active users, so rules combine with `|`."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from mitra.bodies.models import GovernmentBody


def _users() -> QuerySet[Any]:
    return get_user_model().objects.filter(is_active=True)


# Inside `one_body_tree`: a list holding the tree once it has been read (empty until then).
_tree: ContextVar[list[dict[int, list[int]]] | None] = ContextVar("body_tree", default=None)


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for pk, parent_id in GovernmentBody.objects.filter(parent__isnull=False).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    return children


@contextmanager
def one_body_tree() -> Iterator[None]:
    """Within the block `body_ids_within` reads the body tree once (when first needed), not
    once per call: for a job that notifies about thousands of records (the deadline
    reminders) in one go. Inside another such block it shares that block's tree."""
    current = _tree.get()
    token = _tree.set(current if current is not None else [])
    try:
        yield
    finally:
        _tree.reset(token)


def body_ids_within(body_ids: Iterable[int | None]) -> set[int]:
    """The bodies and every unit beneath them (one query, at most one per `one_body_tree`
    block; the tree has a few hundred rows)."""
    wanted = {pk for pk in body_ids if pk}
    if not wanted:
        return set()
    cache = _tree.get()
    if cache is None:
        children = _children()
    else:
        if not cache:
            cache.append(_children())
        children = cache[0]
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


# --- the same rules for many records at once (jobs: `Event.recipients_in_bulk`) -------------

# Ids per `IN (...)` list: under any SQLite build's limit on query parameters.
_CHUNK = 900


def _by(field: str, ids: set[int], queryset: QuerySet[Any]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        for user in queryset.filter(**{f"{field}__in": ordered[start : start + _CHUNK]}):
            found.setdefault(getattr(user, field), []).append(user)
    return found


def officials_by_body(body_ids: Iterable[int | None]) -> dict[int, list[Any]]:
    """The users `officials_of([pk], units=False)` gives, for each of these bodies at once
    (one query per 900 bodies): `officials_of` for many records, with `body_ids_within`."""
    User = get_user_model()
    officials = _users().filter(role__in=[User.Role.OFFICER, User.Role.VIEWER])
    return _by("body_id", {pk for pk in body_ids if pk}, officials)


def representatives_by_organization(organization_ids: Iterable[int | None]) -> dict[int, list[Any]]:
    """The users `representatives_of([pk])` gives, for each of these organizations at once."""
    User = get_user_model()
    representatives = _users().filter(role=User.Role.ORG_REPRESENTATIVE)
    return _by("organization_id", {pk for pk in organization_ids if pk}, representatives)
