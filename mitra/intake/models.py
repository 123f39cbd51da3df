"""Intake submissions: a pasted or uploaded press item, what was extracted, what was created."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeSubmission(models.Model):
    """One press item read by the extractor. The source text is kept: the audit events of the
    records created from it carry the submission's id."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (under review)")
        CONFIRMED = "confirmed", _("Confirmed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    source_text = models.TextField(_("source text"))
    source_filename = models.CharField(_("source file name"), max_length=255, blank=True)
    # {"record": <press schema>, "evidence": [...], "proposal": {...}, "reviewed": {...}}
    extraction = models.JSONField(_("extraction"), default=dict, encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # {"organizations": [ids], "agreements": [ids], "linked": [ids], "signatories": [ids]}
    created_records = models.JSONField(
        _("created records"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("intake submission")
        verbose_name_plural = _("intake submissions")

    def __str__(self) -> str:
        label = self.source_filename or self.source_text[:60].replace("\n", " ")
        return f"#{self.pk} {label}"
