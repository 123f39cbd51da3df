"""Visibility grants: read rights a body holds because of its role (TPOA member, working group,
supervisor of ormas asing in regions, regional government, meeting participant), each with its
legal basis. Versioned like `deadlines.DeadlineRule`; the version in force today applies.

Grants only ever give READ access to agreements (and what is scoped through them: work plans,
activities, reports, monitoring visits). They never give edit rights. The agreements app turns
them into `AgreementAccess` rows (`mitra/agreements/access.py`, ADR 0015)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VisibilityGrantQuerySet(models.QuerySet["VisibilityGrant"]):
    def in_force(self, on: date) -> list["VisibilityGrant"]:
        """Per code, the active version with the latest `valid_from` on or before `on` (ties:
        the higher version). One query; the table holds a handful of rows."""
        chosen: dict[str, VisibilityGrant] = {}
        for grant in self.filter(active=True, valid_from__lte=on).order_by(
            "code", "-valid_from", "-version"
        ):
            chosen.setdefault(grant.code, grant)
        return list(chosen.values())


class VisibilityGrant(models.Model):
    """One version of a read grant."""

    class Rule(models.TextChoices):
        # The rule kinds the code implements (mitra/agreements/access.py `grant_sources`).
        ORG_KIND = "org_kind", _("Agreements with a foreign party of the given kinds")
        TERRITORY = "territory", _("Each regional government: agreements naming its territory")
        REGIONAL_ORMAS = "regional_ormas", _("Ormas asing agreements that name a region")
        REGIONAL_COOPERATION = (
            "regional_cooperation",
            _("Agreements owned by a regional government (KSDPL/KSDLL)"),
        )
        MEETING_AGENDA = (
            "meeting_agenda",
            _("Bodies organizing, invited to or attending a meeting: its linked agreements"),
        )

    class Confidence(models.TextChoices):
        # The grades of domain.md, as on DeadlineRule.
        A = "A", _("A: statutory text")
        B = "B", _("B: secondary source")
        C = "C", _("C: draft or bill stage")
        D = "D", _("D: design default (uncertain)")

    code = models.CharField(_("code"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    grantee_keys = models.JSONField(
        _("grantee body keys"),
        default=list,
        blank=True,
        help_text=_(
            "Keys of the bodies that read. A unit's key grants to that unit (and the units "
            "beneath it) only."
        ),
    )
    grantee_setting = models.CharField(
        _("grantee setting"),
        max_length=80,
        blank=True,
        help_text=_("Name of a list of body keys in settings.MITRA, e.g. TPOA_MEMBERS."),
    )
    organization_kinds = models.JSONField(
        _("organization kinds"),
        default=list,
        blank=True,
        help_text=_("For the organization-kind rule: the foreign organization kinds read."),
    )
    role = models.CharField(_("role of the body"), max_length=300, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence.choices, default=Confidence.D
    )
    read_right_is_design_decision = models.BooleanField(
        _("the read right is a design decision [D]"), default=True
    )
    valid_from = models.DateField(_("valid from"))
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = VisibilityGrantQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-valid_from", "-version"]
        verbose_name = _("visibility grant")
        verbose_name_plural = _("visibility grants")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="visibility_grant_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def grantee_body_keys(self) -> list[str]:
        """The keys named on the grant plus those of its settings list (read, never copied)."""
        keys = list(self.grantee_keys or [])
        if self.grantee_setting:
            keys += list(getattr(settings, "MITRA", {}).get(self.grantee_setting, []) or [])
        return list(dict.fromkeys(keys))
