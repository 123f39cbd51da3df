"""Cooperation agreements, their parties, signatories, documents and the renewal chain."""

from datetime import date

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from mitra.core.dates import today
from mitra.core.models import StoredDocument, TimeStampedModel, VersionedModel

from .querysets import AgreementQuerySet

# The deadline rule whose period, before an agreement's end, opens its renewal-preparation window
# (domain.md N11); operators version it in the deadlines app.
RENEWAL_RULE = "agreement.renewal_consultation"


def renewal_window_opens(end_date: date) -> date | None:
    """When preparing the renewal of an agreement ending on `end_date` starts: by the version of
    the renewal rule in force on that end date (None when none was in force then)."""
    from mitra.core.exceptions import ApplicationError
    from mitra.deadlines.engine import versions

    try:
        return versions(RENEWAL_RULE).due(end_date)
    except ApplicationError:
        return None


class Agreement(FSMModelMixin, VersionedModel, TimeStampedModel):
    class Type(models.TextChoices):
        MSP = "msp", _("MSP (Memorandum Saling Pengertian)")
        MOU = "mou", _("MoU (Nota Kesepahaman)")
        PKS = "pks", _("PKS (Perjanjian Kerja Sama)")
        RIK = "rik", _("RIK (master activity plan)")
        RKT = "rkt", _("RKT (annual work plan)")
        KSDPL = "ksdpl", _("KSDPL (regional cooperation with a foreign local government)")
        KSDLL = "ksdll", _("KSDLL (regional cooperation with a foreign institution)")
        LOI = "loi", _("LoI (Letter of Intent)")
        AMENDMENT = "amendment", _("Amendment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        SUPERSEDED = "superseded", _("Superseded")

    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, db_index=True)
    status = FSMField(
        _("status"), default=Status.DRAFT, choices=Status.choices, protected=True, db_index=True
    )
    objective = models.TextField(_("objective"), blank=True)
    signing_date = models.DateField(_("signing date"), null=True, blank=True)
    signing_place = models.CharField(_("signing place"), max_length=255, blank=True)
    start_date = models.DateField(_("effective start"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("effective end"), null=True, blank=True, db_index=True)
    duration_months = models.PositiveIntegerField(
        _("stated duration (months)"), null=True, blank=True
    )
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
    )
    # The first agreement of the renewal chain (null on the first itself), so the whole
    # chain is one indexed query however long it grows.
    chain_root = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # The government body that owns the record (the partner ministry or regional government).
    # SECURITY: scoping keys on this and on the parties' agencies; see querysets.visible_to.
    owner = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("lead government body"),
        on_delete=models.PROTECT,
        related_name="owned_agreements",
    )
    # The unit of the owner agency that holds the record (Pusat Fasilitasi Kerja Sama of
    # Kemendagri, say); null when the agency as a whole holds it. SECURITY: the owning unit
    # edits, the rest of its agency only reads (accounts.ownership, ADR 0016).
    owner_unit = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sectors = models.ManyToManyField("organizations.Sector", verbose_name=_("sectors"), blank=True)
    provinces = models.ManyToManyField("regions.Province", verbose_name=_("provinces"), blank=True)
    regencies = models.ManyToManyField(
        "regions.Regency", verbose_name=_("regencies/cities"), blank=True
    )
    shared_with = models.ManyToManyField(
        "bodies.GovernmentBody",
        verbose_name=_("shared with"),
        blank=True,
        related_name="agreements_shared",
    )
    # Denormalised for list pages and search: partner names and kinds, lower-cased search text.
    partner_names = models.CharField(max_length=500, editable=False, default="")
    partner_kind = models.CharField(max_length=30, editable=False, default="", db_index=True)
    search_text = models.TextField(editable=False, default="")
    terminated_reason = models.TextField(_("termination reason"), blank=True)
    # Why a signed or active agreement with an ormas asing lacks a valid izin prinsip over its
    # period (N3/N4), empty when covered or not in force. Derived data: written only by the
    # services (`agreements_recheck_cover` and the transitions), re-checked whenever a permit
    # changes, so the violations list is one indexed query (`agreements_without_cover`).
    cover_problem = models.TextField(_("licensing problem"), blank=True, default="", editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["owner", "status", "end_date"], name="agr_owner_status_end_idx"),
            models.Index(fields=["status", "end_date"], name="agr_status_end_idx"),
            models.Index(fields=["partner_kind", "status"], name="agr_partner_kind_idx"),
            models.Index(Lower("title"), name="agr_title_lower_idx"),
            # The open-data change feed: active agreements changed since a moment, in order.
            models.Index(fields=["status", "updated_at", "id"], name="agr_status_updated_idx"),
            # The N3/N4 violations list: only the flagged rows are indexed.
            models.Index(
                fields=["status", "end_date"],
                condition=~models.Q(cover_problem=""),
                name="agr_cover_problem_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(renews=models.F("id")), name="agreement_not_self_renewal"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # --- derived values -------------------------------------------------------------
    @property
    def period_label(self) -> str:
        start = self.start_date.year if self.start_date else "?"
        end = self.end_date.year if self.end_date else "?"
        return f"{start}–{end}"

    def days_to_expiry(self, on: date | None = None) -> int | None:
        if self.end_date is None:
            return None
        return (self.end_date - (on or today())).days

    @property
    def renewal_window_start(self) -> date | None:
        """When preparing the renewal should start (the renewal rule's lead before the end)."""
        if self.end_date is None:
            return None
        return renewal_window_opens(self.end_date)

    def in_renewal_window(self, on: date | None = None) -> bool:
        on = on or today()
        start = self.renewal_window_start
        return (
            start is not None
            and self.end_date is not None
            and start <= on <= self.end_date
            and self.status in (self.Status.SIGNED, self.Status.ACTIVE)
        )

    # --- the state graph (no side effects: services audit and notify) ----------------
    @transition(field=status, source=Status.DRAFT, target=Status.UNDER_REVIEW)
    def submit_for_review(self) -> None:
        """Draft → under review."""

    @transition(field=status, source=Status.UNDER_REVIEW, target=Status.DRAFT)
    def return_to_draft(self) -> None:
        """Under review → draft, for changes."""

    @transition(field=status, source=[Status.DRAFT, Status.UNDER_REVIEW], target=Status.SIGNED)
    def sign(self) -> None:
        """Record the signature. Drafts may be signed directly when an existing text is entered."""

    @transition(field=status, source=Status.SIGNED, target=Status.ACTIVE)
    def activate(self) -> None:
        """Signed → active once the effective start has come."""

    @transition(field=status, source=[Status.SIGNED, Status.ACTIVE], target=Status.EXPIRED)
    def expire(self) -> None:
        """Active (or signed but never activated) → expired after the effective end."""

    @transition(field=status, source=[Status.SIGNED, Status.ACTIVE], target=Status.TERMINATED)
    def terminate(self, reason: str = "") -> None:
        """Ended early; the reason is kept."""
        self.terminated_reason = reason

    @transition(
        field=status,
        source=Status.TERMINATED,
        target=GET_STATE(
            lambda self, target: target,
            states=[Status.SIGNED, Status.ACTIVE, Status.EXPIRED, Status.SUPERSEDED],
        ),
    )
    def undo_termination(self, target: str) -> None:
        """A termination recorded by mistake is undone: back to the status the dates and the
        renewal chain give (`target`, chosen by the service); the reason is kept in the audit."""
        self.terminated_reason = ""

    @transition(
        field=status,
        source=[Status.SIGNED, Status.ACTIVE, Status.EXPIRED],
        target=Status.SUPERSEDED,
    )
    def supersede(self) -> None:
        """Replaced by its renewal."""


# The statuses an agreement may have to be named as the one a new agreement renews. The service
# (validation.check_renewal) enforces it; forms and the API use it to offer only these.
RENEWABLE_STATUSES = (
    Agreement.Status.SIGNED,
    Agreement.Status.ACTIVE,
    Agreement.Status.EXPIRED,
    Agreement.Status.SUPERSEDED,
)


class AgreementParty(models.Model):
    class Side(models.TextChoices):
        GOVERNMENT = "government", _("Indonesian government")
        FOREIGN = "foreign", _("Foreign party")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead party")
        PARTY = "party", _("Party")
        IMPLEMENTER = "implementer", _("Implementing partner")
        WITNESS = "witness", _("Witness")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTY)
    body = models.ForeignKey(
        "bodies.GovernmentBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # SECURITY: the top-level body of `body`, so scoping is one indexed lookup.
    agency = models.ForeignKey(
        "bodies.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    # The name in force when the agreement was signed (bodies get renamed and split).
    name_at_signing = models.CharField(_("name at signing"), max_length=255, blank=True)

    class Meta:
        ordering = ["side", "id"]
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        # Covering indexes for visible_to's `pk IN (SELECT agreement_id … WHERE agency_id = ?)`
        # (and the organization representative's), read without touching the table.
        indexes = [
            models.Index(fields=["agency", "agreement"], name="party_agency_agreement_idx"),
            models.Index(fields=["organization", "agreement"], name="party_org_agreement_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(side="government", body__isnull=False, organization__isnull=True)
                    | models.Q(side="foreign", body__isnull=True, organization__isnull=False)
                ),
                name="party_matches_side",
            ),
            # A body or an organization is a party to an agreement once (a second row would
            # count it twice in the partner names and the compliance dashboard).
            models.UniqueConstraint(
                fields=["agreement", "body"],
                condition=models.Q(body__isnull=False),
                name="party_body_once",
            ),
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                condition=models.Q(organization__isnull=False),
                name="party_organization_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name_at_signing or str(self.body or self.organization)


class Signatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey(
        "organizations.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    title = models.CharField(_("position/title"), max_length=255)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.title} ({self.party})"


def document_upload_to(instance: "AgreementDocument", filename: str) -> str:
    return f"agreements/{instance.agreement_id}/{instance.sha256[:16]}-{filename}"


class AgreementDocument(StoredDocument):
    class Kind(models.TextChoices):
        SIGNED_TEXT = "signed_text", _("Signed text")
        DRAFT_TEXT = "draft_text", _("Draft text")
        ANNEX = "annex", _("Annex")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "title", "version"], name="document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class AgreementAccess(models.Model):
    """SECURITY: the bodies that may see an agreement — its owner, its parties' agencies, the
    agencies it is shared with, and the bodies a visibility grant gives it to (ADR 0015; these
    may be units, e.g. Ditjen Polpum) — one row each, so `visible_to` is a single index lookup
    on every database (an OR over several sources cannot use one index on PostgreSQL). A user
    reads the rows of their body and of every body above it (`User.reading_body_ids`).

    Derived data: written only by `mitra.agreements.access` (`agreement_refresh_access`, the
    bulk `agreement_rebuild_all_access`), which the services call after every change of a
    source: owner, parties, sharing, regions, a meeting's links and participants, an
    organization's kind, a grant.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="access")
    agency = models.ForeignKey("bodies.GovernmentBody", on_delete=models.CASCADE, related_name="+")
    # True when the body owns the agreement, is party to it or it was shared with it (its own
    # work: dashboards, deadlines); False when only a visibility grant lets it read it.
    own = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        verbose_name = _("agreement access")
        verbose_name_plural = _("agreement access")
        constraints = [
            # Agency first: the index serves `agency = ?` and yields agreement ids directly.
            models.UniqueConstraint(fields=["agency", "agreement"], name="agreement_access_unique")
        ]
        indexes = [
            # "My own agreements" (dashboards, deadlines) without the granted rows.
            models.Index(
                fields=["agency", "agreement"],
                condition=models.Q(own=True),
                name="agreement_access_own_idx",
            )
        ]
