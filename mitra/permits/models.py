"""TPOA licensing: applications (new and extension), member reviews, deliberations, permits
(izin prinsip), izin operasional and foreign staff (domain.md §3.2–3.4, §3.10, §4.1–4.2)."""

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.models import StoredDocument, TimeStampedModel, VersionedModel

from .querysets import (
    AgencyReviewQuerySet,
    ApplicationQuerySet,
    PermitQuerySet,
)


class Track(models.TextChoices):
    TPOA = "tpoa", _("TPOA izin prinsip")
    MULTILATERAL = "multilateral_clearance", _("Multilateral working-group clearance")


# The documents of domain.md §4.1, as the application's checklist (code → label, required).
DOCUMENT_ITEMS: list[tuple[str, str | Promise, bool]] = [  # lazy labels
    ("deed", _("Deed of establishment, legalised in the home country"), True),
    ("statutes", _("Statutes (AD/ART)"), True),
    ("nonprofit_registration", _("Certificate of non-profit registration"), True),
    ("nonprofit_statement", _("Statement of non-profit aims and activities"), True),
    ("structure", _("Profile: vision, mission, structure and staff"), True),
    ("funding_commitment", _("Funding commitment letter and channelling mechanism"), True),
    ("funds_statement", _("Statement on lawful funds not raised in Indonesia"), True),
    ("embassy_recommendation", _("Recommendation letter of the home-country embassy"), True),
    ("representative_appointment", _("Appointment letter of the head of representative"), True),
    ("programme_plan", _("Planned programmes and budget plan"), True),
    ("draft_agreement", _("Draft cooperation agreement with the partner ministry"), False),
]
DOCUMENT_LABELS = {code: label for code, label, _required in DOCUMENT_ITEMS}
REQUIRED_DOCUMENTS = [code for code, _label, required in DOCUMENT_ITEMS if required]


class QueryReason(models.TextChoices):
    MISSING_DOCUMENT = "missing_document", _("A required document is missing")
    UNLEGALISED = "unlegalised", _("A document is not legalised")
    INCONSISTENT = "inconsistent", _("Information is inconsistent")
    FUNDS_UNCLEAR = "funds_unclear", _("Sources or amounts of funds are unclear")
    PROGRAMME_UNCLEAR = "programme_unclear", _("Programmes or regions are unclear")
    PARTNER_MINISTRY = "partner_ministry", _("The proposed partner ministry does not fit")
    MEMBER_QUESTION = "member_question", _("A member agency asks for information")
    OTHER = "other", _("Other")


class RejectionReason(models.TextChoices):
    NO_RELATIONS = "no_relations", _("No diplomatic relations with the home country")
    NOT_NON_PROFIT = "not_non_profit", _("Aims or activities are not non-profit")
    SECURITY = "security", _("Objection on security grounds")
    POLITICAL = "political", _("Political or proselytising activities")
    FUNDS = "funds", _("Origin or use of funds")
    DUPLICATION = "duplication", _("Duplicates existing programmes")
    INCOMPLETE = "incomplete", _("Information remained incomplete")
    OTHER = "other", _("Other")


class Application(FSMModelMixin, VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        NEW = "new", _("New izin prinsip")
        EXTENSION = "extension", _("Extension")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        VERIFICATION = "verification", _("Document verification")
        RETURNED = "returned_for_revision", _("Returned for revision")
        REVIEW = "inter_agency_review", _("Inter-agency review")
        PRESENTATION = "presentation", _("Presentation to the TPOA")
        DELIBERATION = "deliberation", _("Deliberation")
        DECISION_PENDING = "decision_pending", _("Awaiting the Minister's decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference number"), max_length=30, unique=True)
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="permit_applications",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEW)
    track = models.CharField(_("track"), max_length=30, choices=Track.choices, db_index=True)
    extends = models.ForeignKey(
        "Permit",
        verbose_name=_("extends permit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extension_applications",
    )
    status = FSMField(
        _("status"), default=Status.DRAFT, choices=Status.choices, protected=True, db_index=True
    )
    # Task-list sections.
    profile = models.JSONField(_("organization profile"), default=dict, blank=True)
    programmes = models.TextField(_("planned programmes"), blank=True)
    provinces = models.ManyToManyField("regions.Province", verbose_name=_("regions"), blank=True)
    partner_ministry = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("proposed partner ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permit_applications",
    )
    funding_sources = models.TextField(_("sources of funds"), blank=True)
    funding_amount = models.DecimalField(
        _("amount of funds"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    funding_currency = models.CharField(_("currency"), max_length=3, blank=True, default="USD")
    local_partners = models.TextField(_("local partners (one per line)"), blank=True)
    changes_summary = models.TextField(_("what changed (extensions)"), blank=True)
    # An extension's answer to "what changed" per task-list section (CHANGE_SECTIONS → text;
    # "no change" is an answer too). validation.section_status reads it.
    section_changes = models.JSONField(
        _("what changed, per section"), default=dict, blank=True, db_default={}
    )
    technical_ministries = models.ManyToManyField(
        "bodies.GovernmentBody",
        verbose_name=_("technical ministries"),
        blank=True,
        related_name="permit_applications_technical",
    )
    # Action needed (a query from the secretariat).
    query_reasons = models.JSONField(_("query reasons"), default=list, blank=True)
    query_text = models.TextField(_("query"), blank=True)
    query_deadline = models.DateField(_("answer by"), null=True, blank=True)
    response_text = models.TextField(_("answer"), blank=True)
    # Dates and flags.
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    late_filing = models.BooleanField(_("filed late"), default=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reasons = models.JSONField(_("rejection reasons"), default=list, blank=True)
    decision_text = models.TextField(_("decision notes"), blank=True)
    override_reason = models.TextField(_("reason for overriding an objection"), blank=True)
    opinions_shared = models.BooleanField(
        _("member opinions shared with all members"), default=False
    )
    stage_since = models.DateTimeField(_("in this stage since"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("izin prinsip application")
        verbose_name_plural = _("izin prinsip applications")
        indexes = [
            models.Index(fields=["status", "track"], name="permit_app_status_track_idx"),
            models.Index(fields=["organization", "status"], name="permit_app_org_status_idx"),
        ]
        constraints = [
            # One open application of a kind per organization (applications.application_start
            # checks it; this backs it against two starts at once). The statuses of OPEN below.
            models.UniqueConstraint(
                fields=["organization", "kind"],
                condition=models.Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "verification",
                        "returned_for_revision",
                        "inter_agency_review",
                        "presentation",
                        "deliberation",
                        "decision_pending",
                    ]  # fmt: skip
                ),
                name="permit_app_one_open_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    OPEN = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.VERIFICATION,
        Status.RETURNED,
        Status.REVIEW,
        Status.PRESENTATION,
        Status.DELIBERATION,
        Status.DECISION_PENDING,
    )

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def local_partner_list(self) -> list[str]:
        return [line.strip() for line in self.local_partners.splitlines() if line.strip()]

    # --- the state graph (no side effects: services lock, audit and notify) ------------
    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self) -> None:
        """Applicant submits a complete task list."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.VERIFICATION)
    def open_verification(self) -> None:
        """Secretariat starts checking the documents."""

    @transition(
        field=status, source=[Status.VERIFICATION, Status.DELIBERATION], target=Status.RETURNED
    )
    def return_for_revision(self) -> None:
        """Incomplete (or the TPOA needs information): back to the applicant with a query."""

    @transition(field=status, source=Status.RETURNED, target=Status.VERIFICATION)
    def resubmit(self) -> None:
        """Applicant answers the query."""

    @transition(field=status, source=Status.VERIFICATION, target=Status.REVIEW)
    def circulate(self) -> None:
        """Complete: circulated to the member agencies for parallel review."""

    @transition(field=status, source=Status.REVIEW, target=Status.PRESENTATION)
    def schedule_presentation(self) -> None:
        """The opinions are in: the applicant presents its plans to the TPOA (domain.md §3.2
        step 5); the secretariat schedules it."""

    @transition(field=status, source=Status.PRESENTATION, target=Status.DELIBERATION)
    def open_deliberation(self) -> None:
        """The presentation was held: the TPOA deliberates."""

    @transition(
        field=status, source=[Status.PRESENTATION, Status.DELIBERATION], target=Status.REVIEW
    )
    def return_to_review(self) -> None:
        """An agency revises its opinion before deliberation ends: back to review."""

    @transition(field=status, source=Status.DELIBERATION, target=Status.DECISION_PENDING)
    def recommend(self) -> None:
        """The TPOA recommends approval or rejection to the Minister."""

    @transition(field=status, source=Status.DECISION_PENDING, target=Status.APPROVED)
    def approve(self) -> None:
        """The Minister issues the izin prinsip (or the working group clears)."""

    @transition(field=status, source=Status.DECISION_PENDING, target=Status.REJECTED)
    def reject(self) -> None:
        """The Minister refuses."""

    @transition(field=status, source=list(OPEN), target=Status.WITHDRAWN)
    def withdraw(self) -> None:
        """The applicant withdraws (from any open state)."""


class ApplicationDocument(StoredDocument):
    """One uploaded checklist item; a re-upload adds a version, the latest counts."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    item = models.CharField(_("checklist item"), max_length=40)
    version = models.PositiveIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to="permits/%Y/", max_length=300)
    # The last day the document is valid, where it has one (a registration certificate, say).
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # An extension re-uses the documents of the current application that are still valid
    # (conf DOCUMENTS_ALWAYS_NEW, `expires_on`): the same file, pointing at the version it
    # was carried from, and counted only once the applicant confirmed it is still current.
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_into",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "item", "version"], name="permit_doc_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{DOCUMENT_LABELS.get(self.item, self.item)} v{self.version}"

    @property
    def is_carried(self) -> bool:
        return self.carried_from_id is not None

    @property
    def needs_confirmation(self) -> bool:
        """Carried over from the current application and not yet confirmed by the applicant."""
        return self.carried_from_id is not None and self.confirmed_at is None

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


class StageVisit(models.Model):
    """When an application entered and left each stage: the public processing-time figures.

    The application's case type (`kind`, `track`: fixed when it is created) and the time spent
    (`duration`, written when the stage is left) are copied here, so the statistics read the
    percentiles from one index in order (`permit_stage_duration_idx`) instead of every visit.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_visits"
    )
    stage = models.CharField(max_length=30, choices=Application.Status.choices)
    kind = models.CharField(max_length=12, choices=Application.Kind.choices, default="")
    track = models.CharField(max_length=30, choices=Track.choices, default="")
    entered_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)

    class Meta:
        ordering = ["entered_at", "id"]
        indexes = [
            models.Index(fields=["stage", "left_at"], name="permit_stage_visit_idx"),
            # Finished visits only: small enough that PostgreSQL counts them from it too.
            models.Index(
                fields=["kind", "track", "stage", "duration"],
                name="permit_stage_duration_idx",
                condition=models.Q(duration__isnull=False),
            ),
        ]


class ReviewDecidedError(Exception):
    """A decided member review was about to be changed (N15: opinions are immutable)."""


class AgencyReview(FSMModelMixin, models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        IN_PROGRESS = "in_progress", _("In progress")
        NO_OBJECTION = "no_objection", _("No objection")
        OBJECTION = "objection", _("Objection")
        INFORMATION_REQUESTED = "information_requested", _("Information requested")

    class Reason(models.TextChoices):
        NONE = "none", _("No concerns")
        SECURITY = "security", _("Security")
        FUNDS = "funds", _("Funds")
        PROGRAMME = "programme", _("Programme scope")
        REGIONS = "regions", _("Regions")
        LEGAL = "legal", _("Legal status")
        TAX = "tax", _("Tax and customs")
        PARTNER = "partner", _("Partner ministry")
        DEEMED = "deemed", _("Deadline passed (deemed no objection)")
        OTHER = "other", _("Other")

    OPEN_STATES = (State.REQUESTED, State.IN_PROGRESS)
    DECIDED_STATES = (State.NO_OBJECTION, State.OBJECTION, State.INFORMATION_REQUESTED)

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="reviews")
    agency = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="permit_reviews",
    )
    due_date = models.DateField(_("due date"), db_index=True)
    state = FSMField(
        _("state"), default=State.REQUESTED, choices=State.choices, protected=True, db_index=True
    )
    reason_code = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    text = models.TextField(_("opinion"), blank=True)
    shared = models.BooleanField(_("opinion shared with the members"), default=False)
    deemed = models.BooleanField(_("deemed (deadline passed)"), default=False)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = AgencyReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("member review")
        verbose_name_plural = _("member reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "agency"],
                condition=models.Q(state__in=["requested", "in_progress"]),
                name="permit_one_open_review_per_agency",
            )
        ]
        indexes = [models.Index(fields=["agency", "state"], name="permit_review_agency_idx")]

    def __str__(self) -> str:
        return f"{self.application} · {self.agency.short_name}"

    def save(self, *args, **kwargs):
        """Guard: once decided, a review row never changes again (N15)."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored in self.DECIDED_STATES:
                raise ReviewDecidedError(f"review {self.pk} is decided and immutable")
        super().save(*args, **kwargs)

    @property
    def is_decided(self) -> bool:
        return self.state in self.DECIDED_STATES

    @transition(field=state, source=State.REQUESTED, target=State.IN_PROGRESS)
    def start(self) -> None:
        """The agency has picked it up."""

    @transition(field=state, source=list(OPEN_STATES), target=State.NO_OBJECTION)
    def no_objection(self) -> None:
        """No objection."""

    @transition(field=state, source=list(OPEN_STATES), target=State.OBJECTION)
    def object(self) -> None:
        """Objection (with a coded reason)."""

    @transition(field=state, source=list(OPEN_STATES), target=State.INFORMATION_REQUESTED)
    def request_information(self) -> None:
        """The agency needs more information."""


class Presentation(TimeStampedModel):
    """The applicant presents its vision, mission and work plan to the TPOA, and is
    interviewed, before the deliberation (domain.md §3.2 step 5). Scheduled by the secretariat
    (optionally as a meeting of `mitra.meetings`), then recorded as held: the member agencies
    that attended and the notes. The deliberation opens only after the latest one was held."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="presentations"
    )
    scheduled_for = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="permit_presentations",
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendees = models.ManyToManyField(
        "bodies.GovernmentBody", verbose_name=_("member agencies present"), related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        verbose_name = _("presentation to the TPOA")
        verbose_name_plural = _("presentations to the TPOA")

    def __str__(self) -> str:
        return f"{self.application} · {self.scheduled_for}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


class Deliberation(TimeStampedModel):
    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        NEED_INFORMATION = "need_information", _("Need information")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="deliberations"
    )
    held_on = models.DateField(_("meeting date"))
    agencies_present = models.ManyToManyField(
        "bodies.GovernmentBody", verbose_name=_("agencies present"), related_name="+"
    )
    # agency key → {"agency": name, "position": review state or "", "review": id}
    positions = models.JSONField(_("positions"), default=dict)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    notes = models.TextField(_("minutes"), blank=True)
    override_reason = models.TextField(_("reason for overriding an objection"), blank=True)
    # The shared meeting record (coordination issue), when the TPOA met through it.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="permit_deliberations",
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("TPOA deliberation")
        verbose_name_plural = _("TPOA deliberations")

    def __str__(self) -> str:
        return f"{self.application} · {self.held_on}"


class Permit(FSMModelMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        IZIN_PRINSIP = "izin_prinsip", _("Izin prinsip")

    class Status(models.TextChoices):
        # Stored: what the Minister decided or the calendar did. There is no stored
        # "suspended": see `effective_status`.
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    class EffectiveStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    number = models.CharField(_("number"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.IZIN_PRINSIP
    )
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="permits",
    )
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="permit"
    )
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="extended_by"
    )
    partner_ministry = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("partner ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_date = models.DateField(_("decision date"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    conditions = models.TextField(_("conditions"), blank=True)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        default="UU 17/2013 Ps 45; PP 59/2016 Ps 4; Permenlu 11/2020",
    )
    status = FSMField(
        _("status"), default=Status.ACTIVE, choices=Status.choices, protected=True, db_index=True
    )
    # The last end (revocation, expiry) or suspension/reinstatement: why, on what legal basis,
    # when. The reason is internal; the legal basis and the date are public (portal).
    status_reason = models.TextField(_("reason"), blank=True)
    status_legal_basis = models.CharField(
        _("legal basis of the change"), max_length=300, blank=True
    )
    status_changed_on = models.DateField(_("changed on"), null=True, blank=True)

    objects = PermitQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("izin prinsip")
        verbose_name_plural = _("izin prinsip")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="permit_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def effective_status(self) -> str:
        """The permit's state as everyone sees it: the stored end (revoked, expired) wins;
        otherwise "suspended" while its holder is suspended, else "active".

        One source of "suspended": the organization's registry status. Suspension is a
        measure against the organization — cessation of activities (domain.md §3.1: the
        organization goes OPERATIONAL → SUSPENDED → OPERATIONAL) stops all its work, not one
        permit — so the secretariat's suspension of an izin prinsip and a sanction's
        cessation both set that one status (lifecycle.py), and a permit never stores a
        suspension of its own that could disagree with it. Reads the organization (loaded
        with select_related or a prefetch from the organization in lists).
        """
        if self.status != self.Status.ACTIVE:
            return self.status
        if self.organization.status == self.organization.Status.SUSPENDED:
            return self.EffectiveStatus.SUSPENDED
        return self.EffectiveStatus.ACTIVE

    def get_effective_status_display(self) -> str:
        return str(self.EffectiveStatus(self.effective_status).label)

    @property
    def in_force(self) -> bool:
        """Not ended (active or suspended): it can still be suspended, revoked, extended."""
        return self.status == self.Status.ACTIVE

    @transition(field=status, source=Status.ACTIVE, target=Status.EXPIRED)
    def expire(self) -> None:
        """The end date has passed (and no extension filed in time is pending)."""

    @transition(field=status, source=Status.ACTIVE, target=Status.REVOKED)
    def revoke(self) -> None:
        """Revoked by the Minister (the secretariat, or a sanction case reaching revocation)."""


class IzinOperasional(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended by its issuer")
        ENDED_BY_PARENT = "ended_by_parent", _("Ended with the izin prinsip")
        EXPIRED = "expired", _("Expired")

    number = models.CharField(_("number"), max_length=60, unique=True)
    permit = models.ForeignKey(
        Permit, verbose_name=_("izin prinsip"), on_delete=models.PROTECT, related_name="operational"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("MSP"),
        on_delete=models.PROTECT,
        related_name="izin_operasional",
    )
    issuer = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    flag = models.TextField(_("needs attention"), blank=True)
    # How it ended (by its issuer, or with the izin prinsip): public date and basis, internal
    # reason.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    end_legal_basis = models.CharField(_("legal basis for ending"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("izin operasional")
        verbose_name_plural = _("izin operasional")
        # The cascade and the directory read an organization's operational permits by status.
        indexes = [models.Index(fields=["permit", "status"], name="permit_io_permit_status_idx")]

    def __str__(self) -> str:
        return self.number


class ForeignStaffAssignment(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="foreign_staff",
    )
    name = models.CharField(_("name"), max_length=255)
    nationality = models.CharField(_("nationality"), max_length=2)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=255)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    ktln_approval_number = models.CharField(_("KTLN approval number"), max_length=80)
    ktln_approved_on = models.DateField(_("KTLN approved on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    flag = models.TextField(_("needs attention"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    end_legal_basis = models.CharField(_("legal basis for ending"), max_length=300, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("foreign staff assignment")
        verbose_name_plural = _("foreign staff assignments")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"
