"""Notices (one per event × recipient) and each user's delivery preference."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """What one recipient was told about one event: shown in the app (when the recipient is a
    user) and emailed according to the user's preference.

    `key` is the idempotency key (event × record × discriminator): the unique constraints make a
    second notice of the same event to the same recipient impossible, whatever runs twice.
    A notice to a bare address (an invited body's mailbox, an attendee without an account)
    has no user and is email only.
    """

    class Email(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        DIGEST = "digest", _("Waiting for the daily digest")
        SKIPPED = "skipped", _("Not emailed")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    address = models.EmailField(_("email address"), blank=True)
    event = models.CharField(_("event"), max_length=100)
    key = models.CharField(_("key"), max_length=255)
    language = models.CharField(_("language"), max_length=5, default="id")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("email"), max_length=10, choices=Email.choices, default=Email.PENDING
    )
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # The worker that claimed the notice for sending (see delivery.claim).
    claimed_by = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=Q(user__isnull=False),
                name="notice_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["address", "key"],
                condition=Q(user__isnull=True),
                name="notice_once_per_address",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(address=""),
                name="notice_has_recipient",
            ),
        ]
        indexes = [
            # The list page: a user's notices, newest first.
            models.Index(fields=["user", "-created_at", "-id"], name="notice_user_list_idx"),
            # The bell: a user's unread count.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notice_unread_idx"
            ),
            # The worker and the digest: notices still to email.
            models.Index(
                fields=["email_status", "user"],
                condition=Q(email_status__in=["pending", "digest", "sending"]),
                name="notice_outbox_idx",
            ),
            models.Index(fields=["event", "-created_at"], name="notice_event_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How a user wants email: each notice at once (default), one daily digest, or none.

    In-app notices are always kept; the preference only decides the email.
    """

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Email each notice at once")
        DIGEST = "digest", _("One email a day with everything new")
        OFF = "off", _("No email (notices in Mitra only)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.CharField(
        _("email"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"
