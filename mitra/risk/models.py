"""Risk indicators (issue 17 §4): the operators' weights and the daily per-organization values.

`RiskConfiguration` is one row of configuration (weights per indicator, the stale-data months)
changed only through `services.risk_configuration_update` (audited, old and new values).
`OrganizationRisk` is derived data, one row per organization, rebuilt by the daily job
(`services.risk_indicators_refresh`) like the work plans' `ActivityTally`: never edited.
"""

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from mitra.core.models import TimeStampedModel

from .indicators import INDICATOR_KEYS


def _weight(label: Any) -> models.DecimalField:
    return models.DecimalField(label, max_digits=5, decimal_places=2, default=Decimal("1.00"))


class RiskConfiguration(TimeStampedModel):
    """The single row of risk configuration (primary key 1)."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    weight_punctuality = _weight(_("weight: reporting punctuality"))
    weight_overdue = _weight(_("weight: overdue obligations"))
    weight_notice = _weight(_("weight: activities without regional notice"))
    weight_sanctions = _weight(_("weight: sanction history"))
    weight_permit_margin = _weight(_("weight: permit validity margin"))
    weight_iati = _weight(_("weight: open IATI findings"))
    weight_concentration = _weight(_("weight: funding concentration"))
    weight_intermediaries = _weight(_("weight: share through intermediaries"))
    weight_stale = _weight(_("weight: stale data"))
    stale_months = models.PositiveSmallIntegerField(
        _("months without an update before data counts as stale"), default=12
    )

    class Meta:
        verbose_name = _("risk configuration")
        verbose_name_plural = _("risk configuration")
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=1), name="risk_config_single"),
            models.CheckConstraint(
                condition=models.Q(stale_months__gte=1, stale_months__lte=120),
                name="risk_config_stale_months_range",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"weight_{key}__gte": 0, f"weight_{key}__lte": 100}),
                    name=f"risk_weight_{key}_range",
                )
                for key in INDICATOR_KEYS
            ],
        ]

    def __str__(self) -> str:
        return str(_("Risk configuration"))

    def weights(self) -> dict[str, Decimal]:
        return {key: getattr(self, f"weight_{key}") for key in INDICATOR_KEYS}


class OrganizationRisk(models.Model):
    """One organization's indicators as computed on `computed_on` (derived; the daily job)."""

    organization = models.OneToOneField(
        "organizations.ForeignOrganization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="risk",
    )
    computed_on = models.DateField()
    computed_at = models.DateTimeField()
    # Scores in [0, 1] (the formulas in indicators.py); "stale" is scored at read time from
    # `last_update_on` and the configured months, so a change of months shows at once.
    score_punctuality = models.FloatField(default=0)
    score_overdue = models.FloatField(default=0)
    score_notice = models.FloatField(default=0)
    score_sanctions = models.FloatField(default=0)
    score_permit_margin = models.FloatField(default=0)
    score_iati = models.FloatField(default=0)
    score_concentration = models.FloatField(default=0)
    score_intermediaries = models.FloatField(default=0)
    last_update_on = models.DateField(null=True)
    # Per indicator: {"value": ..., "inputs": {...}, "data_date": "YYYY-MM-DD" | None}.
    details = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("organization risk indicators")
        verbose_name_plural = _("organization risk indicators")

    def __str__(self) -> str:
        return f"{self.organization_id} @ {self.computed_on}"
