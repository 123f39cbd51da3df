"""Sanction cases against foreign organizations (domain.md §3.9, §4.8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from mitra.core.models import StoredDocument, TimeStampedModel

from . import ladder as ladders
from .querysets import SanctionCaseQuerySet


def _has_next_step(case: models.Model) -> bool:
    """The condition of `SanctionCase.escalate` (django-fsm types conditions over any model)."""
    return isinstance(case, SanctionCase) and case.has_next_step()


class SanctionCase(FSMModelMixin, TimeStampedModel):
    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        ASSESSED = "assessed", _("Assessed")
        PERSUASION = ladders.PERSUASION, _("Persuasion")
        WRITTEN_WARNING = ladders.WRITTEN_WARNING, _("Written warning")
        CESSATION = ladders.CESSATION, _("Cessation of activities")
        REVOKED = ladders.REVOKED, _("Permits revoked")
        LIFTED = "lifted", _("Lifted (complied)")
        DISMISSED = "dismissed", _("Dismissed")
        ANNULLED = "annulled", _("Annulled on objection")

    class Source(models.TextChoices):
        MONITORING = "monitoring", _("Monitoring and evaluation")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        MEMBER_AGENCY = "member_agency", _("TPOA member agency")
        PUBLIC = "public", _("Public complaint")
        OTHER = "other", _("Other")

    ACTIVE_STATES = (Status.PERSUASION, Status.WRITTEN_WARNING, Status.CESSATION)
    CONCLUDED_STATES = (Status.REVOKED, Status.LIFTED, Status.DISMISSED, Status.ANNULLED)
    # Steps an objection may set aside (the sanctions themselves; revocation is outside: see
    # docs/dev/sanctions.md).
    OBJECTABLE_STATES = (Status.WRITTEN_WARNING, Status.CESSATION)

    reference = models.CharField(_("reference"), max_length=40, blank=True, db_index=True)
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="sanction_cases",
    )
    status = FSMField(
        _("status"),
        default=Status.REPORTED,
        choices=Status.choices,
        protected=True,
        db_index=True,
    )
    ladder = models.CharField(_("ladder"), max_length=10, choices=ladders.LADDER_CHOICES)
    # Position on the ladder: -1 before the first step (persuasion is 0).
    step_index = models.SmallIntegerField(default=-1, editable=False)
    # The highest sanction status reached (kept after lifting, for the public outcome).
    reached_status = models.CharField(max_length=30, blank=True, editable=False)
    violation = models.TextField(_("violation"))
    articles = models.CharField(
        _("articles breached"), max_length=300, blank=True, help_text=_("e.g. UU 17/2013 Ps 52")
    )
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    source_detail = models.CharField(_("source details"), max_length=300, blank=True)
    reported_on = models.DateField(_("reported on"))
    reported_by_agency = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("reporting agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SECURITY: internal; never shown to the organization or the public.
    assessment_notes = models.TextField(_("internal assessment notes"), blank=True)
    compliance_due = models.DateField(_("compliance deadline"), null=True, blank=True)
    immigration_referral = models.BooleanField(_("referred to immigration"), default=False)
    criminal_referral = models.BooleanField(_("referred to the police (criminal)"), default=False)
    public_outcome = models.TextField(
        _("public outcome"),
        blank=True,
        help_text=_("Shown in the public directory once the case is concluded."),
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    objects = SanctionCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("sanction case")
        verbose_name_plural = _("sanction cases")
        indexes = [
            models.Index(fields=["organization", "status"], name="sanction_org_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference or self.pk} · {self.organization}"

    # --- derived ---------------------------------------------------------------------------
    @property
    def is_concluded(self) -> bool:
        return self.status in self.CONCLUDED_STATES

    @property
    def current_step(self) -> ladders.LadderStep | None:
        return ladders.current_step(self.ladder, self.step_index)

    @property
    def next_step(self) -> ladders.LadderStep | None:
        return ladders.next_step(self.ladder, self.step_index)

    @property
    def reached_label(self) -> str:
        step = self.current_step
        if self.reached_status and step is None:
            return str(self.Status(self.reached_status).label)
        return str(step.label) if step else ""

    def has_next_step(self) -> bool:
        return self.next_step is not None

    # --- the state graph (no side effects: the service audits and applies effects) --------
    @transition(field=status, source=Status.REPORTED, target=Status.ASSESSED)
    def assess(self) -> None:
        """The TPOA secretariat assessed the report."""

    @transition(field=status, source=[Status.REPORTED, Status.ASSESSED], target=Status.DISMISSED)
    def dismiss(self, *, on) -> None:
        """No violation established."""
        self.concluded_on = on
        self.compliance_due = None

    @transition(
        field=status,
        source=[Status.ASSESSED, Status.PERSUASION, Status.WRITTEN_WARNING, Status.CESSATION],
        target=RETURN_VALUE(
            Status.PERSUASION, Status.WRITTEN_WARNING, Status.CESSATION, Status.REVOKED
        ),
        conditions=[_has_next_step],
    )
    def escalate(self, *, compliance_due, on) -> str:
        """Climb one step of the case's ladder (assessed → its first step)."""
        step = self.next_step
        assert step is not None  # guarded by has_next_step
        self.step_index += 1
        self.reached_status = step.status
        self.compliance_due = compliance_due
        if step.status == self.Status.REVOKED:
            self.concluded_on = on
        return step.status

    @transition(
        field=status,
        source=[Status.PERSUASION, Status.WRITTEN_WARNING, Status.CESSATION],
        target=Status.LIFTED,
    )
    def lift(self, *, on) -> None:
        """The organization complied; the sanction is lifted and the case closed."""
        self.compliance_due = None
        self.concluded_on = on

    @transition(
        field=status, source=[Status.WRITTEN_WARNING, Status.CESSATION], target=Status.ANNULLED
    )
    def annul(self, *, on) -> None:
        """The deciding authority upheld the organization's objection: the step is set aside
        and the case closed."""
        self.compliance_due = None
        self.concluded_on = on


class SanctionStep(models.Model):
    """One move of a case, with what §3.9 requires of each: legal basis, authority, dates,
    evidence and the parties notified."""

    case = models.ForeignKey(SanctionCase, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=20)
    status_from = models.CharField(max_length=30)
    status_to = models.CharField(max_length=30)
    label = models.CharField(_("step"), max_length=100, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    authority = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_on = models.DateField(_("date"))
    compliance_due = models.DateField(_("compliance deadline"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    notified_bodies = models.ManyToManyField(
        "bodies.GovernmentBody", verbose_name=_("bodies notified"), blank=True, related_name="+"
    )
    parties_notified = models.CharField(_("other parties notified"), max_length=500, blank=True)
    effects = models.JSONField(default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("sanction step")
        verbose_name_plural = _("sanction steps")

    def __str__(self) -> str:
        return f"{self.case} · {self.action}"


def evidence_upload_to(instance: "SanctionEvidence", filename: str) -> str:
    return f"sanctions/{instance.case_id}/{instance.sha256[:16]}-{filename}"


class SanctionReply(models.Model):
    """The organization's answer to a step of its case, within the step's period
    (`services.reply_due`). Evidence of compliance hangs on it (`SanctionEvidence.reply`)."""

    case = models.ForeignKey(SanctionCase, on_delete=models.CASCADE, related_name="replies")
    step = models.ForeignKey(SanctionStep, on_delete=models.PROTECT, related_name="replies")
    text = models.TextField(_("reply"))
    submitted_on = models.DateField(_("submitted on"))
    due = models.DateField(_("reply deadline"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply to a sanction step")
        verbose_name_plural = _("replies to sanction steps")

    def __str__(self) -> str:
        return f"{self.case} · {self.submitted_on}"


class SanctionObjection(FSMModelMixin, models.Model):
    """An objection (keberatan) to a step, decided by the configured deciding authority
    (settings.MITRA["SANCTION_OBJECTION"], docs/dev/sanctions.md)."""

    class Status(models.TextChoices):
        FILED = "filed", _("Awaiting decision")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", _("Rejected")

    case = models.ForeignKey(SanctionCase, on_delete=models.CASCADE, related_name="objections")
    step = models.ForeignKey(SanctionStep, on_delete=models.PROTECT, related_name="objections")
    grounds = models.TextField(_("grounds of the objection"))
    filed_on = models.DateField(_("filed on"))
    filing_due = models.DateField(_("objection deadline"))
    decision_due = models.DateField(_("decision due"))
    deciding_body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("deciding authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = FSMField(
        _("status"), default=Status.FILED, choices=Status.choices, protected=True, db_index=True
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(fields=["step"], name="sanction_one_objection_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_status_display()}"

    @transition(field=status, source=Status.FILED, target=Status.UPHELD)
    def uphold(self, *, on, decision: str) -> None:
        self.decided_on = on
        self.decision = decision

    @transition(field=status, source=Status.FILED, target=Status.REJECTED)
    def reject(self, *, on, decision: str) -> None:
        self.decided_on = on
        self.decision = decision


class SanctionEvidence(StoredDocument):
    case = models.ForeignKey(SanctionCase, on_delete=models.PROTECT, related_name="evidence")
    step = models.ForeignKey(
        SanctionStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    # Evidence of compliance sent with the organization's reply or objection.
    reply = models.ForeignKey(
        SanctionReply, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    objection = models.ForeignKey(
        SanctionObjection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    # SECURITY: internal evidence is not shown to the organization's representatives.
    internal = models.BooleanField(_("internal only"), default=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self) -> str:
        return self.title
