"""The history tab in words (mitra.audit.history): one wording per event type and field, ids
resolved to names with a fixed number of queries, and the date rule."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.events import event_label
from mitra.audit.history import history_describe
from mitra.audit.models import AuditEvent
from mitra.audit.services import audit_effective_on, audit_event_record
from mitra.audit.tests.factories import AuditEventFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory

pytestmark = pytest.mark.django_db


def describe(event: AuditEvent) -> list[str]:
    return history_describe([event])[0].sentences


def test_owner_change_names_both_bodies() -> None:
    old = GovernmentBodyFactory(name="Kementerian Dalam Negeri", acronym="Kemendagri")
    new = GovernmentBodyFactory(name="Biro Kerja Sama Teknik Luar Negeri", acronym="Biro KTLN")
    agreement = AgreementFactory(owner=new)
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"owner": old.pk}, "new": {"owner": new.pk}, "warnings": []},
    )
    with translation.override("en"):
        assert describe(event) == ["Owner changed from Kemendagri to Biro KTLN"]


def test_renews_names_the_agreement_with_its_years() -> None:
    msp = AgreementFactory(title="MSP", start_date=date(2021, 3, 17), end_date=date(2024, 3, 16))
    renewal = AgreementFactory(renews=msp)
    event = AuditEventFactory(
        target=renewal, event="agreement.created", data={"new": {"renews": msp.pk}}
    )
    with translation.override("en"):
        assert "Renews MSP 2021–2024" in describe(event)


def test_status_uses_the_choice_labels_and_dates_the_long_format() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={
            "old": {"status": "draft", "end_date": "2027-01-09", "signing_place": ""},
            "new": {"status": "active", "end_date": "2027-03-01", "signing_place": "Jakarta"},
        },
    )
    with translation.override("en"):
        sentences = describe(event)
    draft = str(Agreement.Status.DRAFT.label)
    active = str(Agreement.Status.ACTIVE.label)
    assert f"Status changed from {draft} to {active}" in sentences
    assert any(s.endswith("changed from 9 January 2027 to 1 March 2027") for s in sentences)
    assert any(s.endswith("set to Jakarta") for s in sentences)


def test_removed_value_and_created_record() -> None:
    body = GovernmentBodyFactory(acronym="Kemlu")
    agreement = AgreementFactory(owner=body)
    removed = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"signing_place": "Jakarta"}, "new": {"signing_place": ""}},
    )
    created = AuditEventFactory(
        target=agreement,
        event="agreement.created",
        data={"new": {"owner": body.pk, "reference": "", "renews": None}},
    )
    with translation.override("en"):
        assert describe(removed)[0].endswith("removed (was Jakarta)")
        # A new record: only what it was given, not its empty fields.
        assert describe(created) == ["Owner: Kemlu"]


def test_renewal_link_removed() -> None:
    msp = AgreementFactory(title="MSP", start_date=date(2021, 1, 1), end_date=date(2024, 1, 1))
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"renews": msp.pk}, "new": {"renews": None}},
    )
    with translation.override("en"):
        assert describe(event) == ["No longer a renewal (was renewing MSP 2021–2024)"]


def test_intake_record_created() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement, event="intake.record_created", data={"submission": 12}
    )
    with translation.override("en"):
        entry = history_describe([event])[0]
    assert entry.label == "Created from an intake submission"
    assert entry.sentences == ["Created from intake submission 12"]


def test_added_item_events_and_unknown_keys() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.signatory_added",
        data={"new": {"signatory": "Sekretaris Jenderal", "party": "UCLG ASPAC"}},
    )
    with translation.override("en"):
        assert describe(event) == ["Signatory: Sekretaris Jenderal", "Party: UCLG ASPAC"]
    assert event_label("nothing.record_created") == "Record created"


def test_a_removed_related_record_reads_as_removed() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"owner": 999999}, "new": {"owner": agreement.owner_id}},
    )
    with translation.override("en"):
        assert describe(event)[0].startswith("Owner changed from #999999 (removed) to ")


def test_indonesian_wording() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"signing_place": "Bogor"}, "new": {"signing_place": "Jakarta"}},
    )
    with translation.override("id"):
        sentence = describe(event)[0]
    assert "Bogor" in sentence
    assert "Jakarta" in sentence


def test_names_resolved_with_a_fixed_number_of_queries(django_assert_max_num_queries) -> None:
    bodies = [GovernmentBodyFactory() for _ in range(6)]
    msp = AgreementFactory()
    events = []
    for i in range(5):
        agreement = AgreementFactory(owner=bodies[i])
        events.append(
            AuditEventFactory(
                target=agreement,
                event="agreement.updated",
                data={
                    "old": {"owner": bodies[i].pk, "renews": None},
                    "new": {"owner": bodies[i + 1].pk, "renews": msp.pk},
                },
            )
        )
    history_describe(events[:1])  # warms the content-type cache
    # One query for the bodies, one for the agreements: however many events.
    with django_assert_max_num_queries(2):
        entries = history_describe(events)
    assert all(len(e.sentences) == 2 for e in entries)


# --- the date rule ----------------------------------------------------------------------


def test_dated_when_it_took_effect_when_that_differs() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.signed",
        data={"effective_on": "2021-03-17"},
        occurred_at=datetime(2026, 12, 6, 3, 0, tzinfo=UTC),
    )
    with translation.override("en"):
        entry = history_describe([event])[0]
        assert entry.dated_differently
        assert entry.when == "17 March 2021 (recorded 6 December 2026)"
    with translation.override("id"):
        assert entry.when.startswith("17 Maret 2021")


def test_same_day_shows_the_recorded_time_only() -> None:
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.signed",
        data={"effective_on": "2026-12-06"},
        occurred_at=datetime(2026, 12, 6, 3, 0, tzinfo=UTC),
    )
    entry = history_describe([event])[0]
    assert not entry.dated_differently
    with translation.override("en"):
        assert "recorded" not in entry.when
        assert "2026" in entry.when


def test_audit_effective_on_stamps_events_recorded_inside_the_block() -> None:
    agreement = AgreementFactory()
    with audit_effective_on(date(2024, 4, 4)):
        inside = audit_event_record(event="agreement.signed", target=agreement, actor=None)
        own = audit_event_record(
            event="agreement.signed",
            target=agreement,
            actor=None,
            data={"effective_on": "2024-01-01"},
        )
    outside = audit_event_record(event="agreement.signed", target=agreement, actor=None)
    assert inside.data["effective_on"] == "2024-04-04"
    assert own.data["effective_on"] == "2024-01-01"
    assert "effective_on" not in outside.data


def test_history_component_renders_sentences() -> None:
    old = GovernmentBodyFactory(acronym="Kemendagri")
    agreement = AgreementFactory()
    event = AuditEventFactory(
        target=agreement,
        event="agreement.updated",
        data={"old": {"owner": old.pk}, "new": {"owner": agreement.owner_id}},
    )
    with translation.override("en"):
        html = Template('{% include "components/history.html" %}').render(
            Context({"history": [event]})
        )
    assert "Owner changed from Kemendagri to" in html
    assert ">agreement.updated<" not in html  # the key only as a tooltip, never as text
