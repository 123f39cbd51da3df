"""Audit event factory. Services write real events; use this only to fill a history.

`AuditEventFactory(target=some_record, actor=user)`; both default to a new user. Created events
are linked into the chain like recorded ones (`audit_event_append`); `occurred_at=` backdates.
"""

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.audit.services import audit_event_append


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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        occurred_at = kwargs.pop("occurred_at", None)
        return audit_event_append(model_class(*args, **kwargs), occurred_at=occurred_at)
