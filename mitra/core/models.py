"""Abstract model bases shared by the domain apps."""

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Who created and last changed a record, and when (DHA `core/models.py`)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A record edited by people: `version` grows by one on every change (optimistic locking).

    Only `mitra.core.concurrency.lock_version` bumps it, inside the service's transaction; the API
    sends it as the ETag and forms carry it, so an edit made on a stale copy is refused instead
    of silently overwriting the change made meanwhile (docs/dev/concurrency.md).
    """

    # db_default too: rows written outside the ORM's current model (raw SQL, the historical
    # models of older migrations) start at 1 as well.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True


class StoredDocument(models.Model):
    """An uploaded document with what was judged of it before it was kept (issue 18 §2): the
    name it was sent with, its type by content, its size and SHA-256, who uploaded it and when.

    The concrete model adds its `file` (each app its own storage path, which may use `sha256`),
    what it belongs to and, where a re-upload makes a new version, its `version`.
    `mitra.agreements.documents.checked_upload` judges an upload before anything is written and
    `store_upload` fills these fields, stores the file and saves the record.
    """

    file: Any  # a FileField each concrete model declares, with its own storage path
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True


class IdempotencyRecord(models.Model):
    """One create asked for with an `Idempotency-Key` (API) or a one-time form token (HTML).

    The row is written in the same transaction as the record it creates, under a unique
    (user, key): a second request with the key waits for the first to commit and then finds
    this row, so it gets the first answer back instead of making a second record. API rows
    keep the response (status and body); form rows keep where the created record lives.
    Rows older than `mitra.core.concurrency.IDEMPOTENCY_TTL` are expired (docs/dev/concurrency.md).
    """

    class Kind(models.TextChoices):
        API = "api", "API"
        FORM = "form", "form"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.API)
    key = models.CharField(max_length=255)
    # "POST /api/v1/organizations" for the API; the form's name for a form token.
    scope = models.CharField(max_length=255)
    # SHA-256 of method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64, blank=True)
    # Null until the create succeeded (a form token issued, not yet used).
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    # The headers a replay repeats (ETag, Location).
    response_headers = models.JSONField(default=dict, blank=True)
    # Where the created record is shown (forms redirect there on a second submit).
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
