"""Monitoring test cast: Ford Foundation's active MSP with Kemendagri, its representative."""

from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ford(db: Any) -> Any:
    return ForeignOrganizationFactory(legal_name="Ford Foundation", country="US")


@pytest.fixture
def ford_rep(ford: Any) -> Any:
    return UserFactory(username="ford", org_representative=True, organization=ford)


@pytest.fixture
def other_rep(db: Any) -> Any:
    return UserFactory(username="path", org_representative=True)


@pytest.fixture
def msp(kemendagri: Any, ford: Any) -> Agreement:
    """Kemendagri – Ford Foundation MSP 2024-04-04 → 2027-04-03, active."""
    return AgreementFactory(
        title="Perpanjangan MSP Kemendagri – Ford Foundation 2024–2027",
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )
