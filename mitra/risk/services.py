"""Writes of the risk app: the operators' configuration (audited) and the daily refresh of the
derived per-organization indicators."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError

from .indicators import INDICATOR_KEYS, SCORED_KEYS, collect
from .models import OrganizationRisk, RiskConfiguration

if TYPE_CHECKING:
    from mitra.accounts.models import User

WEIGHT_MAX = Decimal(100)
STALE_MONTHS_MAX = 120
AUDITED_FIELDS = [*(f"weight_{k}" for k in INDICATOR_KEYS), "stale_months"]


@dataclass
class ConfigurationInput:
    """Weights per indicator key (as typed: numbers or text) and the stale-data months."""

    weights: dict[str, Any]
    stale_months: Any


def _parse_weight(raw: Any) -> tuple[Decimal | None, str]:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None, _("Enter a number.")
    if not value.is_finite():
        return None, _("Enter a number.")
    if value < 0:
        return None, _("A weight cannot be negative.")
    if value > WEIGHT_MAX:
        return None, _("A weight is at most %(max)s.") % {"max": WEIGHT_MAX}
    if value != value.quantize(Decimal("0.01")):
        return None, _("Use at most two decimal places.")
    return value.quantize(Decimal("0.01")), ""


def _parse_months(raw: Any) -> tuple[int | None, str]:
    text = str(raw).strip()
    if not text.isdigit():
        return None, _("Enter a whole number of months.")
    months = int(text)
    if not 1 <= months <= STALE_MONTHS_MAX:
        return None, _("Enter between 1 and %(max)s months.") % {"max": STALE_MONTHS_MAX}
    return months, ""


def _require_operator(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_operator:
        raise ApplicationError(_("Only operators may change the risk configuration."))


@transaction.atomic
def risk_configuration_update(*, data: ConfigurationInput, actor: "User") -> RiskConfiguration:
    """Change the weights and the stale-data months. Operators only; every weight a number
    from 0 to 100 with at most two decimals, the months 1–120: otherwise nothing is written
    and each bad field says why. Audited with the old and new values of what changed."""
    _require_operator(actor)
    errors: dict[str, list[str]] = {}
    new: dict[str, Any] = {}
    for key in INDICATOR_KEYS:
        if key not in data.weights:
            errors[f"weight_{key}"] = [_("This field is required.")]
            continue
        value, problem = _parse_weight(data.weights[key])
        if problem:
            errors[f"weight_{key}"] = [problem]
        new[f"weight_{key}"] = value
    months, problem = _parse_months(data.stale_months)
    if problem:
        errors["stale_months"] = [problem]
    new["stale_months"] = months
    if errors:
        raise ApplicationError(_("The risk configuration was not saved."), errors)
    config, _created = RiskConfiguration.objects.select_for_update().get_or_create(
        pk=1, defaults={"created_by": actor}
    )
    old = {name: getattr(config, name) for name in AUDITED_FIELDS}
    changed = [name for name in AUDITED_FIELDS if old[name] != new[name]]
    if not changed:  # a first save of the defaults changes nothing anyone reads
        return config
    for name in changed:
        setattr(config, name, new[name])
    config.save()
    audit_event_record(
        event="risk_configuration.updated",
        target=config,
        actor=actor,
        data={
            "old": {name: _plain(old[name]) for name in changed},
            "new": {name: _plain(new[name]) for name in changed},
        },
    )
    return config


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def risk_indicators_refresh(*, on: date | None = None) -> int:
    """The daily job: recompute every organization's indicators (a fixed number of aggregate
    queries, `indicators.collect`) and replace the derived rows in one transaction. Derived
    data, like the work plans' tallies: not audited (its sources are). Returns the count."""
    on = on or today()
    results = collect(on=on)
    now = timezone.now()
    rows = [
        OrganizationRisk(
            organization_id=org_id,
            computed_on=on,
            computed_at=now,
            last_update_on=by_key["stale"].data_date,
            details={key: result.as_json() for key, result in by_key.items()},
            **{f"score_{key}": by_key[key].score for key in SCORED_KEYS},
        )
        for org_id, by_key in results.items()
    ]
    with transaction.atomic():
        OrganizationRisk.objects.all().delete()
        OrganizationRisk.objects.bulk_create(rows, batch_size=500)
    return len(rows)
