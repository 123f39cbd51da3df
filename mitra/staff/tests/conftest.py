"""A small scene for the foreign staff tests: Biro KTLN (Kemensetneg), the TPOA secretariat
(Kemlu), the partner ministry (Kemenkes) and another ministry (Kemenkeu); two ormas asing with
an izin prinsip each (Ford, Asia) and their representatives; an operator."""

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory
from mitra.staff import services

TODAY = date(2026, 1, 10)
PASSPORT = "X1234567"


@pytest.fixture
def today() -> Any:
    with freeze_today(TODAY) as day:
        yield day


@pytest.fixture
def scene(db: Any, today: date) -> SimpleNamespace:
    kemensetneg = GovernmentBodyFactory(key="kemensetneg", name="Kemensetneg", acronym="")
    ktln_unit = GovernmentBodyFactory(
        key="kemensetneg-biro-ktln",
        name="Biro KTLN",
        acronym="",
        kind=GovernmentBody.Kind.UNIT,
        parent=kemensetneg,
    )
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kemlu", acronym="")
    kemenkes = GovernmentBodyFactory(key="kemenkes", name="Kemenkes", acronym="")
    kemenkeu = GovernmentBodyFactory(key="kemenkeu", name="Kemenkeu", acronym="")
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    asia = ForeignOrganizationFactory(legal_name="The Asia Foundation")
    for org in (ford, asia):
        PermitFactory(organization=org, valid_from=date(2024, 3, 1), valid_until=date(2031, 2, 28))
    return SimpleNamespace(
        kemensetneg=kemensetneg,
        kemenkes=kemenkes,
        ford=ford,
        asia=asia,
        ktln=UserFactory(username="ktln", officer=True, body=ktln_unit),
        kemlu=UserFactory(username="kemlu", officer=True, body=kemlu),
        kemenkes_officer=UserFactory(username="kemenkes", officer=True, body=kemenkes),
        kemenkeu_officer=UserFactory(username="kemenkeu", officer=True, body=kemenkeu),
        kemenkes_viewer=UserFactory(username="kemenkes_viewer", viewer=True, body=kemenkes),
        ford_rep=UserFactory(username="ford", org_representative=True, organization=ford),
        asia_rep=UserFactory(username="asia", org_representative=True, organization=asia),
        operator=UserFactory(username="op", operator=True),
    )


def request_input(scene: Any, **overrides: Any) -> services.StaffRequestInput:
    data: dict[str, Any] = {
        "name": "Jane Doe",
        "nationality": "US",
        "passport_number": PASSPORT,
        "passport_expires_on": date(2030, 1, 1),
        "position": "Country director",
        "start_date": date(2026, 2, 1),
        "end_date": date(2028, 1, 31),
        "partner_ministry_id": scene.kemenkes.pk,
    }
    data.update(overrides)
    return services.StaffRequestInput(**data)


def approved(scene: Any, org: Any = None, rep: Any = None, **overrides: Any) -> Any:
    """A request filed, recommended and approved (the assignment recorded)."""
    org, rep = org or scene.ford, rep or scene.ford_rep
    request = services.staff_request_create(
        organization_id=org.pk, data=request_input(scene, **overrides), actor=rep
    )
    services.staff_request_recommend(
        request_id=request.pk, note="Fine.", actor=scene.kemenkes_officer
    )
    return services.staff_request_approve(
        request_id=request.pk,
        approval_number=f"B-{request.pk}/KTLN",
        approved_on=TODAY,
        actor=scene.ktln,
    )
