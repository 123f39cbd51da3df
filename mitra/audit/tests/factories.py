"""Audit event factory. Services write real events; use this only to fill a history.

`AuditEventFactory(target=some_record, actor=user)`; both default to a new user.
"""

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent


class AuditEventFactory(DjangoModelFactory):
    class Meta:
        model = AuditEvent
        exclude = ("target",)

    event = "test.recorded"
    actor = factory.SubFactory(UserFactory)
    actor_name = factory.LazyAttribute(lambda o: o.actor.get_username() if o.actor else "system")
    target = factory.SubFactory(UserFactory)
    target_ct = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    target_id = factory.LazyAttribute(lambda o: o.target.pk)
    target_label = factory.LazyAttribute(lambda o: str(o.target)[:255])
    data = factory.LazyFunction(dict)
