"""Display helpers for the risk pages: values by unit, input labels, dates."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from mitra.risk.access import can_view_risk as _can_view_risk
from mitra.risk.indicators import INPUT_LABELS

register = template.Library()
_NUMBER = re.compile(r"-?\d+(\.\d+)?")  # amounts are stored as text (Decimal)


@register.filter
def risk_value(row: Any) -> str:
    """An indicator's value as it reads: a share in percent, a count, or days."""
    value = row.value
    if value is None:
        return _("not applicable") if row.inputs.get("required") is False else "—"
    unit = row.indicator.unit
    if unit == "share":
        return f"{formats.number_format(float(value) * 100, 1)} %"
    if unit == "days":
        return _("%(days)s days") % {"days": formats.number_format(int(value))}
    return formats.number_format(value)


@register.filter
def risk_input_label(name: str) -> str:
    return str(INPUT_LABELS.get(name, name))


@register.filter
def risk_input_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, (int, float)):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return formats.number_format(Decimal(value), force_grouping=True)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


@register.filter
def can_view_risk(user: Any) -> bool:
    return _can_view_risk(user)
