"""Sanctions test setup: the TPOA secretariat (Kemlu) and its officer, Ford and its
representative, another organization partnered with Kemenkes, and a case factory."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.deadlines import calendar
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions import services
from mitra.sanctions.models import SanctionCase


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    calendar.clear_cache()


@pytest.fixture
def kemlu(db: Any) -> Any:
    return GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")


@pytest.fixture
def secretariat(kemlu: Any) -> Any:
    return UserFactory(username="kemlu", officer=True, body=kemlu)


@pytest.fixture
def ford(db: Any) -> Any:
    return ForeignOrganizationFactory(legal_name="Ford Foundation")


@pytest.fixture
def ford_rep(ford: Any) -> Any:
    return UserFactory(username="ford", org_representative=True, organization=ford)


@pytest.fixture
def path_org(kemenkes: Any) -> Any:
    """An organization partnered with Kemenkes (so Kemenkes sees its cases)."""
    org = ForeignOrganizationFactory(legal_name="PATH")
    AgreementFactory(owner=kemenkes, foreign_parties=[org], active=True)
    return org


@pytest.fixture
def open_case(secretariat: Any) -> Callable[..., SanctionCase]:
    def make(org: Any, **kwargs: Any) -> SanctionCase:
        return services.sanction_case_open(
            organization=org,
            violation=kwargs.pop("violation", "Political activity (UU 17/2013 Ps 52)."),
            source=kwargs.pop("source", SanctionCase.Source.MONITORING),
            reported_on=kwargs.pop("reported_on", date(2026, 1, 5)),
            actor=kwargs.pop("actor", secretariat),
            **kwargs,
        )

    return make


def move(case: SanctionCase, action: str, actor: Any, on: date, **kwargs: Any) -> SanctionCase:
    from mitra.bodies.models import GovernmentBody

    if action == "escalate":
        kwargs.setdefault("legal_basis", "UU 16/2017 Ps 62")
        kwargs.setdefault("authority", GovernmentBody.objects.get(key="kemlu"))
    if action in ("lift", "dismiss"):
        kwargs.setdefault("notes", "Reason.")
    return services.sanction_case_move(
        case_id=case.pk,
        data=services.MoveInput(action=action, issued_on=on, **kwargs),
        actor=actor,
    )
