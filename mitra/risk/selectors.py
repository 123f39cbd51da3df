"""Reading the risk indicators: the configuration, the supervisor's list, one organization."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.http import Http404

from mitra.core.charts import bar_percent
from mitra.core.dates import today
from mitra.organizations.selectors import organization_get_for_user

from .access import can_view_risk
from .indicators import INDICATOR_KEYS, INDICATORS, SCORED_KEYS, Indicator, months_before
from .models import OrganizationRisk, RiskConfiguration

SORTS = ("weighted", *INDICATOR_KEYS, "name")


def risk_configuration() -> RiskConfiguration:
    """The stored configuration, or the defaults (unsaved) before an operator changed any."""
    return RiskConfiguration.objects.filter(pk=1).first() or RiskConfiguration()


def _stale_score(config: RiskConfiguration, on: date) -> Case:
    cutoff = months_before(on, config.stale_months)
    return Case(
        When(Q(last_update_on__isnull=True) | Q(last_update_on__lt=cutoff), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def risk_list(
    *, viewer: Any, config: RiskConfiguration, sort: str = "weighted", on: date | None = None
) -> QuerySet[OrganizationRisk]:
    """SECURITY: every organization's indicators for a viewer `can_view_risk` allows (the
    registry is shared; callers check first), else none. Annotated `score_stale` (from the
    configured months) and `weighted` (Σ weight × score, in SQL), sorted by `sort`, highest
    first, then by name. One query."""
    if not can_view_risk(viewer):
        return OrganizationRisk.objects.none()
    on = on or today()
    weights = config.weights()
    # The list's columns only: not the per-indicator details (read on the detail page).
    columns = [f"score_{key}" for key in SCORED_KEYS]
    qs = (
        OrganizationRisk.objects.select_related("organization")
        .only("computed_on", "last_update_on", "organization__legal_name", *columns)
        .annotate(score_stale=_stale_score(config, on))
    )
    weighted: Any = Value(0.0, output_field=FloatField())
    for key in INDICATOR_KEYS:
        weighted = weighted + F(f"score_{key}") * Value(
            float(weights[key]), output_field=FloatField()
        )
    qs = qs.annotate(weighted=weighted)
    if sort == "name":
        return qs.order_by("organization__legal_name", "pk")
    column = "weighted" if sort not in INDICATOR_KEYS else f"score_{sort}"
    return qs.order_by(F(column).desc(), "organization__legal_name", "pk")


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: Any
    score: float
    weight: Decimal
    contribution: float
    inputs: dict[str, Any]
    data_date: str | None
    bar: float


def indicator_rows(
    risk: OrganizationRisk, config: RiskConfiguration, *, on: date | None = None
) -> list[IndicatorRow]:
    """Per indicator: formula, value, inputs, score, weight and its share of the sum."""
    on = on or today()
    weights = config.weights()
    rows = []
    for indicator in INDICATORS:
        detail = risk.details.get(indicator.key, {})
        if indicator.key == "stale":
            cutoff = months_before(on, config.stale_months)
            last = risk.last_update_on
            score = 1.0 if last is None or last < cutoff else 0.0
            value = None if last is None else (on - last).days
            inputs = {
                "last_update_on": last.isoformat() if last else None,
                "months": config.stale_months,
                "cutoff": cutoff.isoformat(),
            }
        else:
            score = float(getattr(risk, f"score_{indicator.key}"))
            value = detail.get("value")
            inputs = detail.get("inputs", {})
        rows.append(
            IndicatorRow(
                indicator=indicator,
                value=value,
                score=score,
                weight=weights[indicator.key],
                contribution=round(float(weights[indicator.key]) * score, 4),
                inputs=inputs,
                data_date=detail.get("data_date"),
                bar=bar_percent(score, 1.0),
            )
        )
    return rows


def risk_get_for_user(*, user: Any, organization_id: int) -> tuple[Any, OrganizationRisk | None]:
    """SECURITY: 404 unless the viewer may read the risk list and the organization (scoped
    through organizations' own selector). The organization's indicators, or None when the
    daily job has not computed them yet."""
    if not can_view_risk(user):
        raise Http404
    organization = organization_get_for_user(user=user, pk=organization_id)
    return organization, OrganizationRisk.objects.filter(organization=organization).first()


def last_computed_on() -> date | None:
    row = OrganizationRisk.objects.order_by("-computed_on").values("computed_on").first()
    return row["computed_on"] if row else None
