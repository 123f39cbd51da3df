"""Every compliance/map URL × every role (url_matrix.GET); both pages only read, so there are
no writes to refuse. Scoping: the Kemenkes officer does not see Kemendagri's numbers."""

from typing import Any

import pytest

from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.urlwalk import html_routes
from mitra.core.tests.world import ROLES, World, build_world
from mitra.monitoring.tests.factories import ReportFactory
from mitra.regions.tests.factories import ProvinceFactory
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

from .url_matrix import GET

pytestmark = pytest.mark.django_db


def extend_world(world: World) -> dict[str, Any]:
    papua = ProvinceFactory(code="94", name="Papua Scoped", latitude=-4.0, longitude=138.0)
    rik = WorkPlanFactory(agreement=world.kemendagri_active, status="active")
    ActivityFactory(work_plan=rik, provinces=[papua], title="Kemendagri activity")
    ReportFactory(agreement=world.kemendagri_active)
    return {"papua": papua}


@pytest.fixture
def world() -> tuple[World, dict[str, Any]]:
    w = build_world()
    return w, extend_world(w)


def path_for(routes: dict, name: str, target: str) -> str:
    if name == "dashboard:work_list":
        return routes[name].path({"key": target})
    query = {"": "", "by_region": "?by=region", "regency": "?level=regency"}[target]
    return routes[name].path({}) + query


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    w, _objects = world
    login(client, w, role)
    assert_get_matrix(client, GET, role, path=path_for)


@pytest.mark.parametrize(("role", "sees"), [("officer", True), ("other_officer", False)])
def test_map_is_scoped(client, world, role, sees):
    w, _objects = world
    login(client, w, role)
    routes = {route.name: route for route in html_routes()}
    body = client.get(path_for(routes, "dashboard:activity_map", "")).content.decode()
    assert ("Papua Scoped" in body) is sees
