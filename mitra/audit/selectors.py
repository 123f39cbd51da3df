"""Reading a record's history, and checking the chain of all events."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

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


def audit_chain_verify(*, using: str = "default") -> ChainReport:
    """Walk the whole chain in sequence order (streamed, constant memory) and report the first
    broken link, if any (`manage.py audit_verify`; `restore` runs it after a restore)."""
    return chain.verify(events=AuditEvent, heads=AuditChainHead, using=using)
