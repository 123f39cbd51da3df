"""Audit events are append-only; the recording service denormalises the actor."""

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.audit.selectors import audit_chain_verify, audit_history
from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.audit.tests.factories import AuditEventFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory

pytestmark = pytest.mark.django_db


def test_a_stored_event_cannot_be_changed():
    event = AuditEventFactory()
    event.event = "tampered"
    with pytest.raises(RuntimeError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).event == "test.recorded"


def test_a_stored_event_cannot_be_deleted():
    event = AuditEventFactory()
    with pytest.raises(RuntimeError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_changes_are_refused_too():
    event = AuditEventFactory()
    events = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(RuntimeError):
        events.update(event="tampered")
    with pytest.raises(RuntimeError):
        events.delete()
    event.event = "tampered"
    with pytest.raises(RuntimeError):
        AuditEvent.objects.bulk_update([event], ["event"])
    assert AuditEvent.objects.get(pk=event.pk).event == "test.recorded"


def test_deleting_a_user_keeps_their_events_with_the_name():
    user = UserFactory(first_name="Rina", last_name="Wulandari")
    event = audit_event_record(event="test.recorded", target=user, actor=user)
    other = UserFactory()
    audit_event_record(event="test.recorded", target=other, actor=user)
    user_id = user.pk
    user.delete()  # the collector leaves audit events alone (DO_NOTHING, no FK constraint)
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_id == user_id  # as recorded: the id is part of the event's hash
    assert kept.actor_name == "Rina Wulandari"
    assert audit_chain_verify().ok


def test_record_denormalises_the_actor_and_target():
    body = GovernmentBodyFactory(acronym="Kemendagri", name="Kementerian Dalam Negeri")
    unit = GovernmentBodyFactory(unit=True, parent=body)
    actor = UserFactory(officer=True, body=unit, first_name="Siti", last_name="Aminah")
    event = audit_event_record(event="x.done", target=body, actor=actor, data={"k": 1})

    assert event.actor_name == "Siti Aminah"
    assert event.actor_agency == "Kementerian Dalam Negeri (Kemendagri)"
    assert (event.target_id, event.target_label) == (body.pk, str(body))
    system = audit_event_record(event="x.done", target=body, actor=None)
    assert (system.actor, system.actor_name, system.actor_agency) == (None, "system", "")
    assert audit_history(target=body) == [system, event]


def test_snapshot_and_diff():
    body = GovernmentBodyFactory(name="Old", acronym="O")
    before = model_snapshot(body, ["name", "acronym", "parent"])
    body.name = "New"
    after = model_snapshot(body, ["name", "acronym", "parent"])
    assert before == {"name": "Old", "acronym": "O", "parent": None}
    assert snapshot_diff(before, after) == {"old": {"name": "Old"}, "new": {"name": "New"}}
