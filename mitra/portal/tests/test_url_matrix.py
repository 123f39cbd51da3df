"""Every open data URL × every role (url_matrix.GET)."""

import pytest

from mitra.core.tests.matrix import assert_get_matrix, login
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
    assert_get_matrix(client, GET, role, kwargs=kwargs_for, read_streams=True)
