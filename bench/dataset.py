"""A national-scale synthetic data set, written with bulk_create (services are far too slow).

Everything is derived from one seeded random generator, so every machine builds the same data.
The denormalised columns the services maintain (partner_names, partner_kind, search_text,
chain_root) are filled the same way `agreements.services._denormalise` fills them, and the
status is written directly: bulk_create bypasses the FSM's protected descriptor, which only
refuses a *second* assignment on an instance (the constructor's is the first).
"""

import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from mitra.accounts.models import User
from mitra.agreements.models import Agreement, AgreementParty, Signatory
from mitra.audit.models import AuditEvent
from mitra.audit.services import audit_chain_extend
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import add_months, today
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.regions.models import Province, Regency


def analyse() -> None:
    """Fresh planner statistics; on PostgreSQL the visibility map too (index-only scans)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# Bump when the generator changes: a data set of another version is rebuilt.
VERSION = 2  # 2: work plans, 500,000 activities, 50,000 reports (issue 4 §8)
REFERENCE_PREFIX = f"BENCH{VERSION}-"
_S = ForeignOrganization.Status
BENCH_ORGANIZATION_STATUSES = [
    _S.PROSPECTIVE,
    _S.REGISTERED,
    _S.SUSPENDED,
    _S.INACTIVE,
    _S.ARCHIVED,
]
ORGANIZATIONS = 2_000
AGREEMENTS = 50_000
ACTIVITIES = 500_000
REPORTS = 50_000
KEMENDAGRI_SHARE = 0.10  # a big agency: 5,000 agreements of its own
CENTRAL_SHARE = 0.55  # other ministries and agencies; the rest goes to regional governments
BATCH = 2_000
SEED = 20240404
# A word of many partners' names (about one organization in thirty), for the search page.
SEARCH_WORD = "mekong"

K = ForeignOrganization.Kind
T = Agreement.Type
S = Agreement.Status

PREFIXES = [
    "Global", "International", "Asia", "Pacific", "Nordic", "Green", "Blue", "Open", "United",
    "Mekong", "Coral", "Sunrise", "Horizon", "Harmony", "Bridge", "Frontier", "Rainbow",
    "Summit", "River", "Ocean", "Forest", "Island", "Northern", "Southern", "Equator", "Atlas",
    "Compass", "Beacon", "Lotus", "Monsoon",
]  # fmt: skip
DOMAINS = [
    "Health", "Water", "Education", "Climate", "Children", "Rights", "Energy", "Agriculture",
    "Fisheries", "Governance", "Development", "Peace", "Nutrition", "Literacy", "Wildlife",
    "Relief", "Microfinance", "Youth", "Women", "Heritage", "Cities", "Rivers",
]  # fmt: skip
SUFFIXES = {
    K.FOREIGN_NGO: ["Foundation", "Institute", "Alliance", "Trust", "Fund", "Society", "Network"],
    K.REGIONAL_ORGANIZATION: ["Regional Centre", "Regional Council", "Regional Forum"],
    K.MULTILATERAL_ORGANIZATION: ["Facility", "Partnership", "Bank"],
    K.UN_AGENCY: ["Programme", "Office", "Fund"],
    K.FOREIGN_GOVERNMENT_AGENCY: ["Cooperation Agency", "Development Agency"],
    K.FOREIGN_LOCAL_GOVERNMENT: ["City Council", "Prefecture", "Province", "Municipality"],
}
KIND_WEIGHTS = {
    K.FOREIGN_NGO: 55,
    K.REGIONAL_ORGANIZATION: 8,
    K.MULTILATERAL_ORGANIZATION: 7,
    K.UN_AGENCY: 3,
    K.FOREIGN_GOVERNMENT_AGENCY: 12,
    K.FOREIGN_LOCAL_GOVERNMENT: 15,
}
COUNTRIES = [
    "US", "GB", "DE", "NL", "FR", "JP", "KR", "AU", "NZ", "CA", "NO", "SE", "DK", "FI", "CH",
    "BE", "IT", "ES", "SG", "MY", "TH", "PH", "VN", "CN", "IN", "TW", "AE", "QA", "SA", "TR",
]  # fmt: skip
TYPES_BY_KIND = {
    K.FOREIGN_NGO: [T.MSP, T.MSP, T.MSP, T.PKS, T.RIK],
    K.REGIONAL_ORGANIZATION: [T.MOU, T.PKS],
    K.MULTILATERAL_ORGANIZATION: [T.MOU, T.PKS, T.AMENDMENT],
    K.UN_AGENCY: [T.MOU, T.RKT],
    K.FOREIGN_GOVERNMENT_AGENCY: [T.PKS, T.MOU, T.LOI],
    K.FOREIGN_LOCAL_GOVERNMENT: [T.KSDPL, T.LOI],
}
REGIONAL_KINDS = {"provincial_government", "regency_government", "city_government"}


@dataclass
class Scale:
    organizations: int
    agreements: int
    bodies: int
    provinces: int
    regencies: int

    def as_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


def current_scale() -> Scale:
    return Scale(
        organizations=ForeignOrganization.objects.count(),
        agreements=Agreement.objects.count(),
        bodies=GovernmentBody.objects.count(),
        provinces=Province.objects.count(),
        regencies=Regency.objects.count(),
    )


def is_built() -> bool:
    """The bench rows of this generator version are all there."""
    bench = Agreement.objects.filter(reference__startswith=REFERENCE_PREFIX).count()
    # Built in one transaction: all the agreements there means the organizations are too.
    return bench == AGREEMENTS and ForeignOrganization.objects.count() >= ORGANIZATIONS


def is_empty() -> bool:
    return not (Agreement.objects.exists() or GovernmentBody.objects.exists())


@dataclass
class Builder:
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    log: Callable[[str], None] = print
    today: date = field(default_factory=today)

    # ------------------------------------------------------------------------------------------
    def build(self) -> None:
        started = time.perf_counter()
        self.log("Loading reference data and the demo…")
        call_command("load_reference", verbosity=0, stdout=_Null())
        call_command("load_demo", verbosity=0, stdout=_Null())
        self.log(f"  done in {time.perf_counter() - started:.0f} s")
        with transaction.atomic():
            self._load_lookups()
            orgs = self._organizations()
            self._agreements(orgs)
            MonitoringData(self).build()
        self._reset_sequences()
        analyse()
        self.log(f"Data set built in {time.perf_counter() - started:.0f} s")

    # ------------------------------------------------------------------------------------------
    def _load_lookups(self) -> None:
        self.sectors = list(Sector.objects.all())
        self.provinces = list(Province.objects.all())
        self.regencies_by_province: dict[int, list[int]] = {}
        for regency_id, province_id in Regency.objects.values_list("id", "province_id"):
            self.regencies_by_province.setdefault(province_id, []).append(regency_id)
        bodies = list(GovernmentBody.objects.all())
        by_id = {b.pk: b for b in bodies}

        def root(body: GovernmentBody) -> GovernmentBody:
            while body.parent_id is not None:
                body = by_id[body.parent_id]
            return body

        self.top_level = [b for b in bodies if b.parent_id is None]
        self.units: dict[int, list[GovernmentBody]] = {}
        for body in bodies:
            if body.parent_id is not None:
                self.units.setdefault(root(body).pk, []).append(body)
        self.kemendagri = next(b for b in bodies if b.key == "kemendagri")
        self.central = [
            b for b in self.top_level if b.kind not in REGIONAL_KINDS and b.pk != self.kemendagri.pk
        ]
        self.regional = [b for b in self.top_level if b.kind in REGIONAL_KINDS]
        self.actor = User.objects.get(username="operator")

    # ------------------------------------------------------------------------------------------
    def _organizations(self) -> list[ForeignOrganization]:
        rng = self.rng
        next_id = (ForeignOrganization.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        names: set[str] = set(ForeignOrganization.objects.values_list("legal_name", flat=True))
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        orgs: list[ForeignOrganization] = []
        while len(orgs) < ORGANIZATIONS:
            kind = rng.choices(kinds, weights)[0]
            prefix, domain = rng.choice(PREFIXES), rng.choice(DOMAINS)
            suffix = rng.choice(SUFFIXES[kind])
            name = f"{prefix} {domain} {suffix}"
            if name in names:
                name = f"{name} {rng.choice(COUNTRIES)}"
            if name in names:
                continue
            names.add(name)
            acronym = "".join(w[0] for w in name.split()) if rng.random() < 0.6 else ""
            aliases = [f"{prefix} {domain} Indonesia"] if rng.random() < 0.2 else []
            # Named, not list(Status): the enum grew the licensing-derived statuses, and the
            # weights must keep meaning the same five.
            status = rng.choices(BENCH_ORGANIZATION_STATUSES, [3, 85, 3, 6, 3], k=1)[0]
            org = ForeignOrganization(
                id=next_id + len(orgs),
                legal_name=name,
                acronym=acronym,
                aliases=aliases,
                kind=kind,
                legal_type=ForeignOrganization.LegalType.A if kind == K.FOREIGN_NGO else "",
                sub_type=ForeignOrganization.SubType.DONOR_PROGRAMME
                if kind == K.FOREIGN_NGO
                else "",
                country=rng.choice(COUNTRIES),
                headquarters="",
                indonesian_office="Jakarta" if kind == K.FOREIGN_NGO else "",
                website=f"https://{name.lower().replace(' ', '-')}.example.org",
                description=f"Works on {domain.lower()} in Indonesia.",
                status=status,
                is_published=rng.random() < 0.95,
                created_by=self.actor,
            )
            org.refresh_search_text()
            orgs.append(org)
        self._bulk(ForeignOrganization, orgs, "organizations")
        through = ForeignOrganization.sectors.through
        self._bulk(
            through,
            (
                through(foreignorganization_id=o.pk, sector_id=s.pk)
                for o in orgs
                for s in rng.sample(self.sectors, k=rng.choice([1, 1, 2, 3]))
            ),
            "organization sectors",
        )
        return orgs

    # ------------------------------------------------------------------------------------------
    def _owners(self) -> list[GovernmentBody]:
        """One owner per agreement: every top-level body at least once, Kemendagri a lot."""
        rng = self.rng
        owners = list(self.top_level)
        kemendagri = round(AGREEMENTS * KEMENDAGRI_SHARE)
        owners += [self.kemendagri] * kemendagri
        central = round(AGREEMENTS * CENTRAL_SHARE)
        owners += rng.choices(self.central, k=central)
        owners += rng.choices(self.regional, k=max(0, AGREEMENTS - len(owners)))
        owners = owners[:AGREEMENTS]
        rng.shuffle(owners)
        return owners

    def _agreements(self, orgs: list[ForeignOrganization]) -> None:
        rng = self.rng
        owners = self._owners()
        next_id = (Agreement.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        party_id = (AgreementParty.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        agreements: list[Agreement] = []
        parties: list[AgreementParty] = []
        signatories: list[Signatory] = []
        relations: dict[str, list[Any]] = {"sectors": [], "provinces": [], "regencies": []}
        shared: list[Any] = []
        index = 0
        while index < AGREEMENTS:
            owner = owners[index]
            length = 1
            if rng.random() < 0.08:
                length = min(rng.choice([2, 2, 3, 4]), AGREEMENTS - index)
            foreign = [rng.choice(orgs)]
            while rng.random() < 0.15 and len(foreign) < 3:
                candidate = rng.choice(orgs)
                if candidate not in foreign:
                    foreign.append(candidate)
            other_gov: list[GovernmentBody] = []
            if rng.random() < 0.15:
                pool = self.regional if owner.kind not in REGIONAL_KINDS else self.central
                other_gov.append(rng.choice(pool + [self.kemendagri]))
            sectors = rng.sample(self.sectors, k=rng.choice([1, 1, 2, 3]))
            provinces = rng.sample(self.provinces, k=rng.choice([0, 1, 1, 2, 3]))
            if owner.province_id and all(p.pk != owner.province_id for p in provinces):
                provinces.append(next(p for p in self.provinces if p.pk == owner.province_id))
            durations = [rng.choice([12, 24, 36, 36, 48, 60, 60]) for _ in range(length)]
            total_days = sum(d * 30 for d in durations)
            if length == 1:
                start = self.today - timedelta(days=rng.randrange(-400, 6000))
            else:  # chains end around now, so the latest link is often in force
                start = self.today - timedelta(days=total_days + rng.randrange(-700, 500))
            periods = []
            for months in durations:
                end = add_months(start, months) - timedelta(days=1)
                periods.append((start, end, months))
                start = end + timedelta(days=1 + rng.choice([0, 0, 0, 30, -30, 90]))
            statuses = self._chain_statuses([self._status(s, e) for s, e, _m in periods])
            chain: list[Agreement] = []
            for link, ((start, end, months), status) in enumerate(
                zip(periods, statuses, strict=True)
            ):
                agreement = self._agreement(
                    next_id + index, owner, foreign, start, end, months, status, chain, link
                )
                chain.append(agreement)
                agreements.append(agreement)
                new_parties = self._parties(party_id, agreement, owner, other_gov, foreign)
                party_id += len(new_parties)
                parties += new_parties
                if agreement.signing_date and rng.random() < 0.3:
                    signatories += [
                        Signatory(
                            agreement_id=agreement.pk,
                            party_id=new_parties[0].pk,
                            title="Sekretaris Jenderal",
                            signed_on=agreement.signing_date,
                        ),
                        Signatory(
                            agreement_id=agreement.pk,
                            party_id=new_parties[-1].pk,
                            title="Country Director",
                            signed_on=agreement.signing_date,
                        ),
                    ]
                relations["sectors"] += [(agreement.pk, s.pk) for s in sectors]
                relations["provinces"] += [(agreement.pk, p.pk) for p in provinces]
                for p in provinces[:1]:
                    regencies = self.regencies_by_province.get(p.pk, [])
                    if regencies and rng.random() < 0.3:
                        relations["regencies"].append((agreement.pk, rng.choice(regencies)))
                if rng.random() < 0.03:
                    target = rng.choice(self.central + [self.kemendagri])
                    if target.pk != owner.pk:
                        shared.append((agreement.pk, target.pk))
                index += 1
        self._bulk(Agreement, agreements, "agreements")
        self._bulk(AgreementParty, parties, "agreement parties")
        self._bulk(Signatory, signatories, "signatories")
        for name, rows in relations.items():
            through = getattr(Agreement, name).through
            column = {"sectors": "sector_id", "provinces": "province_id"}.get(name, "regency_id")
            self._bulk(
                through,
                (through(agreement_id=a, **{column: b}) for a, b in rows),
                f"agreement {name}",
            )
        through = Agreement.shared_with.through
        self._bulk(
            through,
            (through(agreement_id=a, governmentbody_id=b) for a, b in shared),
            "agreements shared",
        )
        # Who may see what, derived from owner, parties and sharing (as the services do).
        from mitra.agreements.access import agreement_rebuild_all_access

        agreement_rebuild_all_access()
        self._audit(agreements)

    def _agreement(
        self,
        pk: int,
        owner: GovernmentBody,
        foreign: list[ForeignOrganization],
        start: date,
        end: date,
        months: int,
        status: str,
        chain: list[Agreement],
        link: int,
    ) -> Agreement:
        rng = self.rng
        lead = foreign[0]
        kind_types = (
            [T.KSDPL, T.KSDLL] if owner.kind in REGIONAL_KINDS else TYPES_BY_KIND[lead.kind]
        )
        agreement_type = rng.choice(kind_types)
        title = (
            f"{agreement_type.label.split(' ')[0]} {owner.short_name} – "
            f"{lead.acronym or lead.legal_name}"
        )
        if link:
            title += f" ({link + 1})"
        reference = f"{REFERENCE_PREFIX}{pk:07d}"
        partner_names = ", ".join(o.display_name for o in foreign)[:500]
        predecessor = chain[-1] if chain else None
        agreement = Agreement(
            id=pk,
            reference=reference,
            title=title,
            type=agreement_type,
            status=status,
            objective=f"Cooperation with {lead.legal_name}.",
            signing_date=None if status == S.DRAFT else start - timedelta(days=rng.randrange(60)),
            signing_place="Jakarta",
            start_date=start,
            end_date=end,
            duration_months=months,
            renews_id=predecessor.pk if predecessor else None,
            chain_root_id=(predecessor.chain_root_id or predecessor.pk) if predecessor else None,
            owner_id=owner.pk,
            partner_names=partner_names,
            partner_kind=lead.kind,
            terminated_reason="Ended by mutual consent." if status == S.TERMINATED else "",
            created_by=self.actor,
        )
        return agreement

    def _status(self, start: date, end: date) -> str:
        roll = self.rng.random()
        if start > self.today:
            return S.DRAFT if roll < 0.2 else S.UNDER_REVIEW if roll < 0.35 else S.SIGNED
        if end >= self.today:
            return S.TERMINATED if roll < 0.02 else S.ACTIVE
        return S.TERMINATED if roll < 0.03 else S.EXPIRED

    @staticmethod
    def _chain_statuses(statuses: list[str]) -> list[str]:
        """A renewal that became active superseded its predecessor (as the service does); only
        a chain's latest link may still be a draft or under review."""
        for i in range(len(statuses) - 1):
            if statuses[i] in (S.DRAFT, S.UNDER_REVIEW):
                statuses[i] = S.SIGNED
            if statuses[i + 1] in (S.ACTIVE, S.EXPIRED, S.TERMINATED) and statuses[i] in (
                S.SIGNED, S.ACTIVE, S.EXPIRED,
            ):  # fmt: skip
                statuses[i] = S.SUPERSEDED
        return statuses

    def _parties(
        self,
        first_id: int,
        agreement: Agreement,
        owner: GovernmentBody,
        other_gov: list[GovernmentBody],
        foreign: list[ForeignOrganization],
    ) -> list[AgreementParty]:
        rng = self.rng
        units = self.units.get(owner.pk, [])
        lead_body = rng.choice(units) if units and rng.random() < 0.5 else owner
        parties = [
            AgreementParty(
                agreement_id=agreement.pk,
                side=AgreementParty.Side.GOVERNMENT,
                role=AgreementParty.Role.LEAD,
                body_id=lead_body.pk,
                agency_id=owner.pk,
                name_at_signing=lead_body.name,
            )
        ]
        parties += [
            AgreementParty(
                agreement_id=agreement.pk,
                side=AgreementParty.Side.GOVERNMENT,
                role=AgreementParty.Role.PARTY,
                body_id=b.pk,
                agency_id=b.pk,
                name_at_signing=b.name,
            )
            for b in other_gov
            if b.pk != owner.pk
        ]
        parties += [
            AgreementParty(
                agreement_id=agreement.pk,
                side=AgreementParty.Side.FOREIGN,
                role=AgreementParty.Role.LEAD if i == 0 else AgreementParty.Role.PARTY,
                organization_id=o.pk,
                name_at_signing=o.legal_name,
            )
            for i, o in enumerate(foreign)
        ]
        for offset, party in enumerate(parties):
            party.id = first_id + offset
        # search_text as services._denormalise writes it: title, reference, partner names,
        # the organizations' search text, then the government parties' bodies' search text.
        bodies = [lead_body] + [b for b in other_gov if b.pk != owner.pk]
        words = [agreement.title, agreement.reference, agreement.partner_names]
        words += [o.search_text for o in foreign]
        words += [b.search_text for b in bodies]
        agreement.search_text = " | ".join(w.lower() for w in words if w)
        return parties

    def _audit(self, agreements: list[Agreement]) -> None:
        """One `agreement.created` event per agreement, as the services would have written."""
        ct = ContentType.objects.get_for_model(Agreement)
        self._bulk(
            AuditEvent,
            (
                AuditEvent(
                    event="agreement.created",
                    actor=self.actor,
                    actor_name="Operator Mitra",
                    target_ct=ct,
                    target_id=a.pk,
                    target_label=a.title[:255],
                    data={"new": {"reference": a.reference}, "warnings": []},
                )
                for a in agreements
            ),
            "audit events",
        )
        # Bulk-inserted events have no link yet: chain them now, in id order, before anything
        # else records an event (audit_verify must pass on the bench data, as on real data).
        started = time.perf_counter()
        linked = audit_chain_extend()
        self.log(f"  {linked:>7,} audit events chained ({time.perf_counter() - started:.1f} s)")

    # ------------------------------------------------------------------------------------------
    def _bulk(self, model: type[models.Model], rows: Iterable[models.Model], label: str) -> None:
        started = time.perf_counter()
        batch: list[models.Model] = []
        count = 0
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                model.objects.bulk_create(batch)  # type: ignore[attr-defined]
                count += len(batch)
                batch = []
        if batch:
            model.objects.bulk_create(batch)  # type: ignore[attr-defined]
            count += len(batch)
        self.log(f"  {count:>7,} {label} ({time.perf_counter() - started:.1f} s)")

    @staticmethod
    def _reset_sequences() -> None:
        """Explicit ids leave PostgreSQL's sequences behind; move them past the new rows."""
        from mitra.monitoring.models import FundingDisclosureLine, Report
        from mitra.workplans.models import Activity, WorkPlan

        sql = connection.ops.sequence_reset_sql(
            no_style(),
            [
                ForeignOrganization, Agreement, AgreementParty,
                WorkPlan, Activity, Report, FundingDisclosureLine,
            ],
        )  # fmt: skip
        if sql:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


@dataclass
class MonitoringData:
    """Work plans (an RIK per agreement past drafting, an RKT for its first province),
    ACTIVITIES activities with provinces, regencies, beneficiaries by sex and age and budgets,
    and REPORTS periodic reports (on time, late, missing, open) with disclosure lines."""

    builder: Builder

    def build(self) -> None:
        from mitra.workplans.models import AGE_GROUPS, SEXES

        self.sexes, self.ages = SEXES, AGE_GROUPS
        b = self.builder
        rows = list(
            Agreement.objects.filter(reference__startswith=REFERENCE_PREFIX)
            .exclude(status__in=[S.DRAFT, S.UNDER_REVIEW])
            .order_by("id")
            .values_list("id", "owner_id", "status", "start_date", "end_date")
        )
        provinces: dict[int, list[int]] = {}
        through = Agreement.provinces.through
        for agreement_id, province_id in through.objects.filter(
            agreement__reference__startswith=REFERENCE_PREFIX
        ).values_list("agreement_id", "province_id"):
            provinces.setdefault(agreement_id, []).append(province_id)
        self.all_provinces = [p.pk for p in b.provinces]
        regional = {body.pk for body in b.regional}
        plans = self._work_plans(rows, provinces, regional)
        self._activities(plans)
        self._reports(rows, provinces)

    def _work_plans(
        self, rows: list[tuple], provinces: dict[int, list[int]], regional: set[int]
    ) -> list[tuple]:
        from mitra.workplans.models import WorkPlan

        rng, now = self.builder.rng, self.builder.today
        next_id = (WorkPlan.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        plans: list[WorkPlan] = []
        # (plan id, start, end, province ids) for the activities
        frames: list[tuple] = []
        for agreement_id, owner_id, _status, start, end in rows:
            ended = end is not None and end < now
            state = "closed" if ended else "active" if start <= now else "signed"
            end = end or start + timedelta(days=1095)
            rik = WorkPlan(
                id=next_id, kind="rik", agreement_id=agreement_id, title="RIK", status=state,
                start_date=start, end_date=end,
            )  # fmt: skip
            next_id += 1
            plans.append(rik)
            where = provinces.get(agreement_id) or [rng.choice(self.all_provinces)]
            frames.append((rik.pk, start, end, where))
            if provinces.get(agreement_id):
                year = min(max(start.year, now.year - 1), end.year)
                year_start = max(start, date(year, 1, 1))
                year_end = min(end, date(year, 12, 31))
                if year_end >= year_start:
                    rkt = WorkPlan(
                        id=next_id, kind="rkt", agreement_id=agreement_id, parent_id=rik.pk,
                        title=f"RKT {year}", status=state, start_date=year_start,
                        end_date=year_end, year=year, province_id=where[0],
                        regional_government_id=owner_id if owner_id in regional else None,
                    )  # fmt: skip
                    next_id += 1
                    plans.append(rkt)
                    frames.append((rkt.pk, year_start, year_end, where[:1]))
        self.builder._bulk(WorkPlan, plans, "work plans")
        return frames

    def _beneficiaries(self, scale: int) -> dict:
        rng = self.builder.rng
        return {sex: {age: rng.randrange(scale) for age in self.ages} for sex in self.sexes}

    def _activities(self, frames: list[tuple]) -> None:
        from decimal import Decimal

        from mitra.workplans.models import Activity

        b = self.builder
        rng, now = b.rng, b.today
        next_id = (Activity.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        links: list[tuple[int, int]] = []
        regency_links: list[tuple[int, int]] = []
        empty = {sex: dict.fromkeys(self.ages, 0) for sex in self.sexes}
        sector_ids = [sector.pk for sector in b.sectors] or [None]

        def generate() -> Iterable[Activity]:
            made = 0
            while made < ACTIVITIES:
                for plan_id, start, end, where in frames:
                    for _ in range(rng.randrange(1, 19)):
                        if made >= ACTIVITIES:
                            return
                        span = max((end - start).days, 1)
                        a_start = start + timedelta(days=rng.randrange(span))
                        a_end = min(end, a_start + timedelta(days=rng.randrange(14, 200)))
                        roll = rng.random()
                        if a_end < now:
                            status = (
                                "completed" if roll < 0.8 else "cancelled" if roll < 0.85
                                else "started" if roll < 0.95 else "planned"
                            )  # fmt: skip
                        elif a_start <= now:
                            status = "started" if roll < 0.7 else "planned"
                        else:
                            status = "planned"
                        planned = self._beneficiaries(60)
                        actual = (
                            self._beneficiaries(60) if status in ("started", "completed")
                            else empty
                        )  # fmt: skip
                        currency = "IDR" if roll < 0.6 else "USD" if roll < 0.9 else "EUR"
                        budget = Decimal(rng.randrange(1, 500) * (1_000_000 if currency == "IDR"
                                                                  else 100))  # fmt: skip
                        pk = next_id + made
                        activity = Activity(
                            id=pk, work_plan_id=plan_id, title=f"Kegiatan {pk}",
                            sector_id=rng.choice(sector_ids), status=status,
                            start_date=a_start, end_date=a_end,
                            actual_start=a_start if status in ("started", "completed") else None,
                            actual_end=a_end if status == "completed" else None,
                            currency=currency, planned_budget=budget,
                            realised_budget=budget if status == "completed" else None,
                        )  # fmt: skip
                        activity.set_planned_beneficiaries(planned)  # and the stored sums
                        activity.set_actual_beneficiaries(actual)
                        yield activity
                        province = rng.choice(where)
                        links.append((pk, province))
                        if len(where) > 1 and rng.random() < 0.1:
                            other = rng.choice(where)
                            if other != province:
                                links.append((pk, other))
                        regencies = b.regencies_by_province.get(province)
                        if regencies and rng.random() < 0.3:
                            regency_links.append((pk, rng.choice(regencies)))
                        made += 1

        b._bulk(Activity, generate(), "activities")
        through = Activity.provinces.through
        b._bulk(
            through,
            (through(activity_id=a, province_id=p) for a, p in links),
            "activity provinces",
        )
        through = Activity.regencies.through
        b._bulk(
            through,
            (through(activity_id=a, regency_id=r) for a, r in regency_links),
            "activity regencies",
        )
        from mitra.workplans.tally import rebuild_all_tallies

        started = time.perf_counter()
        written = rebuild_all_tallies()  # bulk_create sends no signals: the tally in one pass
        b.log(f"  {written:>7,} activity tallies ({time.perf_counter() - started:.1f} s)")

    def _reports(self, rows: list[tuple], provinces: dict[int, list[int]]) -> None:
        from decimal import Decimal

        from mitra.monitoring.models import FundingDisclosureLine, Report

        b = self.builder
        rng, now = b.rng, b.today
        next_id = (Report.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        eligible = [r for r in rows if r[3] <= now - timedelta(days=200)]
        rng.shuffle(eligible)
        reports: list[Report] = []
        lines: list[FundingDisclosureLine] = []
        used: set[tuple] = set()
        while len(reports) < REPORTS and eligible:
            for agreement_id, _owner, _status, start, end in eligible:
                if len(reports) >= REPORTS:
                    break
                last = min(end or now, now)
                periods = max(1, (last - start).days // 182)
                index = rng.randrange(periods)
                period_start = add_months(start, 6 * index)
                period_end = add_months(start, 6 * (index + 1)) - timedelta(days=1)
                kind = rng.choice(["activity_report", "funding_disclosure"])
                if (agreement_id, kind, period_start) in used:
                    continue
                used.add((agreement_id, kind, period_start))
                due = period_end + timedelta(days=30)
                roll = rng.random()
                resubmit = None
                if due >= now:
                    status, submitted = ("due", None) if roll < 0.6 else ("submitted", due)
                    if submitted:
                        submitted = due - timedelta(days=rng.randrange(1, 25))
                elif roll < 0.55:
                    status, submitted = "accepted", due - timedelta(days=rng.randrange(0, 25))
                elif roll < 0.70:
                    status, submitted = "accepted", due + timedelta(days=rng.randrange(1, 90))
                elif roll < 0.75:
                    status, submitted = "submitted", due + timedelta(days=rng.randrange(1, 60))
                elif roll < 0.80:
                    status = "revision_requested"
                    submitted = due - timedelta(days=rng.randrange(0, 10))
                    resubmit = submitted + timedelta(days=rng.choice([14, 14, 400]))
                else:
                    status, submitted = "due", None
                if submitted and submitted > now:
                    submitted = now
                pk = next_id + len(reports)
                reports.append(
                    Report(
                        id=pk,
                        agreement_id=agreement_id,
                        kind=kind,
                        period_start=period_start,
                        period_end=period_end,
                        due_date=due,
                        status=status,
                        first_submitted_on=submitted,
                        resubmit_by=resubmit,
                    )  # fmt: skip
                )
                if kind == "funding_disclosure" and status in ("submitted", "accepted"):
                    currency = rng.choice(["USD", "USD", "EUR", "IDR"])
                    where = provinces.get(agreement_id)
                    lines.append(
                        FundingDisclosureLine(
                            report_id=pk,
                            donor_name="Bench Donor",
                            donor_country="US",
                            amount=Decimal(rng.randrange(1, 1000) * 1000),
                            currency=currency,
                            programme="Programme",
                            province_id=where[0] if where else None,
                        )  # fmt: skip
                    )
        b._bulk(Report, reports, "reports")
        b._bulk(FundingDisclosureLine, lines, "disclosure lines")
        from mitra.monitoring.tally import rebuild_report_tallies

        started = time.perf_counter()
        written = rebuild_report_tallies()  # bulk_create sends no signals: the tally in one pass
        b.log(f"  {written:>7,} report and fund tallies ({time.perf_counter() - started:.1f} s)")


class _Null:
    def write(self, *args: Any, **kwargs: Any) -> None:
        pass

    def flush(self) -> None:
        pass


# --- licensing (issue 13 §7) ----------------------------------------------------------------
# A step of its own, keyed by its own version, so a data set built without it gains it in about
# a minute instead of a full rebuild. Its rows carry the version in the application's profile
# (`LICENSING_MARK`); another version's rows are removed before the step builds again.
LICENSING_VERSION = 1
LICENSING_MARK = "bench_licensing"
APPLICATIONS = 10_000
REVIEWS = 60_000
LICENSING_SEED = SEED + 13
# The stage an organization's open application is in (when it has one), and how many days it
# has been there (a range). Member reviews are slow: an application waits in review for months,
# so the member agencies' inboxes hold hundreds.
OPEN_SHARE = 0.7
OPEN_STAGES = {
    "draft": (0.08, (1, 60)),
    "submitted": (0.06, (0, 7)),
    "verification": (0.12, (1, 30)),
    "returned_for_revision": (0.10, (1, 45)),
    "inter_agency_review": (0.50, (1, 150)),
    "deliberation": (0.12, (1, 40)),
    "decision_pending": (0.10, (1, 60)),
}
REVIEW_DAYS = 21  # 15 working days: the `review.member_opinion` rule's default


def ensure_tally_day(log: Callable[[str], None] = print) -> None:
    """Run the compliance tallies' daily moves when their day is not today (a data set reused
    on a later day): production's daily jobs do it at 00:05, so the pages are measured as they
    are served during the day (docs/dev/performance.md, issue 13 §7)."""
    from mitra.core.dates import today
    from mitra.monitoring.tally import report_tally_new_day, tally_day
    from mitra.workplans.tally import activity_tally_new_day, rollup_day

    for name, day, move in (
        ("report", tally_day, report_tally_new_day),
        ("activity", rollup_day, activity_tally_new_day),
    ):
        if day() != today():
            started = time.perf_counter()
            rows = move()
            seconds = time.perf_counter() - started
            log(f"Moved the {name} tally to today: {rows:,} rows ({seconds:.1f} s).")


def licensing_is_built() -> bool:
    from mitra.permits.models import Application

    marked = Application.objects.filter(**{f"profile__{LICENSING_MARK}": LICENSING_VERSION})
    return marked.count() == APPLICATIONS


def ensure_licensing(log: Callable[[str], None] = print) -> float:
    """Add the licensing layer when this version of it is missing; its seconds (0 if reused)."""
    if licensing_is_built():
        return 0.0
    started = time.perf_counter()
    log(
        f"Building the licensing layer: {APPLICATIONS:,} applications, {REVIEWS:,} member "
        "reviews, permits (once; later runs reuse them)…"
    )
    builder = Builder(log=log)
    with transaction.atomic():
        builder._load_lookups()
        data = LicensingData(builder)
        data.remove()
        data.build()
    data.reset_sequences()
    analyse()
    seconds = time.perf_counter() - started
    log(f"Licensing layer built in {seconds:.0f} s")
    return seconds


@dataclass
class _Plan:
    """One application as the generator plans it, before ids are given."""

    org: ForeignOrganization
    track: str
    kind: str
    stages: list[tuple[str, Any]]  # (stage, entered at), in order; the last is the current one
    extends: "_PermitPlan | None" = None
    outcome: str = ""  # approved / rejected / withdrawn, or "" while open
    late: bool = False
    partner: int | None = None
    technical: list[int] = field(default_factory=list)
    permit: "_PermitPlan | None" = None
    pk: int = 0

    @property
    def status(self) -> str:
        return self.stages[-1][0]

    def entered(self, stage: str) -> Any:
        return next((t for s, t in self.stages if s == stage), None)

    def left(self, stage: str) -> Any:
        """When the application last left `stage` (None: never, or still there)."""
        found = None
        for (s, _t), (_n, t_next) in zip(self.stages, self.stages[1:], strict=False):
            if s == stage:
                found = t_next
        return found


@dataclass
class _PermitPlan:
    valid_from: date
    valid_until: date
    decision_date: date
    previous: "_PermitPlan | None" = None
    application: _Plan | None = None
    pk: int = 0
    kept: bool = True


@dataclass
class LicensingData:
    """APPLICATIONS izin prinsip applications and clearances from the bench organizations of
    every kind that files one (ormas asing through the TPOA, regional, multilateral and UN
    organizations through the working group), over two decades of each organization's
    history: new applications, extensions filed in the window before the permit ends (a few
    late), returns for revision, about REVIEWS member reviews (the TPOA members, the technical
    ministries chosen, and for clearances the partner ministry), deliberations, decisions and
    the izin prinsip issued for the approved TPOA ones, chained by extension. About half the
    organizations have one application open today, in a stage drawn from OPEN_STAGES."""

    builder: Builder

    def build(self) -> None:
        from django.utils import timezone

        from mitra.permits.conf import setting

        self.rng = random.Random(LICENSING_SEED)
        self.now = timezone.now()
        self.today = self.builder.today
        bodies = {b.key: b for b in GovernmentBody.objects.filter(parent__isnull=True)}
        self.members = [bodies[k].pk for k in setting("TPOA_MEMBERS") if k in bodies]
        self.working_group = bodies[setting("MULTILATERAL_SECRETARIAT")].pk
        self.keys = {b.pk: b.key for b in bodies.values()}
        self.short_names = {b.pk: b.short_name for b in bodies.values()}
        ministries = [b.pk for b in bodies.values() if b.kind == "ministry"]
        self.technical_pool = [pk for pk in ministries if pk not in self.members]
        self.partners = ministries
        self.kemendagri = bodies["kemendagri"].pk
        self.deciders = self._deciders()
        plans = self._plans()
        self._fit_reviews(plans)
        self._write(plans)

    # --- planning ---------------------------------------------------------------------------
    def _organizations(self) -> list[tuple[ForeignOrganization, str]]:
        from mitra.permits.routes import route_for_kind

        tracks = {kind: route_for_kind(kind).track for kind in ForeignOrganization.Kind.values}
        orgs = (
            ForeignOrganization.objects.filter(permit_applications__isnull=True)
            .filter(permits__isnull=True)
            .filter(kind__in=[k for k, t in tracks.items() if t])
            .order_by("id")
        )
        return [(o, tracks[o.kind]) for o in orgs]

    def _deciders(self) -> dict[int, int]:
        """Agency id → a demo officer of it, who signs its opinions."""
        found: dict[int, int] = {}
        for user in User.objects.filter(body__isnull=False, role=User.Role.OFFICER).order_by("pk"):
            found.setdefault(user.body.root().pk, user.pk)
        return found

    def _at(self, day: date) -> datetime:
        """A moment of office hours (Jakarta, UTC+7) on `day`."""
        hour = self.rng.randrange(1, 10)
        return datetime(day.year, day.month, day.day, hour, self.rng.randrange(60), tzinfo=UTC)

    def _plans(self) -> list[_Plan]:
        rng = self.rng
        plans: list[_Plan] = []
        for org, track in self._organizations():
            open_stage = None
            if rng.random() < OPEN_SHARE:
                names = list(OPEN_STAGES)
                open_stage = rng.choices(names, [OPEN_STAGES[n][0] for n in names])[0]
            plans += self._history(org, track, open_stage)
        plans.sort(key=lambda p: (p.stages[0][1], p.org.pk))
        # The oldest applications beyond APPLICATIONS are left out (a permit chain then starts
        # at the first one kept: an extension whose permit is gone becomes a new application).
        excess = len(plans) - APPLICATIONS
        if excess < 0:
            raise RuntimeError(f"The licensing plan made only {len(plans):,} applications.")
        for dropped in plans[:excess]:
            if dropped.permit is not None:
                dropped.permit.kept = False
        plans = plans[excess:]
        for plan in plans:
            if plan.extends is not None and not plan.extends.kept:
                plan.extends, plan.kind = None, "new"
            if plan.permit is not None and plan.permit.previous and not plan.permit.previous.kept:
                plan.permit.previous = None
        return plans

    def _lifecycle(self, created: date, outcome: str) -> list[tuple[str, date]]:
        """The stages from draft to the outcome, with the day each was entered."""
        rng = self.rng
        day = created
        stages = [("draft", day)]

        def step(stage: str, low: int, high: int) -> None:
            nonlocal day
            day = day + timedelta(days=rng.randrange(low, high + 1))
            stages.append((stage, day))

        withdraw_at = rng.randrange(1, 6) if outcome == "withdrawn" else 99
        plan = [
            ("submitted", 3, 45),
            ("verification", 0, 5),
        ]
        if rng.random() < 0.3:
            plan += [("returned_for_revision", 3, 25), ("verification", 5, 40)]
        plan += [
            ("inter_agency_review", 3, 25),
            ("deliberation", 14, 240),
            ("decision_pending", 5, 40),
            (outcome if outcome != "withdrawn" else "approved", 5, 60),
        ]
        for index, (stage, low, high) in enumerate(plan):
            if index == withdraw_at:
                step("withdrawn", 1, 30)
                break
            step(stage, low, high)
        return stages

    def _open_lifecycle(self, stage: str) -> list[tuple[str, date]]:
        """An open application's stages, ending `stage` entered some days ago."""
        rng = self.rng
        low, high = OPEN_STAGES[stage][1]
        if stage == "inter_agency_review":  # some still due, most overdue
            low, high = (1, REVIEW_DAYS) if rng.random() < 0.45 else (REVIEW_DAYS + 1, high)
        day = self.today - timedelta(days=rng.randrange(low, high + 1))
        order = [
            "draft", "submitted", "verification", "inter_agency_review", "deliberation",
            "decision_pending",
        ]  # fmt: skip
        if stage == "returned_for_revision":
            path = ["draft", "submitted", "verification", stage]
        else:
            path = order[: order.index(stage) + 1]
        stages = [(path[-1], day)]
        for previous in reversed(path[:-1]):
            day = day - timedelta(days=rng.randrange(2, 30))
            stages.insert(0, (previous, day))
        return stages

    def _history(self, org: ForeignOrganization, track: str, open_stage: str | None) -> list[_Plan]:
        rng = self.rng
        plans: list[_Plan] = []
        permit: _PermitPlan | None = None
        tpoa = track == "tpoa"
        day = self.today - timedelta(days=rng.randrange(365 * 14, 365 * 24))
        # Where the history must end: before the open application starts, or today.
        open_days = None
        if open_stage is not None:
            open_days = self._open_lifecycle(open_stage)
        stop = open_days[0][1] if open_days else self.today
        partner = self.kemendagri if rng.random() < 0.3 else rng.choice(self.partners)
        while True:
            kind, extends, late = "new", None, False
            if tpoa and permit is not None:
                kind, extends = "extension", permit
                lead = rng.randrange(95, 180) if rng.random() > 0.05 else rng.randrange(20, 80)
                late = lead < 92
                day = permit.valid_until - timedelta(days=lead)
            roll = rng.random()
            outcome = "approved" if roll < 0.8 else "rejected" if roll < 0.92 else "withdrawn"
            stages = self._lifecycle(day, outcome)
            if stages[-1][1] >= stop:
                break
            plan = self._plan(org, track, kind, stages, extends, outcome, late, partner)
            plans.append(plan)
            decided = stages[-1][1]
            if outcome == "approved" and tpoa:
                start = max(
                    decided + timedelta(days=rng.randrange(0, 30)),
                    permit.valid_until + timedelta(days=1) if permit else decided,
                )
                new = _PermitPlan(
                    valid_from=start, valid_until=add_months(start, 36) - timedelta(days=1),
                    decision_date=decided, previous=extends, application=plan,
                )  # fmt: skip
                plan.permit = new
                permit = new
                continue
            if tpoa and permit is not None:  # the extension failed: the permit runs out
                day = max(permit.valid_until, decided) + timedelta(days=rng.randrange(30, 500))
                permit = None
            else:
                gap = (200, 700) if not tpoa else (60, 600)
                day = decided + timedelta(days=rng.randrange(*gap))
        if open_days is not None:
            kind, extends, late = "new", None, False
            if tpoa and permit is not None and permit.valid_until >= open_days[0][1]:
                if permit.valid_until > self.today + timedelta(days=400):
                    return plans  # a permit years from its end: nothing to apply for
                kind, extends = "extension", permit
                deadline = permit.valid_until - timedelta(days=92)
                late = open_days[1][1] > deadline if len(open_days) > 1 else False
            plans.append(self._plan(org, track, kind, open_days, extends, "", late, partner))
        return plans

    def _plan(
        self,
        org: ForeignOrganization,
        track: str,
        kind: str,
        stages: list[tuple[str, date]],
        extends: _PermitPlan | None,
        outcome: str,
        late: bool,
        partner: int,
    ) -> _Plan:
        rng = self.rng
        technical: list[int] = []
        if any(s == "inter_agency_review" for s, _d in stages):
            technical = rng.sample(self.technical_pool, k=rng.choice([0, 1, 1, 2, 2, 3]))
        timed = [(s, self._at(d)) for s, d in stages]
        for i in range(1, len(timed)):  # same-day moves keep their order
            if timed[i][1] <= timed[i - 1][1]:
                timed[i] = (timed[i][0], timed[i - 1][1] + timedelta(minutes=5))
        return _Plan(
            org=org, track=track, kind=kind, stages=timed, extends=extends, outcome=outcome,
            late=late, partner=partner, technical=technical,
        )  # fmt: skip

    def _reviewers(self, plan: _Plan) -> list[int]:
        if plan.track == "tpoa":
            base = list(self.members)
        else:
            base = [self.working_group] + ([plan.partner] if plan.partner else [])
        return list(dict.fromkeys(base + plan.technical))

    def _fit_reviews(self, plans: list[_Plan]) -> None:
        """Exactly REVIEWS member reviews: technical ministries added to (or taken from) closed
        applications that went through review until the count is right."""
        rng = self.rng
        reviewed = [p for p in plans if p.entered("inter_agency_review") is not None]
        total = sum(len(self._reviewers(p)) for p in reviewed)
        closed = [p for p in reviewed if p.outcome]
        rng.shuffle(closed)
        index = 0
        while total != REVIEWS and closed:
            plan = closed[index % len(closed)]
            index += 1
            before = len(self._reviewers(plan))
            if total < REVIEWS:
                free = [m for m in self.technical_pool if m not in self._reviewers(plan)]
                if free:
                    plan.technical.append(rng.choice(free))
            elif plan.technical:
                plan.technical.pop()
            total += len(self._reviewers(plan)) - before
            if index > len(closed) * 20:
                raise RuntimeError("Cannot reach the planned number of member reviews.")

    # --- writing ----------------------------------------------------------------------------
    def _write(self, plans: list[_Plan]) -> None:
        from mitra.permits.models import Application, Permit

        b = self.builder
        next_app = (Application.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        next_permit = (Permit.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        permits: list[_PermitPlan] = []
        self._all_plans = plans
        for index, plan in enumerate(plans):
            plan.pk = next_app + index
            if plan.permit is not None:
                plan.permit.pk = next_permit + len(permits)
                permits.append(plan.permit)
        with _explicit_timestamps():
            self._applications(plans)
            self._permits(permits)
            self._write_extends(plans)
            self._stage_visits(plans)
            self._documents(plans)
            reviews = self._reviews(plans)
            self._deliberations(plans, reviews)
        b.log(f"  {len(plans):,} applications, {len(permits):,} permits written")

    def _applications(self, plans: list[_Plan]) -> None:
        from mitra.permits.models import Application

        rng, b = self.rng, self.builder
        numbers: dict[tuple[str, int], int] = {}
        rows = []
        for plan in plans:
            created = plan.stages[0][1]
            prefix = "TPOA" if plan.track == "tpoa" else "MLC"
            year = created.year
            number = numbers[(prefix, year)] = numbers.get((prefix, year), 5000) + 1
            submitted = plan.entered("submitted")
            stage_since = plan.stages[-1][1]
            returned = plan.status == "returned_for_revision"
            org = plan.org
            drafted = plan.status != "draft" or rng.random() < 0.5
            rows.append(
                Application(
                    id=plan.pk,
                    reference=f"{prefix}-{year}-{number:04d}",
                    organization_id=org.pk,
                    kind=plan.kind,
                    track=plan.track,
                    status=plan.status,
                    profile={
                        "legal_name": org.legal_name,
                        "country": str(org.country),
                        "headquarters": org.headquarters,
                        "indonesian_office": org.indonesian_office or "Jakarta",
                        "representative_name": "Country Director" if drafted else "",
                        "representative_nationality": str(org.country) if drafted else "",
                        "vision_mission": org.description if drafted else "",
                        LICENSING_MARK: LICENSING_VERSION,
                    },
                    programmes=(
                        f"{org.description} Programmes with local partners." if drafted else ""
                    ),
                    partner_ministry_id=plan.partner,
                    funding_sources="Grants from the organization's donors" if drafted else "",
                    funding_amount=Decimal(rng.randrange(50, 5000) * 1000) if drafted else None,
                    funding_currency="USD",
                    local_partners="Yayasan Mitra Lokal\nPerkumpulan Desa" if drafted else "",
                    changes_summary="Programmes continued." if plan.kind == "extension" else "",
                    query_reasons=["missing_document"] if returned else [],
                    query_text="The embassy's recommendation is missing." if returned else "",
                    query_deadline=(stage_since.date() + timedelta(days=21)) if returned else None,
                    submitted_on=submitted.date() if submitted else None,
                    late_filing=plan.late and submitted is not None,
                    decided_on=plan.stages[-1][1].date()
                    if plan.outcome in ("approved", "rejected")
                    else None,
                    decision_reasons=["funds"] if plan.outcome == "rejected" else [],
                    decision_text="Decided by the Minister." if plan.outcome else "",
                    opinions_shared=rng.random() < 0.2,
                    stage_since=stage_since,
                    created_at=created,
                    updated_at=stage_since,
                    created_by=b.actor,
                )
            )
        b._bulk(Application, rows, "applications")
        provinces = [p.pk for p in b.provinces]
        through = Application.provinces.through
        b._bulk(
            through,
            (
                through(application_id=plan.pk, province_id=p)
                for plan in plans
                for p in rng.sample(provinces, k=rng.choice([1, 1, 2, 3]))
            ),
            "application provinces",
        )
        through = Application.technical_ministries.through
        b._bulk(
            through,
            (
                through(application_id=plan.pk, governmentbody_id=m)
                for plan in plans
                for m in plan.technical
            ),
            "application technical ministries",
        )

    def _permits(self, permits: list[_PermitPlan]) -> None:
        from mitra.permits.models import Permit

        b = self.builder
        numbers: dict[int, int] = {}
        pending_extension = {
            plan.extends.pk
            for plan in self._all_plans
            if plan.extends is not None and not plan.outcome and plan.status != "draft"
            and not plan.late
        }  # fmt: skip
        rows = []
        for permit in permits:
            plan = permit.application
            assert plan is not None
            year = permit.decision_date.year
            number = numbers[year] = numbers.get(year, 5000) + 1
            ended = permit.valid_until < self.today and permit.pk not in pending_extension
            status = Permit.Status.EXPIRED if ended else Permit.Status.ACTIVE
            rows.append(
                Permit(
                    id=permit.pk,
                    number=f"IP-{year}-{number:04d}",
                    organization_id=plan.org.pk,
                    application_id=plan.pk,
                    previous_id=permit.previous.pk if permit.previous else None,
                    partner_ministry_id=plan.partner,
                    decision_date=permit.decision_date,
                    valid_from=permit.valid_from,
                    valid_until=permit.valid_until,
                    status=status,
                    status_changed_on=permit.valid_until + timedelta(days=1) if ended else None,
                    status_legal_basis="UU 17/2013 Ps 45" if ended else "",
                    created_at=self._at(permit.decision_date),
                    updated_at=self._at(permit.decision_date),
                    created_by=b.actor,
                )
            )
        b._bulk(Permit, rows, "permits")

    def _write_extends(self, plans: list[_Plan]) -> None:
        """Applications point at the permit they extend (written after the permits)."""
        from mitra.permits.models import Application

        by_permit: dict[int, list[int]] = {}
        for plan in plans:
            if plan.extends is not None:
                by_permit.setdefault(plan.extends.pk, []).append(plan.pk)
        cases = [
            models.When(pk=app_pk, then=models.Value(permit_pk))
            for permit_pk, app_pks in by_permit.items()
            for app_pk in app_pks
        ]
        ids = [pk for pks in by_permit.values() for pk in pks]
        for start in range(0, len(cases), 500):
            chunk = cases[start : start + 500]
            Application.objects.filter(pk__in=ids[start : start + 500]).update(
                extends_id=models.Case(*chunk, output_field=models.IntegerField())
            )
        self.builder.log(f"  {len(ids):>7,} extensions linked to their permits")

    def _stage_visits(self, plans: list[_Plan]) -> None:
        from mitra.permits.models import StageVisit

        def rows() -> Iterable[StageVisit]:
            for plan in plans:
                for index, (stage, entered) in enumerate(plan.stages):
                    left = plan.stages[index + 1][1] if index + 1 < len(plan.stages) else None
                    yield StageVisit(
                        application_id=plan.pk, stage=stage, kind=plan.kind, track=plan.track,
                        entered_at=entered, left_at=left,
                        duration=left - entered if left is not None else None,
                    )  # fmt: skip

        self.builder._bulk(StageVisit, rows(), "stage visits")

    def _documents(self, plans: list[_Plan]) -> None:
        from mitra.permits.models import REQUIRED_DOCUMENTS, ApplicationDocument

        rng = self.rng

        def rows() -> Iterable[ApplicationDocument]:
            for plan in plans:
                items = list(REQUIRED_DOCUMENTS)
                if plan.status == "draft":
                    items = items[: rng.randrange(len(items))]
                uploaded = plan.stages[0][1]
                returned = plan.entered("returned_for_revision")
                for item in items:
                    yield self._document(plan, item, 1, uploaded)
                if returned is not None:
                    yield self._document(plan, items[-1], 2, returned + timedelta(days=3))

        self.builder._bulk(ApplicationDocument, rows(), "application documents")

    def _document(self, plan: _Plan, item: str, version: int, at: Any) -> Any:
        from mitra.permits.models import ApplicationDocument

        return ApplicationDocument(
            application_id=plan.pk, item=item, version=version,
            file=f"permits/{at.year}/{item}-{plan.pk}-v{version}.pdf",
            original_name=f"{item}.pdf", content_type="application/pdf", size=48_213,
            sha256=f"{plan.pk:032x}{version:032x}", uploaded_at=at,
        )  # fmt: skip

    def _reviews(self, plans: list[_Plan]) -> dict[int, list[Any]]:
        from mitra.permits.models import AgencyReview

        rng, now = self.rng, self.now
        R = AgencyReview.State
        next_id = (AgencyReview.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        by_plan: dict[int, list[AgencyReview]] = {}
        rows: list[AgencyReview] = []
        for plan in plans:
            circulated = plan.entered("inter_agency_review")
            if circulated is None:
                continue
            left = plan.left("inter_agency_review")
            in_review = plan.status == "inter_agency_review"
            for agency in self._reviewers(plan):
                if in_review:
                    share = 0.25 if agency == self.working_group else 0.35
                    decided = rng.random() < share
                    end = now
                else:
                    decided, end = True, left or now
                state, decided_at = rng.choice([R.REQUESTED, R.REQUESTED, R.IN_PROGRESS]), None
                reason = ""
                if decided:
                    roll = rng.random()
                    objection = plan.outcome == "rejected" and roll < 0.4
                    state = (
                        R.OBJECTION if objection or roll < 0.04
                        else R.INFORMATION_REQUESTED if roll > 0.93
                        else R.NO_OBJECTION
                    )  # fmt: skip
                    reason = (
                        "none" if state == R.NO_OBJECTION else rng.choice(["funds", "security"])
                    )
                    span = max(int((end - circulated).total_seconds()), 60)
                    decided_at = circulated + timedelta(seconds=rng.randrange(30, span))
                review = AgencyReview(
                    id=next_id + len(rows),
                    application_id=plan.pk,
                    agency_id=agency,
                    due_date=circulated.date() + timedelta(days=REVIEW_DAYS),
                    state=state,
                    reason_code=reason,
                    text="" if state == R.NO_OBJECTION or not decided else "Please clarify.",
                    shared=decided and plan.outcome != "",
                    requested_at=circulated,
                    decided_by_id=self.deciders.get(agency) if decided else None,
                    decided_at=decided_at,
                )
                rows.append(review)
                by_plan.setdefault(plan.pk, []).append(review)
        self.builder._bulk(AgencyReview, rows, "member reviews")
        return by_plan

    def _deliberations(self, plans: list[_Plan], reviews: dict[int, list[Any]]) -> None:
        from mitra.permits.models import Deliberation

        next_id = (Deliberation.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        rows: list[Deliberation] = []
        present: list[tuple[int, int]] = []
        for plan in plans:
            recommended = plan.entered("decision_pending")
            if recommended is None:
                continue
            own = reviews.get(plan.pk, [])
            positions = {
                self.keys.get(r.agency_id, str(r.agency_id)): {
                    "agency": self.short_names.get(r.agency_id, ""),
                    "position": r.state,
                    "review": r.pk,
                }
                for r in own
            }
            pk = next_id + len(rows)
            rows.append(
                Deliberation(
                    id=pk,
                    application_id=plan.pk,
                    held_on=recommended.date(),
                    positions=positions,
                    recommendation="reject" if plan.outcome == "rejected" else "approve",
                    notes="TPOA meeting.",
                    created_at=recommended,
                    updated_at=recommended,
                    created_by=self.builder.actor,
                )
            )
            present += [(pk, r.agency_id) for r in own]
        self.builder._bulk(Deliberation, rows, "deliberations")
        through = Deliberation.agencies_present.through
        self.builder._bulk(
            through,
            (through(deliberation_id=d, governmentbody_id=a) for d, a in present),
            "deliberation attendance",
        )

    # --- keeping -----------------------------------------------------------------------------
    def remove(self) -> None:
        """Another version's licensing rows (none on a fresh data set)."""
        from mitra.permits.models import (
            AgencyReview,
            Application,
            ApplicationDocument,
            Deliberation,
            Permit,
            StageVisit,
        )

        old = Application.objects.filter(**{"profile__has_key": LICENSING_MARK})
        if not old.exists():
            return
        ids = list(old.values_list("pk", flat=True))
        self.builder.log(f"  removing {len(ids):,} applications of another licensing version")
        old.update(extends=None)
        Deliberation.objects.filter(application_id__in=ids).delete()
        AgencyReview.objects.filter(application_id__in=ids, supersedes__isnull=False).delete()
        AgencyReview.objects.filter(application_id__in=ids).delete()
        ApplicationDocument.objects.filter(application_id__in=ids).delete()
        StageVisit.objects.filter(application_id__in=ids).delete()
        permits = Permit.objects.filter(application_id__in=ids)
        Permit.objects.filter(pk__in=permits.values("pk")).update(previous=None)
        permits.delete()
        Application.objects.filter(pk__in=ids).delete()

    @staticmethod
    def reset_sequences() -> None:
        from mitra.permits.models import (
            AgencyReview,
            Application,
            ApplicationDocument,
            Deliberation,
            Permit,
            StageVisit,
        )

        sql = connection.ops.sequence_reset_sql(
            no_style(),
            [Application, Permit, AgencyReview, StageVisit, ApplicationDocument, Deliberation],
        )
        if sql:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


@contextmanager
def _explicit_timestamps() -> Iterator[None]:
    """The licensing rows keep the dates the generator gives them: `auto_now` and
    `auto_now_add` are switched off on the permits app's models while they are written."""
    from django.apps import apps

    switched = []
    for model in apps.get_app_config("permits").get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
