"""Every open data URL × every role (url_matrix.GET)."""

import pytest

from mitra.core.tests.test_role_url_matrix import login
from mitra.core.tests.urlwalk import html_routes
from mitra.core.tests.world import ROLES, build_world

from .url_matrix import GET

pytestmark = pytest.mark.django_db


def kwargs_for(target: str) -> dict[str, str]:
    if not target:
        return {}
    slug, fmt = target.split(".")
    return {"slug": slug, "fmt": fmt}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, role):
    world = build_world()
    login(client, world, role)
    routes = {route.name: route for route in html_routes()}
    column = ROLES.index(role)
    wrong = {}
    for (name, target), statuses in GET.items():
        response = client.get(routes[name].path(kwargs_for(target)))
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        if response.status_code != statuses[column]:
            wrong[(name, target)] = (response.status_code, statuses[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"
