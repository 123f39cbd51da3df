"""Reading a record's history, and checking the chain of all events."""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from . import chain
from .chain import ChainReport
from .models import AuditChainHead, AuditEvent


def audit_history(*, target: models.Model, limit: int = 200) -> list[AuditEvent]:
    """Newest first. The caller has already checked the viewer may see `target`."""
    ct = ContentType.objects.get_for_model(target)
    return list(AuditEvent.objects.filter(target_ct=ct, target_id=target.pk)[:limit])


def audit_last_event(*, target: models.Model) -> AuditEvent | None:
    """The record's latest event (who changed it last, and when), or None."""
    return next(iter(audit_history(target=target, limit=1)), None)


def event_effective_on(event: AuditEvent) -> date:
    """The day an event took effect: the `on` (or `effective_on`) date it records when the
    change was dated (a revocation decided on a given day, a record entered after the fact),
    otherwise the day it was recorded, in Jakarta time."""
    data = event.data if isinstance(event.data, dict) else {}
    for key in ("effective_on", "on"):
        value = data.get(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return timezone.localdate(event.occurred_at)


def audit_events_until(
    *,
    model: type[models.Model],
    target_ids: Collection[int] | models.QuerySet[Any],
    events: Collection[str],
    on: date,
) -> dict[int, list[tuple[date, str, dict[str, Any]]]]:
    """For each target, its `events` that took effect on or before `on`, oldest first, as
    (effective day, event, data): the history "as of" queries replay (one query). Pass a
    `values("pk")` queryset rather than a long list of ids: it stays one subquery."""
    ct = ContentType.objects.get_for_model(model)
    history: dict[int, list[tuple[date, str, dict[str, Any]]]] = {}
    rows = (
        AuditEvent.objects.filter(target_ct=ct, target_id__in=target_ids, event__in=list(events))
        .order_by("occurred_at", "id")
        .only("target_id", "event", "data", "occurred_at")
    )
    for event in rows.iterator(chunk_size=2000):
        effective = event_effective_on(event)
        if effective <= on:
            history.setdefault(event.target_id, []).append((effective, event.event, event.data))
    for entries in history.values():
        entries.sort(key=lambda entry: entry[0])  # stable: same day keeps recorded order
    return history


def audit_chain_verify(*, using: str = "default") -> ChainReport:
    """Walk the whole chain in sequence order (streamed, constant memory) and report the first
    broken link, if any (`manage.py audit_verify`; `restore` runs it after a restore)."""
    return chain.verify(events=AuditEvent, heads=AuditChainHead, using=using)
