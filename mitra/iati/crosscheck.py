"""The cross-check of published IATI data against the registry (issue 17 §3).

`crosscheck_run()` reads the imported activities, the confirmed matches and Mitra's records in a
fixed number of set-based queries (none per row), and adds the findings not seen before with
one multi-row INSERT per batch. A finding is identified by its `key` (kind + the records it is
about), so a run is idempotent and never reopens a finding an operator dismissed or followed
up. Amounts are compared in US dollars through the operators' monthly `ExchangeRate` table; an
amount without a rate is not compared (the detail says so).

Speed (issue 17 §5, docs/dev/iati.md): transactions are read as raw rows (dates as ISO text,
no per-value conversion), amounts are summed per activity before they are spread over the
activity's organizations, and the standing of an organization on a day (agreement in force,
izin prinsip valid, suspended) is worked out once per (organization, day).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone

from mitra.agreements.models import Agreement, AgreementParty
from mitra.monitoring.models import FundingDisclosureLine, Report
from mitra.organizations.models import normalise_name
from mitra.workplans.selectors import budgets_by_organization_month

from .matching import activity_organizations, iati_key, matched_organizations
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
from .periods import (
    Period,
    Standing,
    agreement_periods,
    overlap,
    permit_periods,
    standing_on,
    suspension_periods,
)

K = Finding.Kind
SPENDING = ("3", "4")  # disbursement, expenditure
INCOMING = "1"
# OrganisationType codes of NGOs and foundations (governments, multilaterals and banks are not
# on the secretariat's list of unregistered publishers).
NGO_TYPES = {"21", "22", "23", "24", "60"}
CENT = Decimal("0.01")
INSERT_BATCH = 2000


def amount_tolerance() -> Decimal:
    return Decimal(str(getattr(settings, "IATI_AMOUNT_TOLERANCE", "0.10")))


def budget_tolerance() -> Decimal:
    """The threshold against the work-plan budgets: `IATI_BUDGET_TOLERANCE`, else the one
    against the disclosures."""
    value = getattr(settings, "IATI_BUDGET_TOLERANCE", None)
    return amount_tolerance() if value is None else Decimal(str(value))


def _key(kind: str, *parts: Any) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()  # noqa: S324
    return f"{kind}:{digest}"


@dataclass(frozen=True)
class _Act:
    identifier: str
    start: date | None
    end: date | None
    share: Decimal
    title: str


class Rates:
    def __init__(self) -> None:
        self.table: dict[tuple[str, str], Decimal] = {
            (c, m.isoformat()[:7]): r
            for c, m, r in ExchangeRate.objects.values_list("currency", "month", "usd_per_unit")
        }

    def usd(self, value: Decimal, currency: str, on: date | str | None) -> Decimal | None:
        """`value` in US dollars at the month of `on` (a date or ISO text); None without a
        rate."""
        if currency == "USD":
            return value
        if on is None:
            return None
        rate = self.table.get((currency, str(on)[:7]))
        return None if rate is None else value * rate


class _Findings:
    """The findings of one run, by key (the first one found for a key wins)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def add(self, kind: str, key: str, **values: Any) -> None:
        if key not in self.rows:
            self.rows[key] = {"kind": kind, "key": key, **values}


def crosscheck_run(*, activity_ids: list[int] | None = None) -> dict[str, int]:
    """Add the findings not seen before; returns the count of new findings per kind."""
    found = _Findings()
    by_activity = activity_organizations(matched_organizations(), activity_ids)
    activity_of = _activities(activity_ids)
    org_ids = {o for orgs in by_activity.values() for o in orgs}
    agreements, period_of = agreement_periods(org_ids)
    permits = permit_periods(org_ids)
    suspensions = suspension_periods(org_ids)

    _no_agreement(found, by_activity, activity_of, agreements)
    _confirmed_matches(found, activity_ids, activity_of, period_of)
    rates = Rates()
    published, unconverted, providers = _money(
        found, activity_ids, by_activity, activity_of, agreements, permits, suspensions, rates
    )
    _disclosures(found, org_ids, published, unconverted, providers, rates)
    _work_plan_budgets(found, org_ids, published, unconverted, rates)
    _unregistered(found, activity_ids)
    return _store(found.rows.values())


# --- reading -------------------------------------------------------------------------------


def _activities(activity_ids: list[int] | None) -> dict[int, _Act]:
    rows = Activity.objects.filter(in_indonesia=True)
    if activity_ids is not None:
        rows = rows.filter(pk__in=activity_ids)
    return {
        pk: _Act(
            identifier,
            actual_start or planned_start,
            actual_end or planned_end,
            (share if share is not None else Decimal(100)) / 100,
            title or "",
        )
        for pk, identifier, planned_start, actual_start, planned_end, actual_end, share, title in (
            rows.values_list(
                "id",
                "identifier",
                "planned_start",
                "actual_start",
                "planned_end",
                "actual_end",
                "indonesia_share",
                "title",
            ).iterator(chunk_size=5000)
        )
    }


def _raw_rows(queryset: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a values_list queryset as the database driver returns them (dates as ISO
    text on SQLite, no per-value conversion): for the large reads only."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            yield from rows


def _scoped(model: Any, activity_ids: list[int] | None) -> Any:
    """The rows of the Indonesian activities (all of them, or those given): a join, not a list
    of 50,000 ids in the query."""
    rows = model.objects.filter(activity__in_indonesia=True)
    return rows if activity_ids is None else rows.filter(activity_id__in=activity_ids)


# --- the checks ----------------------------------------------------------------------------


def _no_agreement(
    found: _Findings,
    by_activity: dict[int, set[int]],
    activity_of: dict[int, _Act],
    agreements: dict[int, list[Period]],
) -> None:
    """Activities in Indonesia of a registered organization that no agreement of it overlaps."""
    covered: dict[tuple[int, date | None, date | None], bool] = {}
    for activity_id, orgs in by_activity.items():
        activity = activity_of.get(activity_id)
        if activity is None:
            continue
        for org in orgs:
            probe = (org, activity.start, activity.end)
            if probe not in covered:
                covered[probe] = any(
                    overlap(activity.start, activity.end, p) for p in agreements.get(org, ())
                )
            if covered[probe]:
                continue
            found.add(
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


def _confirmed_matches(
    found: _Findings,
    activity_ids: list[int] | None,
    activity_of: dict[int, _Act],
    period_of: dict[int, Period],
) -> None:
    """Confirmed activity ↔ agreement matches: the agreement's period and regions."""
    confirmed = list(
        ActivityMatch.objects.filter(
            status=MatchStatus.CONFIRMED, activity__in_indonesia=True
        ).values_list("activity_id", "agreement_id")
    )
    confirmed = [(act, agr) for act, agr in confirmed if act in activity_of]
    if not confirmed:
        return
    locations: dict[int, list[tuple[int | None, str, str]]] = defaultdict(list)
    matched = {act for act, _agr in confirmed}
    for act, province, name, resolution in (
        _scoped(Location, activity_ids)
        .filter(activity__matches__status=MatchStatus.CONFIRMED)
        .values_list("activity_id", "province_id", "name", "resolution")
        .distinct()
    ):
        if act in matched:
            locations[act].append((province, name, resolution))
    partner_of: dict[int, int] = {}
    for agr, party_org in AgreementParty.objects.filter(
        agreement_id__in={a for _, a in confirmed}, side="foreign", organization__isnull=False
    ).values_list("agreement_id", "organization_id"):
        partner_of.setdefault(agr, party_org)
    missing = {agr for _act, agr in confirmed if agr not in period_of}
    for agr, start, end in Agreement.objects.filter(pk__in=missing).values_list(
        "id", "start_date", "end_date"
    ):
        period_of[agr] = Period(agr, start, end)
    for agr, province in Agreement.provinces.through.objects.filter(
        agreement_id__in=missing
    ).values_list("agreement_id", "province_id"):
        period_of[agr].provinces.add(province)
    for act, agr in confirmed:
        if agr not in partner_of or agr not in period_of:
            continue
        org = partner_of[agr]
        activity = activity_of[act]
        period = period_of[agr]
        base = {"organization_id": org, "agreement_id": agr, "activity_id": act}
        if (activity.start and period.start and activity.start < period.start) or (
            activity.end and period.end and activity.end > period.end
        ):
            found.add(
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
                found.add(
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
                found.add(
                    K.OUTSIDE_REGIONS,
                    _key(K.OUTSIDE_REGIONS, activity.identifier, agr, place),
                    **base,
                    detail={"activity": activity.identifier, "location": name, "province": place},
                )


def _money(
    found: _Findings,
    activity_ids: list[int] | None,
    by_activity: dict[int, set[int]],
    activity_of: dict[int, _Act],
    agreements: dict[int, list[Period]],
    permits: dict[int, list[Period]],
    suspensions: dict[int, list[tuple[date, date | None]]],
    rates: Rates,
) -> tuple[
    dict[tuple[int, int], Decimal], dict[tuple[int, int], int], dict[int, set[tuple[str, str]]]
]:
    """Money spent after the agreement / izin prinsip ended, or while suspended; and the sums
    the amount comparisons need: published spending per (organization, year) in USD, what
    could not be converted, the providers of incoming funds."""
    per_activity: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    not_converted: dict[tuple[int, int], int] = defaultdict(int)
    days: dict[Any, date] = {}
    amounts: dict[Any, Decimal] = {}
    standing: dict[tuple[int, date], Standing] = {}
    nowhere: list[tuple[date, date | None]] = []
    spending = (
        _scoped(Transaction, activity_ids)
        .filter(type__in=SPENDING, date__isnull=False)
        .order_by()
        .values_list("activity_id", "date", "value", "currency", "value_date")
    )
    for act, raw_day, raw_value, currency, value_date in _raw_rows(spending):
        activity = activity_of.get(act)
        orgs = by_activity.get(act)
        if activity is None or not orgs:
            continue
        on = days.get(raw_day)
        if on is None:
            on = days[raw_day] = date.fromisoformat(str(raw_day)[:10])
        value = amounts.get(raw_value)
        if value is None:
            value = amounts[raw_value] = Decimal(str(raw_value)).quantize(CENT)
        usd = rates.usd(value * activity.share, currency, value_date or raw_day)
        if usd is None:
            not_converted[(act, on.year)] += 1
        else:
            per_activity[(act, on.year)] += usd
        money: dict[str, Any] | None = None
        for org in orgs:
            probe = (org, on)
            state = standing.get(probe)
            if state is None:
                state = standing[probe] = standing_on(
                    on, agreements.get(org, []), permits.get(org, []), suspensions.get(org, nowhere)
                )
            if state.agreement_ended is None and state.permit_ended is None and not state.suspended:
                continue
            if money is None:
                money = {
                    "activity": activity.identifier,
                    "date": on.isoformat(),
                    "value": str(value),
                    "currency": currency,
                }
            _spent_when_not_allowed(found, state, money, activity.identifier, on, value, org, act)
    published: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    unconverted: dict[tuple[int, int], int] = defaultdict(int)
    for (act, year), usd in per_activity.items():
        for org in by_activity[act]:
            published[(org, year)] += usd
    for (act, year), count in not_converted.items():
        for org in by_activity[act]:
            unconverted[(org, year)] += count
    providers: dict[int, set[tuple[str, str]]] = defaultdict(set)
    incoming = (
        _scoped(Transaction, activity_ids)
        .filter(type=INCOMING)
        .exclude(provider_ref="", provider_name="")
        .order_by()
        .values_list("activity_id", "provider_ref", "provider_name")
        .distinct()
    )
    for act, ref, name in _raw_rows(incoming):
        for org in by_activity.get(act, ()):
            providers[org].add((ref, name))
    return published, unconverted, providers


def _spent_when_not_allowed(
    found: _Findings,
    state: Standing,
    money: dict[str, Any],
    identifier: str,
    on: date,
    value: Decimal,
    org: int,
    act: int,
) -> None:
    if state.agreement_ended is not None:
        last = state.agreement_ended
        found.add(
            K.AFTER_END,
            _key(K.AFTER_END, identifier, on, value, org, "agr"),
            organization_id=org,
            activity_id=act,
            agreement_id=last.id,
            detail={**money, "ended": _iso(last.end), "what": "agreement"},
        )
    if state.permit_ended is not None:
        last = state.permit_ended
        found.add(
            K.AFTER_END,
            _key(K.AFTER_END, identifier, on, value, org, "ip"),
            organization_id=org,
            activity_id=act,
            detail={**money, "ended": _iso(last.end), "what": "izin_prinsip", "permit": last.id},
        )
    if state.suspended is not None:
        since, until = state.suspended
        found.add(
            K.WHILE_SUSPENDED,
            _key(K.WHILE_SUSPENDED, identifier, on, value, org),
            organization_id=org,
            activity_id=act,
            detail={
                **money,
                "suspended_since": since.isoformat(),
                "reinstated_on": _iso(until),
            },
        )


def _compare(
    found: _Findings,
    kind: str,
    published: dict[tuple[int, int], Decimal],
    other: dict[tuple[int, int], Decimal],
    tolerance: Decimal,
    unconverted: dict[tuple[int, int], int],
    label: str,
    extra: dict[tuple[int, int], dict[str, Any]] | None = None,
) -> None:
    for (org, year), amount in published.items():
        theirs = other.get((org, year))
        if theirs is None or not (amount or theirs):
            continue
        if abs(amount - theirs) > tolerance * max(amount, theirs):
            found.add(
                kind,
                _key(kind, org, year),
                organization_id=org,
                detail={
                    "year": year,
                    "published_usd": str(amount.quantize(CENT)),
                    label: str(theirs.quantize(CENT)),
                    "tolerance": str(tolerance),
                    "not_converted": unconverted.get((org, year), 0),
                    **(extra or {}).get((org, year), {}),
                },
            )


def _disclosures(
    found: _Findings,
    org_ids: set[int],
    published: dict[tuple[int, int], Decimal],
    unconverted: dict[tuple[int, int], int],
    providers: dict[int, set[tuple[str, str]]],
    rates: Rates,
) -> None:
    """Published amounts against the funding disclosures, and the intermediary chain."""
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
    _compare(
        found,
        K.AMOUNT_MISMATCH,
        published,
        disclosed,
        amount_tolerance(),
        unconverted,
        "disclosed_usd",
    )
    for org, named in providers.items():
        if org not in chain:
            continue
        for ref, name in named:
            if normalise_name(name) not in chain[org]:
                found.add(
                    K.INTERMEDIARY,
                    _key(K.INTERMEDIARY, org, ref, name),
                    organization_id=org,
                    detail={"provider_ref": ref, "provider_name": name},
                )


def _work_plan_budgets(
    found: _Findings,
    org_ids: set[int],
    published: dict[tuple[int, int], Decimal],
    unconverted: dict[tuple[int, int], int],
    rates: Rates,
) -> None:
    """Published spending per organization and year against its work plans' budgets (the
    activities of its RIK and RKTs: realised budget, else planned), converted at the month
    each activity starts."""
    budget: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    extra: dict[tuple[int, int], dict[str, Any]] = {}
    if not published:
        return
    orgs_with_spending = {org for org, _year in published} & org_ids
    for org, currency, month, amount, planned in budgets_by_organization_month(
        organization_ids=orgs_with_spending
    ):
        key = (org, month.year)
        info = extra.setdefault(key, {"planned_usd": Decimal(0), "budget_not_converted": 0})
        usd = rates.usd(amount, currency, month)
        if usd is None:  # not compared (as a disclosure without a rate); the detail counts it
            info["budget_not_converted"] += 1
            continue
        budget[key] += usd
        info["planned_usd"] += rates.usd(planned, currency, month) or Decimal(0)
    for info in extra.values():
        info["planned_usd"] = str(info["planned_usd"].quantize(CENT))
    _compare(
        found,
        K.BUDGET_MISMATCH,
        published,
        budget,
        budget_tolerance(),
        unconverted,
        "budget_usd",
        extra,
    )


def _unregistered(found: _Findings, activity_ids: list[int] | None) -> None:
    """NGO/foundation publishers in Indonesia that are not registered at all."""
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
    for ref, name, name_key, type_ in (
        publishers.order_by().values_list("ref", "name", "name_key", "type").distinct()
    ):
        key = iati_key(ref, name_key)
        if key not in known:
            found.add(
                K.UNREGISTERED,
                _key(K.UNREGISTERED, key),
                publisher_ref=ref,
                publisher_name=name,
                detail={"type": type_, "ref": ref, "name": name},
            )


# --- writing -------------------------------------------------------------------------------

COLUMNS = (
    "kind",
    "key",
    "organization_id",
    "agreement_id",
    "activity_id",
    "publisher_ref",
    "publisher_name",
    "detail",
    "status",
    "reason",
    "created_at",
    "seen_at",
)


def _store(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """INSERT the findings whose key is new (a decided finding keeps its row: never reopened)
    in multi-row batches, skipping a key another run stored meanwhile."""
    existing = set(Finding.objects.values_list("key", flat=True).iterator(chunk_size=10000))
    # In key order: the unique index on the key takes them as appends, not as random inserts
    # into a B-tree larger than the page cache (half the time of the INSERTs on SQLite).
    new = sorted((row for row in rows if row["key"] not in existing), key=lambda r: r["key"])
    counts: dict[str, int] = defaultdict(int)
    if not new:
        return {}
    meta = Finding._meta
    detail_field = meta.get_field("detail")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    quote = connection.ops.quote_name
    column_of = {f.attname: str(f.column) for f in meta.concrete_fields}
    columns = [column_of[name] for name in COLUMNS]
    suffix = connection.ops.on_conflict_suffix_sql(
        [meta.get_field("key")], OnConflict.IGNORE, None, None
    )
    # Names from the model's own metadata, quoted; values are parameters.
    sql = "{} {} ({}) VALUES ({}) {}".format(  # noqa: S608
        connection.ops.insert_statement(on_conflict=OnConflict.IGNORE),
        quote(meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
        suffix,
    ).strip()
    params = []
    for row in new:
        counts[row["kind"]] += 1
        params.append(
            (
                str(row["kind"]),
                row["key"],
                row.get("organization_id"),
                row.get("agreement_id"),
                row.get("activity_id"),
                row.get("publisher_ref", ""),
                row.get("publisher_name", "")[:500],
                _json(detail_field, row.get("detail", {})),
                Finding.Status.OPEN.value,
                "",
                now,
                now,
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(params), INSERT_BATCH):
            cursor.executemany(sql, params[start : start + INSERT_BATCH])
    return dict(counts)


def _json(detail_field: Any, value: dict[str, Any]) -> Any:
    """What the ORM would write for the JSON field (text on SQLite, the adapter on
    PostgreSQL), without its per-value preparation on SQLite."""
    if connection.vendor == "sqlite":
        return json.dumps(value, cls=detail_field.encoder)
    return detail_field.get_db_prep_save(value, connection)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
