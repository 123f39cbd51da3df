"""Matching IATI organizations and activities to the registry (issue 17 §2).

Organizations: by identifier first (an `OrganizationIdentifier` recorded on the organization,
under a registration agency's prefix from OrganisationRegistrationAgency), confirmed at once;
then by normalised legal name, acronym and alias (exact or fuzzy), proposed for review.
Activities: against the agreements of the organizations they are matched to (partner), scored by
ministry as participating organization, period overlap, regions and sector; proposed for review.
A decided match (confirmed or rejected) is remembered: the refresh never proposes it again.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from rapidfuzz import fuzz, process

from mitra.agreements.models import Agreement, AgreementParty
from mitra.organizations.models import ForeignOrganization, normalise_name

from .models import (
    Activity,
    ActivityMatch,
    ActivityOrganization,
    Location,
    MatchStatus,
    OrganizationIdentifier,
    OrganizationMatch,
)

FUZZY_MIN = 90  # rapidfuzz ratio (0–100) for a proposed name match
ACTIVITY_MIN = Decimal("0.5")
LIVE_AGREEMENTS = ["signed", "active", "expired", "terminated", "superseded"]


def codelists_dir() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "data" / "iati" / "codelists"
    return Path(getattr(settings, "IATI_CODELISTS_DIR", default))


@functools.cache
def registration_agencies() -> frozenset[str]:
    """The org-id prefixes (e.g. ID-KLN, GB-CHC) of OrganisationRegistrationAgency."""
    path = codelists_dir() / "csv" / "OrganisationRegistrationAgency.csv"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(row["code"].upper() for row in csv.DictReader(handle) if row.get("code"))


def agency_of(identifier: str) -> str:
    """The registration agency prefix an identifier starts with ("" if none)."""
    upper = identifier.strip().upper()
    parts = upper.split("-")
    agencies = registration_agencies()
    for n in range(len(parts) - 1, 0, -1):
        prefix = "-".join(parts[:n])
        if prefix in agencies:
            return prefix
    return ""


def iati_key(ref: str, name_key: str) -> str:
    return ref.strip().upper() if ref.strip() else f"name:{name_key}"


def organization_matches_refresh(*, activity_ids: list[int] | None = None) -> int:
    """Match the organizations named in Indonesian activities; returns matches created."""
    orgs = ActivityOrganization.objects.filter(activity__in_indonesia=True)
    if activity_ids is not None:
        orgs = orgs.filter(activity_id__in=activity_ids)
    seen: dict[str, tuple[str, str, str, str]] = {}
    for ref, name, name_key, type_ in orgs.values_list(
        "ref", "name", "name_key", "type"
    ).distinct():
        key = iati_key(ref, name_key)
        if key != "name:" and key not in seen:
            seen[key] = (ref, name, name_key, type_)
    if not seen:
        return 0
    by_identifier = {
        i.upper(): org
        for i, org in OrganizationIdentifier.objects.values_list("identifier", "organization_id")
    }
    names: dict[str, tuple[int, str]] = {}
    for pk, legal, acronym, aliases in ForeignOrganization.objects.values_list(
        "id", "legal_name", "acronym", "aliases"
    ):
        names.setdefault(normalise_name(legal), (pk, "name"))
        if acronym:
            names.setdefault(normalise_name(acronym), (pk, "acronym"))
        for alias in aliases or []:
            names.setdefault(normalise_name(str(alias)), (pk, "alias"))
    choices = list(names)
    decided = set(
        OrganizationMatch.objects.filter(iati_key__in=list(seen)).values_list(
            "iati_key", "organization_id"
        )
    )
    settled = {k for k, _ in decided} & set(
        OrganizationMatch.objects.filter(
            iati_key__in=list(seen), status=MatchStatus.CONFIRMED
        ).values_list("iati_key", flat=True)
    )
    rows = []
    for key, (ref, name, name_key, type_) in seen.items():
        if key in settled:
            continue
        found: tuple[int, str, Decimal, MatchStatus] | None = None
        if ref and ref.upper() in by_identifier:
            found = (by_identifier[ref.upper()], "identifier", Decimal(1), MatchStatus.CONFIRMED)
        elif name_key in names:
            pk, method = names[name_key]
            found = (pk, method, Decimal("0.95"), MatchStatus.PROPOSED)
        elif name_key and choices:
            best = process.extractOne(name_key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if best:
                pk, method = names[best[0]]
                found = (
                    pk,
                    method,
                    Decimal(best[1] / 100).quantize(Decimal("0.001")),
                    MatchStatus.PROPOSED,
                )
        if found is None or (key, found[0]) in decided:
            continue
        rows.append(
            OrganizationMatch(
                iati_key=key,
                iati_ref=ref,
                iati_name=name[:500],
                iati_type=type_,
                organization_id=found[0],
                method=found[1],
                score=found[2],
                status=found[3],
                reasons=[found[1]],
            )
        )
    with transaction.atomic():
        OrganizationMatch.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def matched_organizations() -> dict[str, int]:
    """IATI key -> organization id for confirmed matches."""
    return dict(
        OrganizationMatch.objects.filter(status=MatchStatus.CONFIRMED).values_list(
            "iati_key", "organization_id"
        )
    )


def activity_organizations(
    keys: dict[str, int], activity_ids: list[int] | None = None
) -> dict[int, set[int]]:
    """Activity id -> ids of the registered organizations it names (confirmed matches)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = ActivityOrganization.objects.filter(activity__in_indonesia=True)
    if activity_ids is not None:
        rows = rows.filter(activity_id__in=activity_ids)
    for activity_id, ref, name_key in rows.values_list("activity_id", "ref", "name_key"):
        org = keys.get(iati_key(ref, name_key))
        if org:
            found[activity_id].add(org)
    return found


def activity_matches_refresh(*, activity_ids: list[int] | None = None) -> int:
    """Propose agreements for the Indonesian activities of matched organizations."""
    by_activity = activity_organizations(matched_organizations(), activity_ids)
    if not by_activity:
        return 0
    org_ids = {o for orgs in by_activity.values() for o in orgs}
    agreements_of: dict[int, list[int]] = defaultdict(list)
    for org, agreement_pk in AgreementParty.objects.filter(
        organization_id__in=org_ids, agreement__status__in=LIVE_AGREEMENTS
    ).values_list("organization_id", "agreement_id"):
        agreements_of[org].append(agreement_pk)
    agreement_ids = {a for ids in agreements_of.values() for a in ids}
    agreements = Agreement.objects.in_bulk(list(agreement_ids))
    provinces: dict[int, set[int]] = defaultdict(set)
    for a, p in Agreement.provinces.through.objects.filter(
        agreement_id__in=agreement_ids
    ).values_list("agreement_id", "province_id"):
        provinces[a].add(p)
    ministries: dict[int, set[str]] = defaultdict(set)
    for a, name, body in AgreementParty.objects.filter(
        agreement_id__in=agreement_ids, side="government"
    ).values_list("agreement_id", "name_at_signing", "body__name"):
        ministries[a].update(normalise_name(n) for n in (name, body) if n)
    activities = Activity.objects.in_bulk(list(by_activity))
    act_provinces: dict[int, set[int]] = defaultdict(set)
    for a, p in Location.objects.filter(
        activity_id__in=list(by_activity), province__isnull=False
    ).values_list("activity_id", "province_id"):
        act_provinces[a].add(p)
    participants: dict[int, set[str]] = defaultdict(set)
    for a, key in ActivityOrganization.objects.filter(
        activity_id__in=list(by_activity)
    ).values_list("activity_id", "name_key"):
        participants[a].add(key)
    decided = set(
        ActivityMatch.objects.filter(activity_id__in=list(by_activity)).values_list(
            "activity_id", "agreement_id"
        )
    )
    rows = []
    for activity_id, orgs in by_activity.items():
        activity = activities[activity_id]
        for org in orgs:
            for agreement_id in agreements_of.get(org, []):
                if (activity_id, agreement_id) in decided:
                    continue
                agreement = agreements[agreement_id]
                score, reasons = Decimal("0.4"), ["partner"]
                if ministries[agreement_id] & participants[activity_id]:
                    score += Decimal("0.15")
                    reasons.append("ministry")
                if _overlaps(
                    activity.start, activity.end, agreement.start_date, agreement.end_date
                ):
                    score += Decimal("0.3")
                    reasons.append("period")
                if provinces[agreement_id] & act_provinces[activity_id]:
                    score += Decimal("0.15")
                    reasons.append("regions")
                if score >= ACTIVITY_MIN:
                    rows.append(
                        ActivityMatch(
                            activity_id=activity_id,
                            agreement_id=agreement_id,
                            score=score,
                            reasons=reasons,
                        )
                    )
    with transaction.atomic():
        ActivityMatch.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _overlaps(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> bool:
    if a_start is None and a_end is None:
        return False
    lo = max(d for d in (a_start, b_start) if d is not None) if (a_start or b_start) else None
    hi = min(d for d in (a_end, b_end) if d is not None) if (a_end or b_end) else None
    return lo is None or hi is None or lo <= hi
