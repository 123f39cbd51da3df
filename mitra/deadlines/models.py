"""Working-day calendar data, versioned deadline rules and calendar-feed tokens.

Notices and reminders are the notifications app's (`mitra.notifications`)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CollectiveLeaveDay(models.Model):
    """An override of the working-day calendar, announced after the `holidays` package's
    release: a cuti bersama day (SKB 3 Menteri) the package does not list yet, or, with
    `day_off` unticked, a listed holiday or cuti bersama the government cancelled.

    The package gives the public holidays and collective leave of every year it knows
    (`calendar`); operators keep only these later changes in the admin.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)
    day_off = models.BooleanField(
        _("day off"),
        default=True,
        help_text=_(
            "Untick to make this a working day: a holiday or collective leave day listed by "
            "the holidays package that a later decree cancelled."
        ),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("collective leave day")
        verbose_name_plural = _("collective leave days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class DeadlineRule(models.Model):
    """One version of a deadline rule. The version in force on a day is the active one with the
    latest `valid_from` on or before that day (ties: the higher version)."""

    class Kind(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("Calendar days")
        WORKING_DAYS = "working_days", _("Working days")
        MONTHS = "months", _("Months")

    class Direction(models.TextChoices):
        BEFORE = "before", _("Before the anchor")
        AFTER = "after", _("After the anchor")

    class Confidence(models.TextChoices):
        # The grades of domain.md: A law text, B secondary source, C bill stage, D design choice.
        A = "A", _("A: statutory text")
        B = "B", _("B: secondary source")
        C = "C", _("C: draft or bill stage")
        D = "D", _("D: design default (uncertain)")

    code = models.SlugField(_("code"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.AFTER
    )
    anchor = models.CharField(
        _("anchor"), max_length=200, help_text=_("What the count starts from.")
    )
    valid_from = models.DateField(_("valid from"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence.choices, default=Confidence.D
    )
    uncertain = models.BooleanField(_("uncertain (configurable default)"), default=False)
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["code", "-valid_from", "-version"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="deadline_rule_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def summary(self) -> str:
        return f"{self.amount} {self.get_kind_display()} {self.get_direction_display()}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's private calendar-feed URL. Regenerating it kills the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"
