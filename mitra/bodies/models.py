"""Indonesian government bodies: ministries, agencies, units and regional governments."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class GovernmentBodyQuerySet(models.QuerySet["GovernmentBody"]):
    def top_level(self) -> "GovernmentBodyQuerySet":
        return self.filter(parent__isnull=True)

    def in_force_on(self, day) -> "GovernmentBodyQuerySet":
        """Bodies that existed on `day` (renamed or split bodies keep their own dates)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )


class GovernmentBody(models.Model):
    class Kind(models.TextChoices):
        COORDINATING_MINISTRY = "coordinating_ministry", _("Coordinating ministry")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        POLICE = "police", _("Police")
        MILITARY = "military", _("Armed forces")
        UNIT = "unit", _("Unit")
        PROVINCIAL_GOVERNMENT = "provincial_government", _("Provincial government")
        REGENCY_GOVERNMENT = "regency_government", _("Regency government")
        CITY_GOVERNMENT = "city_government", _("City government")
        OTHER = "other", _("Other")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors"
    )
    # Lower-cased names, acronym and aliases joined, so one indexed LIKE finds any of them.
    search_text = models.TextField(editable=False, default="")

    objects = GovernmentBodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("government body")
        verbose_name_plural = _("government bodies")
        indexes = [models.Index(Lower("name"), name="body_name_lower_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def root(self) -> "GovernmentBody":
        """The top-level body (ministry, agency, regional government) this body belongs to."""
        body = self
        while body.parent_id is not None:
            body = body.parent  # type: ignore[assignment]
        return body

    def refresh_search_text(self) -> None:
        parts = [self.name, self.name_en, self.acronym, *self.aliases]
        self.search_text = " | ".join(p.lower() for p in parts if p)
