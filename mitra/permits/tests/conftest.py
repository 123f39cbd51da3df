"""Licensing test cast: member agencies with one officer each, Ford's representative, a
province, a complete Ford application as a draft."""

from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.tests.factories import ProvinceFactory

from .factories import complete_application, members


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agencies(kemendagri: Any) -> dict[str, Any]:
    return members()


@pytest.fixture
def officers(agencies: dict[str, Any]) -> dict[str, Any]:
    return {
        key: UserFactory(username=f"{key}_officer", officer=True, body=body)
        for key, body in agencies.items()
    }


@pytest.fixture
def secretariat(officers: dict[str, Any]) -> Any:
    return officers["kemlu"]


@pytest.fixture
def ngo(db: Any) -> Any:
    return ForeignOrganizationFactory(legal_name="Ford Foundation", country="US")


@pytest.fixture
def rep(ngo: Any) -> Any:
    return UserFactory(username="ford", org_representative=True, organization=ngo)


@pytest.fixture
def province(db: Any) -> Any:
    return ProvinceFactory(code="33", name="Jawa Tengah")


@pytest.fixture
def draft(ngo: Any, rep: Any, agencies: dict[str, Any], province: Any) -> Any:
    return complete_application(ngo, rep, agencies["kemendagri"], province)
