"""Deadlines of agreements for the deadline engine (registered in apps.py): the renewal
window of each signed or active agreement and its end."""

import functools
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from mitra.deadlines.engine import versions
from mitra.deadlines.registry import (
    FILER,
    REGULATOR,
    SOON_DAYS,
    Concern,
    Deadline,
    DeadlineSummary,
    ids_or_subquery,
    url_maker,
)

from .models import RENEWAL_RULE, Agreement, AgreementParty, renewal_window_opens


def agreement_deadlines(
    *, end: date, start: date | None = None, user: Any = None
) -> Iterator[Deadline]:
    """Signed and active agreements: the start of the renewal window (met once a renewal is
    recorded) and the end date (gone once the agreement is no longer signed or active).

    The window opens by the `agreement.renewal_consultation` rule in force on the end date."""
    yield from _as_deadlines(_candidates(end=end, start=start, user=user), end=end, user=user)


def agreement_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`agreement_deadlines` for a viewer, summarised: dates from three narrow columns, and
    Deadlines built only for the agreements whose dates are among the first shown (a big
    agency has thousands here; the dashboard shows ten)."""
    qs = _candidates(end=end, user=user).filter(_concern_q(concern))
    soon_end = on + timedelta(days=SOON_DAYS)
    # (dashboard order, agreement id) per deadline: overdue first, then by date.
    dates: list[tuple[tuple[bool, date], int]] = []
    rows = qs.annotate(renewed=RENEWED).order_by().values_list("pk", "end_date", "renewed")
    # Hundreds of agreements share a few hundred end dates: each window worked out once.
    opens = functools.cache(renewal_window_opens)
    for pk, end_date, renewed in rows:
        for due, window in _dates(end_date, renewed, end, opens):
            dates.append(((not (due < on and not window), due), pk))
    dates.sort()
    # The agreements of the first `first` dates and of every date tied with the last of them
    # (the registry orders ties by key); their Deadlines are then built in full.
    cutoff = dates[first - 1][0] if 0 < first <= len(dates) else None
    shown = {pk for order, pk in dates if first > 0 and (cutoff is None or order <= cutoff)}
    first_items = list(_as_deadlines(qs.filter(pk__in=shown), end=end, user=user)) if shown else []
    return DeadlineSummary(
        overdue=sum(1 for (upcoming, _due), _pk in dates if not upcoming),
        soon=sum(1 for (_upcoming, due), _pk in dates if on <= due <= soon_end),
        total=len(dates),
        first=first_items,
    )


# Whether a renewal of the agreement has been recorded (the window's deadline is then met).
RENEWED = Exists(Agreement.objects.filter(renews=OuterRef("pk")))


def _candidates(*, end: date, user: Any, start: date | None = None) -> QuerySet[Agreement]:
    renewal = versions(RENEWAL_RULE)
    # A viewer's deadlines are those of its own agreements (a grant only lets it read more).
    qs = Agreement.objects.owned_by(user) if user is not None else Agreement.objects.all()
    # Every signed or active agreement whose renewal window opens by `end`: its window (unless
    # renewed) and its end (when that falls by `end`). However old: unmet stays listed. The
    # database filter allows the longest lead of any version; the window is exact below.
    qs = qs.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
        end_date__lte=end + timedelta(days=renewal.reach_days()),
    )
    if start is not None:
        # Both deadlines fall on or before the end date: an agreement that ended before
        # `start` has none in the window (the reminder job's), which the registry would drop.
        qs = qs.filter(end_date__gte=start)
    return qs


def _dates(
    end_date: date | None,
    renewed: bool,
    end: date,
    opens: Callable[[date], date | None] = renewal_window_opens,
) -> Iterator[tuple[date, bool]]:
    """(due, is a window) of an agreement's deadlines due by `end`: the one rule for both the
    list and the summary (`opens`: `renewal_window_opens`, or a cache of it)."""
    if end_date is None:  # none: the filter above needs an end date (the column allows none)
        return
    window = opens(end_date)
    if window is not None and window <= end and not renewed:
        yield window, True
    if end_date <= end:
        yield end_date, False


def _concern_q(concern: Concern) -> Q:
    """`Concern.admits` on the deadlines `_as_deadlines` builds (the owner and the government
    parties' agencies; the foreign parties), as a filter on agreements."""
    if concern.everyone:
        return Q()
    if concern.agency_id is not None:
        party = AgreementParty.objects.filter(
            agreement_id=OuterRef("pk"), agency_id=concern.agency_id
        )
        return Q(owner_id=concern.agency_id) | Q(Exists(party))
    party = AgreementParty.objects.filter(
        agreement_id=OuterRef("pk"), organization_id=concern.organization_id
    )
    return Q(Exists(party))


def _as_deadlines(qs: QuerySet[Agreement], *, end: date, user: Any) -> Iterator[Deadline]:
    # Plain tuples (a big agency has thousands of agreements here); the Agreement instances
    # (the notices' subject) are loaded only for the reminder job, which runs without a viewer.
    agreements = list(
        qs.annotate(renewed=RENEWED)
        .order_by("end_date", "id")
        .values_list("id", "title", "end_date", "owner_id", "renewed")
    )
    instances = Agreement.objects.in_bulk([row[0] for row in agreements]) if user is None else {}
    # The parties as plain tuples in one query (a big agency has thousands of agreements here:
    # model instances and a prefetch cost more than the whole rest of the provider).
    agencies: dict[int, set[int]] = {}
    organizations: dict[int, set[int]] = {}
    parties = AgreementParty.objects.filter(
        agreement__in=ids_or_subquery({row[0] for row in agreements}, qs.values("pk"))
    )
    for agreement_id, agency_id, organization_id in parties.values_list(
        "agreement_id", "agency_id", "organization_id"
    ):
        if agency_id:
            agencies.setdefault(agreement_id, set()).add(agency_id)
        if organization_id:
            organizations.setdefault(agreement_id, set()).add(organization_id)
    url = url_maker("agreements:detail")
    renew_title = _("Prepare the renewal of %(title)s")
    renew_text = _("The renewal-preparation window opens.")
    end_title = _("%(title)s ends")
    end_text = _("Last day of the agreement.")
    for pk, title, end_date, owner_id, renewed in agreements:
        common: dict[str, Any] = {
            "url": url(pk),
            "record": instances.get(pk),
            "agencies": sorted({owner_id} | agencies.get(pk, set())),
            "organizations": sorted(organizations.get(pk, set())),
        }
        for due, window in _dates(end_date, renewed, end):
            if window:
                yield Deadline(
                    key=f"agreement:{pk}:renewal_window",
                    title=renew_title % {"title": title},
                    due=due,
                    kind=REGULATOR,
                    description=renew_text,
                    window=True,
                    **common,
                )
            else:
                yield Deadline(
                    key=f"agreement:{pk}:end",
                    title=end_title % {"title": title},
                    due=due,
                    kind=FILER,
                    description=end_text,
                    **common,
                )
