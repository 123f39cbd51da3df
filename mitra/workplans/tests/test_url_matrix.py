"""Every work plan URL × every role (url_matrix.GET), and writes: refused ones change nothing,
allowed ones write an audit event."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan

from .factories import ActivityFactory, NotificationFactory, WorkPlanFactory
from .url_matrix import GET

pytestmark = pytest.mark.django_db


def extend_world(world: World) -> dict[str, Any]:
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    semarang = RegencyFactory(code="33.74", province=jateng, name="Kota Semarang")
    pemprov = GovernmentBodyFactory(
        key="pemprov-33",
        name="Pemerintah Provinsi Jawa Tengah",
        kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
        province=jateng,
    )
    rik = WorkPlanFactory(agreement=world.kemendagri_active, status="active")
    rkt = WorkPlanFactory(
        agreement=world.kemendagri_active,
        parent=rik,
        rkt=True,
        province=jateng,
        regional_government=pemprov,
    )
    activity = ActivityFactory(work_plan=rkt, provinces=[jateng], regencies=[semarang])
    k_rik = WorkPlanFactory(agreement=world.kemenkes_active)
    k_activity = ActivityFactory(work_plan=k_rik, provinces=[jateng])
    n5 = NotificationFactory(work_plan=rik, notified_body=world.kemendagri, province=jateng)
    return {
        "jateng": jateng,
        "semarang": semarang,
        "rik": rik,
        "rkt": rkt,
        "activity": activity,
        "k_rik": k_rik,
        "k_activity": k_activity,
        "n5": n5,
    }


def kwargs_for(world: World, objects: dict[str, Any], target: str) -> dict[str, Any]:
    return {
        "": {},
        "a_agreement": {"agreement_pk": world.kemendagri_active.pk},
        "k_agreement": {"agreement_pk": world.kemenkes_active.pk},
        "rik": {"pk": objects["rik"].pk},
        "rkt": {"pk": objects["rkt"].pk},
        "k_rik": {"pk": objects["k_rik"].pk},
        "rkt_approve": {"pk": objects["rkt"].pk, "transition": "approve"},
        "activity": {"pk": objects["activity"].pk},
        "k_activity": {"pk": objects["k_activity"].pk},
        "activity_start": {"pk": objects["activity"].pk, "transition": "start"},
        "n5": {"pk": objects["n5"].pk},
    }[target]


@pytest.fixture
def world() -> tuple[World, dict[str, Any]]:
    w = build_world()
    return w, extend_world(w)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    w, objects = world
    login(client, w, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(w, objects, target))


def post_cases(w: World, o: dict[str, Any]) -> dict[str, tuple[str, Any, tuple[int, ...]]]:
    rkt, activity = o["rkt"], o["activity"]
    return {
        "edit the draft RKT": (
            reverse("workplans:update", args=[rkt.pk]),
            {
                "title": "RKT 2025 Jawa Tengah (changed)",
                "parent": o["rik"].pk,
                "start_date": "2025-01-01",
                "end_date": "2025-12-31",
                "province": o["jateng"].pk,
            },
            (302, 302, 302, 404, 404, 302),
        ),
        "plan an activity": (
            reverse("workplans:activity_create", args=[rkt.pk]),
            {
                "title": "Forum warga",
                "start_date": "2025-03-01",
                "end_date": "2025-04-01",
                "regencies": [o["semarang"].pk],
                "currency": "IDR",
                "planned_budget": "1000",
                "planned_female_adult": "3",
            },
            (302, 302, 302, 404, 404, 302),
        ),
        "notify kemendagri": (
            reverse("workplans:notification_create", args=[o["rik"].pk]),
            {
                "recipient": "kemendagri",
                "province": o["jateng"].pk,
                "notified_on": "2025-02-01",
                "reference": "B/1/2025",
            },
            (302, 302, 302, 404, 404, 302),
        ),
        "approve the RKT": (
            reverse("workplans:transition", args=[rkt.pk, "approve"]),
            {},
            (302, 302, 302, 404, 404, 404),
        ),
        "start the activity": (  # refused by the service (plan not signed): a message, no write
            reverse("workplans:activity_transition", args=[activity.pk, "start"]),
            {},
            (302, 302, 302, 404, 404, 302),
        ),
        "approve the Kemenkes RIK": (
            reverse("workplans:transition", args=[o["k_rik"].pk, "approve"]),
            {},
            (302, 302, 404, 404, 302, 404),
        ),
        # An operator reads every inbox but does not acknowledge for a government: refused by
        # the service (a message, nothing written).
        "acknowledge the N5 notice to Kemendagri": (
            reverse("workplans:n5_acknowledge", args=[o["n5"].pk]),
            {},
            (302, 302, 302, 403, 404, 403),
        ),
    }


def snapshot() -> dict[str, Any]:
    return {
        "work_plans": sorted(WorkPlan.objects.values_list("pk", "status", "title")),
        "activities": sorted(Activity.objects.values_list("pk", "status", "title")),
        "notifications": sorted(
            RegionalNotification.objects.values_list("pk", "acknowledged_at", "acknowledged_by")
        ),
        "audit": AuditEvent.objects.count(),
    }


NOT_WRITING = {"start the activity"}
REFUSED_BY_SERVICE = {("acknowledge the N5 notice to Kemendagri", "operator")}


@pytest.mark.parametrize("role", ROLES)
def test_writes(client, world, role):
    w, objects = world
    login(client, w, role)
    column = ROLES.index(role)
    for case, (url, data, statuses) in post_cases(w, objects).items():
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code == statuses[column], f"{role} / {case}"
        after = snapshot()
        allowed = (
            statuses[column] == 302
            and role != "anonymous"
            and case not in NOT_WRITING
            and (case, role) not in REFUSED_BY_SERVICE
        )
        if allowed:
            assert after["audit"] > before["audit"], f"{role} / {case} wrote no audit event"
        else:
            assert after == before, f"{role} / {case} changed data"


def test_an_rkt_outside_its_rik_shows_the_error_and_saves_nothing(client, world):
    w, objects = world
    login(client, w, "officer")
    before = snapshot()
    response = client.post(
        reverse("workplans:create", args=[w.kemendagri_active.pk]),
        {
            "kind": "rkt",
            "title": "RKT 2028",
            "parent": objects["rik"].pk,
            "start_date": "2028-01-01",
            "end_date": "2028-12-31",
            "province": objects["jateng"].pk,
        },
    )
    assert response.status_code == 400
    assert (
        "The RKT ends on 2028-12-31, after the RIK ends (2027-04-03)." in response.content.decode()
    )
    assert snapshot() == before
