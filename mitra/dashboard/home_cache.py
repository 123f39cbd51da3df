"""The dashboard home's body, kept per user, day and language in the shared cache (issue 13 §6).

Every signed-in user's home is the same for the whole day until something they may see
changes: a big agency's costs ~150 ms of queries and Python (its deadlines, its work counts),
and people open it many times a day. The rendered body (not the page around it: the navigation,
messages, CSP nonce and CSRF token stay per request) is stored under

    home:<language>:<day>:<user id>:<what decides their scope>

with the **data generation** of `mitra.core.cache` inside the entry: the token
`audit_event_record` replaces after every recorded change commits (the public page cache's).
One MGET reads the token and the entry; an entry of another generation is rendered again. So
any recorded change (an agreement, a report, a review, a permit, a deadline rule...) shows on
the next request. The key changes with the day (overdue, "due within 30 days"), the language,
and the user's role, body, organization and active flag (a moved or demoted user is never
shown the old scope). Entries expire after `MITRA["HOME_CACHE_SECONDS"]` (default: the public
page cache's lifetime; 0, the test settings' value, turns it off), which bounds what no
recorded event announces (a setting changed and the server restarted, a shell edit).

The generation is read before the body is built: a change committed while it is being built
leaves the stored entry with the old token, which the next request discards.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from mitra.core.cache import generation_cached, signed_in_cache_seconds, user_scope_key


def home_cache_seconds() -> int:
    return signed_in_cache_seconds()


def home_key(user: Any, on: date) -> str:
    """SECURITY: everything that decides what the user's home shows is in the key."""
    return f"home:{on.isoformat()}:{user_scope_key(user)}"


def cached_body(user: Any, on: date, render: Callable[[], str]) -> SafeString:
    """The user's home body for `on`: the cached one when it is of the current generation,
    else `render()` (stored for the next request)."""
    body = generation_cached(
        home_key(user, on), lambda: str(render()), seconds=home_cache_seconds()
    )
    return mark_safe(body)  # noqa: S308 - the template's own (escaped) output
