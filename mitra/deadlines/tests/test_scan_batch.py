"""The daily scan at national scale (issue 13 §7): its queries do not grow with the number of
deadlines, the engine's events find the same recipients read in bulk as one by one, and a
deadline whose event fails is counted and stops no other."""

from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.deadlines import registry
from mitra.deadlines.notices import concerned, concerned_in_bulk
from mitra.deadlines.registry import Deadline
from mitra.deadlines.services import reminders_send
from mitra.notifications.models import Notice
from mitra.notifications.registry import active_once, get_event
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
ENDS = date(2026, 12, 29)  # 30 days after TODAY: the 30-day reminder


def _agreements(n: int, owner: Any) -> None:
    """`n` active agreements of `owner` ending on ENDS, each with its own organization and
    representative (as at national scale: a different set of recipients per deadline)."""
    for i in range(n):
        organization = ForeignOrganizationFactory(legal_name=f"Foundation {n}-{i}")
        UserFactory(org_representative=True, organization=organization)
        AgreementFactory(
            owner=owner,
            foreign_parties=[organization],
            active=True,
            start_date=date(2024, 1, 1),
            end_date=ENDS,
        )


class _Rollback(Exception):
    pass


def _scan_with(n: int, owner: Any) -> dict[str, Any]:
    """Queries and counts of a scan over `n` such agreements and of a second scan the same
    day, then rolled back."""
    outcome: dict[str, Any] = {}
    try:
        with transaction.atomic():
            _agreements(n, owner)
            with CaptureQueriesContext(connection) as captured:
                outcome["counts"] = reminders_send(on=TODAY)
            outcome["queries"] = len(captured.captured_queries)
            outcome["notices"] = Notice.objects.count()
            with CaptureQueriesContext(connection) as captured:
                outcome["again"] = reminders_send(on=TODAY)
            outcome["queries_again"] = len(captured.captured_queries)
            assert Notice.objects.count() == outcome["notices"]
            raise _Rollback
    except _Rollback:
        pass
    return outcome


def test_the_scan_takes_as_many_queries_for_50_deadlines_as_for_5(kemendagri, officer, viewer):
    few, many = _scan_with(5, kemendagri), _scan_with(50, kemendagri)
    # Each agreement: its 30-day reminder to the officer (a unit's), the viewer and its
    # organization's representative, so the work grew tenfold...
    assert few["counts"]["sent"] == few["notices"] == 5 * 3
    assert many["counts"]["sent"] == many["notices"] == 50 * 3
    assert few["counts"]["failed"] == many["counts"]["failed"] == 0
    # ...and the queries did not (one per 500 deadlines' keys, 900 bodies, ... at most).
    assert many["queries"] <= few["queries"] + 2, (few["queries"], many["queries"])
    # A second run the same day sends nothing, in as few queries.
    assert few["again"]["sent"] == many["again"]["sent"] == 0
    assert many["queries_again"] <= few["queries_again"] + 2


def _deadline(agencies: list[Any], organizations: list[Any]) -> Deadline:
    return Deadline(
        key="test:1:due",
        title="Test",
        due=TODAY,
        agencies=list(agencies),
        organizations=list(organizations),
    )


def test_the_engine_events_find_the_same_recipients_in_bulk_as_one_by_one(
    kemendagri, fasker, kemenkes, officer, viewer, other_officer
):
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    other = ForeignOrganizationFactory(legal_name="Other Foundation")
    UserFactory(org_representative=True, organization=ford)
    UserFactory(org_representative=True, organization=ford, is_active=False)
    UserFactory(org_representative=True, organization=other)
    UserFactory(officer=True, body=kemendagri, is_active=False)
    unit_of_kemenkes = GovernmentBodyFactory(unit=True, parent=kemenkes, key="kemenkes-unit")
    UserFactory(viewer=True, body=unit_of_kemenkes)
    deadlines = [
        _deadline([kemendagri.pk], [ford.pk]),
        _deadline([fasker.pk], []),  # a unit alone: not its parent's officials
        _deadline([kemenkes.pk, kemendagri.pk], [ford.pk, other.pk]),
        _deadline([], [other.pk]),
        _deadline([], []),
        _deadline([None], [None]),  # type: ignore[list-item]
        _deadline([kemendagri.pk], [ford.pk]),  # the same set again
    ]
    items = [(None, {"deadline": d}) for d in deadlines]
    bulk = concerned_in_bulk(items)
    assert len(bulk) == len(items)
    for (subject, context), found in zip(items, bulk, strict=True):
        assert active_once(found) == active_once(concerned(subject, context))
    # Not vacuous: the sets differ from one deadline to another.
    sizes = [len(active_once(found)) for found in bulk]
    assert sizes[2] > sizes[0] > sizes[1] > 0
    assert sizes[4] == sizes[5] == 0
    for name in ("deadlines.reminder", "deadlines.overdue", "deadlines.window_opened"):
        assert get_event(name).recipients_in_bulk is concerned_in_bulk


def test_a_deadline_whose_event_fails_is_counted_and_the_others_are_sent(
    kemendagri, officer, caplog
):
    _agreements(3, kemendagri)

    def broken(*, start: Any, end: date, user: Any = None) -> list[Deadline]:
        return [
            Deadline(
                key="broken:1:due",
                title="Broken",
                due=ENDS,
                agencies=[kemendagri.pk],
                due_event="tests.no_such_event",
            )
        ]

    registry.register_provider("zz_broken", broken)
    try:
        counts = reminders_send(on=TODAY)
    finally:
        registry.unregister_provider("zz_broken")
    assert counts["failed"] == 1
    assert counts["sent"] == Notice.objects.count() == 3 * 2
    assert "reminder tests.no_such_event for broken:1:due failed" in caplog.text
