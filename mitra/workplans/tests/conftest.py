"""The cast of the work plan tests: the Kemendagri–Ford MSP 2024–2027 with its RIK and Ford's
izin prinsip over it, Jawa Tengah with Kota Semarang and their governments, and the users around
them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans import services
from mitra.workplans.models import RegionalNotification, WorkPlan


@dataclass
class Cast:
    kemendagri: Any
    jateng: Any
    semarang: Any
    diy: Any
    pemprov: Any
    pemkot: Any
    pemprov_diy: Any
    ford: Any
    msp: Any
    rik: WorkPlan
    users: dict[str, Any]


def build_cast(kemendagri: Any, officer: Any, operator: Any) -> Cast:
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    semarang = RegencyFactory(code="33.74", province=jateng, name="Kota Semarang", kind="city")
    diy = ProvinceFactory(code="34", name="DI Yogyakarta")
    pemprov = GovernmentBodyFactory(
        key="pemprov-33",
        name="Pemerintah Provinsi Jawa Tengah",
        acronym="Pemprov Jateng",
        kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
        province=jateng,
    )
    pemkot = GovernmentBodyFactory(
        key="pemkot-33.74",
        name="Pemerintah Kota Semarang",
        acronym="Pemkot Semarang",
        kind=GovernmentBody.Kind.CITY_GOVERNMENT,
        province=jateng,
        regency=semarang,
    )
    pemprov_diy = GovernmentBodyFactory(
        key="pemprov-34",
        name="Pemerintah Daerah DIY",
        acronym="Pemda DIY",
        kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
        province=diy,
    )
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    # Ford, an ormas asing, holds its izin prinsip over the MSP: the last link of the chain
    # RKT ⊆ RIK ⊆ MSP ⊆ izin prinsip (N3, N7).
    PermitFactory(
        organization=ford,
        number="IP-2024-0007",
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )
    msp = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )
    users = {
        "operator": operator,
        "officer": officer,
        "ford": UserFactory(org_representative=True, organization=ford, username="ford"),
        "jateng": UserFactory(officer=True, body=pemprov, username="jateng"),
        "jateng_viewer": UserFactory(viewer=True, body=pemprov, username="jateng_viewer"),
    }
    rik = services.workplan_create(
        data=services.WorkPlanInput(
            kind=WorkPlan.Kind.RIK,
            agreement=msp,
            title="RIK 2024–2027",
            start_date=msp.start_date,
            end_date=msp.end_date,
        ),
        actor=operator,
    )
    for move in ("approve", "sign", "activate"):
        services.workplan_transition(work_plan_id=rik.pk, transition=move, actor=operator)
    rik.refresh_from_db()
    return Cast(
        kemendagri, jateng, semarang, diy, pemprov, pemkot, pemprov_diy, ford, msp, rik, users
    )


@pytest.fixture
def cast(kemendagri: Any, officer: Any, operator: Any) -> Cast:
    return build_cast(kemendagri, officer, operator)


def rkt_input(cast: Cast, **overrides: Any) -> services.WorkPlanInput:
    values: dict[str, Any] = {
        "kind": WorkPlan.Kind.RKT,
        "agreement": cast.msp,
        "parent": cast.rik,
        "title": "RKT 2025 Jawa Tengah",
        "province": cast.jateng,
        "start_date": date(2025, 1, 1),
        "end_date": date(2025, 12, 31),
    }
    values.update(overrides)
    return services.WorkPlanInput(**values)


def make_rkt(cast: Cast, status: str = "active", **overrides: Any) -> WorkPlan:
    actor = cast.users["operator"]
    rkt = services.workplan_create(data=rkt_input(cast, **overrides), actor=actor)
    moves = {"draft": [], "approved": ["approve"], "signed": ["approve", "sign"]}
    for move in moves.get(status, ["approve", "sign", "activate"]):
        services.workplan_transition(work_plan_id=rkt.pk, transition=move, actor=actor)
    rkt.refresh_from_db()
    return rkt


def notify(cast: Cast, rkt: WorkPlan, recipient: str, **kw: Any) -> RegionalNotification:
    return services.notification_record(
        work_plan_id=rkt.pk,
        data=services.NotificationInput(
            recipient=recipient,
            province=kw.pop("province", cast.jateng),
            notified_on=kw.pop("notified_on", date(2025, 2, 1)),
            reference=kw.pop("reference", f"B/{recipient}/{rkt.pk}"),
            **kw,
        ),
        actor=cast.users["operator"],
    )


@dataclass
class N5Cast:
    """The N5 cast on top of `cast`: Pemprov Jawa Tengah's Kesbangpol and Bappeda units,
    Kemendagri's Ditjen Polpum (with Dit. Ormas), their users, an active RKT 2025 Jawa Tengah,
    and two N5 notices of it: to Pemprov Jawa Tengah and to Kemendagri (both 2025-02-03)."""

    kesbangpol: Any
    bappeda: Any
    polpum: Any
    ormas: Any
    rkt: WorkPlan
    to_pemprov: RegionalNotification
    to_kemendagri: RegionalNotification
    users: dict[str, Any]


def build_n5(cast: Cast) -> N5Cast:
    unit = GovernmentBody.Kind.UNIT
    kesbangpol = GovernmentBodyFactory(
        key="pemprov-33-kesbangpol", name="Badan Kesbangpol Jawa Tengah", kind=unit,
        parent=cast.pemprov,
    )  # fmt: skip
    bappeda = GovernmentBodyFactory(
        key="pemprov-33-bappeda", name="Bappeda Jawa Tengah", kind=unit, parent=cast.pemprov
    )
    polpum = GovernmentBodyFactory(
        key="kemendagri-ditjen-polpum", name="Ditjen Polpum", kind=unit, parent=cast.kemendagri
    )
    ormas = GovernmentBodyFactory(
        key="kemendagri-dit-ormas", name="Dit. Ormas", kind=unit, parent=polpum
    )
    users = {
        "kesbangpol": UserFactory(officer=True, body=kesbangpol, username="kesbangpol"),
        "bappeda": UserFactory(officer=True, body=bappeda, username="bappeda"),
        "polpum": UserFactory(officer=True, body=polpum, username="polpum"),
        "ormas": UserFactory(viewer=True, body=ormas, username="ormas"),
        "diy": UserFactory(officer=True, body=cast.pemprov_diy, username="diy"),
    }
    rkt = make_rkt(cast)
    to_pemprov = notify(
        cast, rkt, RegionalNotification.Recipient.REGIONAL_GOVERNMENT, notified_on=date(2025, 2, 3)
    )
    to_kemendagri = notify(
        cast, rkt, RegionalNotification.Recipient.KEMENDAGRI, notified_on=date(2025, 2, 3)
    )
    return N5Cast(kesbangpol, bappeda, polpum, ormas, rkt, to_pemprov, to_kemendagri, users)


@pytest.fixture
def n5(cast: Cast) -> N5Cast:
    return build_n5(cast)
