"""Reporting schedules, periodic reports and funding disclosures, monitoring visits (monev).

UU 17/2013 Ps 51(e)(f): a foreign organization announces all sources, amounts and uses of its
funds and reports its activities periodically, publishing them in Indonesian-language media.
The frequency is not fixed by law (domain.md §7 q4): it is set per agreement.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.dates import add_months, today
from mitra.core.models import StoredDocument, TimeStampedModel

from .querysets import MonitoringVisitQuerySet, ReportQuerySet

# Defaults (domain.md §7 q4 leaves them open): override in settings.MITRA.
DEFAULT_FREQUENCY = "semiannual"
# The deadline rule of a report's due date, counted from its period's end (domain.md N8):
# operators version it in the deadlines app.
REPORT_RULE = "report.submission"
DEFAULT_RESUBMIT_DAYS = 14  # days given to resubmit after a revision request
DEFAULT_GRACE_DAYS = 90  # after an agreement ended, reports for its periods are still taken


def setting(name: str, default: int | str) -> int | str:
    return getattr(settings, "MITRA", {}).get(name, default)


class ReportingSchedule(TimeStampedModel):
    class Frequency(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Annual")

    MONTHS = {"quarterly": 3, "semiannual": 6, "annual": 12}

    agreement = models.OneToOneField(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="reporting_schedule",
    )
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )
    first_period_start = models.DateField(_("first period starts"))
    # No due-days column: due dates come from the `report.submission` deadline rule in force
    # (one source for the period; issue 11 §4).
    activity_reports = models.BooleanField(_("activity reports"), default=True)
    funding_disclosures = models.BooleanField(_("funding disclosures"), default=True)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} · {self.agreement}"

    @property
    def months(self) -> int:
        return self.MONTHS[self.frequency]

    def kinds(self) -> list[str]:
        kinds: list[str] = []
        if self.activity_reports:
            kinds.append(Report.Kind.ACTIVITY)
        if self.funding_disclosures:
            kinds.append(Report.Kind.DISCLOSURE)
        return kinds

    def periods(self, *, until: date, end: date | None) -> list[tuple[date, date]]:
        """(start, end) of every period that has started by `until`, cut at the agreement's
        end `end` (the last period is shorter when the agreement ends within it)."""
        found: list[tuple[date, date]] = []
        index = 0
        while True:
            start = add_months(self.first_period_start, index * self.months)
            if start > until or (end is not None and start > end):
                return found
            stop = add_months(self.first_period_start, (index + 1) * self.months)
            stop = date.fromordinal(stop.toordinal() - 1)
            if end is not None and stop > end:
                stop = end
            found.append((start, stop))
            index += 1
            if index > 400:  # a hundred years of quarters: a safety stop
                return found


class Report(FSMModelMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        ACTIVITY = "activity_report", _("Activity report")
        DISCLOSURE = "funding_disclosure", _("Funding disclosure")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REVISION_REQUESTED = "revision_requested", _("Revision requested")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"))
    status = FSMField(
        _("status"), default=Status.DUE, choices=Status.choices, protected=True, db_index=True
    )
    resubmit_by = models.DateField(_("resubmit by"), null=True, blank=True)
    first_submitted_on = models.DateField(_("first submitted on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_reason = models.TextField(_("reason for the revision request"), blank=True)
    # Content (domain.md §4.6): activities against plan, outputs, problems, staffing, network.
    activities = models.TextField(_("activities against the plan"), blank=True)
    outputs = models.TextField(_("outputs and outcomes"), blank=True)
    problems = models.TextField(_("problems and mitigation"), blank=True)
    staffing = models.TextField(_("staffing (number, names, roles)"), blank=True)
    # Publication in Indonesian-language media (UU 17/2013 Ps 51(f)).
    media_name = models.CharField(_("media name"), max_length=255, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    publication_url = models.URLField(_("publication URL"), max_length=500, blank=True)
    # Set by the daily job the first time it sees the report overdue (audited once).
    overdue_recorded_on = models.DateField(null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "agreement_id", "kind"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["status", "due_date"], name="report_status_due_idx"),
            models.Index(fields=["agreement", "status"], name="report_agreement_status_idx"),
            # Every column the compliance counts, the disclosure scope and the overdue lists
            # read, after the agreement the viewer's access rows give: index-only at national
            # scale (the table's rows carry the report texts: reading them doubled the time).
            models.Index(
                fields=[
                    "agreement", "kind", "status", "due_date", "first_submitted_on",
                    "resubmit_by",
                ],
                name="report_agreement_cover_idx",
            ),
        ]  # fmt: skip
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "period_start"], name="report_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    def is_overdue(self, on: date | None = None) -> bool:
        """The Python twin of querysets.overdue_q (a test keeps them in step)."""
        on = on or today()
        if self.status == self.Status.DUE:
            return self.due_date < on
        if self.status == self.Status.REVISION_REQUESTED:
            return self.deadline < on  # the resubmission date, else the due date
        return False

    @property
    def deadline(self) -> date:
        if self.status == self.Status.REVISION_REQUESTED and self.resubmit_by:
            return self.resubmit_by
        return self.due_date

    # --- the state graph (no side effects: services audit) ---------------------------
    @transition(
        field=status, source=[Status.DUE, Status.REVISION_REQUESTED], target=Status.SUBMITTED
    )
    def submit(self) -> None:
        """The organization submits (or resubmits after a revision request)."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.ACCEPTED)
    def accept(self) -> None:
        """The partner ministry accepts it."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.REVISION_REQUESTED)
    def request_revision(self, reason: str = "", resubmit_by: date | None = None) -> None:
        """The partner ministry asks for changes, with a reason and a new deadline."""
        self.review_reason = reason
        self.resubmit_by = resubmit_by


class FundingDisclosureLine(models.Model):
    """One source of funds traced to its origin, and its use (domain.md §4.7)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    donor_name = models.CharField(_("original donor"), max_length=255)
    donor_country = models.CharField(_("donor country (ISO code)"), max_length=2)
    intermediaries = models.CharField(
        _("intermediary chain"),
        max_length=500,
        blank=True,
        help_text=_("Who passed the funds on, in order, separated by “>”."),
    )
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    programme = models.CharField(_("programme"), max_length=255)
    province = models.ForeignKey(
        "regions.Province", verbose_name=_("province"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    regency = models.ForeignKey(
        "regions.Regency", verbose_name=_("regency/city"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    local_partner = models.CharField(_("local partner"), max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("funding disclosure line")
        verbose_name_plural = _("funding disclosure lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disclosure_amount_pos")
        ]

    def __str__(self) -> str:
        return f"{self.donor_name} {self.amount} {self.currency}"

    @property
    def chain(self) -> list[str]:
        return [p.strip() for p in self.intermediaries.split(">") if p.strip()]


def attachment_upload_to(instance: "ReportAttachment", filename: str) -> str:
    return f"reports/{instance.report_id}/{instance.sha256[:16]}-{filename}"


class ReportAttachment(StoredDocument):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class MonitoringVisit(TimeStampedModel):
    """A monev visit by a joint team (domain.md §3.8)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="monitoring_visits",
    )
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="monitoring_visits",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    province = models.ForeignKey(
        "regions.Province", verbose_name=_("province"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    regency = models.ForeignKey(
        "regions.Regency", verbose_name=_("regency/city"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    team_bodies = models.ManyToManyField(
        "bodies.GovernmentBody", verbose_name=_("team (government bodies)"), blank=True,
        related_name="+",
    )  # fmt: skip
    summary = models.TextField(_("summary"), blank=True)

    objects = MonitoringVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")

    def __str__(self) -> str:
        return f"{self.organization} · {self.start_date:%d.%m.%Y}"


class Finding(models.Model):
    class Severity(models.TextChoices):
        OBSERVATION = "observation", _("Observation")
        MINOR = "minor", _("Minor issue")
        MAJOR = "major", _("Major issue")
        VIOLATION = "violation", _("Violation")

    visit = models.ForeignKey(MonitoringVisit, on_delete=models.CASCADE, related_name="findings")
    description = models.TextField(_("finding"))
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, default=Severity.OBSERVATION
    )
    # Set when the finding was escalated to a sanction case (mitra.sanctions, when present).
    sanction_case_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.description[:80]


class FollowUpItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("follow-up"))
    owner = models.CharField(_("owner"), max_length=255)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")

    def __str__(self) -> str:
        return self.description[:80]

    def is_overdue(self, on: date | None = None) -> bool:
        return (
            self.status == self.Status.OPEN
            and self.due_date is not None
            and self.due_date < (on or today())
        )


# --- the compliance tally (derived data: written only by `mitra.monitoring.tally`) ----------


class ReportTally(models.Model):
    """One agreement's reports counted as the compliance dashboard counts them: all, first
    submitted on or before the due date, after it, and missing (never submitted, status `due`,
    due before the tally's day `ReportTallyDay.day`). `unsubmitted` (never submitted, status
    `due`) bounds `missing`: the daily move of the day recounts only rows where it is not 0.

    Derived data, like `workplans.ActivityTally` (ADR 0013): `mitra.monitoring.tally` keeps it,
    called by receivers on every save or delete of a report or disclosure line and by the
    services that bulk-write lines. The dashboard reads it (docs/dev/performance.md) instead of
    the 50,000 reports joined to their agreements."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    unsubmitted = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)  # as of ReportTallyDay.day

    class Meta:
        verbose_name = _("report tally")
        verbose_name_plural = _("report tallies")
        indexes = [
            # The dashboard's probe per agreement, from the index alone.
            models.Index(
                fields=["agreement", "total", "on_time", "late", "missing"],
                name="report_tally_cover_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.total}"


class FundTally(models.Model):
    """One agreement's disclosed funds (lines of submitted or accepted disclosures), summed per
    the line's province (or none) and currency. Kept with `ReportTally`, under its row lock."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province = models.ForeignKey(
        "regions.Province", on_delete=models.CASCADE, null=True, related_name="+"
    )
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=24, decimal_places=2)
    lines = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("fund tally")
        verbose_name_plural = _("fund tallies")
        indexes = [
            models.Index(
                fields=["agreement", "province", "currency", "amount", "lines"],
                name="fund_tally_cover_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "currency"],
                condition=models.Q(province__isnull=True),
                name="fund_tally_one_unplaced_row",
            ),
            models.UniqueConstraint(
                fields=["agreement", "province", "currency"],
                condition=models.Q(province__isnull=False),
                name="fund_tally_one_province_row",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} · {self.province_id or '-'}: {self.amount} {self.currency}"


class ReportTallyDay(models.Model):
    """The day `ReportTally.missing` is counted as of (one row). The daily job moves it; the
    dashboard reads the tally only when it is today, otherwise it counts the reports."""

    day = models.DateField(null=True)

    class Meta:
        verbose_name = _("report tally day")
        verbose_name_plural = _("report tally days")

    def __str__(self) -> str:
        return str(self.day)
