"""Every notifications URL × every role (the shape of core's test_role_url_matrix)."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.core.tests.matrix import assert_every_route_has_a_row, assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.notifications.models import Notice

from .factories import NoticeFactory
from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def targets(world: World) -> dict[str, dict[str, Any]]:
    notice = NoticeFactory(user=world.users["officer"], title="Reminder")
    return {"": {}, "officer_notice": {"pk": notice.pk}}


def test_every_notifications_route_has_a_row():
    assert_every_route_has_a_row("notifications", GET)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=kwargs)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "other_officer", "org_representative"])
def test_marking_someone_elses_notice_changes_nothing(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    before = sorted(Notice.objects.values_list("pk", "read_at"))
    response = client.post(reverse("notifications:read", kwargs=kwargs["officer_notice"]))
    assert response.status_code == (302 if role == "anonymous" else 404)
    assert sorted(Notice.objects.values_list("pk", "read_at")) == before
