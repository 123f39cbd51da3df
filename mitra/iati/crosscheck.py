"""The cross-check of published IATI data against the registry (issue 17 §3).

`crosscheck_run()` reads the imported activities, the confirmed matches and Mitra's records in a
fixed number of queries, and adds the findings not seen before. A finding is identified by its
`key` (kind + the records it is about), so a run is idempotent and never reopens a finding an
operator dismissed or followed up. Amounts are compared in US dollars through the operators'
monthly `ExchangeRate` table; an amount without a rate is not compared (the detail says so).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from mitra.agreements.models import Agreement, AgreementParty
from mitra.monitoring.models import FundingDisclosureLine, Report
from mitra.organizations.models import ForeignOrganization, normalise_name
from mitra.permits.models import Permit

from .matching import LIVE_AGREEMENTS, activity_organizations, iati_key, matched_organizations
from .models import (
    Activity,
    ActivityMatch,
    ActivityOrganization,
    ExchangeRate,
    Finding,
    Location,
    MatchStatus,
    OrganizationMatch,
    Transaction,
)

K = Finding.Kind
SPENDING = {"3", "4"}  # disbursement, expenditure
INCOMING = "1"
# OrganisationType codes of NGOs and foundations (governments, multilaterals and banks are not
# on the secretariat's list of unregistered publishers).
NGO_TYPES = {"21", "22", "23", "24", "60"}


def amount_tolerance() -> Decimal:
    return Decimal(str(getattr(settings, "IATI_AMOUNT_TOLERANCE", "0.10")))


def _key(kind: str, *parts: Any) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()  # noqa: S324
    return f"{kind}:{digest}"


@dataclass
class _Period:
    id: int
    start: date | None
    end: date | None
    provinces: set[int] = field(default_factory=set)

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


class Rates:
    def __init__(self) -> None:
        self.table: dict[tuple[str, date], Decimal] = {
            (c, m): r
            for c, m, r in ExchangeRate.objects.values_list("currency", "month", "usd_per_unit")
        }

    def usd(self, value: Decimal, currency: str, on: date | None) -> Decimal | None:
        if currency == "USD":
            return value
        if on is None:
            return None
        rate = self.table.get((currency, on.replace(day=1)))
        return None if rate is None else value * rate


def crosscheck_run(*, activity_ids: list[int] | None = None) -> dict[str, int]:
    """Add the findings not seen before; returns the count of new findings per kind."""
    found: dict[str, Finding] = {}

    def add(kind: str, key: str, **values: Any) -> None:
        found.setdefault(key, Finding(kind=kind, key=key, **values))

    keys = matched_organizations()
    by_activity = activity_organizations(keys, activity_ids)
    activities = Activity.objects.filter(in_indonesia=True)
    if activity_ids is not None:
        activities = activities.filter(pk__in=activity_ids)
    activity_of = {
        a.pk: a
        for a in activities.only(
            "id",
            "identifier",
            "planned_start",
            "actual_start",
            "planned_end",
            "actual_end",
            "indonesia_share",
            "reporting_org_ref",
            "reporting_org_type",
            "reporting_org_name",
            "title",
        )
    }
    org_ids = {o for orgs in by_activity.values() for o in orgs}
    agreements: dict[int, list[_Period]] = defaultdict(list)
    period_of: dict[int, _Period] = {}
    for org, agr, start, end in AgreementParty.objects.filter(
        organization_id__in=org_ids, agreement__status__in=LIVE_AGREEMENTS
    ).values_list(
        "organization_id", "agreement_id", "agreement__start_date", "agreement__end_date"
    ):
        period = period_of.setdefault(agr, _Period(agr, start, end))
        agreements[org].append(period)
    for agr, province in Agreement.provinces.through.objects.filter(
        agreement_id__in=list(period_of)
    ).values_list("agreement_id", "province_id"):
        period_of[agr].provinces.add(province)
    permits: dict[int, list[_Period]] = defaultdict(list)
    suspended_since: dict[int, date] = {}
    for org, pk, start, end, status, changed, org_status in Permit.objects.filter(
        organization_id__in=org_ids
    ).values_list(
        "organization_id",
        "id",
        "valid_from",
        "valid_until",
        "status",
        "status_changed_on",
        "organization__status",
    ):
        if status == Permit.Status.REVOKED and changed:
            end = min(end, changed)
        permits[org].append(_Period(pk, start, end))
        if org_status == ForeignOrganization.Status.SUSPENDED and changed:
            suspended_since[org] = max(changed, suspended_since.get(org, changed))

    # 1. activities without a registered agreement (no agreement of the partner overlaps)
    for activity_id, orgs in by_activity.items():
        activity = activity_of.get(activity_id)
        if activity is None:
            continue
        for org in orgs:
            if not any(_overlap(activity.start, activity.end, p) for p in agreements[org]):
                add(
                    K.NO_AGREEMENT,
                    _key(K.NO_AGREEMENT, activity.identifier, org),
                    organization_id=org,
                    activity_id=activity_id,
                    detail={
                        "activity": activity.identifier,
                        "title": activity.title[:200],
                        "start": _iso(activity.start),
                        "end": _iso(activity.end),
                    },
                )

    # 2. confirmed activity ↔ agreement matches: period and regions
    locations: dict[int, list[tuple[int | None, str, str]]] = defaultdict(list)
    for act, province, name, resolution in _scoped(Location, activity_ids).values_list(
        "activity_id", "province_id", "name", "resolution"
    ):
        locations[act].append((province, name, resolution))
    confirmed = list(
        ActivityMatch.objects.filter(
            status=MatchStatus.CONFIRMED, activity_id__in=list(activity_of)
        ).values_list("activity_id", "agreement_id")
    )
    partner_of: dict[int, int] = {}
    for agr, party_org in AgreementParty.objects.filter(
        agreement_id__in={a for _, a in confirmed}, side="foreign", organization__isnull=False
    ).values_list("agreement_id", "organization_id"):
        if party_org is not None:
            partner_of.setdefault(agr, party_org)
    for act, agr in confirmed:
        if agr not in partner_of:
            continue
        org = partner_of[agr]
        activity = activity_of[act]
        period = period_of.get(agr) or _agreement_period(agr)
        base = {"organization_id": org, "agreement_id": agr, "activity_id": act}
        if (activity.start and period.start and activity.start < period.start) or (
            activity.end and period.end and activity.end > period.end
        ):
            add(
                K.OUTSIDE_PERIOD,
                _key(K.OUTSIDE_PERIOD, activity.identifier, agr),
                **base,
                detail={
                    "activity": activity.identifier,
                    "start": _iso(activity.start),
                    "end": _iso(activity.end),
                    "agreement_start": _iso(period.start),
                    "agreement_end": _iso(period.end),
                },
            )
        for place, name, resolution in locations[act]:
            if resolution != Location.Resolution.RESOLVED:
                add(
                    K.UNRESOLVED_LOCATION,
                    _key(K.UNRESOLVED_LOCATION, activity.identifier, agr, name),
                    **base,
                    detail={
                        "activity": activity.identifier,
                        "location": name,
                        "resolution": "unresolved",
                    },
                )
            elif period.provinces and place not in period.provinces:
                add(
                    K.OUTSIDE_REGIONS,
                    _key(K.OUTSIDE_REGIONS, activity.identifier, agr, place),
                    **base,
                    detail={
                        "activity": activity.identifier,
                        "location": name,
                        "province": place,
                    },
                )

    # 3. money spent after the agreement / izin prinsip ended, or while suspended
    rates = Rates()
    published: dict[tuple[int, int], Decimal] = defaultdict(Decimal)  # (org, year) -> USD
    providers: dict[int, set[tuple[str, str]]] = defaultdict(set)
    unconverted: dict[tuple[int, int], int] = defaultdict(int)
    transactions = _scoped(Transaction, activity_ids).values_list(
        "activity_id",
        "type",
        "date",
        "value",
        "currency",
        "value_date",
        "provider_ref",
        "provider_name",
    )
    for act, type_, on, value, currency, value_date, p_ref, p_name in transactions:
        activity = activity_of.get(act)
        if activity is None or on is None:
            continue
        for org in by_activity[act]:
            if type_ == INCOMING and (p_name or p_ref):
                providers[org].add((p_ref, p_name))
            if type_ not in SPENDING:
                continue
            share = (activity.indonesia_share or Decimal(100)) / 100
            usd = rates.usd(value * share, currency, value_date or on)
            if usd is None:
                unconverted[(org, on.year)] += 1
            else:
                published[(org, on.year)] += usd
            money = {
                "activity": activity.identifier,
                "date": on.isoformat(),
                "value": str(value),
                "currency": currency,
            }
            periods = agreements[org]
            if periods and not any(p.covers(on) for p in periods):
                ended = [p for p in periods if p.end and p.end < on]
                if ended:
                    last = max(ended, key=lambda p: p.end or date.min)
                    add(
                        K.AFTER_END,
                        _key(K.AFTER_END, activity.identifier, on, value, org, "agr"),
                        organization_id=org,
                        activity_id=act,
                        agreement_id=last.id,
                        detail={**money, "ended": _iso(last.end), "what": "agreement"},
                    )
            if permits[org] and not any(p.covers(on) for p in permits[org]):
                ended = [p for p in permits[org] if p.end and p.end < on]
                if ended:
                    last = max(ended, key=lambda p: p.end or date.min)
                    add(
                        K.AFTER_END,
                        _key(K.AFTER_END, activity.identifier, on, value, org, "ip"),
                        organization_id=org,
                        activity_id=act,
                        detail={
                            **money,
                            "ended": _iso(last.end),
                            "what": "izin_prinsip",
                            "permit": last.id,
                        },
                    )
            if org in suspended_since and on >= suspended_since[org]:
                add(
                    K.WHILE_SUSPENDED,
                    _key(K.WHILE_SUSPENDED, activity.identifier, on, value, org),
                    organization_id=org,
                    activity_id=act,
                    detail={**money, "suspended_since": suspended_since[org].isoformat()},
                )

    # 4. published amounts against the funding disclosures, and the intermediary chain
    disclosed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    chain: dict[int, set[str]] = defaultdict(set)
    lines = FundingDisclosureLine.objects.filter(
        report__kind=Report.Kind.DISCLOSURE,
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
        report__agreement__parties__organization_id__in=org_ids,
    ).values_list(
        "report__agreement__parties__organization_id",
        "report__period_end",
        "amount",
        "currency",
        "donor_name",
        "intermediaries",
    )
    for org, period_end, amount, currency, donor, intermediaries in lines:
        usd = rates.usd(amount, currency, period_end)
        if usd is not None:
            disclosed[(org, period_end.year)] += usd
        chain[org].add(normalise_name(donor))
        chain[org].update(normalise_name(p) for p in intermediaries.split(">") if p.strip())
    tolerance = amount_tolerance()
    for (org, year), amount in published.items():
        other = disclosed.get((org, year))
        if other is None or not (amount or other):
            continue
        if abs(amount - other) > tolerance * max(amount, other):
            add(
                K.AMOUNT_MISMATCH,
                _key(K.AMOUNT_MISMATCH, org, year),
                organization_id=org,
                detail={
                    "year": year,
                    "published_usd": str(amount.quantize(Decimal("0.01"))),
                    "disclosed_usd": str(other.quantize(Decimal("0.01"))),
                    "tolerance": str(tolerance),
                    "not_converted": unconverted.get((org, year), 0),
                },
            )
    for org, named in providers.items():
        if org not in chain:
            continue
        for ref, name in named:
            if normalise_name(name) not in chain[org]:
                add(
                    K.INTERMEDIARY,
                    _key(K.INTERMEDIARY, org, ref, name),
                    organization_id=org,
                    detail={"provider_ref": ref, "provider_name": name},
                )

    # 5. NGO/foundation publishers in Indonesia that are not registered at all
    known = set(
        OrganizationMatch.objects.exclude(status=MatchStatus.REJECTED).values_list(
            "iati_key", flat=True
        )
    )
    publishers = ActivityOrganization.objects.filter(
        activity__in_indonesia=True, role=ActivityOrganization.REPORTING, type__in=NGO_TYPES
    )
    if activity_ids is not None:
        publishers = publishers.filter(activity_id__in=activity_ids)
    for ref, name, name_key, type_ in publishers.values_list("ref", "name", "name_key", "type"):
        key = iati_key(ref, name_key)
        if key not in known:
            add(
                K.UNREGISTERED,
                _key(K.UNREGISTERED, key),
                publisher_ref=ref,
                publisher_name=name,
                detail={"type": type_, "ref": ref, "name": name},
            )

    existing = set(Finding.objects.values_list("key", flat=True).iterator(chunk_size=5000))
    new = [f for k, f in found.items() if k not in existing]
    with transaction.atomic():
        Finding.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    counts: dict[str, int] = defaultdict(int)
    for finding in new:
        counts[finding.kind] += 1
    return dict(counts)


def _scoped(model: Any, activity_ids: list[int] | None) -> Any:
    """The rows of the Indonesian activities (all of them, or those given): a join, not a list
    of 50,000 ids in the query."""
    rows = model.objects.filter(activity__in_indonesia=True)
    return rows if activity_ids is None else rows.filter(activity_id__in=activity_ids)


def _agreement_period(agreement_id: int) -> _Period:
    agreement = Agreement.objects.only("start_date", "end_date").get(pk=agreement_id)
    period = _Period(agreement_id, agreement.start_date, agreement.end_date)
    period.provinces = set(agreement.provinces.values_list("id", flat=True))
    return period


def _overlap(start: date | None, end: date | None, period: _Period) -> bool:
    if start is None and end is None:
        return True  # nothing to compare: not reported as "no agreement"
    lo = max((d for d in (start, period.start) if d), default=None)
    hi = min((d for d in (end, period.end) if d), default=None)
    return lo is None or hi is None or lo <= hi


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
