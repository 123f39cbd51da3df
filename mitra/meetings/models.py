"""Meetings: TPOA deliberations, coordination meetings, signings, monitoring visits and the rest.

A meeting has invited bodies, attendees, agenda items, versioned minutes, each body's position
per agenda item, decisions and action items. Its outcomes change other records only through
services (a signing meeting links the agreements signed at it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.models import TimeStampedModel, VersionedModel

from .querysets import ActionItemQuerySet, MeetingQuerySet


class Meeting(FSMModelMixin, VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        TPOA_DELIBERATION = "tpoa_deliberation", _("TPOA deliberation")
        COORDINATION = "coordination", _("Coordination meeting (rakor)")
        SIGNING = "signing", _("Signing")
        MONITORING_VISIT = "monitoring_visit", _("Monitoring visit (monev)")
        LOCAL_PARTNER_ORIENTATION = "local_partner_orientation", _("Local partner orientation")
        ANNUAL_EVALUATION = "annual_evaluation", _("Annual evaluation")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    purpose = models.TextField(_("purpose"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_platform = models.CharField(_("online platform"), max_length=100, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    organizer = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_meetings",
    )
    organizer_unit = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("organizing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SECURITY: the organizer's top-level body; scoping keys on it (querysets.visible_to).
    organizer_agency = models.ForeignKey(
        "bodies.GovernmentBody", on_delete=models.PROTECT, related_name="+", editable=False
    )
    status = FSMField(
        _("status"), default=Status.PLANNED, choices=Status.choices, protected=True, db_index=True
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("agreements"), blank=True, related_name="meetings"
    )
    signed_agreements = models.ManyToManyField(
        "agreements.Agreement",
        verbose_name=_("agreements signed at the meeting"),
        blank=True,
        related_name="signed_at_meetings",
    )
    organizations = models.ManyToManyField(
        "organizations.ForeignOrganization",
        verbose_name=_("organizations"),
        blank=True,
        related_name="meetings",
    )
    cancelled_reason = models.TextField(_("cancellation reason"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["organizer_agency", "starts_at"], name="meeting_agency_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # --- the state graph (no side effects: services audit and notify) ----------------
    @transition(field=status, source=Status.PLANNED, target=Status.HELD)
    def hold(self) -> None:
        """Planned → held: the meeting took place."""

    @transition(
        field=status,
        source=[Status.HELD, Status.MINUTES_CIRCULATED],
        target=Status.MINUTES_CIRCULATED,
    )
    def circulate_minutes(self) -> None:
        """The latest minutes version goes to the participants for comments."""

    @transition(field=status, source=Status.MINUTES_CIRCULATED, target=Status.MINUTES_APPROVED)
    def approve_minutes(self) -> None:
        """The circulated minutes are approved."""

    @transition(field=status, source=Status.PLANNED, target=Status.CANCELLED)
    def cancel(self, reason: str = "") -> None:
        """Called off before it was held; the reason is kept."""
        self.cancelled_reason = reason


class InvitedBody(models.Model):
    """A body invited to the meeting (with its unit), or a group named in words."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invited")
    body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SECURITY: the invited body's top-level body; scoping keys on it.
    agency = models.ForeignKey(
        "bodies.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        editable=False,
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("For a group not in the registry, e.g. 'provincial and city governments'."),
    )
    email = models.EmailField(_("invitation email"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("invited body")
        verbose_name_plural = _("invited bodies")
        indexes = [models.Index(fields=["agency", "meeting"], name="invited_agency_meeting_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body__isnull=False) | ~models.Q(description=""),
                name="invited_body_or_description",
            ),
            # A body (with its unit, or as a whole) is invited once (the service's check).
            models.UniqueConstraint(
                fields=["meeting", "body"],
                condition=models.Q(body__isnull=False, unit__isnull=True),
                name="invited_body_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "body", "unit"],
                condition=models.Q(body__isnull=False, unit__isnull=False),
                name="invited_body_unit_once",
            ),
        ]

    def __str__(self) -> str:
        if self.body is None:
            return self.description
        return str(self.unit or self.body)


class Attendee(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        PARTICIPANT = "participant", _("Participant")
        SIGNATORY = "signatory", _("Signatory")
        PRESENTER = "presenter", _("Presenter")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("Secretariat")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=255, blank=True)
    title = models.CharField(_("position/title"), max_length=255, blank=True)
    person = models.ForeignKey(
        "organizations.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("government body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SECURITY: the body's top-level body; scoping keys on it.
    agency = models.ForeignKey(
        "bodies.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        editable=False,
    )
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("foreign organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    # Whom the person represents: a list of capacities ("TPOA", "working group on …").
    represents = models.JSONField(_("represents"), default=list, blank=True)
    email = models.EmailField(_("email"), blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        indexes = [
            models.Index(fields=["agency", "meeting"], name="attendee_agency_meeting_idx"),
            models.Index(fields=["organization", "meeting"], name="attendee_org_meeting_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(body__isnull=False) & models.Q(organization__isnull=False)),
                name="attendee_body_or_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.title

    @property
    def affiliation(self) -> str:
        return str(self.body or self.organization or "")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MinutesVersion(models.Model):
    """One version of the minutes. Versions are never changed: a correction is a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class Position(models.Model):
    class Stance(models.TextChoices):
        SUPPORT = "support", _("Support")
        OBJECT = "object", _("Object")
        NOTE = "note", _("Note")
        ABSTAIN = "abstain", _("Abstain")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="positions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="positions", null=True, blank=True
    )
    body = models.ForeignKey(
        "bodies.GovernmentBody", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    stance = models.CharField(_("position"), max_length=10, choices=Stance.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["agenda_item__order", "id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.body}: {self.get_stance_display()}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, related_name="decisions", null=True, blank=True
    )
    text = models.TextField(_("decision"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.TextField(_("action"))
    owner_body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_person = models.CharField(_("responsible person"), max_length=255, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.text[:80]
