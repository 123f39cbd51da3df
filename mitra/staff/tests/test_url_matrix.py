"""Every foreign staff URL × every role; refused writes change nothing; list pages run a
constant number of queries."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.core.tests.matrix import assert_every_route_has_a_row, assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.staff import services
from mitra.staff.models import ForeignStaffPerson, StaffRequest

from .url_matrix import GET

pytestmark = pytest.mark.django_db


def file_request(world: World, org: Any, rep: Any, passport: str) -> StaffRequest:
    return services.staff_request_create(
        organization_id=org.pk,
        data=services.StaffRequestInput(
            name=f"Person {passport}",
            nationality="GB",
            passport_number=passport,
            passport_expires_on=date(2031, 1, 1),
            position="Adviser",
            start_date=date(2026, 3, 1),
            end_date=date(2027, 2, 28),
            partner_ministry_id=world.kemenkes.pk,
        ),
        actor=rep,
    )


@pytest.fixture
def scene() -> Any:
    with freeze_today(date(2026, 1, 10)):
        world = build_world()
        other_rep = UserFactory(org_representative=True, organization=world.other_org)
        ford_request = file_request(world, world.ford, world.users["org_representative"], "F1")
        other_request = file_request(world, world.other_org, other_rep, "O1")
        yield world, {"ford_request": ford_request, "other_request": other_request}


def kwargs_for(c: dict[str, Any], target: str) -> dict[str, Any]:
    return {
        "": {},
        "ford_request": {"pk": c["ford_request"].pk},
        "other_request": {"pk": c["other_request"].pk},
        "ford_request_recommend": {"pk": c["ford_request"].pk, "action": "recommend"},
        "ford_person": {"pk": c["ford_request"].person_id},
        "other_person": {"pk": c["other_request"].person_id},
    }[target]


def test_every_staff_route_has_a_row():
    assert_every_route_has_a_row("staff", GET)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, scene, role):
    world, c = scene
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(c, target))


def snapshot() -> Any:
    return (
        sorted(StaffRequest.objects.values_list("pk", "status")),
        sorted(ForeignStaffPerson.objects.values_list("pk", "passport_number")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
def test_refused_writes_change_nothing(client, scene, role):
    world, c = scene
    login(client, world, role)
    pk, person = c["ford_request"].pk, c["ford_request"].person_id
    posts = {
        # The partner ministry (Kemenkes) may recommend and refuse: its column is allowed.
        "recommend": (reverse("staff:request_action", args=[pk, "recommend"]), {"note": "Yes"}),
        "approve": (
            reverse("staff:request_action", args=[pk, "approve"]),
            {"approval_number": "B-1", "approved_on": "2026-01-10"},
        ),
        "stay_permit": (
            reverse("staff:request_action", args=[pk, "stay_permit"]),
            {
                "stay_permit_number": "K-1",
                "stay_permit_valid_from": "2026-03-01",
                "stay_permit_valid_until": "2027-02-28",
            },
        ),
        "documents": (
            reverse("staff:person_documents", args=[person]),
            {"passport_number": "CHANGED"},
        ),
        "other org's recommend": (
            reverse("staff:request_action", args=[c["other_request"].pk, "recommend"]),
            {"note": "Yes"},
        ),
    }
    for case, (url, data) in posts.items():
        before = snapshot()
        response = client.post(url, data)
        allowed = (
            (role == "other_officer" and case in ("recommend", "other org's recommend"))
            or role == "operator"  # operators may do everything
            or (role == "org_representative" and case == "documents")
        )
        if allowed:
            continue
        assert response.status_code in (302, 400, 403, 404), f"{role} / {case}"
        assert snapshot() == before, f"{role} / {case} changed data"


def test_list_page_queries_do_not_grow(client, scene):
    """The list page (requests and persons) runs the same queries for 2 requests as for 6."""
    world, _c = scene
    client.force_login(world.users["operator"])
    client.get(reverse("staff:home"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("staff:home")).status_code == 200
    with freeze_today(date(2026, 1, 10)):
        for n in range(4):
            org = ForeignOrganizationFactory()
            file_request(world, org, world.users["operator"], f"M{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("staff:home")).status_code == 200
    assert len(many) == len(few)
