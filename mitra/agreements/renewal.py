"""Starting a renewal ("Catat perpanjangan") from its predecessor (issue 15 §4): what the new
agreement copies, and its period moved on. Read-only: the user reviews the pre-filled form and
saves it through `services.agreement_create` (validation and audit as for any agreement)."""

from datetime import date, timedelta
from typing import Any

from mitra.core.dates import add_months

from .models import Agreement, Signatory


def renewal_period(predecessor: Agreement) -> tuple[date | None, date | None, int | None]:
    """The renewal's (start, end, stated months): it starts the day after the predecessor
    ends and lasts as long. A stated duration in months is kept (the end follows from it); a
    period of whole calendar months is moved by months (17 March → 16 March three years on);
    any other length is kept in days. (None, None, months) when the predecessor has no end."""
    months = predecessor.duration_months
    end = predecessor.end_date
    if end is None:
        return None, None, months
    start = end + timedelta(days=1)
    if months is None and predecessor.start_date is not None:
        months = whole_months(predecessor.start_date, end)
        if months is None:
            length = end - predecessor.start_date
            return start, start + length, None
        return start, add_months(start, months) - timedelta(days=1), None
    if months is not None:
        return start, add_months(start, months) - timedelta(days=1), months
    return start, None, None


def whole_months(start: date, end: date) -> int | None:
    """N when `start`..`end` is exactly N calendar months (ending the day before the Nth
    monthly anniversary), else None."""
    months = (end.year - start.year) * 12 + end.month - start.month
    for n in (months, months + 1):
        if n > 0 and add_months(start, n) - timedelta(days=1) == end:
            return n
    return None


def renewal_signatory_roles(predecessor: Agreement) -> list[Signatory]:
    """The predecessor's signatories whose position is carried over as a role to fill."""
    return list(predecessor.signatories.select_related("party").order_by("id"))


def renewal_initial(predecessor: Agreement) -> dict[str, Any]:
    """The create form's initial data for a renewal of `predecessor`: parties (the lead body
    and the other government parties, the foreign parties), sectors, regions, objective,
    type, title, sharing and the signatories' positions copied; dates moved on; `renews` set.
    Reference, signing date and place stay empty: they belong to the new signature."""
    parties = list(predecessor.parties.all())
    lead = predecessor.owner_unit_id or predecessor.owner_id
    start, end, months = renewal_period(predecessor)
    return {
        "title": predecessor.title,
        "type": predecessor.type,
        "owner": lead,
        "foreign_parties": [p.organization_id for p in parties if p.organization_id],
        "other_government_parties": [
            p.body_id
            for p in parties
            if p.body_id and p.body_id not in (lead, predecessor.owner_id)
        ],
        "start_date": start,
        "end_date": end,
        "duration_months": months,
        "renews": predecessor.pk,
        "objective": predecessor.objective,
        "sectors": [s.pk for s in predecessor.sectors.all()],
        "provinces": [p.pk for p in predecessor.provinces.all()],
        "regencies": [r.pk for r in predecessor.regencies.all()],
        "shared_with": [b.pk for b in predecessor.shared_with.all()],
        "signatory_roles": [s.pk for s in renewal_signatory_roles(predecessor)],
    }
