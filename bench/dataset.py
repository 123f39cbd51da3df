"""A national-scale synthetic data set, written with bulk_create (services are far too slow).

Everything is derived from one seeded random generator, so every machine builds the same data.
The denormalised columns the services maintain (partner_names, partner_kind, search_text,
chain_root) are filled the same way `agreements.services._denormalise` fills them, and the
status is written directly: bulk_create bypasses the FSM's protected descriptor, which only
refuses a *second* assignment on an instance (the constructor's is the first).
"""

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from mitra.accounts.models import User
from mitra.agreements.models import Agreement, AgreementParty, Signatory
from mitra.audit.models import AuditEvent
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
            status = rng.choices(list(ForeignOrganization.Status), [3, 85, 3, 6, 3], k=1)[
                0
            ]  # prospective, registered, suspended, inactive, archived
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


class _Null:
    def write(self, *args: Any, **kwargs: Any) -> None:
        pass

    def flush(self) -> None:
        pass
