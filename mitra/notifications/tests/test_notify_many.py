"""notify_many(): many notices at once (the daily deadline scan), with the outcome of calling
notify for each request in turn, in a number of queries that does not grow with them."""

from dataclasses import replace
from typing import Any

import pytest
from django.core import mail
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from mitra.accounts.tests.factories import UserFactory
from mitra.notifications import registry
from mitra.notifications.models import Notice
from mitra.notifications.registry import UnknownEvent
from mitra.notifications.services import NoticeRequest, notify, notify_many
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
EVENT = "tests.something_happened"
BROKEN = "tests.broken_rule"
FIELDS = ("event", "key", "user_id", "address", "language", "title", "url", "email_status")


@pytest.fixture
def cast(kemendagri, fasker, kemenkes, officer, viewer, other_officer, test_event) -> Any:
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    rep = UserFactory(org_representative=True, organization=ford, username="ford")
    rep.preferred_language = "en"
    rep.save()
    other = ForeignOrganizationFactory(legal_name="Other Foundation")
    UserFactory(org_representative=True, organization=other)
    UserFactory(officer=True, body=kemendagri, is_active=False)

    def broken(subject: Any, context: dict[str, Any]) -> Any:
        raise ValueError("this rule is broken")

    registry.register_event(replace(test_event, name=BROKEN, recipients=broken))
    # Invited bodies' mailboxes: bare addresses, one of them a user's own.
    registry.register_event(
        replace(
            test_event,
            name="tests.with_addresses",
            addresses=lambda s, c: ["Sekretariat@Example.go.id", officer.email.upper()],
        )
    )
    yield {"ford": ford, "other": other, "rep": rep}
    registry._events.pop(BROKEN, None)
    registry._events.pop("tests.with_addresses", None)


def _requests(cast, kemendagri, kemenkes, viewer) -> list[NoticeRequest]:
    ford, other = cast["ford"], cast["other"]
    both = {"bodies": [kemendagri.pk], "organizations": [ford.pk]}
    return [
        NoticeRequest(EVENT, ford, both, key="a"),
        NoticeRequest(EVENT, ford, both, key="a", actor=viewer),  # the same key: nobody new
        NoticeRequest(EVENT, ford, both, key="b", actor=viewer),  # the actor is not told
        NoticeRequest("tests.no_such_event", ford, both, key="c"),
        NoticeRequest(BROKEN, ford, both, key="d"),
        NoticeRequest(EVENT, other, {"bodies": [kemenkes.pk], "organizations": [other.pk]}),
        NoticeRequest(EVENT, other, {"bodies": [], "organizations": []}, key="nobody"),
        NoticeRequest("tests.with_addresses", ford, both, key="e"),
        NoticeRequest(EVENT, ford, both, key="f", recipients=[cast["rep"]]),
    ]


def _one_by_one(requests: list[NoticeRequest]) -> list[Any]:
    """What the reminder job did before: notify per request, each in its own savepoint."""
    outcomes: list[Any] = []
    for r in requests:
        try:
            with transaction.atomic():
                outcomes.append(
                    notify(
                        event=r.event,
                        subject=r.subject,
                        actor=r.actor,
                        context=r.context,
                        key=r.key,
                        recipients=r.recipients,
                    )
                )
        except Exception as error:  # noqa: BLE001 - compared with notify_many's outcome
            outcomes.append(error)
    return outcomes


def _shape(outcomes: list[Any]) -> list[Any]:
    return [
        type(o).__name__
        if isinstance(o, Exception)
        else [tuple(getattr(n, f) for f in FIELDS) for n in o]
        for o in outcomes
    ]


class _Rollback(Exception):
    pass


def _reference(requests: list[NoticeRequest]) -> list[Any]:
    try:
        with transaction.atomic():
            expected = _shape(_one_by_one(requests))
            raise _Rollback
    except _Rollback:
        pass
    assert not Notice.objects.exists()
    return expected


def test_the_outcome_is_that_of_notify_for_each_request_in_turn(
    cast, kemendagri, kemenkes, viewer, officer, django_capture_on_commit_callbacks
):
    requests = _requests(cast, kemendagri, kemenkes, viewer)
    expected = _reference(requests)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outcomes = notify_many(requests)
    assert _shape(outcomes) == expected
    assert isinstance(outcomes[3], UnknownEvent)
    assert isinstance(outcomes[4], ValueError)
    assert outcomes[1] == []
    assert outcomes[6] == []
    assert {n.user.username for n in outcomes[0]} == {"kemendagri", "kemendagri_viewer", "ford"}
    assert {n.user.username for n in outcomes[2]} == {"kemendagri", "ford"}
    assert [n.address for n in outcomes[7] if n.user_id is None] == ["sekretariat@example.go.id"]
    assert [n.title for n in outcomes[0] if n.user_id == cast["rep"].pk][0].startswith(
        "Notifications: "
    )
    # All the emails queued once, on commit, and each sent.
    assert len(callbacks) == 1
    created = [n for o in outcomes if isinstance(o, list) for n in o]
    assert len(mail.outbox) == len(created) == Notice.objects.count()
    # Again: nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = notify_many(requests)
    assert all(o == [] for o in again if not isinstance(o, Exception))
    assert Notice.objects.count() == len(created)


def test_a_failed_query_rolls_the_batch_back_and_it_is_done_one_by_one(
    cast, kemendagri, kemenkes, viewer, test_event, django_capture_on_commit_callbacks
):
    def database_down(subject: Any, context: dict[str, Any]) -> Any:
        raise DatabaseError("the rule's query failed")

    registry.register_event(replace(test_event, name=BROKEN, recipients=database_down))
    requests = _requests(cast, kemendagri, kemenkes, viewer)
    expected = _reference(requests)
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = notify_many(requests)
    assert _shape(outcomes) == expected
    assert isinstance(outcomes[4], DatabaseError)
    assert Notice.objects.count() == sum(len(o) for o in outcomes if isinstance(o, list)) > 0


def test_a_conflicting_insert_falls_back_to_one_by_one(
    cast, kemendagri, kemenkes, viewer, monkeypatch
):
    """Another process told someone between the read and the insert: the unique constraints
    make the batch's insert fail; it is then done one request at a time."""
    requests = _requests(cast, kemendagri, kemenkes, viewer)
    expected = _reference(requests)
    # Given recipients as an iterator: read once, yet the one-by-one path still sees them.
    requests[8] = replace(requests[8], recipients=iter([cast["rep"]]))
    calls = []
    original = QuerySet.bulk_create

    def conflict_once(self: Any, objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(objs))
        if len(calls) == 1:
            raise IntegrityError("UNIQUE constraint failed: notice_once_per_user")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", conflict_once)
    outcomes = notify_many(requests)
    assert len(calls) > 1  # the batch, then each request's own insert
    assert _shape(outcomes) == expected


def test_queries_do_not_grow_with_the_requests(cast, kemendagri, kemenkes, viewer):
    def batch(n: int, prefix: str) -> list[NoticeRequest]:
        context = {"bodies": [kemendagri.pk], "organizations": [cast["ford"].pk]}
        return [NoticeRequest(EVENT, cast["ford"], context, key=f"{prefix}{i}") for i in range(n)]

    with CaptureQueriesContext(connection) as few:
        small = notify_many(batch(3, "x"))
    with CaptureQueriesContext(connection) as many:
        large = notify_many(batch(30, "y"))
    assert sum(len(o) for o in small) == 3 * 3
    assert sum(len(o) for o in large) == 30 * 3
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_nothing_to_do_is_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert notify_many([]) == []
    assert captured.captured_queries == []
