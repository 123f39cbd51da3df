"""Rules an agreement must satisfy before it is written (one place for forms and the API)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Agreement


@dataclass
class ChainCheck:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)


def end_from_duration(start: date, months: int) -> date:
    """A stated duration of N months starting on `start` ends the day before the anniversary."""
    from mitra.core.dates import add_months

    return add_months(start, months) - timedelta(days=1)


def check_period(check: ChainCheck, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        check.error("end_date", _("The end date is before the start date."))


def check_renewal(
    check: ChainCheck,
    *,
    agreement: "Agreement | None",
    predecessor: "Agreement | None",
    start: date | None,
) -> None:
    """The renewal chain: no self-reference, no cycle, starts after its predecessor starts.

    Gaps and overlaps between the predecessor's end and the renewal's start are warnings:
    renewals are often signed late or early, and the record must still be kept.
    """
    if predecessor is None:
        return
    if agreement is not None and agreement.pk is not None:
        if predecessor.pk == agreement.pk:
            check.error("renews", _("An agreement cannot renew itself."))
            return
        # Walk back from the predecessor; meeting this agreement would close a cycle.
        seen: set[int] = set()
        node: Agreement | None = predecessor
        while node is not None and node.pk not in seen:
            if node.pk == agreement.pk:
                check.error("renews", _("This renewal would form a cycle in the chain."))
                return
            seen.add(node.pk)
            node = node.renews
    from .models import RENEWABLE_STATUSES

    if predecessor.status not in RENEWABLE_STATUSES:
        check.error(
            "renews",
            _("Only a signed, active, expired or superseded agreement can be renewed."),
        )
    existing = getattr(predecessor, "renewed_by", None) if predecessor.pk else None
    if existing is not None and (agreement is None or existing.pk != agreement.pk):
        check.error(
            "renews",
            _("%(title)s is already renewed by %(other)s.")
            % {"title": predecessor.title, "other": existing.title},
        )
    if start and predecessor.start_date and start <= predecessor.start_date:
        check.error("start_date", _("A renewal must start after the agreement it renews starts."))
    if start and predecessor.end_date:
        gap = (start - predecessor.end_date).days - 1
        if gap > 0:
            check.warnings.append(
                _("There is a gap of %(days)d days after the previous agreement ended.")
                % {"days": gap}
            )
        elif gap < 0:
            check.warnings.append(
                _("The renewal overlaps the previous agreement by %(days)d days.") % {"days": -gap}
            )


def chain_warnings(chain: list["Agreement"]) -> list[str]:
    """Gap/overlap warnings along a whole chain (oldest first), for the agreement page."""
    warnings: list[str] = []
    for previous, current in zip(chain, chain[1:], strict=False):
        check = ChainCheck()
        if current.start_date and previous.end_date:
            gap = (current.start_date - previous.end_date).days - 1
            if gap > 0:
                check.warnings.append(
                    _("Gap of %(days)d days between %(a)s and %(b)s.")
                    % {"days": gap, "a": previous.period_label, "b": current.period_label}
                )
            elif gap < 0:
                check.warnings.append(
                    _("%(a)s and %(b)s overlap by %(days)d days.")
                    % {"days": -gap, "a": previous.period_label, "b": current.period_label}
                )
        warnings.extend(check.warnings)
    return warnings


def check_izin_prinsip(
    check: ChainCheck,
    *,
    type: str,
    foreign_parties: "list[Any]",
    start: date | None,
    end: date | None,
) -> None:
    """An MSP with an ormas asing may not outlast the partner's valid izin prinsip (N3).

    Only checked when the organization holds an izin prinsip valid on the MSP's start; the
    licensing app owns permits, so it is imported lazily here (agreements must load without
    reaching into permits at import time).
    """
    if type != "msp" or start is None or end is None:
        return
    from mitra.core.periods import Period, check_within
    from mitra.permits.selectors import izin_prinsip_period  # permits imports agreements

    for organization in foreign_parties:
        if not getattr(organization, "needs_izin_prinsip", False):
            continue
        period = izin_prinsip_period(organization_id=organization.pk, on=start)
        if period is None:
            continue
        problems = check_within(
            Period(start, end, _("The MSP")),
            Period(
                period[0],
                period[1],
                _("the izin prinsip of %(org)s") % {"org": organization.legal_name},
            ),
        )
        for problem in problems:
            check.error("end_date", problem)
