"""The deadline registry: apps register providers; viewers, reminders and feeds read them.

A provider is a function `provider(*, start, end, user=None) -> Iterable[Deadline]` yielding the
deadlines due between `start` and `end` (inclusive). With `user` it yields only records that
user may see (through the app's own scoped querysets); without it (the reminder job) it yields
all. Register in your AppConfig.ready():

    from mitra.deadlines.registry import register_provider
    register_provider("permits", permit_deadlines)

An app that is not installed registers nothing, so it simply contributes no deadlines; a
provider that fails is logged and skipped, so one broken app never hides the others.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    record: Any = None
    agencies: list[int] = field(default_factory=list)  # top-level GovernmentBody ids concerned
    organizations: list[int] = field(default_factory=list)  # ForeignOrganization ids concerned
    description: str = ""
    source: str = ""  # the provider's name, set by the registry

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
_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Register (or replace) the provider called `name`; calling it twice is harmless."""
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def collect(*, start: date, end: date, user: Any = None) -> Iterator[Deadline]:
    """Every registered provider's deadlines in [start, end], sorted by due date."""
    found: list[Deadline] = []
    for name, provider in sorted(_providers.items()):
        try:
            items = list(provider(start=start, end=end, user=user))
        except Exception:  # noqa: BLE001 - one broken provider must not hide the others
            logger.exception("deadline provider %s failed", name)
            continue
        for item in items:
            if start <= item.due <= end:
                item.source = item.source or name
                found.append(item)
    found.sort(key=lambda d: (d.due, d.key))
    yield from found


def deadlines_for_user(*, user: Any, start: date, end: date) -> list[Deadline]:
    """The deadlines that concern `user` (their agency's or organization's), in their scope."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return [d for d in collect(start=start, end=end, user=user) if d.concerns(user)]
