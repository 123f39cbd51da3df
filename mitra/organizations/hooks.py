"""The one hook through which change notices are told (issue 15 §1).

Organizations sit below `notifications` (and `permits`, whose secretariat decides), so the
registry cannot call `notify` itself. `mitra.permits` fills this one-slot registry in its
`AppConfig.ready()` with a notifier that does (`permits.organization_changes`):

    notifier(event, notice, actor)   # event: "filed", "accepted", "refused", "noted"

It runs inside the service's transaction. An empty registry is a configuration error, never
"nobody to tell": it raises.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

ChangeNotifier = Callable[[str, Any, Any], None]

_notifier: list[ChangeNotifier] = []


def register_change_notifier(notifier: ChangeNotifier) -> None:
    """Install (or replace) the notifier; calling it twice is harmless."""
    _notifier[:] = [notifier]


def change_notice_told(event: str, notice: Any, actor: Any) -> None:
    if not _notifier:
        raise ImproperlyConfigured(
            "No change-notice notifier is registered (mitra.permits must be installed)."
        )
    _notifier[0](event, notice, actor)
