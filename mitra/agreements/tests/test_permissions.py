"""The one-object predicate and the queryset must draw the same line for every role."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from mitra.agreements.models import Agreement
from mitra.agreements.permissions import agreement_get_editable, agreement_is_editable_by
from mitra.core.tests.world import ROLES, build_world

pytestmark = pytest.mark.django_db


def _user(users: dict[str, Any], role: str) -> Any:
    return users[role] or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_predicate_matches_editable_by_queryset(role: str) -> None:
    world = build_world()
    user = _user(world.users, role)
    editable = set(Agreement.objects.editable_by(user).values_list("pk", flat=True))
    for agreement in Agreement.objects.all():
        assert agreement_is_editable_by(user=user, agreement=agreement) == (
            agreement.pk in editable
        ), (role, agreement.title)


def test_inactive_officer_may_edit_nothing() -> None:
    world = build_world()
    officer = world.users["officer"]
    officer.is_active = False
    officer.save()
    assert not agreement_is_editable_by(user=officer, agreement=world.kemendagri_active)


def test_get_editable_is_404_for_visible_but_not_editable() -> None:
    world = build_world()
    viewer = world.users["viewer"]
    with pytest.raises(Http404):
        agreement_get_editable(user=viewer, pk=world.kemendagri_active.pk)
    officer = world.users["officer"]
    assert agreement_get_editable(user=officer, pk=world.kemendagri_active.pk).pk == (
        world.kemendagri_active.pk
    )
