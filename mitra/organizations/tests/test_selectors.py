"""Who sees which registry records."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from mitra.accounts.tests.factories import UserFactory
from mitra.organizations.selectors import (
    organization_get_for_user,
    organization_list,
    organization_visible_qs,
)
from mitra.organizations.tests.factories import ForeignOrganizationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_organization_visible_qs_branches():
    own = ForeignOrganizationFactory()
    other = ForeignOrganizationFactory(unpublished=True)
    everything = {own.pk, other.pk}
    cases = {
        "operator": (UserFactory(operator=True), everything),
        "officer": (UserFactory(officer=True), everything),
        "viewer": (UserFactory(viewer=True), everything),
        "representative": (UserFactory(org_representative=True, organization=own), {own.pk}),
        "inactive officer": (UserFactory(officer=True, is_active=False), set()),
        "inactive representative": (
            UserFactory(org_representative=True, organization=own, is_active=False),
            set(),
        ),
        "no affiliation": (UserFactory(role="officer"), set()),
        "anonymous": (AnonymousUser(), set()),
    }
    seen = {
        name: set(organization_visible_qs(user).values_list("pk", flat=True))
        for name, (user, _) in cases.items()
    }
    assert seen == {name: expected for name, (_, expected) in cases.items()}


def test_organization_get_for_user_is_404_outside_the_scope():
    own, other = ForeignOrganizationFactory(), ForeignOrganizationFactory()
    representative = UserFactory(org_representative=True, organization=own)
    assert organization_get_for_user(user=representative, pk=own.pk) == own
    with pytest.raises(Http404):
        organization_get_for_user(user=representative, pk=other.pk)
    with pytest.raises(Http404):
        organization_get_for_user(user=AnonymousUser(), pk=own.pk)


def test_organization_list_searches_names_acronyms_and_aliases():
    health = SectorFactory()
    uclg = ForeignOrganizationFactory(
        legal_name="United Cities and Local Governments Asia-Pacific",
        acronym="UCLG ASPAC",
        aliases=["UCLG Asia Pacific"],
        regional=True,
        country="ID",
    )
    ford = ForeignOrganizationFactory(
        legal_name="Ford Foundation", aliases=["The Ford Foundation"], sectors=[health]
    )
    officer = UserFactory(officer=True)
    for q, expected in [
        ("uclg aspac", [uclg]),
        ("Asia Pacific", [uclg]),
        ("THE FORD", [ford]),
        ("", [ford, uclg]),
    ]:
        assert list(organization_list(viewer=officer, q=q)) == expected, q
    assert list(organization_list(viewer=officer, kind="regional_org")) == [uclg]
    assert list(organization_list(viewer=officer, country="id")) == [uclg]
    assert list(organization_list(viewer=officer, sector=health.pk)) == [ford]
