"""No lost edit, no duplicate (issue 13 §2): versions, uniqueness races, idempotent creates.

The one place these rules are checked; services, the API (mitra.api.v1.base) and the HTML views
call it. How clients and forms use it: docs/dev/concurrency.md.

- `lock_version`: every update or transition service fetches its row through it. It locks the
  row (SELECT ... FOR UPDATE) inside the service's transaction, compares the version the caller
  read (`expected_version`; None = no check, for internal callers and jobs), and bumps the
  version by one. Two concurrent changes of one record therefore run one after the other, and
  the second, made on a copy that is no longer current, is refused with `StaleVersion`.
- `unique_or_conflict`: a uniqueness rule checked in Python is backed by a database constraint;
  when a race slips past the check, the constraint's IntegrityError becomes the same `Conflict`
  (409) the check gives, never a 500 and never a second row.
- `idempotency_*`: an API create sent with an `Idempotency-Key`, and an HTML create form with
  its one-time token, is done once; a repeat gets the first answer back.
"""

import hashlib
import json
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ApplicationError, Conflict, StaleVersion
from .models import IdempotencyRecord

if TYPE_CHECKING:
    from .models import VersionedModel

# How long a key or form token is remembered; later the same key starts a new create.
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_KEY_MAX = 255


# --- versions -------------------------------------------------------------------------------
def lock_version[M: "VersionedModel"](
    queryset: "models.Manager[M] | models.QuerySet[M]",
    *,
    pk: Any,
    expected_version: int | None = None,
    authorize: Callable[[M], None] | None = None,
) -> M:
    """The row `pk`, locked until the transaction ends, with its version bumped by one.

    `authorize(row)` runs first, on the locked row (it raises to refuse the caller), so a caller
    who may not change the record learns nothing of its version. Raises StaleVersion (carrying
    the row as it is) when `expected_version` is given and is not the current version; nothing
    is changed then. Must run inside `transaction.atomic`. Raises the model's DoesNotExist when
    there is no such row.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_version must run inside a transaction.")
    obj = queryset.select_for_update(of=("self",)).get(pk=pk)
    if authorize is not None:
        authorize(obj)
    if expected_version is not None and obj.version != expected_version:
        raise stale(current=obj, expected=expected_version)
    type(obj)._default_manager.filter(pk=obj.pk).update(version=models.F("version") + 1)
    obj.version += 1
    return obj


def stale(*, current: Any, expected: int) -> StaleVersion:
    """The refusal of a change made on version `expected` of `current` (no longer current)."""
    return StaleVersion(
        _(
            "This record was changed by someone else after you read it (you had version "
            "%(expected)s, it is now at version %(current)s). Reload it and make your change "
            "again."
        )
        % {"expected": expected, "current": current.version},
        current=current,
        expected=expected,
    )


def parse_version(value: Any) -> int | None:
    """A version given by a form or header, or None when it is not a positive whole number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


# --- uniqueness -----------------------------------------------------------------------------
def is_unique_violation(error: IntegrityError) -> bool:
    """Whether a database error is a unique (or exclusion) constraint refusing a duplicate."""
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code is not None:
        return code in ("23505", "23P01")  # unique_violation, exclusion_violation
    return "UNIQUE constraint failed" in str(error)  # SQLite


@contextmanager
def unique_or_conflict(message: str, extra: dict[str, Any] | None = None) -> Iterator[None]:
    """Run the writes in the block in a savepoint; a unique constraint refusing them raises
    `Conflict(message, extra)` (API 409, form error). Other integrity errors pass through."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if is_unique_violation(error):
            raise Conflict(message, extra) from error
        raise


def serialise(name: str) -> None:
    """Wait, inside the current transaction, until no other transaction serialised on `name`
    is running (a PostgreSQL transaction-level advisory lock; SQLite writes one at a time).

    For rules no constraint can express (a name *close* to another one): the second of two
    concurrent requests runs its check after the first committed, and so sees its row.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


# --- idempotent API creates -----------------------------------------------------------------
def request_fingerprint(*, method: str, path: str, data: Any) -> str:
    """SHA-256 of the method, path and (canonical JSON of the) body of a request."""
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(f"{method.upper()} {path}\n{body}".encode()).hexdigest()


def idempotency_key_error(key: str) -> str | None:
    """Why a header value cannot be an idempotency key, or None when it can."""
    if not key.strip():
        return _("The Idempotency-Key header is empty.")
    if len(key) > IDEMPOTENCY_KEY_MAX:
        return _("The Idempotency-Key header is longer than %(max)s characters.") % {
            "max": IDEMPOTENCY_KEY_MAX
        }
    if not key.isprintable() or not key.isascii():
        return _("The Idempotency-Key header must be printable ASCII.")
    return None


class KeyReused(ApplicationError):
    """The same idempotency key came with another request (422)."""

    status_code = 422


@dataclass
class Replay:
    """The stored answer to the first request with this key."""

    status: int
    body: Any
    headers: dict[str, str]


def _expire(*, user: Any) -> None:
    """Forget the user's keys and tokens older than IDEMPOTENCY_TTL (lazily, as they create:
    no job needed; `idempotency_purge` clears everyone's)."""
    IdempotencyRecord.objects.filter(
        user=user, created_at__lt=timezone.now() - IDEMPOTENCY_TTL
    ).delete()


def idempotency_begin(
    *, user: Any, key: str, scope: str, fingerprint: str
) -> IdempotencyRecord | Replay:
    """Claim `key` for this request, inside the transaction that will create the record.

    Returns the new (unfinished) record when this request is the first with the key: the
    caller creates, then calls `idempotency_finish` in the same transaction. Returns a Replay
    when a request with the key already succeeded. A concurrent request with the same key waits
    on the unique index until the first commits (then replays) or rolls back (then claims).
    Raises ApplicationError (status 422) when the key was used for another request, and
    Conflict when the first request with the key has not finished (not possible while it holds
    its transaction open; kept for safety).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("idempotency_begin must run inside a transaction.")
    kind = IdempotencyRecord.Kind.API
    _expire(user=user)
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user=user, kind=kind, key=key, scope=scope, fingerprint=fingerprint
            )
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
    existing = IdempotencyRecord.objects.get(user=user, kind=kind, key=key)
    if existing.scope != scope or existing.fingerprint != fingerprint:
        raise KeyReused(
            _(
                "This Idempotency-Key was already used for another request. Use a new key for "
                "a new request."
            ),
            {"Idempotency-Key": [_("Already used for another request.")]},
        )
    if existing.response_status is None:
        raise Conflict(_("A request with this Idempotency-Key is still being processed."))
    return Replay(
        status=existing.response_status,
        body=existing.response_body,
        headers=dict(existing.response_headers or {}),
    )


def idempotency_finish(
    record: IdempotencyRecord, *, status: int, body: Any, headers: dict[str, str]
) -> None:
    """Store the answer for replays (same transaction as the create)."""
    record.response_status = status
    record.response_body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    record.response_headers = headers
    record.used_at = timezone.now()
    record.save(update_fields=["response_status", "response_body", "response_headers", "used_at"])


def idempotency_purge(*, now: Any = None) -> int:
    """Delete keys and form tokens older than IDEMPOTENCY_TTL; returns how many."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_TTL
    deleted, _by_model = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- one-time form tokens -------------------------------------------------------------------
FORM_TOKEN_FIELD = "form_token"  # noqa: S105 (a field name)


def form_token_issue(*, user: Any, scope: str) -> str:
    """A new one-time token for a create form (a hidden field); stored server-side."""
    token = secrets.token_urlsafe(24)
    _expire(user=user)
    IdempotencyRecord.objects.create(
        user=user, kind=IdempotencyRecord.Kind.FORM, key=token, scope=scope
    )
    return token


def form_token_usable(*, user: Any, token: str, scope: str) -> bool:
    """Whether `token` was issued to `user` for this form, is unused and has not expired."""
    return IdempotencyRecord.objects.filter(
        user=user,
        kind=IdempotencyRecord.Kind.FORM,
        key=str(token)[:IDEMPOTENCY_KEY_MAX],
        scope=scope,
        used_at__isnull=True,
        created_at__gte=timezone.now() - IDEMPOTENCY_TTL,
    ).exists()


@dataclass
class FormClaim:
    """The outcome of claiming a form token: `record` to finish, or `used` with its result."""

    record: IdempotencyRecord
    used: bool


class FormTokenInvalid(ApplicationError):
    """The form carried no token we issued (or it expired): the form is shown again."""


def form_token_claim(*, user: Any, token: str, scope: str) -> FormClaim:
    """Take the token for this submit, inside the transaction that creates the record.

    The first submit gets `used=False` and creates, then calls `form_token_finish`; a second
    submit of the same form (double click, back button, resend) waits for the first to commit
    and gets `used=True` with the first one's `result_url`. Raises FormTokenInvalid for a
    token that was never issued to this user for this form, or that expired.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("form_token_claim must run inside a transaction.")
    record = (
        IdempotencyRecord.objects.select_for_update()
        .filter(
            user=user,
            kind=IdempotencyRecord.Kind.FORM,
            key=str(token)[:IDEMPOTENCY_KEY_MAX],
            scope=scope,
            created_at__gte=timezone.now() - IDEMPOTENCY_TTL,
        )
        .first()
    )
    if record is None:
        raise FormTokenInvalid(
            _("This form has expired. Check the values and submit it again."),
        )
    if record.used_at is not None:
        return FormClaim(record=record, used=True)
    record.used_at = timezone.now()
    record.save(update_fields=["used_at"])
    return FormClaim(record=record, used=False)


def form_token_finish(claim: FormClaim, *, result_url: str) -> None:
    """Remember where the created record lives, for a second submit of the same form."""
    claim.record.result_url = result_url[:500]
    claim.record.save(update_fields=["result_url"])
