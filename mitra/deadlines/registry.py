"""The deadline registry: apps register providers; viewers, reminders and feeds read them.

A provider is a function `provider(*, start, end, user=None) -> Iterable[Deadline]` yielding
every UNMET deadline due on or before `end`, however long ago it fell due: an obligation that is
met (filed, decided, acknowledged, done) is never yielded, and one that is not stays until it
is. `start` is a hint for providers that can use it to skip work; `collect` applies it. With
`user` a provider yields only records that user may see (through the app's own scoped
querysets); without it (the reminder job) it yields all. Register in your AppConfig.ready():

    from mitra.deadlines.registry import register_provider
    register_provider("permits", permit_deadlines)

A provider that fails is logged and skipped, so one broken app never hides the others.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse

logger = logging.getLogger(__name__)

FILER = "filer"  # the foreign organization's clock (filings, answers, reports)
REGULATOR = "regulator"  # the government's clock (verification, reviews, decisions)


@dataclass
class Deadline:
    key: str  # stable and unique: "agreement:12:end"
    title: str
    due: date
    kind: str = REGULATOR
    url: str = ""
    # The record the deadline belongs to: the subject of the reminder job's notices. Providers
    # called for a viewer (pages, feeds) may leave it None when loading it would be costly.
    record: Any = None
    agencies: list[int] = field(default_factory=list)  # top-level GovernmentBody ids concerned
    organizations: list[int] = field(default_factory=list)  # ForeignOrganization ids concerned
    description: str = ""
    source: str = ""  # the provider's name, set by the registry
    # The notification events the reminder job sends for this deadline: before it falls due
    # (at the reminder offsets) and once when it has passed unmet. A provider may name its own
    # registered events (with their own recipients) instead of the generic ones.
    due_event: str = "deadlines.reminder"
    overdue_event: str = "deadlines.overdue"
    # True when the date opens a window (renewal preparation, extension filing) instead of
    # closing one: no reminders before it, one `opened_event` notice from the day it opens.
    window: bool = False
    opened_event: str = "deadlines.window_opened"

    def concerns(self, user: Any) -> bool:
        """SECURITY: whether `user` is among the deadline's agencies or organizations."""
        if getattr(user, "is_operator", False):
            return True
        if getattr(user, "is_government", False) and user.agency is not None:
            return user.agency.pk in self.agencies
        if getattr(user, "organization_id", None):
            return user.organization_id in self.organizations
        return False


Provider = Callable[..., Iterable[Deadline]]

_SENTINEL = 987654321987


# Up to this many ids go into `IN (...)` as a list; more, and the caller's subquery is used
# (SQLite allows 32,766 parameters; a list also spares the database re-running the scope).
ID_LIST_LIMIT = 2000


def ids_or_subquery(ids: set[int], subquery: Any) -> Any:
    """`ids` when few enough for an IN list, else `subquery` (the same ids, computed in SQL)."""
    return sorted(ids) if len(ids) <= ID_LIST_LIMIT else subquery


def url_maker(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for many pks at the cost of one reverse (in the active
    language): providers list thousands of deadlines for a big agency."""
    pattern = reverse(name, args=[_SENTINEL])
    head, _sep, tail = pattern.partition(str(_SENTINEL))
    return lambda pk: f"{head}{pk}{tail}"


_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Register (or replace) the provider called `name`; calling it twice is harmless."""
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def collect(*, end: date, start: date | None = None, user: Any = None) -> Iterator[Deadline]:
    """Every registered provider's unmet deadlines due on or before `end` (and on or after
    `start` when given), sorted by due date."""
    found: list[Deadline] = []
    for name, provider in sorted(_providers.items()):
        try:
            items = list(provider(start=start, end=end, user=user))
        except Exception:  # noqa: BLE001 - one broken provider must not hide the others
            logger.exception("deadline provider %s failed", name)
            continue
        for item in items:
            if item.due <= end and (start is None or item.due >= start):
                item.source = item.source or name
                found.append(item)
    found.sort(key=lambda d: (d.due, d.key))
    yield from found


def deadlines_for_user(*, user: Any, end: date, start: date | None = None) -> list[Deadline]:
    """The unmet deadlines that concern `user` (their agency's or organization's), in their
    scope: overdue ones however old, and those due up to `end`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found = collect(start=start, end=end, user=user)
    # Deadline.concerns, with the user's agency and organization read once (a big agency
    # has thousands of deadlines).
    if user.is_operator:
        return list(found)
    if user.is_government and user.agency is not None:
        agency_id = user.agency.pk
        return [d for d in found if agency_id in d.agencies]
    if user.organization_id:
        return [d for d in found if user.organization_id in d.organizations]
    return []
