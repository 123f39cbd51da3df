"""The public page cache (issue 13 §6): anonymous public pages rendered once per language.

- Server side: a rendered page is kept in the shared cache ("default": Redis or the database
  table `mitra_cache`) under its host, path, query, language and today's date, stamped with
  the **public data generation**, a token that changes after every recorded state change
  (`public_data_changed`, called by `audit_event_record` when its transaction commits). One
  MGET reads the token and the page; a page of another generation is rendered again and
  replaced. A change therefore shows on the next request, in every worker; entries expire
  after `MITRA["PUBLIC_PAGE_CACHE_SECONDS"]`.
- Per visitor: the stored page keeps placeholders where the CSP nonce and the CSRF token were;
  each response gets the request's own nonce and token (so the CSP header and the language
  form stay right, and no visitor gets another's token).
- HTTP: an ETag (a hash of the stored page, the same for everyone) and Last-Modified (when it
  was rendered), so a browser's conditional GET gets 304; `Cache-Control: max-age=60`.
  `private` whenever the page carries a CSRF token (every page with the language form does:
  its token is tied to the visitor's cookie, so a proxy must not hand it to someone else).
- Never cached: signed-in users (their responses say `private, no-cache`), requests with
  messages waiting to be shown, responses other than a 200 HTML page, responses that set a
  cookie, and anything but GET and HEAD.
"""

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.functional import empty
from django.utils.http import http_date, quote_etag

from mitra.core.dates import today

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
CACHE_TABLE = "mitra_cache"  # the DatabaseCache table (settings.CACHES, migration 0002)
GENERATION_KEY = "public:generation"
NONCE_PLACEHOLDER = "__MITRA_CSP_NONCE__"
CSRF_PLACEHOLDER = "__MITRA_CSRF_TOKEN__"
SEARCH_SECONDS = 60
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')

V = TypeVar("V", bound=type)

# Audit events that change nothing the public pages show (everything else invalidates them).
# A background job's own events ("job.*") only say how the job went: what it writes is
# recorded by the services it calls, under their own events.
PRIVATE_EVENT_PREFIXES = ("user.", "calendar_token.", "notification_preference.", "job.")
PRIVATE_EVENTS: frozenset[str] = frozenset()


# --- the generation ----------------------------------------------------------------------


def public_data_changed() -> None:
    """Every cached public page is out of date from now on (a new generation token)."""
    try:
        caches[CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - the cache is down: pages are rendered uncached anyway
        logger.exception("could not invalidate the public page cache")


def changes_public_data(event: str) -> bool:
    """False for the recorded events that never change a public page (sign-ins, tokens, a
    background job's progress): a burst of failed sign-ins must not empty the cache.
    Anything else invalidates, including events added later (a stale page is the worse
    mistake)."""
    return not (event.startswith(PRIVATE_EVENT_PREFIXES) or event in PRIVATE_EVENTS)


def public_data_changed_on_commit(event: str = "", using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate when the current transaction commits (at once outside one), once per
    transaction however many changes it records. After the commit, not before: a request
    between the two would cache the old data under the new generation. `event`: the audit
    event that records the change (see `changes_public_data`)."""
    if event and not changes_public_data(event):
        return
    pending = getattr(connections[using], "run_on_commit", [])
    if any(func is public_data_changed for _sids, func, _robust in pending):
        return
    transaction.on_commit(public_data_changed, using=using, robust=True)


def public_generation() -> str:
    cache = caches[CACHE_ALIAS]
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY) or value
    return str(value)


# --- serving a page ----------------------------------------------------------------------


def page_cache_seconds() -> int:
    return int(settings.MITRA.get("PUBLIC_PAGE_CACHE_SECONDS", 0))


def _max_age() -> int:
    return int(settings.MITRA.get("PUBLIC_PAGE_MAX_AGE", 60))


def _has_pending_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _page_key(request: HttpRequest) -> str:
    """The page's key; the generation is kept in the entry, so one MGET reads both."""
    htmx = "htmx" if request.headers.get("HX-Request") else "full"
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    parts = [translation.get_language() or "", today().isoformat(), htmx]
    digest = hashlib.sha256(where.encode()).hexdigest()
    return "page:" + ":".join(parts) + ":" + digest


def _nonce_value(request: HttpRequest) -> str | None:
    """The CSP nonce if this request's rendering used it (it is lazy)."""
    nonce = get_nonce(request)
    if nonce is None or getattr(nonce, "_wrapped", empty) is empty:
        return None
    return str(nonce)


def _cacheable(response: HttpResponseBase) -> bool:
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _entry(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """The page as stored: the request's nonce and CSRF token replaced by placeholders."""
    body = response.content.decode(response.charset)
    nonce = _nonce_value(request)
    if nonce:
        body = body.replace(nonce, NONCE_PLACEHOLDER)
    match = _CSRF_INPUT.search(body)
    if match:
        body = body.replace(match.group(1), CSRF_PLACEHOLDER)
    headers = [(k, v) for k, v in response.items() if k.lower() not in ("content-length",)]
    digest = hashlib.sha256(body.encode()).hexdigest()[:32]
    return {
        "body": body,
        "headers": headers,
        "etag": quote_etag(digest),
        "modified": int(time.time()),
    }


def _response(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    body: str = entry["body"]
    if NONCE_PLACEHOLDER in body:
        body = body.replace(NONCE_PLACEHOLDER, str(get_nonce(request)))
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(body)
    for key, value in entry["headers"]:
        response[key] = value
    return response


def _http_caching(response: HttpResponseBase, entry: dict[str, Any]) -> HttpResponseBase:
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    shared = CSRF_PLACEHOLDER not in entry["body"]
    if shared:
        patch_cache_control(response, public=True, max_age=_max_age())
    else:
        patch_cache_control(response, private=True, max_age=_max_age())
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def serve_public_page(
    request: HttpRequest,
    render: Callable[[], HttpResponseBase],
    *,
    query: tuple[str, ...] = (),
    search: tuple[str, ...] = (),
) -> HttpResponseBase:
    """Answer from the page cache when the request allows it, else `render()` (and keep it).
    `query`: the parameters the page reads; a request with any other one is rendered live
    (no cache entry per made-up parameter). `search`: the free-text ones among them, whose
    pages are kept at most SEARCH_SECONDS (any number of values can be asked for)."""
    if request.method not in ("GET", "HEAD"):
        return render()
    if request.user.is_authenticated or _has_pending_messages(request):
        response = render()
        patch_cache_control(response, private=True, no_cache=True)
        return response
    seconds = page_cache_seconds()
    if seconds <= 0 or any(name not in query for name in request.GET):
        return render()
    if any(request.GET.get(name) for name in search):
        seconds = min(seconds, SEARCH_SECONDS)
    cache = caches[CACHE_ALIAS]
    try:
        key = _page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        # Read before rendering: a change committed meanwhile leaves this entry outdated.
        generation = found.get(GENERATION_KEY) or public_generation()
    except Exception:  # noqa: BLE001 - the cache is down: serve the page uncached
        logger.exception("public page cache unavailable")
        return render()
    entry = found.get(key)
    if entry is not None and entry.get("generation") != generation:
        entry = None  # rendered before the last change
    if entry is not None:
        not_modified = get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["modified"]
        )
        if not_modified is not None:
            return _http_caching(not_modified, entry)
        return _http_caching(_response(request, entry), entry)
    response = render()
    if not _cacheable(response):
        return response
    assert isinstance(response, HttpResponse)
    entry = _entry(request, response)
    entry["generation"] = generation
    try:
        cache.set(key, entry, timeout=seconds)
    except Exception:  # noqa: BLE001
        logger.exception("public page cache unavailable")
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["modified"], response=response
    )
    return _http_caching(conditional or response, entry)


def cache_public_page(
    *, query: tuple[str, ...] = (), search: tuple[str, ...] = ()
) -> Callable[[V], V]:
    """Class decorator for a public (anonymous) page view: see the module docstring and
    `serve_public_page` for `query` and `search`."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return serve_public_page(
                request, lambda: view(request, *args, **kwargs), query=query, search=search
            )

        return wrapper

    def apply(cls: V) -> V:
        return method_decorator(decorator, name="dispatch")(cls)

    return apply


# --- per-user entries stamped with the generation (signed-in pages, issue 13 §6) ------------


def generation_cached(key: str, build: Callable[[], Any], *, seconds: int) -> Any:
    """`build()`'s value, kept under `key` with the data generation inside the entry: served
    while the generation is unchanged (no recorded change since), built again otherwise. One
    MGET reads the token and the entry. The generation is read before `build()` runs, so a
    change committed meanwhile leaves the entry with the old token (discarded next time).
    `seconds` <= 0, or the cache down: `build()` every time. SECURITY: the caller's key must
    hold everything that decides what the value may show (the user, their scope, the day,
    the language, the query)."""
    if seconds <= 0:
        return build()
    cache = caches[CACHE_ALIAS]
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or public_generation()
    except Exception:  # noqa: BLE001 - the cache is down: as if there were none
        logger.exception("cache unavailable for %s", key.split(":", 1)[0])
        return build()
    entry = found.get(key)
    if isinstance(entry, dict) and entry.get("generation") == generation:
        return entry["value"]
    value = build()
    try:
        cache.set(key, {"generation": str(generation), "value": value}, timeout=seconds)
    except Exception:  # noqa: BLE001
        logger.exception("could not store %s", key.split(":", 1)[0])
    return value


def user_scope_key(user: Any) -> str:
    """SECURITY: what decides a signed-in user's scope, for a per-user key: the user, their
    role, body, organization and whether they are active (a moved or demoted user gets a new
    key, never the old scope's entries), and the active language."""
    parts = [
        user.pk,
        getattr(user, "role", ""),
        getattr(user, "body_id", None) or 0,
        getattr(user, "organization_id", None) or 0,
        int(bool(user.is_active)),
        translation.get_language() or "",
    ]
    return ":".join(str(p) for p in parts)


def signed_in_cache_seconds() -> int:
    """How long a signed-in user's cached page lives (`MITRA["HOME_CACHE_SECONDS"]`; by
    default the public pages' lifetime, so 0 in the test settings: off)."""
    return int(settings.MITRA.get("HOME_CACHE_SECONDS", page_cache_seconds()))
