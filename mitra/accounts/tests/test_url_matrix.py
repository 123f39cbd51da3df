"""Every accounts URL × every role (the shape of core's test_role_url_matrix), and nobody can
revoke another user's token."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.accounts.models import ApiToken
from mitra.accounts.services import api_token_create
from mitra.core.tests.matrix import assert_every_route_has_a_row, assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def targets(world: World) -> dict[str, dict[str, Any]]:
    token, _key = api_token_create(user=world.users["officer"], name="officer's")
    return {
        "": {},
        "officer_token": {"pk": token.pk},
        "reset": {"uidb64": "MQ", "token": "set-password"},
    }


def test_every_accounts_route_has_a_row():
    core = frozenset({"accounts:login", "accounts:logout"})
    assert_every_route_has_a_row("accounts", GET, elsewhere=core)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=kwargs)


@pytest.mark.parametrize("role", ["anonymous", "operator", "viewer", "other_officer"])
def test_revoking_someone_elses_token_changes_nothing(client, world, role):
    kwargs = targets(world)
    login(client, world, role)
    response = client.post(reverse("accounts:token_revoke", kwargs=kwargs["officer_token"]))
    assert response.status_code == (302 if role == "anonymous" else 404)
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()
