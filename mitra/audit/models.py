"""Append-only audit events written by services in the same transaction as the change.

The events form one hash chain (ADR 0018, docs/dev/audit-chain.md): each stores its `sequence`
(1, 2, 3, … without gaps), the `hash` of the event before it (`prev_hash`) and its own `hash`
over a canonical form (`mitra.audit.chain`). `AuditChainHead` holds the last link; writers lock
it, so they append one at a time. `manage.py audit_verify` walks the chain."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses the bulk changes that would bypass `AuditEvent.save`/`delete`. On PostgreSQL a
    trigger refuses UPDATE and DELETE below the ORM too (migration 0004); on SQLite
    `audit_verify` finds such changes."""

    def update(self, **kwargs):
        raise RuntimeError("Audit events are append-only.")

    def delete(self):
        raise RuntimeError("Audit events are append-only.")

    def bulk_update(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")

    def update_or_create(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")


class AuditEvent(models.Model):
    event = models.CharField(_("event"), max_length=80)
    # Set by the writer while it holds the chain head, so time follows the chain.
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    # No database constraint and nothing done on delete: the id stays as recorded (it is part of
    # the hash) when a user is removed; `actor_name` keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    # Denormalised so the history survives the user being renamed, deactivated or removed.
    actor_name = models.CharField(max_length=255, blank=True)
    actor_agency = models.CharField(max_length=255, blank=True)
    target_ct = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    # The chain. Null only between a bulk insert and `audit_chain_extend` (bench, imports).
    sequence = models.BigIntegerField(null=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["target_ct", "target_id", "occurred_at"], name="audit_target_idx"),
            models.Index(fields=["event", "occurred_at"], name="audit_event_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        if self.sequence is None:
            raise RuntimeError("Record audit events with audit.services.audit_event_record.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """The last link of the chain, one row (pk 1). Writers lock it (`select_for_update`) in
    their transaction, append after it and move it on."""

    ROW = 1

    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_one_head")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"
