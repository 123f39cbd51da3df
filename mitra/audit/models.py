"""Append-only audit events written by services in the same transaction as the change."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses the bulk changes that would bypass `AuditEvent.save`/`delete`. (Deleting a user
    still nulls `actor` through Django's collector, which does not call these.)"""

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
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Denormalised so the history survives the user being renamed or deactivated.
    actor_name = models.CharField(max_length=255, blank=True)
    actor_agency = models.CharField(max_length=255, blank=True)
    target_ct = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

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
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")
