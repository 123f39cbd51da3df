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

Pages that show only counts and the first few (the dashboard) call `summary_for_user`. A
provider with thousands of deadlines for a big agency may register a `summary` function that
answers that in the database (`register_provider(name, provider, summary=...)`); it must give
what `summarise` gives on the provider's own list, filtered by `Concern` (a test compares them).
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
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

SOON_DAYS = 30  # "due within 30 days" on the dashboard


@dataclass(frozen=True)
class Concern:
    """SECURITY: whose deadlines a viewer is shown (`Deadline.concerns`, read once per page):
    everyone's (operators), one agency's, or one organization's."""

    everyone: bool = False
    agency_id: int | None = None
    organization_id: int | None = None

    @classmethod
    def of(cls, user: Any) -> "Concern | None":
        """None when the user is shown no deadlines at all."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return None
        if user.is_operator:
            return cls(everyone=True)
        if user.is_government and user.agency is not None:
            return cls(agency_id=user.agency.pk)
        if user.organization_id:
            return cls(organization_id=user.organization_id)
        return None

    def admits(self, deadline: Deadline) -> bool:
        if self.everyone:
            return True
        if self.agency_id is not None:
            return self.agency_id in deadline.agencies
        return self.organization_id in deadline.organizations


@dataclass
class DeadlineSummary:
    """What the dashboard shows of a user's deadlines: counts and the first few."""

    overdue: int = 0  # passed unmet (a window that has opened is not overdue)
    soon: int = 0  # due from today to SOON_DAYS ahead, windows included
    total: int = 0
    first: list[Deadline] = field(default_factory=list)  # in `dashboard_order`


def dashboard_order(deadline: Deadline, on: date) -> tuple[bool, date, str]:
    """Overdue first (oldest first), then the rest by due date."""
    return (not (deadline.due < on and not deadline.window), deadline.due, deadline.key)


def summarise(deadlines: Iterable[Deadline], *, on: date, first: int) -> DeadlineSummary:
    """The reference summary of a list of deadlines (the one a `summary` function must equal)."""
    items = list(deadlines)
    soon_end = on + timedelta(days=SOON_DAYS)
    return DeadlineSummary(
        overdue=sum(1 for d in items if d.due < on and not d.window),
        soon=sum(1 for d in items if on <= d.due <= soon_end),
        total=len(items),
        first=sorted(items, key=lambda d: dashboard_order(d, on))[:first],
    )


# `summary(*, on, end, user, concern, first) -> DeadlineSummary`: the provider's deadlines due
# by `end` that `concern` admits, summarised; `first` may hold more than `first` items (ties).
SummaryProvider = Callable[..., DeadlineSummary]

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
_summaries: dict[str, SummaryProvider] = {}


def register_provider(
    name: str, provider: Provider, *, summary: SummaryProvider | None = None
) -> None:
    """Register (or replace) the provider called `name`; calling it twice is harmless."""
    _providers[name] = provider
    if summary is None:
        _summaries.pop(name, None)
    else:
        _summaries[name] = summary


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)
    _summaries.pop(name, None)


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
    concern = Concern.of(user)
    if concern is None:
        return []
    return [d for d in collect(start=start, end=end, user=user) if concern.admits(d)]


def summary_for_user(*, user: Any, on: date, end: date, first: int) -> DeadlineSummary:
    """`summarise(deadlines_for_user(user=user, end=end), on=on, first=first)`, with each
    provider that registered a `summary` function answering in the database instead."""
    concern = Concern.of(user)
    total = DeadlineSummary()
    if concern is None:
        return total
    candidates: list[Deadline] = []
    for name, provider in sorted(_providers.items()):
        try:
            summary = _summaries.get(name)
            if summary is not None:
                part = summary(on=on, end=end, user=user, concern=concern, first=first)
            else:
                items = (d for d in provider(start=None, end=end, user=user) if d.due <= end)
                part = summarise((d for d in items if concern.admits(d)), on=on, first=first)
        except Exception:  # noqa: BLE001 - one broken provider must not hide the others
            logger.exception("deadline provider %s failed", name)
            continue
        for item in part.first:
            item.source = item.source or name
        total.overdue += part.overdue
        total.soon += part.soon
        total.total += part.total
        candidates.extend(part.first)
    total.first = sorted(candidates, key=lambda d: dashboard_order(d, on))[:first]
    return total
