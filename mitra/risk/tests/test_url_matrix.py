"""Every risk URL × every role of the shared world (url_matrix.GET), and the two supervisor
bodies the world lacks: Kemlu (the TPOA secretariat) and Biro KTLN read the list and an
organization's detail; another Kemensetneg unit does not; only operators change weights."""

import pytest

from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.urlwalk import html_routes
from mitra.core.tests.world import ROLES, World, build_world
from mitra.risk.services import risk_indicators_refresh

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    w = build_world()
    risk_indicators_refresh()
    return w


def path_for(routes: dict, w: World, name: str, target: str) -> str:
    kwargs = {"": {}, "ford": {"pk": w.ford.pk}}[target]
    return routes[name].path(kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    login(client, world, role)
    assert_get_matrix(
        client, GET, role, path=lambda routes, name, target: path_for(routes, world, name, target)
    )


@pytest.mark.parametrize(
    ("user", "list_status", "config_status"),
    [("kemlu_officer", 200, 403), ("ktln_viewer", 200, 403), ("setneg_other_unit", 403, 403)],
)
def test_supervisor_bodies(client, world, request, user, list_status, config_status):
    client.force_login(request.getfixturevalue(user))
    routes = {route.name: route for route in html_routes()}
    assert client.get(path_for(routes, world, "risk:list", "")).status_code == list_status
    assert client.get(path_for(routes, world, "risk:detail", "ford")).status_code == list_status
    assert (
        client.get(path_for(routes, world, "risk:configuration", "")).status_code == config_status
    )


@pytest.mark.parametrize("role", ["officer", "viewer", "other_officer", "org_representative"])
def test_refused_posts_change_nothing(client, world, role):
    from mitra.risk.models import OrganizationRisk, RiskConfiguration

    login(client, world, role)
    before = list(OrganizationRisk.objects.values_list("pk", "computed_at"))
    assert client.post("/en/risk/refresh/").status_code == 403
    data = {f"weight_{k}": "5" for k in ("punctuality", "overdue")} | {"stale_months": "3"}
    assert client.post("/en/risk/configuration/", data).status_code == 403
    assert list(OrganizationRisk.objects.values_list("pk", "computed_at")) == before
    assert not RiskConfiguration.objects.exists()


def test_unknown_organization_is_404(client, world, kemlu_officer):
    client.force_login(kemlu_officer)
    assert client.get("/en/risk/999999/").status_code == 404
