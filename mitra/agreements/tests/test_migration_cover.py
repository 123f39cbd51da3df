"""Migration agreements/0011: agreements in force recorded before N3/N4 was enforced are flagged
at once (the secretariat's list is right before the first daily job)."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("agreements", "0010_cover_problem"), ("permits", "0001_licensing")]
AFTER = [("agreements", "0011_backfill_cover_problem"), ("permits", "0001_licensing")]


def migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaf_nodes():  # type: ignore[no-untyped-def]
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_agreements_in_force_without_cover_are_flagged():
    old = migrate(BEFORE)
    Body = old.get_model("bodies", "GovernmentBody")
    Organization = old.get_model("organizations", "ForeignOrganization")
    Agreement = old.get_model("agreements", "Agreement")
    Party = old.get_model("agreements", "AgreementParty")
    Permit = old.get_model("permits", "Permit")
    body = Body.objects.create(key="kemendagri", name="Kementerian Dalam Negeri", kind="ministry")
    covered, bare, un = (
        Organization.objects.create(legal_name=name, kind=kind, country="US")
        for name, kind in [("Covered", "foreign_ngo"), ("Bare", "foreign_ngo"), ("UN", "un_agency")]
    )
    Permit.objects.create(
        number="IP-1", organization=covered, decision_date=date(2023, 12, 1),
        valid_from=date(2024, 1, 1), valid_until=date(2026, 12, 31), status="expired",
    )  # fmt: skip
    Permit.objects.create(
        number="IP-2", organization=covered, decision_date=date(2026, 10, 1),
        valid_from=date(2027, 1, 1), valid_until=date(2029, 12, 31),
    )  # fmt: skip

    def agreement(organization, status, end=date(2027, 6, 30)):  # type: ignore[no-untyped-def]
        row = Agreement.objects.create(
            title=f"MSP {organization.legal_name} {status}", type="msp", status=status,
            owner=body, start_date=date(2024, 1, 1), end_date=end,
        )  # fmt: skip
        Party.objects.create(agreement=row, side="foreign", organization=organization)
        return row

    rows = {
        "covered by the chain": agreement(covered, "active"),
        "bare": agreement(bare, "signed"),
        "bare but a draft": agreement(bare, "draft"),
        "a UN agency": agreement(un, "active"),
    }
    try:
        new = migrate(AFTER)
        flags = dict(
            new.get_model("agreements", "Agreement").objects.values_list("title", "cover_problem")
        )
        assert flags[rows["covered by the chain"].title] == ""
        assert flags[rows["bare"].title] == "Bare holds no izin prinsip valid on 2024-01-01."
        assert flags[rows["bare but a draft"].title] == ""
        assert flags[rows["a UN agency"].title] == ""
    finally:
        migrate(leaf_nodes())
