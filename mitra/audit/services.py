"""Writing audit events. Services call `audit_event_record` inside their transaction."""

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent

if TYPE_CHECKING:
    from mitra.accounts.models import User


def audit_event_record(
    *,
    event: str,
    target: models.Model,
    actor: "User | None",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Side effect: one INSERT. Call inside the service's atomic block.
    `actor` None: the system (a daily job)."""
    agency = actor.agency if actor is not None else None
    return AuditEvent.objects.create(
        event=event,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "system",
        actor_agency=str(agency) if agency else "",
        target_ct=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=str(target)[:255],
        data=data or {},
    )


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
