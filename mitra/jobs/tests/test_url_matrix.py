"""Every jobs URL × every role (the shape of core's test_role_url_matrix)."""

from typing import Any

import pytest

from mitra.core.tests.matrix import assert_every_route_has_a_row, assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.jobs.models import Job

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_jobs_route_has_a_row():
    assert_every_route_has_a_row("jobs", GET)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    job = Job.objects.create(kind="intake.import", owner=world.users["officer"])
    kwargs: dict[str, dict[str, Any]] = {"officer_job": {"pk": job.pk}}
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=kwargs)
