"""`visible_to_each` and `owned_by_each` (the access rows probed per agreement, for lists an
index narrows first) are exactly `visible_to` and the own ids, for every user of the
grant-scoping world (ADR 0015), anonymous and inactive users included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.querysets import owned_agreement_ids

from .test_grant_scoping import world  # noqa: F401 - the shared world fixture

pytestmark = pytest.mark.django_db


def ids(qs):
    return sorted(qs.values_list("pk", flat=True))


def test_the_same_agreements_as_visible_to(world):  # noqa: F811
    agreements, users = world
    everyone = {
        **users,
        "anonymous": AnonymousUser(),
        "inactive": UserFactory(officer=True, is_active=False),
        "representative": UserFactory(org_representative=True),
    }
    for who, user in everyone.items():
        expected = ids(Agreement.objects.visible_to(user))
        assert ids(Agreement.objects.visible_to_each(user)) == expected, who
        # Narrowed first, as its callers do.
        active = Agreement.objects.filter(status=Agreement.Status.ACTIVE)
        assert ids(active.visible_to_each(user)) == ids(active.visible_to(user)), who
        own = ids(Agreement.objects.filter(pk__in=owned_agreement_ids(user)))
        assert ids(Agreement.objects.owned_by_each(user)) == own, who
    assert any(ids(Agreement.objects.visible_to(u)) for u in users.values())
