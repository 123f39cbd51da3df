"""Registry of foreign organizations, the people who act for them, and sectors."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.bounds import clean_name
from mitra.core.models import TimeStampedModel, VersionedModel
from mitra.core.search import words_q


def normalise_name(name: str) -> str:
    """Lower case, no punctuation, single spaces: how duplicate names are compared."""
    return " ".join(re.sub(r"[^\w\s]", " ", clean_name(name).lower()).split())


class Sector(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("Indonesian name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "id").startswith("en") else self.name_id


class ForeignOrganizationQuerySet(models.QuerySet["ForeignOrganization"]):
    def public(self) -> "ForeignOrganizationQuerySet":
        """SECURITY: what the public directory may show: published, not archived."""
        return self.filter(is_published=True).exclude(status=ForeignOrganization.Status.ARCHIVED)

    def search(self, text: str) -> "ForeignOrganizationQuerySet":
        """Every word of `text` in a legal name, acronym or alias, in any order, as part of
        a word or misspelt (core.search, organizations.search)."""
        from .search import misspelt_names_q  # the module reads this model

        found = words_q(text, word_q=misspelt_names_q(lambda ids: Q(pk__in=sorted(ids))))
        return self.filter(found) if found is not None else self


class ForeignOrganization(VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        FOREIGN_NGO = "foreign_ngo", _("Foreign foundation/NGO (ormas asing)")
        REGIONAL_ORGANIZATION = "regional_org", _("Regional organization")
        MULTILATERAL_ORGANIZATION = "multilateral_org", _("Multilateral organization")
        UN_AGENCY = "un_agency", _("UN agency")
        FOREIGN_GOVERNMENT_AGENCY = "foreign_gov_agency", _("Foreign government agency")
        FOREIGN_LOCAL_GOVERNMENT = "foreign_local_gov", _("Foreign local government")

    class LegalType(models.TextChoices):
        # UU 17/2013 Pasal 43(2); only for ormas asing.
        A = "a", _("(a) Foreign legal entity (yayasan asing or other name)")
        B = "b", _("(b) Indonesian yayasan founded by foreign nationals")
        C = "c", _("(c) Indonesian yayasan founded by foreign and Indonesian nationals")

    class SubType(models.TextChoices):
        SELF_FUNDED = "self_funded", _("Manages its own funds")
        DONOR_PROGRAMME = "donor_programme", _("Implements a foreign donor's programmes")

    class Status(models.TextChoices):
        # Set by hand or by intake: PROSPECTIVE, REGISTERED, INACTIVE, ARCHIVED. Derived from
        # licensing by one rule (mitra.permits.org_status, domain.md §3.1): APPLICANT,
        # LICENSED, REVOKED, LAPSED; SUSPENDED is set by a suspension (izin prinsip or
        # sanction) and kept by the rule while it lasts.
        PROSPECTIVE = "prospective", _("Prospective")
        REGISTERED = "registered", _("Registered")
        APPLICANT = "applicant", _("Applied for an izin prinsip")
        LICENSED = "licensed", _("Holds a valid izin prinsip")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Izin prinsip revoked")
        LAPSED = "lapsed", _("Izin prinsip lapsed")
        INACTIVE = "inactive", _("Inactive")
        ARCHIVED = "archived", _("Archived")

    legal_name = models.CharField(_("legal name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    legal_type = models.CharField(
        _("legal type (ormas asing)"), max_length=1, choices=LegalType.choices, blank=True
    )
    sub_type = models.CharField(
        _("sub-type (ormas asing)"), max_length=20, choices=SubType.choices, blank=True
    )
    country = CountryField(_("country of origin"), db_index=True)
    headquarters = models.CharField(_("headquarters"), max_length=255, blank=True)
    indonesian_office = models.CharField(_("Indonesian office"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    # What a change notice changes (issue 15 §1): the people who lead it in Indonesia, where
    # its money comes from and the provinces it works in. A database default too (ADR 0010,
    # expand/contract): code that predates the columns can still insert rows.
    representative = models.CharField(
        _("head of the representative office"), max_length=255, blank=True, db_default=""
    )
    country_director = models.CharField(
        _("country director"), max_length=255, blank=True, db_default=""
    )
    funding_sources = models.TextField(_("sources of funds"), blank=True, db_default="")
    regions = models.ManyToManyField(
        "regions.Province", verbose_name=_("regions of activity"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    is_published = models.BooleanField(
        _("published in the public directory"), default=True, db_index=True
    )
    search_text = models.TextField(editable=False, default="")
    # The legal name as duplicates are compared (`normalise_name`), set by refresh_search_text
    # (null on rows never normalised); unique, so two requests registering the same
    # organization at once cannot both succeed (issue 13 §2).
    name_key = models.CharField(max_length=255, editable=False, null=True, default=None)

    objects = ForeignOrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("foreign organization")
        verbose_name_plural = _("foreign organizations")
        indexes = [
            models.Index(Lower("legal_name"), name="org_legal_name_lower_idx"),
            # The open-data change feed reads `updated_at > since ORDER BY updated_at, id`.
            models.Index(fields=["updated_at", "id"], name="org_updated_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="org_name_key_unique"),
        ]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def display_name(self) -> str:
        return f"{self.legal_name} ({self.acronym})" if self.acronym else self.legal_name

    @property
    def needs_izin_prinsip(self) -> bool:
        """Only ormas asing follow the TPOA licensing track (domain.md §2.1)."""
        return self.kind == self.Kind.FOREIGN_NGO

    def refresh_search_text(self) -> None:
        parts = [self.legal_name, self.acronym, *self.aliases]
        self.search_text = " | ".join(p.lower() for p in parts if p)
        self.name_key = normalise_name(self.legal_name)[:255] or None


class Person(TimeStampedModel):
    """Someone who signs or attends: an official of a body or a foreign organization."""

    name = models.CharField(_("name"), max_length=255, blank=True)
    title = models.CharField(_("position/title"), max_length=255)
    body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("government body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    organization = models.ForeignKey(
        ForeignOrganization,
        verbose_name=_("foreign organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(body__isnull=False) & models.Q(organization__isnull=False)),
                name="person_one_affiliation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.name else self.title


class ChangeNotice(FSMModelMixin, TimeStampedModel):
    """A change the organization reports (issue 15 §1): filed by its representative, it takes
    effect at once (NOTED) or waits for the TPOA secretariat's acceptance (PENDING → ACCEPTED or
    REFUSED), as the change table says (`conf.change_rule`). Kept for ever: the history."""

    class Kind(models.TextChoices):
        ADDRESS = "address", _("Address")
        CONTACT = "contact", _("Contact details")
        REPRESENTATIVE = "representative", _("Head of the representative office")
        COUNTRY_DIRECTOR = "country_director", _("Country director")
        FUNDING_SOURCE = "funding_source", _("Sources of funds")
        SECTORS = "sectors", _("Sectors")
        REGIONS = "regions", _("Regions of activity")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the secretariat")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        NOTED = "noted", _("In effect (notice)")

    organization = models.ForeignKey(
        ForeignOrganization,
        verbose_name=_("foreign organization"),
        on_delete=models.PROTECT,
        related_name="change_notices",
    )
    kind = models.CharField(_("what changes"), max_length=20, choices=Kind.choices)
    # {"field": value} for the fields the kind changes (ids for sectors and regions).
    previous = models.JSONField(_("before"), default=dict)
    proposed = models.JSONField(_("after"), default=dict)
    explanation = models.TextField(_("explanation"), blank=True)
    status = FSMField(
        _("status"), default=Status.PENDING, choices=Status.choices, protected=True, db_index=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        indexes = [
            models.Index(fields=["organization", "status"], name="org_change_org_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_kind_display()}"

    @transition(field=status, source=Status.PENDING, target=Status.NOTED)
    def note(self) -> None:
        """A change that takes effect at once with the notice."""

    @transition(field=status, source=Status.PENDING, target=Status.ACCEPTED)
    def accept(self) -> None:
        """The secretariat accepts: the change takes effect."""

    @transition(field=status, source=Status.PENDING, target=Status.REFUSED)
    def refuse(self) -> None:
        """The secretariat refuses, with a reason: nothing changes."""
