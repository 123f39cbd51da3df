from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory


@pytest.fixture
def kemlu_officer(db: Any) -> Any:
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")
    unit = GovernmentBodyFactory(
        key="kemlu-dit-sosbud", name="Dit. Sosbud", acronym="", kind=GovernmentBody.Kind.UNIT,
        parent=kemlu,
    )  # fmt: skip
    return UserFactory(officer=True, body=unit, username="kemlu_risk")


@pytest.fixture
def kemensetneg(db: Any) -> Any:
    return GovernmentBodyFactory(key="kemensetneg", name="Kementerian Sekretariat Negara")


@pytest.fixture
def ktln_viewer(kemensetneg: Any) -> Any:
    ktln = GovernmentBodyFactory(
        key="kemensetneg-biro-ktln", name="Biro KTLN", acronym="", kind=GovernmentBody.Kind.UNIT,
        parent=kemensetneg,
    )  # fmt: skip
    return UserFactory(viewer=True, body=ktln, username="ktln_risk")


@pytest.fixture
def setneg_other_unit(kemensetneg: Any) -> Any:
    unit = GovernmentBodyFactory(
        key="kemensetneg-biro-umum", name="Biro Umum", acronym="", kind=GovernmentBody.Kind.UNIT,
        parent=kemensetneg,
    )  # fmt: skip
    return UserFactory(officer=True, body=unit, username="setneg_umum")


@pytest.fixture
def operator(db: Any) -> Any:
    return UserFactory(operator=True, username="risk_operator")
