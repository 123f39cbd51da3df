"""Every deadlines URL × every role (the shape of core's test_role_url_matrix)."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.tests.matrix import assert_every_route_has_a_row, assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.deadlines.models import CalendarToken
from mitra.deadlines.services import calendar_token_regenerate

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def targets(world: World) -> dict[str, dict[str, Any]]:
    officer = world.users["officer"]
    token = calendar_token_regenerate(actor=officer).token
    return {
        "": {},
        "officer_token": {"token": token},
        "wrong_token": {"token": "not-a-real-token"},
    }


def test_every_deadlines_route_has_a_row():
    assert_every_route_has_a_row("deadlines", GET)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=kwargs)


def snapshot() -> dict[str, Any]:
    return {
        "tokens": sorted(CalendarToken.objects.values_list("user_id", "token")),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize(
    "role", ["operator", "officer", "viewer", "other_officer", "org_representative"]
)
def test_each_role_creates_its_own_calendar_link_with_audit(client, world, role):
    targets(world)
    login(client, world, role)
    before = snapshot()
    assert client.post(reverse("deadlines:calendar_token")).status_code == 302
    after = snapshot()
    assert after["tokens"] != before["tokens"]
    assert after["audit"] == before["audit"] + 1
    assert CalendarToken.objects.filter(user=world.users[role]).exists()


def test_anonymous_cannot_create_a_link(client, world):
    targets(world)
    before = snapshot()
    response = client.post(reverse("deadlines:calendar_token"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert snapshot() == before
