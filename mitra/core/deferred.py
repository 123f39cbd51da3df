"""A recount asked for after each change, run once per block instead (issue 18 §2: the one copy).

A denormalised count (a tally table) is refreshed whenever a row it counts changes. A service
that changes several rows at once wraps them in the refresher's `deferred()` block: the keys
named meanwhile are collected and refreshed together, once, when the outermost block ends.

    report_tally = DeferredRefresh("report_tally", lambda ids: refresh_report_tally(ids))
    report_tally.changed(agreement_id)   # now, or at the end of the enclosing block
    with report_tally.deferred():
        ...
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class DeferredRefresh:
    """`refresh(keys)` now for each change, or once for all the changes of a `deferred()` block."""

    def __init__(self, name: str, refresh: Callable[[Iterable[int]], object]) -> None:
        # Inside `deferred()`: the keys that changed, refreshed at the end.
        self._pending: ContextVar[set[int] | None] = ContextVar(f"{name}_deferred", default=None)
        self._refresh = refresh

    def changed(self, key: int) -> None:
        """What `key` counts changed: refresh it now, or at the end of the enclosing
        `deferred()` block."""
        pending = self._pending.get()
        if pending is None:
            self._refresh([key])
        else:
            pending.add(key)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Refresh each changed key once, when the block ends. Nested blocks leave it to the
        outermost. When the block raises, nothing is refreshed: its transaction is rolled back."""
        if self._pending.get() is not None:
            yield
            return
        token = self._pending.set(set())
        try:
            yield
            pending = self._pending.get() or set()
        finally:
            self._pending.reset(token)
        self._refresh(pending)
