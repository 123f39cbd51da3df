"""The agreement list's count (issue 13 §6): without a filter it is counted on the access rows,
with one over the list; either way `count`, the pages and the 404 past the last page agree
with the list itself."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.api.pagination import CountedPaginator

pytestmark = pytest.mark.django_db
URL = "/api/v1/agreements/"


@pytest.fixture
def records(kemendagri: Any, kemenkes: Any, fasker: Any, settings: Any) -> None:
    # Kemendagri is a TPOA member: its grant would let it read every agreement here.
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": []}
    AgreementFactory(owner=kemendagri, active=True)
    AgreementFactory(owner=kemendagri)
    AgreementFactory(owner=kemenkes, government_parties=[fasker], active=True)  # party
    AgreementFactory(owner=kemenkes)  # not Kemendagri's


def test_the_count_without_a_filter_is_read_on_the_access_rows(
    client_for: Any, officer: Any, records: None
) -> None:
    with CaptureQueriesContext(connection) as captured:
        page = client_for(officer).get(URL, {"page_size": 2}).json()
    assert page["count"] == 3
    assert [r["id"] for r in page["results"]] == list(
        Agreement.objects.visible_to(officer).values_list("pk", flat=True)[:2]
    )
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert "COUNT(DISTINCT" in counts[0]
    assert 'agreements_agreement"' not in counts[0].split("WHERE")[0]  # no join to the list


def test_a_filtered_count_is_the_filtered_list(
    client_for: Any, officer: Any, records: None
) -> None:
    page = client_for(officer).get(URL, {"status": "active"}).json()
    assert page["count"] == 2
    assert {r["status"] for r in page["results"]} == {"active"}
    assert client_for(officer).get(URL, {"status": "expired"}).json()["count"] == 0


def test_pages_follow_the_count(client_for: Any, officer: Any, records: None) -> None:
    client = client_for(officer)
    assert client.get(URL, {"page_size": 2, "page": 2}).json()["next"] is None
    assert len(client.get(URL, {"page_size": 2, "page": "last"}).json()["results"]) == 1
    assert client.get(URL, {"page_size": 2, "page": 3}).status_code == 404
    # Nothing matches: one empty first page, a 404 after it.
    assert client.get(URL, {"status": "expired"}).json()["results"] == []
    assert client.get(URL, {"status": "expired", "page": 2}).status_code == 404


def test_a_representative_and_an_operator_count_what_they_see(
    client_for: Any, operator: Any, ford: Any, kemendagri: Any, records: None
) -> None:
    AgreementFactory(owner=kemendagri, foreign_parties=[ford], active=True)
    AgreementFactory(owner=kemendagri, foreign_parties=[ford])  # a draft: not for Ford
    rep = UserFactory(org_representative=True, organization=ford)
    assert client_for(rep).get(URL).json()["count"] == 1
    assert client_for(operator).get(URL).json()["count"] == Agreement.objects.count() == 6


def test_the_counted_paginator_uses_the_given_count() -> None:
    rows = list(range(10))
    assert CountedPaginator(rows, 4, count=5).num_pages == 2
    assert CountedPaginator(rows, 4).num_pages == 3  # no count given: len(rows)
