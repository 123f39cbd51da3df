"""Work plans (RIK: the whole agreement period; RKT: one year and one region), their
activities, and the regional notifications that must precede activities (domain.md §3.5, §4.4,
§4.5, §5 N5 and N7)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.models import TimeStampedModel, VersionedModel

from .querysets import (
    ActivityQuerySet,
    ActivityTallyQuerySet,
    RegionalNotificationQuerySet,
    WorkPlanQuerySet,
)

SEXES = ("female", "male")
AGE_GROUPS = ("child", "youth", "adult", "elderly")
SEX_LABELS = {"female": _("Female"), "male": _("Male")}
AGE_LABELS = {
    "child": _("Children"),
    "youth": _("Youth"),
    "adult": _("Adults"),
    "elderly": _("Elderly"),
}


def empty_beneficiaries() -> dict[str, dict[str, int]]:
    """{"female": {"child": 0, …}, "male": {…}}: the one shape beneficiary counts take."""
    return {sex: dict.fromkeys(AGE_GROUPS, 0) for sex in SEXES}


def beneficiary_sums(counts: dict[str, dict[str, int]]) -> tuple[int, int]:
    """(everyone, women and girls) in beneficiary counts."""
    total = sum(sum(groups.values()) for groups in counts.values())
    return total, sum(counts.get("female", {}).values())


class WorkPlan(FSMModelMixin, VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        RIK = "rik", _("RIK (master activity plan)")
        RKT = "rkt", _("RKT (annual work plan)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        REPORTED = "reported", _("Reported")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices, db_index=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="work_plans",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("RIK"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_plans",
        help_text=_("The RIK an RKT belongs to."),
    )
    title = models.CharField(_("title"), max_length=500)
    status = FSMField(
        _("status"), default=Status.DRAFT, choices=Status.choices, protected=True, db_index=True
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # RKT only: the year and the region it covers, and the regional government that signs it.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    regency = models.ForeignKey(
        "regions.Regency",
        verbose_name=_("regency/city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # SECURITY: officers of this body see and sign the RKT (see querysets.visible_to).
    regional_government = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("regional government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plans",
    )
    objectives = models.TextField(_("objectives and expected results"), blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["agreement_id", "kind", "start_date", "id"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        indexes = [
            models.Index(fields=["regional_government", "kind"], name="wp_regional_gov_idx"),
            models.Index(fields=["agreement", "kind", "year"], name="wp_agreement_kind_year_idx"),
            # The plans in force of the agreements a viewer sees ("Your work", N5 notices)
            # without reading the plans' rows.
            models.Index(fields=["agreement", "status"], name="wp_agreement_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="workplan_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="rik", parent__isnull=True, province__isnull=True)
                | models.Q(kind="rkt", parent__isnull=False, province__isnull=False),
                name="workplan_kind_shape",
            ),
            # N7: one RKT per agreement, year and region (province, or province + regency).
            models.UniqueConstraint(
                fields=["agreement", "year", "province"],
                condition=models.Q(kind="rkt", regency__isnull=True),
                name="workplan_one_rkt_per_province_year",
            ),
            models.UniqueConstraint(
                fields=["agreement", "year", "province", "regency"],
                condition=models.Q(kind="rkt", regency__isnull=False),
                name="workplan_one_rkt_per_regency_year",
            ),
            # One RIK per agreement (the service's check, backed here against races).
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(kind="rik"),
                name="workplan_one_rik_per_agreement",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_rkt(self) -> bool:
        return self.kind == self.Kind.RKT

    @property
    def region_label(self) -> str:
        if self.regency_id:
            return f"{self.regency}, {self.province}"
        return str(self.province) if self.province_id else ""

    @property
    def period_label(self) -> str:
        return f"{self.start_date.isoformat()} – {self.end_date.isoformat()}"

    # --- the state graph (no side effects: services check actors, rules and audit) ---------
    @transition(field=status, source=Status.DRAFT, target=Status.APPROVED)
    def approve(self, on=None) -> None:
        """Approved by the partner ministry (the agreement's owner agency)."""
        self.approved_on = on

    @transition(field=status, source=Status.APPROVED, target=Status.DRAFT)
    def return_to_draft(self) -> None:
        """Back to the drafters for changes."""
        self.approved_on = None

    @transition(field=status, source=Status.APPROVED, target=Status.SIGNED)
    def sign(self, on=None) -> None:
        """Signed (an RKT by the head of region and the organization)."""
        self.signed_on = on

    @transition(field=status, source=Status.SIGNED, target=Status.ACTIVE)
    def activate(self) -> None:
        """Implementation under way."""

    @transition(field=status, source=Status.ACTIVE, target=Status.REPORTED)
    def report(self) -> None:
        """The organization reported on the plan's activities."""

    @transition(field=status, source=Status.REPORTED, target=Status.CLOSED)
    def close(self) -> None:
        """The report was accepted; the plan is closed."""


class Activity(FSMModelMixin, VersionedModel, TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    work_plan = models.ForeignKey(
        WorkPlan,
        verbose_name=_("work plan"),
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # activity_dashboard_cover_idx leads with it
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        "organizations.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = FSMField(
        _("status"), default=Status.PLANNED, choices=Status.choices, protected=True, db_index=True
    )
    provinces = models.ManyToManyField(
        "regions.Province", verbose_name=_("provinces"), related_name="+"
    )
    regencies = models.ManyToManyField(
        "regions.Regency", verbose_name=_("regencies/cities"), blank=True, related_name="+"
    )
    start_date = models.DateField(_("planned start"))
    end_date = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    # [{"name": ..., "type": ..., "registration": ...}] (domain.md §4.11, in short).
    local_partners = models.JSONField(_("local partners"), default=list, blank=True)
    planned_beneficiaries = models.JSONField(
        _("planned beneficiaries"), default=empty_beneficiaries
    )
    actual_beneficiaries = models.JSONField(_("actual beneficiaries"), default=empty_beneficiaries)
    # Sums of the two JSON values (everyone, and women and girls), kept by
    # `set_planned_beneficiaries`/`set_actual_beneficiaries` so dashboards add up plain
    # integer columns: reading the JSON of 50,000 rows took 75 ms on PostgreSQL.
    planned_total = models.PositiveIntegerField(default=0, editable=False)
    actual_total = models.PositiveIntegerField(default=0, editable=False)
    planned_female = models.PositiveIntegerField(default=0, editable=False)
    actual_female = models.PositiveIntegerField(default=0, editable=False)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    planned_budget = models.DecimalField(
        _("planned budget"), max_digits=18, decimal_places=2, default=Decimal("0")
    )
    realised_budget = models.DecimalField(
        _("realised budget"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            # Leads with the work plan (so it is also the foreign key's index) and holds every
            # column the compliance dashboard and the map read: they answer from the index
            # alone (index-only scans) on PostgreSQL and SQLite. Key columns, not INCLUDE,
            # because SQLite has no INCLUDE.
            models.Index(
                fields=[
                    "work_plan", "status", "end_date", "planned_total", "actual_total",
                    "planned_female", "actual_female", "id",
                ],
                name="activity_dashboard_cover_idx",
            ),
            # A plan's open activities by planned start ("Your work": those starting soon
            # without an N5 notice), from the index alone.
            models.Index(
                fields=["work_plan", "status", "start_date"], name="activity_plan_start_idx"
            ),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def set_planned_beneficiaries(self, counts: dict[str, dict[str, int]]) -> None:
        """The planned counts (the shape of `empty_beneficiaries`) and their sums."""
        self.planned_beneficiaries = counts
        self.planned_total, self.planned_female = beneficiary_sums(counts)

    def set_actual_beneficiaries(self, counts: dict[str, dict[str, int]]) -> None:
        self.actual_beneficiaries = counts
        self.actual_total, self.actual_female = beneficiary_sums(counts)

    @transition(field=status, source=Status.PLANNED, target=Status.STARTED)
    def start(self, on=None) -> None:
        self.actual_start = on

    @transition(field=status, source=Status.STARTED, target=Status.COMPLETED)
    def complete(self, on=None) -> None:
        self.actual_end = on

    @transition(field=status, source=Status.PLANNED, target=Status.CANCELLED)
    def cancel(self) -> None:
        """Dropped before it started."""


class RegionalNotification(TimeStampedModel):
    """The organization told Kemendagri or a regional government that it will work in a region
    (PP 59/2016 Ps 19(2); domain.md §5 N5). Attached to a work plan, optionally to one activity;
    a notification without an activity covers every activity of the agreement's work plans."""

    class Recipient(models.TextChoices):
        KEMENDAGRI = "kemendagri", _("Ministry of Home Affairs (Kemendagri)")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")

    work_plan = models.ForeignKey(
        WorkPlan,
        verbose_name=_("work plan"),
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # Copied from the work plan so "notified in this region for this agreement" is one lookup.
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, editable=False, related_name="+"
    )
    recipient = models.CharField(_("notified"), max_length=20, choices=Recipient.choices)
    notified_body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("notified body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    province = models.ForeignKey(
        "regions.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        "regions.Regency",
        verbose_name=_("regency/city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the notification covers the whole province."),
    )
    notified_on = models.DateField(_("date"))
    reference = models.CharField(_("reference letter"), max_length=255)
    # The notified body's acknowledgement (issue 9 §3): when, by whom, and for which body (the
    # acknowledging officer's body then, so a later move of the officer does not rewrite it).
    # Set once by `regional_notification_acknowledge`; empty while it is awaited.
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledging_body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("acknowledged for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RegionalNotificationQuerySet.as_manager()

    class Meta:
        ordering = ["notified_on", "id"]
        verbose_name = _("regional notification")
        verbose_name_plural = _("regional notifications")
        indexes = [
            models.Index(
                fields=["agreement", "province", "recipient"], name="notification_region_idx"
            ),
            # The N5 inbox: a body's notices, the unacknowledged first.
            models.Index(
                fields=["notified_body", "acknowledged_at", "notified_on"],
                name="notification_inbox_idx",
            ),
        ]

    def __str__(self) -> str:
        region = self.regency or self.province
        return f"{self.get_recipient_display()} · {region} · {self.reference}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class ActivityTally(models.Model):
    """A work plan's activities counted by status (cancelled ones left out), with their
    planned and reached beneficiaries: one row for the whole plan (no province), one per
    province it works in, one per regency/city (naming its province too). An activity in two
    provinces counts in both province rows and once in the plan row.

    Derived data, like `AgreementAccess`: written only by `mitra.workplans.tally`, which
    receivers call on every change of an activity or of its regions. The compliance dashboard
    and the map read it: at national scale a GROUP BY over the plans a viewer sees (9,000 for a
    ministry, 92,000 for an operator) instead of their activities (46,000 and 500,000) joined
    with 500,000 province links.
    """

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province = models.ForeignKey(
        "regions.Province", on_delete=models.CASCADE, null=True, related_name="+"
    )
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.CASCADE, null=True, related_name="+"
    )
    activities = models.PositiveIntegerField()  # not cancelled: the next three added up
    planned_count = models.PositiveIntegerField()
    started_count = models.PositiveIntegerField()
    completed_count = models.PositiveIntegerField()
    # Sums of the activities' planned_total, actual_total, planned_female, actual_female.
    planned_beneficiaries = models.PositiveBigIntegerField()
    actual_beneficiaries = models.PositiveBigIntegerField()
    planned_female = models.PositiveBigIntegerField()
    actual_female = models.PositiveBigIntegerField()

    objects = ActivityTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity tally")
        verbose_name_plural = _("activity tallies")
        indexes = [
            # Work plan first (the viewer's plans), then every column the dashboard reads.
            models.Index(
                fields=[
                    "work_plan", "province", "regency", "activities", "planned_count",
                    "started_count", "completed_count", "planned_beneficiaries",
                    "actual_beneficiaries", "planned_female", "actual_female",
                ],
                name="activity_tally_cover_idx",
            ),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(
                condition=models.Q(regency__isnull=True) | models.Q(province__isnull=False),
                name="activity_tally_regency_in_province",
            ),
            models.UniqueConstraint(
                fields=["work_plan"],
                condition=models.Q(province__isnull=True),
                name="activity_tally_one_plan_row",
            ),
            models.UniqueConstraint(
                fields=["work_plan", "province"],
                condition=models.Q(province__isnull=False, regency__isnull=True),
                name="activity_tally_one_province_row",
            ),
            models.UniqueConstraint(
                fields=["work_plan", "regency"],
                condition=models.Q(regency__isnull=False),
                name="activity_tally_one_regency_row",
            ),
        ]

    def __str__(self) -> str:
        where = self.regency_id or self.province_id or "all"
        return f"{self.work_plan_id} · {where}: {self.activities}"


class AgreementActivityTally(models.Model):
    """An agreement's activities (all its work plans) counted as `ActivityTally` counts them,
    plus those behind plan (planned or started, planned end before `ActivityTallyDay.day`):
    one row for the whole agreement (no province, kept even when it counts nothing: refreshes
    lock it), one per province its activities work in.

    Derived data (ADR 0013): written only by `mitra.workplans.tally`, with the plans' rows. The
    compliance dashboard reads it: per dimension a GROUP BY over the agreements' rows instead of
    the 92,000 plans' rows joined to their agreements (docs/dev/performance.md)."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # No index of its own: the partial one below (an index on it led SQLite to read the
    # whole-agreement rows through it, then every agreement's row, three times slower).
    province = models.ForeignKey(
        "regions.Province", on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    activities = models.PositiveIntegerField(default=0)  # not cancelled
    planned_count = models.PositiveIntegerField(default=0)
    started_count = models.PositiveIntegerField(default=0)
    completed_count = models.PositiveIntegerField(default=0)
    planned_beneficiaries = models.PositiveBigIntegerField(default=0)
    actual_beneficiaries = models.PositiveBigIntegerField(default=0)
    planned_female = models.PositiveBigIntegerField(default=0)
    actual_female = models.PositiveBigIntegerField(default=0)
    behind = models.PositiveIntegerField(default=0)  # as of ActivityTallyDay.day

    class Meta:
        verbose_name = _("agreement activity tally")
        verbose_name_plural = _("agreement activity tallies")
        indexes = [
            models.Index(
                fields=[
                    "agreement", "province", "activities", "planned_count", "started_count",
                    "completed_count", "planned_beneficiaries", "actual_beneficiaries",
                    "planned_female", "actual_female", "behind",
                ],
                name="agreement_tally_cover_idx",
            ),
            # The region dimension: the province rows of every agreement, by province. Partial:
            # the other dimensions (the rows without a province) cannot take it.
            models.Index(
                fields=[
                    "province", "activities", "planned_count", "started_count",
                    "completed_count", "planned_beneficiaries", "actual_beneficiaries",
                    "planned_female", "actual_female", "behind", "agreement",
                ],
                condition=models.Q(province__isnull=False),
                name="agreement_tally_province_idx",
            ),
        ]  # fmt: skip
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(province__isnull=True),
                name="agreement_tally_one_row",
            ),
            models.UniqueConstraint(
                fields=["agreement", "province"],
                condition=models.Q(province__isnull=False),
                name="agreement_tally_one_province_row",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} · {self.province_id or 'all'}: {self.activities}"


class ActivityTallyDay(models.Model):
    """The day `AgreementActivityTally.behind` is counted as of (one row). The daily job
    (`manage.py refresh_activity_tally`) moves it; the dashboard reads the tally only when it
    is today, otherwise it counts the activities."""

    day = models.DateField(null=True)

    class Meta:
        verbose_name = _("activity tally day")
        verbose_name_plural = _("activity tally days")

    def __str__(self) -> str:
        return str(self.day)
