"""Reading a record's history."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_history(*, target: models.Model, limit: int = 200) -> list[AuditEvent]:
    """Newest first. The caller has already checked the viewer may see `target`."""
    ct = ContentType.objects.get_for_model(target)
    return list(AuditEvent.objects.filter(target_ct=ct, target_id=target.pk)[:limit])
