"""User factory with one trait per role.

- `UserFactory(operator=True)`: platform operator (no body).
- `UserFactory(officer=True, body=kemendagri_or_a_unit)`: officer of a body (a new ministry
  when `body` is omitted).
- `UserFactory(viewer=True, body=...)`: read-only government user.
- `UserFactory(org_representative=True, organization=org)`: representative of a foreign
  organization (a new one when omitted).
Every user's password is `PASSWORD`.
"""

import factory
from factory.django import DjangoModelFactory

from mitra.accounts.models import User
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory

PASSWORD = "mitra-test-password"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.mitra.local")
    first_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(PASSWORD)
    role = User.Role.VIEWER
    is_active = True

    class Params:
        operator = factory.Trait(role=User.Role.OPERATOR)
        officer = factory.Trait(
            role=User.Role.OFFICER, body=factory.SubFactory(GovernmentBodyFactory)
        )
        viewer = factory.Trait(
            role=User.Role.VIEWER, body=factory.SubFactory(GovernmentBodyFactory)
        )
        org_representative = factory.Trait(
            role=User.Role.ORG_REPRESENTATIVE,
            organization=factory.SubFactory(ForeignOrganizationFactory),
        )


def api_key_for(user: User, name: str = "tests") -> str:
    """A new API token's key for `user` (what `Authorization: Token <key>` sends). Written
    directly, without the service's audit event, so tests counting events are not disturbed."""
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from mitra.accounts.models import ApiToken, token_hash

    key = secrets.token_hex(20)
    ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=token_hash(key),
        prefix=key[:8],
        expires_at=timezone.now() + timedelta(days=30),
    )
    return key
