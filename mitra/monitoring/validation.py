"""Rules that need more than one row: closed periods, disclosure lines."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from mitra.agreements.models import Agreement
from mitra.core.currencies import is_currency

from .models import DEFAULT_GRACE_DAYS, Report, setting

ENDED = (Agreement.Status.TERMINATED, Agreement.Status.SUPERSEDED, Agreement.Status.EXPIRED)


def closed_period_reason(report: Report, on: date) -> str:
    """Why the report's period no longer takes a report ("" when it is open).

    Closed: an accepted report for the same agreement, kind and period exists; or the
    agreement was terminated, superseded or expired and its end is more than the grace
    period (settings.MITRA["REPORT_GRACE_DAYS"]) ago.
    """
    accepted = Report.objects.filter(
        agreement_id=report.agreement_id,
        kind=report.kind,
        period_start=report.period_start,
        status=Report.Status.ACCEPTED,
    ).exists()
    if accepted or report.status == Report.Status.ACCEPTED:
        return _("The period %(period)s is closed: its report was already accepted.") % {
            "period": report.period_label
        }
    agreement = report.agreement
    if agreement.status in ENDED:
        grace = int(setting("REPORT_GRACE_DAYS", DEFAULT_GRACE_DAYS))
        ended = agreement.end_date or agreement.updated_at.date()
        if agreement.status == Agreement.Status.TERMINATED:
            ended = min(ended, agreement.updated_at.date())
        if on > ended + timedelta(days=grace):
            return _(
                "The period %(period)s is closed: the agreement is %(status)s and its grace "
                "period of %(days)s days ended on %(date)s."
            ) % {
                "period": report.period_label,
                "status": agreement.get_status_display().lower(),
                "days": grace,
                "date": (ended + timedelta(days=grace)).isoformat(),
            }
    return ""


@dataclass
class LineInput:
    donor_name: str
    donor_country: str
    amount: Any  # Decimal or text as typed
    currency: str
    programme: str
    intermediaries: str = ""
    province: Any = None  # regions.Province
    regency: Any = None  # regions.Regency
    local_partner: str = ""


def check_lines(lines: list[LineInput]) -> dict[str, list[str]]:
    """Per-line messages keyed `lines.<n>.<field>` (n from 0); empty when all are right."""
    errors: dict[str, list[str]] = {}

    def err(index: int, field: str, message: str) -> None:
        errors.setdefault(f"lines.{index}.{field}", []).append(message)

    for i, line in enumerate(lines):
        if not line.donor_name.strip():
            err(i, "donor_name", _("Name the original donor."))
        if len(line.donor_country.strip()) != 2:
            err(i, "donor_country", _("Give the donor's country as a two-letter ISO code."))
        try:
            amount = Decimal(str(line.amount))
        except (InvalidOperation, ValueError):
            err(i, "amount", _("Give the amount as a number."))
        else:
            if not amount.is_finite() or amount <= 0:
                err(i, "amount", _("The amount must be more than zero."))
            elif amount.as_tuple().exponent < -2 or amount >= Decimal(10) ** 16:  # type: ignore[operator]
                err(i, "amount", _("Give the amount with at most two decimals."))
        if not is_currency(line.currency.strip().upper()):
            err(
                i,
                "currency",
                _("“%(code)s” is not an ISO 4217 currency code (e.g. IDR, USD).")
                % {"code": line.currency},
            )
        if not line.programme.strip():
            err(i, "programme", _("Name the programme the funds are used for."))
        if (
            line.regency is not None
            and line.province is not None
            and line.regency.province_id != line.province.pk
        ):
            err(i, "regency", _("The regency/city is not in the chosen province."))
    return errors
