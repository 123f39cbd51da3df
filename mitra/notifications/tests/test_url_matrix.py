"""Every notifications URL × every role (the shape of core's test_role_url_matrix)."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.core.tests.urlwalk import html_routes
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


def login(client: Any, world: World, role: str) -> None:
    if world.users[role] is not None:
        client.force_login(world.users[role])


def test_every_notifications_route_has_a_row():
    names = {r.name for r in html_routes() if r.name.startswith("notifications:")}
    assert names == {name for name, _ in GET}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    routes = {route.name: route for route in html_routes()}
    column = ROLES.index(role)
    wrong = {}
    for (name, target), statuses in GET.items():
        got = client.get(routes[name].path(kwargs[target])).status_code
        if got != statuses[column]:
            wrong[(name, target)] = (got, statuses[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"


@pytest.mark.parametrize("role", ["anonymous", "viewer", "other_officer", "org_representative"])
def test_marking_someone_elses_notice_changes_nothing(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    before = sorted(Notice.objects.values_list("pk", "read_at"))
    response = client.post(reverse("notifications:read", kwargs=kwargs["officer_notice"]))
    assert response.status_code == (302 if role == "anonymous" else 404)
    assert sorted(Notice.objects.values_list("pk", "read_at")) == before
