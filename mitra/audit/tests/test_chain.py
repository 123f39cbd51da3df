"""The audit hash chain: every event linked, every change below the ORM found by `audit_verify`,
and on PostgreSQL refused by the trigger (both database passes of `make test` run each test;
where the databases differ the test asserts each one's behaviour)."""

import threading
import time
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from mitra.accounts.tests.factories import UserFactory
from mitra.audit import chain
from mitra.audit.models import AuditChainHead, AuditEvent
from mitra.audit.selectors import audit_chain_verify
from mitra.audit.services import audit_chain_extend, audit_event_record

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"


def record(n: int, target=None) -> list[AuditEvent]:
    target = target or UserFactory()
    return [
        audit_event_record(event="test.recorded", target=target, actor=None, data={"n": i})
        for i in range(n)
    ]


def tamper(*statements: tuple[str, list]) -> None:
    """Run SQL against the audit table below the ORM. PostgreSQL's trigger must refuse the
    first statement; the test then disables the trigger (in the test's transaction, rolled back
    at the end) to show that `audit_verify` finds the change anyway."""
    with connection.cursor() as cursor:
        if ON_POSTGRESQL:
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(*statements[0])
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks for ALTER
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        for statement in statements:
            cursor.execute(*statement)


def test_recorded_events_form_one_chain():
    events = record(3)
    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].prev_hash == chain.GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert all(e.occurred_at <= f.occurred_at for e, f in zip(events, events[1:], strict=False))
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (3, events[-1].hash)
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert (report.checked, report.last_sequence, report.unchained) == (3, 3, 0)


def test_the_hash_covers_every_field_and_the_place_in_the_chain():
    [event] = record(1)
    base = dict(sequence=1, prev_hash=chain.GENESIS, **chain.content_of(event))
    assert chain.event_hash(**base) == event.hash
    changed = {
        "sequence": 2,
        "prev_hash": "1" * 64,
        "event": "test.other",
        "occurred_at": event.occurred_at.replace(microsecond=(event.occurred_at.microsecond + 1)),
        "actor_id": 999,
        "actor_name": "someone",
        "actor_agency": "Kemendagri",
        "target_ct_id": event.target_ct_id + 1,
        "target_id": event.target_id + 1,
        "target_label": "other",
        "data": {"n": 1},
    }
    assert set(changed) == {"sequence", "prev_hash", *chain.CONTENT}
    for name, value in changed.items():
        assert chain.event_hash(**{**base, name: value}) != event.hash, name


def test_data_hashes_the_same_after_the_database_round_trip():
    """Values JSON changes on the way in (Decimal, dates, whole floats in jsonb) hash as they
    read back, so a fresh event verifies on both databases."""
    target = UserFactory()
    data = {
        "amount": Decimal("1500000.50"),
        "due": date(2027, 1, 31),
        "big": 1e16,
        "ratio": 0.1,
        "whole": 2.0,
        "nested": [{"b": 1, "a": None}, "Kementerian – Dalam Negeri ü"],
    }
    audit_event_record(event="test.recorded", target=target, actor=None, data=data)
    stored = AuditEvent.objects.get()
    assert stored.data["amount"] == "1500000.50"
    report = audit_chain_verify()
    assert report.ok, report.problem


def test_an_orm_update_below_the_manager_is_refused_or_found():
    events = record(4)
    victim = AuditEvent._base_manager.filter(pk=events[1].pk)
    if ON_POSTGRESQL:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            victim.update(target_label="tampered")
        assert audit_chain_verify().ok
    else:
        victim.update(target_label="tampered")
        problem = audit_chain_verify().problem
        assert problem is not None
        assert (problem.kind, problem.sequence, problem.event_id) == (
            "hash_mismatch",
            2,
            events[1].pk,
        )


def test_a_raw_sql_edit_is_reported():
    events = record(5)
    tamper(("UPDATE audit_auditevent SET data = %s WHERE id = %s", ['{"n": 99}', events[2].pk]))
    report = audit_chain_verify()
    assert report.problem is not None
    assert (report.problem.kind, report.problem.sequence) == ("hash_mismatch", 3)
    assert report.checked == 2


def test_an_edit_that_rehashes_the_event_breaks_the_next_link():
    events = record(4)
    forged = chain.event_hash(
        sequence=2,
        prev_hash=events[0].hash,
        **{**chain.content_of(events[1]), "target_label": "forged"},
    )
    tamper(
        (
            "UPDATE audit_auditevent SET target_label = %s, hash = %s WHERE id = %s",
            ["forged", forged, events[1].pk],
        )
    )
    problem = audit_chain_verify().problem
    assert problem is not None
    assert (problem.kind, problem.sequence) == ("prev_mismatch", 3)


def test_a_deleted_row_is_reported():
    events = record(5)
    tamper(("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk]))
    problem = audit_chain_verify().problem
    assert problem is not None
    assert (problem.kind, problem.sequence, problem.event_id) == ("gap", 4, events[3].pk)
    assert "1 event(s) missing" in problem.detail


def test_deleting_the_last_rows_is_reported_through_the_head():
    events = record(5)
    tamper(("DELETE FROM audit_auditevent WHERE id >= %s", [events[3].pk]))
    problem = audit_chain_verify().problem
    assert problem is not None
    assert (problem.kind, problem.sequence) == ("head", 5)
    assert "ends at sequence 3" in problem.detail


def test_a_head_moved_back_is_reported():
    events = record(4)
    AuditChainHead.objects.update(sequence=2, hash=events[1].hash)
    problem = audit_chain_verify().problem
    assert problem is not None
    assert (problem.kind, problem.sequence) == ("head", 2)
    assert "continues to sequence 4 past its head" in problem.detail


def test_a_reordered_pair_is_reported():
    """Two rows swap their contents (each keeps a valid hash of its own content): moving the
    content between the two ids is the same as swapping the ids."""
    events = record(5)
    first, second = events[1].pk, events[2].pk
    move = "UPDATE audit_auditevent SET id = %s WHERE id = %s"
    tamper((move, [-1, first]), (move, [first, second]), (move, [second, -1]))
    assert AuditEvent.objects.get(pk=first).sequence == 3
    problem = audit_chain_verify().problem
    assert problem is not None
    assert (problem.kind, problem.sequence, problem.event_id) == ("order", 3, first)
    assert f"event id {first} follows event id {second}" in problem.detail


def test_bulk_inserted_events_are_unchained_until_extended():
    record(2)
    target = UserFactory()
    ct = ContentType.objects.get_for_model(target)
    AuditEvent.objects.bulk_create(
        AuditEvent(event="bulk.loaded", target_ct=ct, target_id=target.pk, data={"i": i})
        for i in range(5)
    )
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == "unchained"
    assert "5 event(s)" in problem.detail

    if ON_POSTGRESQL:  # linking is the one update the trigger allows, and only of the links
        loose = AuditEvent.objects.filter(sequence__isnull=True).first()
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "UPDATE audit_auditevent SET sequence = 99, target_label = 'x' WHERE id = %s",
                [loose.pk],
            )

    assert audit_chain_extend() == 5
    assert audit_chain_extend() == 0
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert (report.checked, report.last_sequence) == (7, 7)
    record(1)
    assert audit_chain_verify().checked == 8


def test_a_missing_head_with_chained_events_stops_recording():
    record(2)
    AuditChainHead.objects.all().delete()
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == "head"
    with pytest.raises(RuntimeError, match="head is missing"), transaction.atomic():
        record(1)
    assert AuditEvent.objects.count() == 2


def test_saving_an_unchained_event_directly_is_refused():
    target = UserFactory()
    event = AuditEvent(
        event="x", target_ct=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    with pytest.raises(RuntimeError, match="audit_event_record"):
        event.save()
    assert not AuditEvent.objects.exists()


def test_the_audit_verify_command():
    events = record(3)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "Audit chain OK: 3 events checked" in out.getvalue()
    assert events[-1].hash in out.getvalue()

    tamper(("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["someone", events[0].pk]))
    err = StringIO()
    with pytest.raises(CommandError, match="verification failed"):
        call_command("audit_verify", stdout=StringIO(), stderr=err)
    assert f"sequence 1 (event id {events[0].pk}): hash_mismatch" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_valid():
    """Threads record at once, each in its own transaction. On PostgreSQL they queue on the
    head's row lock. SQLite serialises writers on its database lock; the in-memory test database
    (shared cache) answers "table is locked" at once instead of waiting as a file database does,
    so there, and only there, a writer retries its whole transaction."""
    target = UserFactory()
    writers, each = 4, 10
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            barrier.wait()
            for i in range(each):
                while True:
                    try:
                        with transaction.atomic():
                            audit_event_record(event="test.concurrent", target=target, actor=None)
                            if i % 3 == 0:  # hold the head a little longer now and then
                                AuditEvent.objects.filter(target_id=target.pk).count()
                        break
                    except OperationalError as error:
                        if ON_POSTGRESQL or "locked" not in str(error):
                            raise
                        time.sleep(0.001)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(
        range(1, writers * each + 1)
    )
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.checked == writers * each


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_events_recorded_before_the_chain():
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0002_chain")])
    try:
        old = MigrationExecutor(connection).loader.project_state(("audit", "0002_chain")).apps
        events = old.get_model("audit", "AuditEvent")
        target = UserFactory()
        ct = ContentType.objects.get_for_model(target)
        events.objects.bulk_create(
            events(event=f"old.{i}", target_ct_id=ct.pk, target_id=target.pk, data={"i": i})
            for i in range(30)
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("audit"))
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.checked == 30
    firsts = AuditEvent.objects.order_by("sequence").values_list("event", flat=True)[:2]
    assert list(firsts) == ["old.0", "old.1"]
    record(1)
    assert audit_chain_verify().checked == 31
