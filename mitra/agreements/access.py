"""Keeping AgreementAccess (who may see an agreement) equal to what it is derived from."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from .models import Agreement, AgreementAccess, AgreementParty


def expected_access(agreement_ids: list[int]) -> dict[int, set[int]]:
    """agreement id → agencies that may see it: owner, parties' agencies, shared-with."""
    expected: dict[int, set[int]] = defaultdict(set)
    for pk, owner_id in Agreement.objects.filter(pk__in=agreement_ids).values_list(
        "pk", "owner_id"
    ):
        expected[pk].add(owner_id)
    for pk, agency_id in AgreementParty.objects.filter(
        agreement_id__in=agreement_ids, agency__isnull=False
    ).values_list("agreement_id", "agency_id"):
        expected[pk].add(agency_id)
    shared = Agreement.shared_with.through.objects.filter(agreement_id__in=agreement_ids)
    for pk, agency_id in shared.values_list("agreement_id", "governmentbody_id"):
        expected[pk].add(agency_id)
    return expected


@transaction.atomic
def agreement_refresh_access(agreement_ids: Iterable[int]) -> None:
    """Make the access rows of these agreements match their owner, parties and sharing."""
    ids = list(agreement_ids)
    if not ids:
        return
    expected = expected_access(ids)
    current: dict[int, set[int]] = defaultdict(set)
    for pk, agency_id in AgreementAccess.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "agency_id"
    ):
        current[pk].add(agency_id)
    for pk in ids:
        stale = current[pk] - expected[pk]
        if stale:
            AgreementAccess.objects.filter(agreement_id=pk, agency_id__in=stale).delete()
    AgreementAccess.objects.bulk_create(
        [
            AgreementAccess(agreement_id=pk, agency_id=agency_id)
            for pk in ids
            for agency_id in expected[pk] - current[pk]
        ]
    )


REBUILD_SQL = """
INSERT INTO {access} (agreement_id, agency_id)
SELECT id, owner_id FROM {agreement}
UNION SELECT agreement_id, agency_id FROM {party} WHERE agency_id IS NOT NULL
UNION SELECT agreement_id, governmentbody_id FROM {shared}
"""


def rebuild_all_access_sql(access: str, agreement: str, party: str, shared: str) -> str:
    """One INSERT … SELECT for bulk loads (benchmark data, the backfill migration)."""
    return REBUILD_SQL.format(access=access, agreement=agreement, party=party, shared=shared)


@transaction.atomic
def agreement_rebuild_all_access() -> None:
    """Recompute every access row from scratch (after bulk loads that bypass the services)."""
    AgreementAccess.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            rebuild_all_access_sql(
                AgreementAccess._meta.db_table,
                Agreement._meta.db_table,
                AgreementParty._meta.db_table,
                Agreement.shared_with.through._meta.db_table,
            )
        )
