"""IATI activities as published, matched to Mitra's registry and cross-checked (issue 17).

The rows below are what the cross-check reads; each activity also keeps its raw XML and its
hash, so a re-import stores only what changed (docs/dev/iati.md).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.models import TimeStampedModel


class ImportRun(FSMModelMixin, TimeStampedModel):
    """One import of one or more IATI files (command line or the task worker)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=500)
    job_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RUNNING, protected=True
    )
    bytes_read = models.PositiveBigIntegerField(default=0)
    activities_seen = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # MITRA["IATI_IMPORT_SCOPE"] when the run started (ADR 0024): "indonesia" stores only the
    # activities that concern Indonesia (and keeps those stored before current); the others are
    # counted here, not stored.
    scope = models.CharField(_("scope"), max_length=12, default="all")
    out_of_scope_count = models.PositiveIntegerField(
        _("activities not about Indonesia skipped"), default=0
    )
    # [{"file": ..., "line": ..., "message": ...}] for malformed activities (skipped).
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("IATI import run")
        verbose_name_plural = _("IATI import runs")

    def __str__(self) -> str:
        return (
            f"{self.source} · {self.created_at:%d.%m.%Y %H:%M}" if self.created_at else self.source
        )

    @transition(field=status, source=Status.RUNNING, target=Status.SUCCEEDED)
    def succeed(self) -> None:
        pass

    @transition(field=status, source=Status.RUNNING, target=Status.FAILED)
    def fail(self, error: str) -> None:
        self.error = error


class Activity(models.Model):
    identifier = models.CharField(_("IATI identifier"), max_length=255, unique=True)
    iati_version = models.CharField(_("IATI version"), max_length=8, blank=True)
    raw_xml = models.TextField(_("raw XML"))
    content_hash = models.CharField(max_length=64, db_index=True)
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, related_name="activities", verbose_name=_("import run")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    last_updated = models.DateTimeField(_("last updated (publisher)"), null=True, blank=True)
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    language = models.CharField(_("default language"), max_length=8, blank=True)
    reporting_org_ref = models.CharField(
        _("reporting organization identifier"), max_length=255, blank=True, db_index=True
    )
    reporting_org_type = models.CharField(
        _("reporting organization type"), max_length=8, blank=True
    )
    reporting_org_name = models.CharField(_("reporting organization"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    status = models.CharField(_("activity status"), max_length=4, blank=True, db_index=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    # Indonesia's share (0–100) from the recipient-country percentages; 100 when Indonesia is the
    # only recipient country, null when Indonesia is not a recipient.
    indonesia_share = models.DecimalField(
        _("Indonesia's share (percent)"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    in_indonesia = models.BooleanField(_("in Indonesia"), default=False, db_index=True)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("IATI activity")
        verbose_name_plural = _("IATI activities")
        indexes = [
            models.Index(fields=["in_indonesia", "reporting_org_ref"], name="iati_act_id_rep_idx"),
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end


class ActivityOrganization(models.Model):
    """The reporting organization (role "reporting") and each participating organization."""

    REPORTING = "reporting"
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organizations")
    role = models.CharField(
        _("role"), max_length=10, db_index=True
    )  # OrganisationRole or reporting
    ref = models.CharField(_("identifier"), max_length=255, blank=True, db_index=True)
    type = models.CharField(_("type"), max_length=8, blank=True)
    activity_ref = models.CharField(max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    name_key = models.CharField(max_length=500, blank=True, db_index=True)
    narratives = models.JSONField(default=dict, blank=True)  # {"en": "...", "fr": "..."}

    class Meta:
        ordering = ["id"]


class Narrative(models.Model):
    """Titles and descriptions in every language."""

    class Kind(models.TextChoices):
        TITLE = "title", _("Title")
        DESCRIPTION = "description", _("Description")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="narratives")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description_type = models.CharField(max_length=4, blank=True)
    lang = models.CharField(max_length=8, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["activity", "kind"], name="iati_narr_act_kind_idx")]


class Recipient(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    code = models.CharField(max_length=20, db_index=True)
    vocabulary = models.CharField(max_length=8, blank=True)
    percentage = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["id"]


class ActivitySector(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(max_length=8, default="1")
    code = models.CharField(max_length=40, db_index=True)
    percentage = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    name = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]


class Location(models.Model):
    class Resolution(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        UNRESOLVED = "unresolved", _("Unresolved")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="locations")
    ref = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=500, blank=True)
    # [{"vocabulary": "G1", "level": "1", "code": "..."}]
    administrative = models.JSONField(default=list, blank=True)
    latitude = models.DecimalField(max_digits=10, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=10, decimal_places=6, null=True, blank=True)
    province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(
        max_length=12, choices=Resolution.choices, default=Resolution.UNRESOLVED, db_index=True
    )

    class Meta:
        ordering = ["id"]


class MoneyRow(models.Model):
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)

    class Meta:
        abstract = True


class Budget(MoneyRow):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="budgets")
    type = models.CharField(max_length=4, blank=True)
    status = models.CharField(max_length=4, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["period_start", "id"]


class PlannedDisbursement(MoneyRow):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="planned_disbursements"
    )
    type = models.CharField(max_length=4, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    provider_ref = models.CharField(max_length=255, blank=True)
    provider_name = models.CharField(max_length=500, blank=True)
    receiver_ref = models.CharField(max_length=255, blank=True)
    receiver_name = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["period_start", "id"]


class Transaction(MoneyRow):
    class Type(models.TextChoices):
        INCOMING_FUNDS = "1", _("Incoming funds")
        OUTGOING_COMMITMENT = "2", _("Outgoing commitment")
        DISBURSEMENT = "3", _("Disbursement")
        EXPENDITURE = "4", _("Expenditure")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="transactions")
    ref = models.CharField(max_length=255, blank=True)
    type = models.CharField(_("type"), max_length=4, db_index=True)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    description = models.TextField(blank=True)
    provider_ref = models.CharField(max_length=255, blank=True, db_index=True)
    provider_name = models.CharField(max_length=500, blank=True)
    provider_activity = models.CharField(max_length=255, blank=True)
    receiver_ref = models.CharField(max_length=255, blank=True, db_index=True)
    receiver_name = models.CharField(max_length=500, blank=True)
    receiver_activity = models.CharField(max_length=255, blank=True)
    recipient_country = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["date", "id"]


class DocumentLink(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents")
    url = models.URLField(max_length=2000)
    format = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    categories = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    document_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class ExchangeRate(TimeStampedModel):
    """How many US dollars one unit of a currency was worth in a month (for comparisons only:
    published amounts are kept in their own currency). Operators keep this table."""

    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    month = models.DateField(_("month (first day)"))
    usd_per_unit = models.DecimalField(_("USD per unit"), max_digits=20, decimal_places=10)

    class Meta:
        ordering = ["currency", "-month"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="iati_rate_month_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}: {self.usd_per_unit}"


class LocationCrosswalk(models.Model):
    """A place as IATI names it (ISO 3166-2 code, GAUL code or a name) -> a province/regency."""

    class Vocabulary(models.TextChoices):
        ISO = "iso3166-2", _("ISO 3166-2")
        GAUL = "gaul", _("GAUL")
        NAME = "name", _("Name")

    vocabulary = models.CharField(max_length=12, choices=Vocabulary.choices)
    code = models.CharField(max_length=200)  # names are stored normalised (lower case)
    province = models.ForeignKey("regions.Province", on_delete=models.CASCADE, related_name="+")
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="iati_crosswalk_unique"),
        ]


class OrganizationIdentifier(TimeStampedModel):
    """An identifier a registered organization has under a registration agency's prefix
    (OrganisationRegistrationAgency, e.g. ID-KLN-…, GB-CHC-…): recorded, never invented."""

    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        on_delete=models.CASCADE,
        related_name="iati_identifiers",
        verbose_name=_("organization"),
    )
    identifier = models.CharField(_("identifier"), max_length=255, unique=True)
    agency = models.CharField(_("registration agency"), max_length=40, db_index=True)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("organization identifier")
        verbose_name_plural = _("organization identifiers")

    def __str__(self) -> str:
        return self.identifier


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Reviewable(FSMModelMixin, models.Model):
    status = FSMField(
        _("status"),
        max_length=10,
        choices=MatchStatus.choices,
        default=MatchStatus.PROPOSED,
        protected=True,
        db_index=True,
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=3, default=Decimal(0))
    reasons = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @transition(field=status, source=MatchStatus.PROPOSED, target=MatchStatus.CONFIRMED)
    def confirm(self) -> None:
        pass

    @transition(field=status, source=MatchStatus.PROPOSED, target=MatchStatus.REJECTED)
    def reject(self) -> None:
        pass


class OrganizationMatch(Reviewable):
    """An organization as IATI names it (its key: the @ref, else its normalised name) and the
    registered organization it is (or is proposed to be)."""

    iati_key = models.CharField(max_length=500, db_index=True)
    iati_ref = models.CharField(max_length=255, blank=True)
    iati_name = models.CharField(max_length=500, blank=True)
    iati_type = models.CharField(max_length=8, blank=True)
    method = models.CharField(max_length=12)  # identifier, name, acronym, alias
    organization = models.ForeignKey(
        "organizations.ForeignOrganization", on_delete=models.CASCADE, related_name="iati_matches"
    )

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_key", "organization"], name="iati_orgmatch_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "organization"], name="iati_orgmatch_st_idx")]

    def __str__(self) -> str:
        return f"{self.iati_ref or self.iati_name} → {self.organization_id}"


class ActivityMatch(Reviewable):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="matches")
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="iati_matches"
    )

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "agreement"], name="iati_actmatch_unique"),
        ]
        indexes = [models.Index(fields=["status", "agreement"], name="iati_actmatch_st_idx")]


class Finding(FSMModelMixin, models.Model):
    class Kind(models.TextChoices):
        NO_AGREEMENT = "no_agreement", _("Activity in Indonesia without a registered agreement")
        OUTSIDE_PERIOD = "outside_period", _("Activity outside the agreement's period")
        OUTSIDE_REGIONS = "outside_regions", _("Activity outside the agreement's regions")
        UNRESOLVED_LOCATION = "unresolved_location", _("Location that cannot be resolved")
        AFTER_END = "after_end", _("Money spent after the agreement or izin prinsip ended")
        WHILE_SUSPENDED = "while_suspended", _("Money spent while suspended")
        AMOUNT_MISMATCH = "amount_mismatch", _("Published amounts differ from the disclosures")
        BUDGET_MISMATCH = (
            "budget_mismatch",
            _("Published amounts differ from the work-plan budgets"),
        )
        INTERMEDIARY = "intermediary", _("Provider not in the disclosed funding chain")
        UNREGISTERED = "unregistered", _("Publisher in Indonesia that is not registered")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        FOLLOWED_UP = "followed_up", _("Followed up")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    # Identifies the finding across cross-check runs (kind + the records it is about), so a run
    # never duplicates a finding nor reopens one an operator decided.
    key = models.CharField(max_length=300, unique=True)
    # No index of their own: iati_find_org_st_idx and iati_find_agr_st_idx lead with them
    # (one index fewer to write for each of the cross-check's ~80,000 findings at scale).
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="iati_findings",
        db_index=False,
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="iati_findings",
        db_index=False,
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="findings"
    )
    publisher_ref = models.CharField(max_length=255, blank=True)
    publisher_name = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, protected=True
    )
    reason = models.TextField(_("reason"), blank=True)
    # The monitoring follow-up item (`monitoring.FollowUpItem`) the finding was attached to,
    # when it was; the follow-up itself is the `FollowUp` row (`finding.follow_up_record`).
    follow_up_id = models.PositiveBigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("IATI finding")
        verbose_name_plural = _("IATI findings")
        indexes = [
            models.Index(fields=["organization", "status"], name="iati_find_org_st_idx"),
            models.Index(fields=["agreement", "status"], name="iati_find_agr_st_idx"),
            models.Index(fields=["status", "kind"], name="iati_find_st_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key})"

    @transition(field=status, source=Status.OPEN, target=Status.DISMISSED)
    def dismiss(self, reason: str) -> None:
        self.reason = reason

    @transition(field=status, source=Status.OPEN, target=Status.FOLLOWED_UP)
    def follow_up(self, reason: str = "", monitoring_item_id: int | None = None) -> None:
        self.follow_up_id = monitoring_item_id
        self.reason = reason


class FollowUp(TimeStampedModel):
    """What a finding was turned into (issue 17 §3): a follow-up with a note, someone
    responsible and a due date; attached to a monitoring finding's follow-up items when one
    was chosen, and escalated, at most once, to a sanction case. Linked both ways: the finding
    shows it, and it names the finding (`finding`); the sanction case names the finding's key
    in its source detail."""

    finding = models.OneToOneField(
        Finding, on_delete=models.CASCADE, related_name="follow_up_record"
    )
    note = models.TextField(_("note"))
    owner = models.CharField(_("responsible"), max_length=255)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    monitoring_item = models.ForeignKey(
        "monitoring.FollowUpItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("monitoring follow-up item"),
    )
    sanction_case = models.ForeignKey(
        "sanctions.SanctionCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sanction case"),
    )
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("IATI follow-up")
        verbose_name_plural = _("IATI follow-ups")

    def __str__(self) -> str:
        return self.note[:80]
