"""Issue 13 §2 under real concurrency: no lost update, no duplicate, no server error.

Each test runs TRIALS rounds of two requests sent at the same moment from two threads, each
with its own PostgreSQL connection (committed data: `transaction=True`). Marked `postgresql`:
SQLite has no row locks and writes one at a time, so the run on SQLite deselects these and
says so (mitra/conftest.py); on PostgreSQL they always run.
"""

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core import concurrency
from mitra.meetings.models import Meeting
from mitra.meetings.tests.factories import make_meeting
from mitra.organizations.models import ForeignOrganization

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
TRIALS = 100
Action = Callable[[Any], Any]


@pytest.fixture(autouse=True)
def _postgresql() -> None:
    """Never a silent pass: selected on another database, these tests fail here."""
    assert connection.vendor == "postgresql", "race tests need PostgreSQL (TEST_DATABASE_URL)"


def race(
    trials: int,
    prepare: Callable[[int], Any],
    *actions: Action,
    after: Callable[[int, list[Any]], None] | None = None,
) -> list[list[Any]]:
    """Run `actions` at once, one per thread, `trials` times; each gets `prepare(trial)`, and
    `after(trial, results)` looks at the outcome before the next round.

    The threads live for the whole test (one connection each); two barriers start every round
    together and wait for all of its requests. An exception is kept as the round's result."""
    start = threading.Barrier(len(actions) + 1, timeout=60)
    done = threading.Barrier(len(actions) + 1, timeout=60)
    box: dict[str, Any] = {}
    results: list[list[Any]] = [[None] * len(actions) for _ in range(trials)]

    def worker(index: int) -> None:
        try:
            for trial in range(trials):
                start.wait()
                try:
                    results[trial][index] = actions[index](box["context"])
                except Exception as error:  # noqa: BLE001 (kept and asserted on)
                    results[trial][index] = error
                done.wait()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    try:
        for trial in range(trials):
            box["context"] = prepare(trial)
            start.wait()
            done.wait()
            if after is not None:
                after(trial, results[trial])
    finally:
        for thread in threads:
            thread.join(timeout=60)
        close_old_connections()
    return results


def statuses(results: list[list[Any]]) -> Counter[tuple[int, ...]]:
    """How often each (sorted) pair of status codes came back; an exception fails the test."""
    for row in results:
        for result in row:
            assert not isinstance(result, Exception), repr(result)
    return Counter(tuple(sorted(r.status_code for r in row)) for row in results)


def api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def assert_no_server_error(counts: Counter[tuple[int, ...]]) -> None:
    assert not [pair for pair in counts if any(code >= 500 for code in pair)], counts


# --- two PATCHes of different fields with the same If-Match --------------------------------


def patch_race(
    url: str,
    model: Any,
    pk: int,
    user: Any,
    first: Callable[[int], dict],
    second: Callable[[int], dict],
) -> tuple[Counter[tuple[int, ...]], int]:
    """Returns the status pairs and the number of lost updates: rounds where the request that
    got 200 did not leave its change, or the one refused left one."""
    clients = [api(user), api(user)]

    befores: list[dict[str, Any]] = []

    def prepare(trial: int) -> dict[str, Any]:
        record = model.objects.get(pk=pk)
        befores.append({k: _value(record, k) for k in {**first(trial), **second(trial)}})
        return {"trial": trial, "etag": f'"{record.version}"'}

    def send(index: int, body: Callable[[int], dict]) -> Action:
        def action(context: dict[str, Any]) -> Any:
            return clients[index].patch(
                url, body(context["trial"]), format="json", HTTP_IF_MATCH=context["etag"]
            )

        return action

    lost = 0

    def after(trial: int, row: list[Any]) -> None:
        nonlocal lost
        a, b = row
        if isinstance(a, Exception) or isinstance(b, Exception):
            return
        if {a.status_code, b.status_code} != {200, 412}:
            return
        record = model.objects.get(pk=pk)
        winner_body = (first if a.status_code == 200 else second)(trial)
        loser_body = (second if a.status_code == 200 else first)(trial)
        before = befores[trial]
        winner_kept = all(_value(record, k) == v for k, v in winner_body.items())
        loser_wrote = any(_value(record, k) == v != before[k] for k, v in loser_body.items())
        lost += (not winner_kept) or loser_wrote

    results = race(TRIALS, prepare, send(0, first), send(1, second), after=after)
    return statuses(results), lost


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name)
    if hasattr(value, "all"):
        return sorted(b.key for b in value.all())
    return value


def test_two_patches_of_an_agreement(officer: Any, kemendagri: Any, kemenkes: Any) -> None:
    # The last state of `objective` of the 100th round must not collide with an earlier one:
    # each round writes values no earlier round wrote.
    agreement = AgreementFactory(owner=kemendagri, title="Start", shared_with=[])
    counts, lost = patch_race(
        f"/api/v1/agreements/{agreement.pk}/",
        Agreement,
        agreement.pk,
        officer,
        lambda t: {"title": f"Title {t}"},
        lambda t: {"objective": f"Objective {t}", "shared_with": ["kemenkes"] if t % 2 else []},
    )
    assert_no_server_error(counts)
    assert counts == Counter({(200, 412): TRIALS}), counts
    assert lost == 0


def test_two_patches_of_a_meeting(officer: Any, kemendagri: Any) -> None:
    meeting = make_meeting(kemendagri, officer)
    counts, lost = patch_race(
        f"/api/v1/meetings/{meeting.pk}/",
        Meeting,
        meeting.pk,
        officer,
        lambda t: {"title": f"Rapat {t}"},
        lambda t: {"purpose": f"Purpose {t}"},
    )
    assert_no_server_error(counts)
    assert counts == Counter({(200, 412): TRIALS}), counts
    assert lost == 0


def test_two_patches_of_an_organization(officer: Any) -> None:
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    org = ForeignOrganizationFactory(legal_name="Race Foundation")
    counts, lost = patch_race(
        f"/api/v1/organizations/{org.pk}/",
        ForeignOrganization,
        org.pk,
        officer,
        lambda t: {"phone": f"+62 {t}"},
        lambda t: {"headquarters": f"City {t}"},
    )
    assert_no_server_error(counts)
    assert counts == Counter({(200, 412): TRIALS}), counts
    assert lost == 0


# --- double submits of a create -------------------------------------------------------------


def test_double_create_of_an_organization_with_one_key(officer: Any) -> None:
    clients = [api(officer), api(officer)]

    def prepare(trial: int) -> dict[str, Any]:
        body = {"legal_name": f"Double {uuid4().hex}", "kind": "un_agency", "country": "CH"}
        return {"body": body, "key": f"org-{trial}"}

    def send(index: int) -> Action:
        return lambda c: clients[index].post(
            "/api/v1/organizations/", c["body"], format="json", HTTP_IDEMPOTENCY_KEY=c["key"]
        )

    counts = statuses(race(TRIALS, prepare, send(0), send(1)))
    assert_no_server_error(counts)
    assert set(counts) <= {(201, 201), (201, 409)}, counts
    names = ForeignOrganization.objects.filter(legal_name__startswith="Double ")
    assert names.count() == TRIALS  # one per round, never two


def test_double_submit_of_the_organization_form(officer: Any) -> None:
    clients = [Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")]
    for client in clients:
        client.force_login(officer)
    with translation.override("en"):
        url = reverse("organizations:create")

    # Names far apart: the duplicate check also refuses close names ("… 1" and "… 2").
    names = [f"Form {uuid4().hex}" for _ in range(TRIALS)]

    def prepare(trial: int) -> dict[str, Any]:
        token = concurrency.form_token_issue(user=officer, scope="organizations.create")
        data = {
            "legal_name": names[trial],
            "kind": "un_agency",
            "country": "CH",
            concurrency.FORM_TOKEN_FIELD: token,
        }
        return {"data": data}

    def send(index: int) -> Action:
        return lambda c: clients[index].post(url, c["data"])

    results = race(TRIALS, prepare, send(0), send(1))
    counts = statuses(results)
    assert_no_server_error(counts)
    assert counts == Counter({(302, 302): TRIALS}), counts
    for trial, (a, b) in enumerate(results):
        org = ForeignOrganization.objects.get(legal_name=names[trial])
        assert a["Location"] == b["Location"] == f"/en/organizations/{org.pk}/"
    assert ForeignOrganization.objects.filter(legal_name__startswith="Form ").count() == (TRIALS)


def test_double_create_of_an_agreement_with_one_key(officer: Any, kemendagri: Any) -> None:
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    partner = ForeignOrganizationFactory(un_agency=True)
    clients = [api(officer), api(officer)]

    def prepare(trial: int) -> dict[str, Any]:
        body = {"title": f"Double MoU {trial}", "type": "mou", "foreign_parties": [partner.pk]}
        return {"body": body, "key": f"agreement-{trial}"}

    def send(index: int) -> Action:
        return lambda c: clients[index].post(
            "/api/v1/agreements/", c["body"], format="json", HTTP_IDEMPOTENCY_KEY=c["key"]
        )

    counts = statuses(race(TRIALS, prepare, send(0), send(1)))
    assert_no_server_error(counts)
    assert set(counts) <= {(201, 201), (201, 409)}, counts
    assert Agreement.objects.filter(title__startswith="Double MoU ").count() == TRIALS


def test_two_renewals_of_one_agreement(officer: Any, kemendagri: Any) -> None:
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    partner = ForeignOrganizationFactory(un_agency=True)
    clients = [api(officer), api(officer)]

    def prepare(trial: int) -> dict[str, Any]:
        predecessor = AgreementFactory(
            owner=kemendagri,
            foreign_parties=[partner],
            start_date=date(2020, 1, 1),
            end_date=date(2023, 12, 31),
            expired=True,
        )
        return {"renews": predecessor.pk, "trial": trial}

    def send(index: int) -> Action:
        def action(c: dict[str, Any]) -> Any:
            body = {
                "title": f"Renewal {c['trial']}-{index}",
                "type": "mou",
                "foreign_parties": [partner.pk],
                "start_date": "2024-01-01",
                "renews": c["renews"],
            }
            return clients[index].post("/api/v1/agreements/", body, format="json")

        return action

    results = race(TRIALS, prepare, send(0), send(1))
    counts = statuses(results)
    assert_no_server_error(counts)
    assert counts == Counter({(201, 409): TRIALS}), counts
    for row in results:
        refused = next(r for r in row if r.status_code == 409)
        assert "is already renewed by" in refused.json()["extra"]["renews"][0]
    renewed = Agreement.objects.filter(title__startswith="Renewal ").values_list(
        "renews", flat=True
    )
    assert len(renewed) == len(set(renewed)) == TRIALS
