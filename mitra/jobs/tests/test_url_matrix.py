"""Every jobs URL × every role (the shape of core's test_role_url_matrix)."""

from typing import Any

import pytest

from mitra.core.tests.urlwalk import html_routes
from mitra.core.tests.world import ROLES, World, build_world
from mitra.jobs.models import Job

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_jobs_route_has_a_row():
    names = {r.name for r in html_routes() if r.name.startswith("jobs:")}
    assert names == {name for name, _ in GET}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    job = Job.objects.create(kind="intake.import", owner=world.users["officer"])
    kwargs: dict[str, dict[str, Any]] = {"officer_job": {"pk": job.pk}}
    if world.users[role] is not None:
        client.force_login(world.users[role])
    routes = {route.name: route for route in html_routes()}
    column = ROLES.index(role)
    wrong = {}
    for (name, target), statuses in GET.items():
        got = client.get(routes[name].path(kwargs[target])).status_code
        if got != statuses[column]:
            wrong[(name, target)] = (got, statuses[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"
