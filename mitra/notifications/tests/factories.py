import factory

from mitra.accounts.tests.factories import UserFactory
from mitra.notifications.models import Notice


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    user = factory.SubFactory(UserFactory)
    event = "test.event"
    key = factory.Sequence(lambda n: f"test.event:{n}")
    title = factory.Sequence(lambda n: f"Notice {n}")
    email_status = Notice.Email.SKIPPED
