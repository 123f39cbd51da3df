"""API test setup: the canonical cast (Kemendagri and its Pusat Fasker unit, another ministry,
Ford Foundation and UCLG ASPAC), users per role, token clients, reference rows."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from mitra.accounts.tests.factories import UserFactory, api_key_for
from mitra.agreements.models import Agreement, AgreementDocument, AgreementParty, Signatory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory, SectorFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Any) -> Iterator[None]:
    """Uploaded files go to a temporary folder; throttling counters start empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jateng(db: Any) -> Any:
    return ProvinceFactory(code="33", name="Jawa Tengah")


@pytest.fixture
def semarang(jateng: Any) -> Any:
    return RegencyFactory(code="33.74", province=jateng, name="Kota Semarang", kind="city")


@pytest.fixture
def governance(db: Any) -> Any:
    return SectorFactory(code="governance", name_id="Tata kelola", name_en="Governance")


@pytest.fixture
def ford(db: Any) -> ForeignOrganization:
    return ForeignOrganizationFactory(legal_name="Ford Foundation", country="US")


@pytest.fixture
def uclg(db: Any) -> ForeignOrganization:
    return ForeignOrganizationFactory(
        legal_name="United Cities and Local Governments Asia-Pacific",
        acronym="UCLG ASPAC",
        regional=True,
        country="ID",
    )


@pytest.fixture
def ford_rep(ford: ForeignOrganization) -> Any:
    return UserFactory(username="ford", org_representative=True, organization=ford)


@pytest.fixture
def anon() -> APIClient:
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def client_for() -> Callable[[Any], APIClient]:
    """An API client authenticated with the user's token, as an integrator would be."""

    def make(user: Any) -> APIClient:
        key = api_key_for(user)
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


@pytest.fixture
def ford_msp_2021(kemendagri: GovernmentBody, ford: ForeignOrganization) -> Agreement:
    """Ford Foundation MSP 2021–2024, signed 2021-03-17 (expired: it was renewed in 2024)."""
    return AgreementFactory(
        title="MSP Kemendagri – Ford Foundation 2021–2024",
        owner=kemendagri,
        foreign_parties=[ford],
        signing_date=date(2021, 3, 17),
        start_date=date(2021, 3, 17),
        end_date=date(2024, 3, 16),
        expired=True,
    )


@pytest.fixture
def kemendagri_draft(kemendagri: GovernmentBody, uclg: ForeignOrganization) -> Agreement:
    return AgreementFactory(
        title="Draft MoU Kemendagri – UCLG ASPAC",
        type=Agreement.Type.MOU,
        owner=kemendagri,
        foreign_parties=[uclg],
        signing_date=None,
        start_date=date(2024, 4, 4),
        end_date=date(2029, 4, 3),
    )


COUNTED = [
    Agreement,
    AgreementParty,
    Signatory,
    AgreementDocument,
    ForeignOrganization,
    AuditEvent,
    Agreement.sectors.through,
    Agreement.provinces.through,
    Agreement.regencies.through,
    Agreement.shared_with.through,
    ForeignOrganization.sectors.through,
]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


@contextmanager
def nothing_written() -> Iterator[None]:
    """Assert that the block changes no row count (records, relations, audit events)."""
    before = row_counts()
    yield
    assert row_counts() == before


def error_text(response: Any) -> str:
    """The message and every field message of an error response, joined (for asserts)."""
    body = response.json()
    assert set(body) == {"message", "extra"}, body
    parts = [body["message"]]
    for value in body["extra"].values():
        parts.extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return " | ".join(parts)
