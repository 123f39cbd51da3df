"""The agreement list's pages from the shared cache (issue 13 §6, `mitra.core.cache.
generation_cached`): the same JSON again without the list's queries, per user and query,
until a recorded change; errors are never stored; off in the test settings."""

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.services import agreement_transition
from mitra.agreements.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/agreements/"


@pytest.fixture(autouse=True)
def _cache(settings: Any) -> Any:
    settings.MITRA = {**settings.MITRA, "HOME_CACHE_SECONDS": 300}
    cache.clear()
    yield
    cache.clear()


def listed(client: Any, **params: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    return response, len(captured)


def test_the_same_page_is_served_again_until_a_recorded_change(
    client_for: Any,
    officer: Any,
    operator: Any,
    kemendagri: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    agreement = AgreementFactory(owner=kemendagri, title="Mekong water programme", active=True)
    client = client_for(officer)
    first, cold = listed(client)
    second, warm = listed(client)
    assert second.json() == first.json()
    assert warm < cold
    assert not any("agreement" in q["sql"] for q in connection.queries[-warm:] if warm)

    Agreement.objects.filter(pk=agreement.pk).update(title="Renamed")  # no recorded event
    assert listed(client)[0].json() == first.json()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_transition(
            agreement_id=agreement.pk,
            transition="terminate",
            actor=operator,
            reason="Ended early.",
            confirmed=True,
        )
    fresh = listed(client)[0].json()
    assert fresh["results"][0]["title"] == "Renamed"
    assert fresh["results"][0]["status"] == Agreement.Status.TERMINATED


def test_each_user_and_query_has_its_own_page(
    client_for: Any, officer: Any, kemendagri: Any, kemenkes: Any, settings: Any
) -> None:
    # Kemendagri is a TPOA member: its grant would let it read every agreement here.
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": []}
    AgreementFactory(owner=kemendagri, active=True)
    AgreementFactory(owner=kemenkes, active=True)
    other = UserFactory(officer=True, body=kemenkes)
    mine = listed(client_for(officer))[0].json()
    theirs = listed(client_for(other))[0].json()
    assert [r["id"] for r in mine["results"]] == [
        a.pk for a in Agreement.objects.visible_to(officer)
    ]
    assert [r["id"] for r in theirs["results"]] == [
        a.pk for a in Agreement.objects.visible_to(other)
    ]
    assert mine != theirs
    assert listed(client_for(officer), status="draft")[0].json()["count"] == 0
    assert listed(client_for(officer))[0].json() == mine


def test_errors_are_not_stored(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    assert listed(client, page=0)[0].status_code == 400
    assert listed(client, page=5)[0].status_code == 404
    assert listed(client, page=5)[0].status_code == 404
    assert listed(client)[0].status_code == 200
