"""The number of queries per page does not grow with the data (ZUL "SQL performance tests").

Each test measures a page on small data, adds four times as much, and asserts the same count.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mitra.agreements.tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    SignatoryFactory,
)
from mitra.audit.tests.factories import AuditEventFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory, SectorFactory
from mitra.regions.tests.factories import ProvinceFactory

from .helpers import freeze_today
from .world import World, build_world

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def frozen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with freeze_today(TODAY):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def sector(db):
    return SectorFactory(code="governance")


@pytest.fixture
def province(db):
    return ProvinceFactory(code="33", name="Jawa Tengah")


def grow(world: World, n: int, sector, province) -> None:
    """n more Kemendagri agreements, each with its own partner, ending within a year."""
    for i in range(n):
        org = ForeignOrganizationFactory(sectors=[sector])
        agreement = AgreementFactory(
            owner=world.kemendagri,
            foreign_parties=[org, world.ford],
            government_parties=[world.fasker],
            active=True,
            start_date=date(2024, 1, 1),
            end_date=date(2027, 1 + i % 12, 1),
            sectors=[sector],
            provinces=[province],
            title=f"Kerja sama tata kelola {i}",
        )
        SignatoryFactory(agreement=agreement)


def queries(client, url: str, params: dict | None = None) -> int:
    # A first request fills the per-process caches (deadline rule versions, the working-day
    # calendar), so every measured request finds them warm.
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context)


def assert_constant(
    client, world, sector, province, url, params=None, assert_max=None, shows="tata kelola"
):
    grow(world, 5, sector, province)
    small = queries(client, url, params)
    grow(world, 20, sector, province)
    with assert_max(small) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    assert len(context) == small, f"{url}: {small} queries on small data, {len(context)} on 4×"
    assert shows in response.content.decode(), "the page must show the grown data"
    print(f"{url} {params or ''}: {small} queries")  # noqa: T201 - shown with -s
    return small


def test_dashboard(client, world, sector, province, django_assert_max_num_queries):
    client.force_login(world.users["officer"])
    url = reverse("dashboard:home")
    assert_constant(client, world, sector, province, url, assert_max=django_assert_max_num_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "active", "sector": "SECTOR", "province": "PROVINCE", "type": "msp"},
        {"q": "tata kelola", "body": "BODY", "period_from": "2026-01-01"},
    ],
    ids=["plain", "filtered", "searched"],
)
def test_agreement_list(client, world, sector, province, params, django_assert_max_num_queries):
    client.force_login(world.users["officer"])
    values = {"SECTOR": sector.pk, "PROVINCE": province.pk, "BODY": world.kemendagri.pk}
    params = {k: values.get(v, v) for k, v in params.items()}
    assert_constant(
        client,
        world,
        sector,
        province,
        reverse("agreements:list"),
        params,
        assert_max=django_assert_max_num_queries,
    )


def detail_with(world: World, n: int, sector, province):
    """An agreement at the end of a chain of n, with n parties, signatories, documents, events."""
    previous = None
    for i in range(n):
        previous = AgreementFactory(
            owner=world.kemendagri,
            renews=previous,
            superseded=True,
            start_date=date(2000 + i, 1, 1),
            end_date=date(2000 + i, 12, 31),
        )
    orgs = [ForeignOrganizationFactory() for _ in range(n)]
    agreement = AgreementFactory(
        owner=world.kemendagri,
        renews=previous,
        foreign_parties=orgs,
        active=True,
        sectors=[sector, *[SectorFactory() for _ in range(n)]],
        provinces=[province],
    )
    for _ in range(n):
        SignatoryFactory(agreement=agreement)
        AgreementDocumentFactory(agreement=agreement)
        AuditEventFactory(target=agreement, actor=world.users["officer"])
    return agreement


@pytest.mark.parametrize("role", ["officer", "org_representative", "operator"])
def test_agreement_detail(client, world, sector, province, role, django_assert_max_num_queries):
    client.force_login(world.users[role])
    small = detail_with(world, 2, sector, province)
    large = detail_with(world, 8, sector, province)
    for agreement in (small, large):
        # The representative sees agreements of its own organization only.
        agreement.parties.create(side="foreign", organization=world.ford, role="party")
    count = queries(client, reverse("agreements:detail", args=[small.pk]))
    with django_assert_max_num_queries(count) as context:
        response = client.get(reverse("agreements:detail", args=[large.pk]))
    assert response.status_code == 200
    assert len(context) == count
    assert large.title in response.content.decode()


def test_organization_list(client, world, sector, province, django_assert_max_num_queries):
    client.force_login(world.users["officer"])
    url = reverse("organizations:list")
    max_queries = django_assert_max_num_queries
    assert_constant(
        client, world, sector, province, url, assert_max=max_queries, shows="Test Foundation"
    )


@pytest.mark.parametrize("params", [{}, {"q": "foundation"}], ids=["all", "searched"])
def test_public_directory(client, world, sector, province, params, django_assert_max_num_queries):
    assert_constant(
        client,
        world,
        sector,
        province,
        reverse("portal:directory"),
        params,
        assert_max=django_assert_max_num_queries,
        shows="Test Foundation",
    )
