"""Writing audit events. Services call `audit_event_record` inside their transaction.

Every event is a link of one hash chain (`mitra.audit.chain`, docs/dev/audit-chain.md): the
writer locks the chain head, appends after it and moves it on, in the caller's transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from mitra.core.cache import public_data_changed_on_commit

from . import chain
from .models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from mitra.accounts.models import User


# The day the events recorded now took effect, when that is in the past (`audit_effective_on`).
_effective_on: ContextVar[date | None] = ContextVar("audit_effective_on", default=None)


@contextmanager
def audit_effective_on(on: date | None) -> Iterator[None]:
    """Events recorded inside the block carry `data["effective_on"]` = `on` (unless they set
    their own): for things entered after they happened (the demo's past meetings, signings and
    decisions; imports). `event_effective_on` and the history tab then date them on that day.
    `on` None: no effect."""
    token = _effective_on.set(on)
    try:
        yield
    finally:
        _effective_on.reset(token)


def audit_event_record(
    *,
    event: str,
    target: models.Model,
    actor: "User | None",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's atomic block, after the
    service's own locks: the chain head stays locked until that block commits.
    Side effects: the head locked and moved on, one INSERT. `actor` None: the system."""
    # Public page cache (mitra.core.cache): a recorded change empties it after the commit.
    public_data_changed_on_commit(event=event)

    effective_on = _effective_on.get()
    if effective_on is not None and "effective_on" not in (data or {}):
        data = {**(data or {}), "effective_on": effective_on.isoformat()}
    agency = actor.agency if actor is not None else None
    return audit_event_append(
        AuditEvent(
            event=event,
            actor=actor if actor is not None and actor.pk else None,
            actor_name=(actor.get_full_name() or actor.get_username()) if actor else "system",
            actor_agency=str(agency) if agency else "",
            target_ct=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            target_label=str(target)[:255],
            data=data or {},
        )
    )


def audit_event_append(event: AuditEvent, *, occurred_at: datetime | None = None) -> AuditEvent:
    """Store an unsaved `event` as the next link: lock the head, stamp `occurred_at` (now,
    under the lock, so time follows the chain), number and hash the event, INSERT it, move the
    head. Three queries. Services call `audit_event_record`; factories call this directly to
    backdate `occurred_at`."""
    if event.pk is not None or event.sequence is not None:
        raise RuntimeError("Audit events are append-only.")
    with transaction.atomic(savepoint=False):
        head = _chain_head_locked()
        event.occurred_at = occurred_at or timezone.now()
        event.sequence, event.prev_hash = head.sequence + 1, head.hash
        event.hash = chain.event_hash(
            sequence=event.sequence, prev_hash=event.prev_hash, **chain.content_of(event)
        )
        event.save(force_insert=True)
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


def audit_chain_extend() -> int:
    """Chain the events that were bulk-inserted without a link (the bench data set, imports):
    in id order, after the head, under the head lock. Returns how many were linked. Run it
    right after the bulk insert, before other writers record events, so ids keep following
    the chain (`audit_verify` reports `order` otherwise)."""
    with transaction.atomic():
        head = _chain_head_locked()
        return chain.link_unchained(events=AuditEvent, head=head, using=head._state.db or "default")


def _chain_head_locked() -> AuditChainHead:
    """The head row, locked until the transaction ends (on SQLite the IMMEDIATE transaction
    already serialises writers). A missing head is created only for an empty chain (a new or
    flushed database); with chained events and no head the chain was tampered with, and
    recording stops until `audit_verify` has been looked at."""
    heads = AuditChainHead.objects.select_for_update()
    head = heads.filter(pk=AuditChainHead.ROW).first()
    if head is None:
        # Writers racing on an empty chain all find no head; the insert serialises them (the
        # others wait on its key, then read it). Only the writer that created the head may judge
        # the chain: for a writer that lost the race, the winner's events are already chained.
        _head, created = AuditChainHead.objects.get_or_create(pk=AuditChainHead.ROW)
        if created and AuditEvent.objects.filter(sequence__isnull=False).exists():
            raise RuntimeError(
                "The audit chain head is missing but chained events exist: run audit_verify."
            )
        head = heads.get(pk=AuditChainHead.ROW)
    return head


def model_snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """Plain values of `fields` for an audit event's before/after."""
    snapshot: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, models.Model):
            value = value.pk
        snapshot[name] = value if isinstance(value, (int, float, bool, type(None))) else str(value)
    return snapshot


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that changed, as {"old": {...}, "new": {...}}."""
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {"old": {k: before.get(k) for k in changed}, "new": {k: after[k] for k in changed}}
