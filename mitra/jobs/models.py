"""A job: long work done by the task worker for one user, with its progress and result."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Inputs of jobs: under MEDIA_ROOT/private (follows MEDIA_ROOT, tests included), and never
    given a URL: only the worker reads them back, through the job."""

    @cached_property
    def base_location(self) -> str:
        return str(Path(settings.MEDIA_ROOT) / "private")

    def url(self, name: str | None) -> str:
        raise ValueError("The inputs of jobs are private: they have no URL.")


_PRIVATE = PrivateStorage()


def private_storage() -> Storage:
    return _PRIVATE


def job_input_upload_to(instance: "Job", filename: str) -> str:
    """A random name: the user's file name is kept in `input_name`, never used as a path."""
    suffix = Path(filename).suffix.lower()[:8]
    suffix = suffix if suffix[1:].isalnum() else ""
    return f"jobs/{instance.kind.replace('.', '-')}/{uuid.uuid4().hex}{suffix}"


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    # Progress: `done` of `total` units (rows, records); total 0 = not known yet.
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    stage = models.CharField(_("stage"), max_length=32, blank=True)
    # What the handler needs besides the file (JSON), e.g. {"kind": "activities"}.
    params = models.JSONField(_("parameters"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # The language the messages of the job are written in (the owner's, when it was created).
    language = models.CharField(_("language"), max_length=8, blank=True)
    input_file = models.FileField(
        _("input file"),
        upload_to=job_input_upload_to,
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    input_name = models.CharField(_("input file name"), max_length=255, blank=True)
    input_size = models.PositiveBigIntegerField(_("input size"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["owner", "kind", "-created_at"], name="job_owner_kind")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        """0–100; a finished job is at 100, a job of unknown size at 0."""
        if self.is_finished:
            return 100
        if not self.total:
            return 0
        return max(0, min(100, self.done * 100 // self.total))

    @property
    def bar_step(self) -> int:
        """The bar's width in steps of 5 % (0–20), for the CSS classes `job-progress-<n>` (CSP:
        no inline style). A running job of unknown size shows a full, animated bar."""
        if not self.is_finished and not self.total and self.status == self.Status.RUNNING:
            return 20
        return self.percent // 5
