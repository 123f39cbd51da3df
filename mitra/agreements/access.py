"""Keeping AgreementAccess (who may see an agreement) equal to what it is derived from.

Sources (ADR 0011, 0015): the owner, the parties' agencies, the agencies it is shared with, and
the visibility grants in force today (`mitra.grants`). Each source is one queryset of
(agreement id, body id) pairs, written once here and used two ways: filtered to some
agreements and joined by UNION for a refresh (`expected_access`), or unfiltered inside one
`INSERT … SELECT … UNION …` for the bulk rebuild (`agreement_rebuild_all_access`).

Grant rows may name a unit (Ditjen Polpum): a user reads the rows of their body and of every
body above it (`User.reading_body_ids`). Grants only ever give read access.

Who refreshes (explicit calls, except the organization's kind, below):

- agreements services (create, update: owner, parties, sharing, provinces, regencies);
- meetings services (linked agreements, invited bodies, attendees): `agreement_refresh_access`;
- the grants admin: `agreement_rebuild_all_access` after `grants.services.grant_save`;
- an organization's kind change: `organizations.signals.organization_names_changed` (the
  search-index upkeep signal, ADR 0012: `organizations` sits below `agreements` and may not
  import it); the receiver in `receivers.py` refreshes that organization's agreements;
- the daily status job, when a grant version came into force (`agreement_access_sync_grants`).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, models, transaction

from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.grants.models import VisibilityGrant
from mitra.grants.reference import builtin_grants

from .models import Agreement, AgreementAccess, AgreementParty

REGIONAL_KINDS = [
    GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
    GovernmentBody.Kind.REGENCY_GOVERNMENT,
    GovernmentBody.Kind.CITY_GOVERNMENT,
]
ORMAS_ASING = "foreign_ngo"

Pairs = models.QuerySet  # values_list(agreement id, body id), no ordering


def _constant(body_id: int) -> models.Value:
    return models.Value(body_id, output_field=models.BigIntegerField())


def _agreements(ids: list[int] | None) -> models.QuerySet:
    qs = Agreement.objects.order_by()
    return qs if ids is None else qs.filter(pk__in=ids)


def _parties(ids: list[int] | None) -> models.QuerySet:
    qs = AgreementParty.objects.order_by()
    return qs if ids is None else qs.filter(agreement_id__in=ids)


def base_sources(ids: list[int] | None) -> list[Pairs]:
    """Owner, parties' agencies, shared-with (ADR 0011)."""
    shared = Agreement.shared_with.through.objects.order_by()
    if ids is not None:
        shared = shared.filter(agreement_id__in=ids)
    return [
        _agreements(ids).values_list("pk", "owner_id"),
        _parties(ids).filter(agency__isnull=False).values_list("agreement_id", "agency_id"),
        shared.values_list("agreement_id", "governmentbody_id"),
    ]


def _org_kind(grantees: list[int], kinds: list[str], ids: list[int] | None) -> list[Pairs]:
    """The grantees read agreements with a foreign party of one of `kinds`."""
    matching = _parties(ids).filter(organization__kind__in=kinds)
    return [
        matching.annotate(grantee=_constant(b)).values_list("agreement_id", "grantee")
        for b in grantees
    ]


def _territory(ids: list[int] | None) -> list[Pairs]:
    """Each regional government reads the agreements naming its territory: a province those
    naming it or one of its regencies/cities; a regency or city those naming it. The row names
    the regional government itself (its units read through it)."""
    bodies = GovernmentBody.objects.order_by()
    provinces = bodies.filter(kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT)
    local = bodies.filter(
        kind__in=[GovernmentBody.Kind.REGENCY_GOVERNMENT, GovernmentBody.Kind.CITY_GOVERNMENT]
    )
    paths = [
        (provinces, "province__agreement"),
        (provinces, "province__regencies__agreement"),
        (local, "regency__agreement"),
    ]
    sources = []
    for qs, path in paths:
        # One filter() call: the values_list below reuses its join (one row per link).
        condition: dict[str, bool | list[int]] = {f"{path}__isnull": False}
        if ids is not None:
            condition[f"{path}__in"] = ids
        sources.append(qs.filter(**condition).values_list(path, "pk"))
    return sources


def _regional_ormas(grantees: list[int], kinds: list[str], ids: list[int] | None) -> list[Pairs]:
    """The grantees read ormas asing agreements (or of `kinds`) that name any region."""
    in_kind = AgreementParty.objects.filter(organization__kind__in=kinds).values("agreement_id")
    provinces = Agreement.provinces.through.objects.values("agreement_id")
    regencies = Agreement.regencies.through.objects.values("agreement_id")
    matching = _agreements(ids).filter(
        models.Q(pk__in=in_kind),
        models.Q(pk__in=provinces) | models.Q(pk__in=regencies),
    )
    return [matching.annotate(grantee=_constant(b)).values_list("pk", "grantee") for b in grantees]


def _regional_cooperation(grantees: list[int], ids: list[int] | None) -> list[Pairs]:
    """The grantees read the agreements regional governments own (KSDPL/KSDLL)."""
    matching = _agreements(ids).filter(owner__kind__in=REGIONAL_KINDS)
    return [matching.annotate(grantee=_constant(b)).values_list("pk", "grantee") for b in grantees]


def _meeting_agenda(ids: list[int] | None) -> list[Pairs]:
    """The agencies organizing, invited to or attending a meeting read the agreements linked to
    it (`Meeting.agreements`, reached by its reverse name: agreements does not import
    meetings)."""
    sources = []
    for path in [
        "meetings__organizer_agency",
        "meetings__invited__agency",
        "meetings__attendees__agency",
    ]:
        sources.append(
            _agreements(ids).filter(**{f"{path}__isnull": False}).values_list("pk", path)
        )
    return sources


def grants_in_force(on: date | None = None) -> list[VisibilityGrant]:
    """The grant versions in force on `on`; the shipped defaults while the table is empty."""
    on = on or today()
    grants = VisibilityGrant.objects.in_force(on)
    if not grants and not VisibilityGrant.objects.exists():
        grants = builtin_grants(on)
    return grants


def organization_kinds_read_by(body_ids: list[int], on: date | None = None) -> set[str]:
    """SECURITY: the kinds of foreign organization whose records an `org_kind` grant in force
    gives one of `body_ids` (the TPOA members: ormas asing; the working group: regional,
    multilateral and UN organizations). Records of an organization beyond its agreements
    (sanction cases) follow the same grants. Two queries."""
    if not body_ids:
        return set()
    keys = set(GovernmentBody.objects.filter(pk__in=body_ids).values_list("key", flat=True))
    kinds: set[str] = set()
    for grant in grants_in_force(on):
        if grant.rule == VisibilityGrant.Rule.ORG_KIND and keys & set(grant.grantee_body_keys()):
            kinds |= set(grant.organization_kinds)
    return kinds


def grant_sources(ids: list[int] | None, on: date | None = None) -> list[Pairs]:
    """The (agreement, body) pairs of every grant in force on `on` (default today)."""
    grants = grants_in_force(on)
    keys = {k for g in grants for k in g.grantee_body_keys()}
    body_ids = dict(GovernmentBody.objects.filter(key__in=keys).values_list("key", "pk"))
    sources: list[Pairs] = []
    R = VisibilityGrant.Rule
    for grant in grants:
        grantees = [body_ids[k] for k in grant.grantee_body_keys() if k in body_ids]
        if grant.rule == R.ORG_KIND:
            sources += _org_kind(grantees, list(grant.organization_kinds), ids)
        elif grant.rule == R.REGIONAL_ORMAS:
            kinds = list(grant.organization_kinds) or [ORMAS_ASING]
            sources += _regional_ormas(grantees, kinds, ids)
        elif grant.rule == R.REGIONAL_COOPERATION:
            sources += _regional_cooperation(grantees, ids)
        elif grant.rule == R.TERRITORY:
            sources += _territory(ids)
        elif grant.rule == R.MEETING_AGENDA:
            sources += _meeting_agenda(ids)
    return sources


def all_sources(ids: list[int] | None, on: date | None = None) -> list[Pairs]:
    return base_sources(ids) + grant_sources(ids, on)


def _union(sources: list[Pairs]) -> Pairs:
    first, *rest = sources
    # No ORDER BY on the compound query (the first model's default ordering would ask for one).
    return first.union(*rest).order_by() if rest else first


def expected_access(agreement_ids: list[int]) -> dict[int, dict[int, bool]]:
    """agreement id → {body id: own}: the owner, parties' agencies and shared-with are its own
    (True); the bodies only a grant lets read it are not (False). Two UNION queries (plus one
    for the grants and one for their bodies)."""
    expected: dict[int, dict[int, bool]] = defaultdict(dict)
    ids = list(agreement_ids)
    if not ids:
        return expected
    grants = grant_sources(ids)
    for pk, body_id in _union(grants) if grants else []:
        if pk is not None and body_id is not None:
            expected[pk][body_id] = False
    for pk, body_id in _union(base_sources(ids)):
        if pk is not None and body_id is not None:
            expected[pk][body_id] = True
    return expected


@transaction.atomic
def agreement_refresh_access(agreement_ids: Iterable[int]) -> None:
    """Make the access rows of these agreements match their sources."""
    ids = sorted(set(agreement_ids))
    if not ids:
        return
    expected = expected_access(ids)
    current: dict[int, dict[int, bool]] = defaultdict(dict)
    for pk, agency_id, own in AgreementAccess.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "agency_id", "own"
    ):
        current[pk][agency_id] = own
    for pk in ids:
        stale = set(current[pk]) - set(expected[pk])
        if stale:
            AgreementAccess.objects.filter(agreement_id=pk, agency_id__in=stale).delete()
        for own in (True, False):
            changed = [
                body
                for body, was in current[pk].items()
                if body in expected[pk] and was != own and expected[pk][body] == own
            ]
            if changed:
                AgreementAccess.objects.filter(agreement_id=pk, agency_id__in=changed).update(
                    own=own
                )
    AgreementAccess.objects.bulk_create(
        [
            AgreementAccess(agreement_id=pk, agency_id=agency_id, own=own)
            for pk in ids
            for agency_id, own in expected[pk].items()
            if agency_id not in current[pk]
        ]
    )


def rebuild_all_access_statements(on: date | None = None) -> list[tuple[str, tuple]]:
    """For bulk loads: the own rows (one INSERT … SELECT … UNION), marked own, then the granted
    rows not already there (INSERT … ON CONFLICT DO NOTHING, SQLite and PostgreSQL)."""
    table = AgreementAccess._meta.db_table
    base_sql, base_params = _union(base_sources(None)).query.sql_with_params()
    statements = [
        # ON CONFLICT: a refresh that committed while this ran must not fail the rebuild.
        (
            f"INSERT INTO {table} (agreement_id, agency_id) SELECT * FROM ({base_sql}) "  # noqa: S608
            "AS own_rows WHERE true ON CONFLICT (agency_id, agreement_id) DO NOTHING",
            tuple(base_params),
        ),
        (f"UPDATE {table} SET own = %s", (True,)),  # noqa: S608 - the model's table, no input
    ]
    grants = grant_sources(None, on)
    if grants:
        grant_sql, grant_params = _union(grants).query.sql_with_params()
        statements.append(
            (
                # The model's table and Django-compiled SQL; values travel as parameters.
                f"INSERT INTO {table} (agreement_id, agency_id) SELECT * FROM ({grant_sql}) "  # noqa: S608
                "AS granted WHERE true ON CONFLICT (agency_id, agreement_id) DO NOTHING",
                tuple(grant_params),
            )
        )
    return statements


@transaction.atomic
def agreement_rebuild_all_access() -> None:
    """Recompute every access row from scratch (after bulk loads that bypass the services, and
    after a visibility grant changed)."""
    AgreementAccess.objects.all().delete()
    with connection.cursor() as cursor:
        for sql, params in rebuild_all_access_statements():
            cursor.execute(sql, params)


def agreement_access_sync_grants(on: date | None = None, *, days: int = 7) -> bool:
    """Daily: rebuild when a grant version came into force in the last `days` days (its
    `valid_from` passed since the table was last built). Returns whether it rebuilt."""
    on = on or today()
    recent = VisibilityGrant.objects.filter(
        valid_from__gt=on - timedelta(days=days), valid_from__lte=on
    ).exists()
    if recent:
        agreement_rebuild_all_access()
    return recent
