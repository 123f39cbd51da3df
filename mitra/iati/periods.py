"""Where an organization stood on a day (issue 17 §3): its agreements in force, its izin
prinsip and its suspensions, read in a fixed number of queries for the cross-check."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mitra.agreements.models import Agreement, AgreementParty
from mitra.audit.selectors import audit_events_until
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import Permit

from .matching import LIVE_AGREEMENTS


@dataclass
class Period:
    id: int
    start: date | None
    end: date | None  # inclusive
    provinces: set[int] = field(default_factory=set)

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def agreement_periods(
    org_ids: set[int],
) -> tuple[dict[int, list[Period]], dict[int, Period]]:
    agreements: dict[int, list[Period]] = defaultdict(list)
    period_of: dict[int, Period] = {}
    for org, agr, start, end in AgreementParty.objects.filter(
        organization_id__in=org_ids, agreement__status__in=LIVE_AGREEMENTS
    ).values_list(
        "organization_id", "agreement_id", "agreement__start_date", "agreement__end_date"
    ):
        period = period_of.setdefault(agr, Period(agr, start, end))
        agreements[org].append(period)
    for agr, province in Agreement.provinces.through.objects.filter(
        agreement_id__in=list(period_of)
    ).values_list("agreement_id", "province_id"):
        period_of[agr].provinces.add(province)
    return agreements, period_of


def permit_periods(org_ids: set[int]) -> dict[int, list[Period]]:
    permits: dict[int, list[Period]] = defaultdict(list)
    for org, pk, start, end, status, changed in Permit.objects.filter(
        organization_id__in=org_ids
    ).values_list(
        "organization_id", "id", "valid_from", "valid_until", "status", "status_changed_on"
    ):
        if status == Permit.Status.REVOKED and changed:
            end = min(end, changed)
        permits[org].append(Period(pk, start, end))
    return permits


def suspension_periods(org_ids: Iterable[int]) -> dict[int, list[tuple[date, date | None]]]:
    """Organization id -> its suspensions as [start, end) periods (end: the day it was
    reinstated; None while it lasts), oldest first, replayed from the audit trail: the
    organization's `organization.status_changed` events (the one source of "suspended", which
    a secretariat's suspension and a sanction's cessation both set) and its izin prinsip's
    `permit.suspended`/`permit.reinstated` events (permits.selectors' register history).
    An organization suspended now without a recorded start (data entered before the trail)
    counts from its izin prinsip's last change. Three queries."""
    ids = set(org_ids)
    on = today()
    changes: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    for org, events in audit_events_until(
        model=ForeignOrganization,
        target_ids=ids,
        events=["organization.status_changed"],
        on=on,
    ).items():
        for day, _event, data in events:
            old = (data.get("old") or {}).get("status")
            new = (data.get("new") or {}).get("status")
            if new == ForeignOrganization.Status.SUSPENDED:
                changes[org].append((day, True))
            elif old == ForeignOrganization.Status.SUSPENDED:
                changes[org].append((day, False))
    holder = dict(
        Permit.objects.filter(organization_id__in=ids).values_list("id", "organization_id")
    )
    for permit, events in audit_events_until(
        model=Permit,
        target_ids=list(holder),
        events=["permit.suspended", "permit.reinstated"],
        on=on,
    ).items():
        for day, event, _data in events:
            changes[holder[permit]].append((day, event == "permit.suspended"))
    periods: dict[int, list[tuple[date, date | None]]] = {}
    for org, marks in changes.items():
        spans: list[tuple[date, date | None]] = []
        start: date | None = None
        for day, suspended in sorted(marks, key=lambda m: m[0]):
            if suspended and start is None:
                start = day
            elif not suspended and start is not None:
                if day > start:
                    spans.append((start, day))
                start = None
        if start is not None:
            spans.append((start, None))
        periods[org] = spans
    for org, changed in (
        Permit.objects.filter(
            organization_id__in=ids,
            organization__status=ForeignOrganization.Status.SUSPENDED,
            status_changed_on__isnull=False,
        )
        .order_by("organization_id", "-status_changed_on")
        .values_list("organization_id", "status_changed_on")
    ):
        spans = periods.setdefault(org, [])
        if changed is not None and (not spans or spans[-1][1] is not None):
            spans.append((changed, None))
    return periods


@dataclass(frozen=True)
class Standing:
    """Where an organization stood on a day, as far as spending money goes."""

    agreement_ended: Period | None  # no agreement in force; the last one that ended
    permit_ended: Period | None  # no izin prinsip valid; the last one that ended
    suspended: tuple[date, date | None] | None  # the suspension the day falls in


def standing_on(
    on: date,
    agreements: list[Period],
    permits: list[Period],
    suspensions: list[tuple[date, date | None]],
) -> Standing:
    agreement_ended = permit_ended = None
    if agreements and not any(p.covers(on) for p in agreements):
        ended = [p for p in agreements if p.end and p.end < on]
        if ended:
            agreement_ended = max(ended, key=lambda p: p.end or date.min)
    if permits and not any(p.covers(on) for p in permits):
        ended = [p for p in permits if p.end and p.end < on]
        if ended:
            permit_ended = max(ended, key=lambda p: p.end or date.min)
    suspended = next((s for s in suspensions if s[0] <= on and (s[1] is None or on < s[1])), None)
    return Standing(agreement_ended, permit_ended, suspended)


def overlap(start: date | None, end: date | None, period: Period) -> bool:
    if start is None and end is None:
        return True  # nothing to compare: not reported as "no agreement"
    lo = max((d for d in (start, period.start) if d), default=None)
    hi = min((d for d in (end, period.end) if d), default=None)
    return lo is None or hi is None or lo <= hi
