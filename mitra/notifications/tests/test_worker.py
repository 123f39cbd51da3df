"""The worker really runs: notify() inside a committed transaction queues a task in the
database (django-tasks-db), and `manage.py db_worker --batch` delivers the email."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.notifications.models import Notice
from mitra.notifications.services import notify
from mitra.organizations.tests.factories import ForeignOrganizationFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_what_notify_queued():
    agency = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri")
    officer = UserFactory(officer=True, body=agency, email="officer@kemlu.example")
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    with override_settings(TASKS=DATABASE_TASKS):
        with transaction.atomic():
            created = notify(
                event="tests.something_happened",
                subject=ford,
                context={"bodies": [agency.pk]},
            )
            # Nothing is queued before the commit: a rolled-back change tells no one.
            assert not DBTaskResult.objects.exists()
        assert [n.user_id for n in created] == [officer.pk]
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert mail.outbox == []  # queued, not sent in the request
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [m.to for m in mail.outbox] == [["officer@kemlu.example"]]
    assert Notice.objects.get().email_status == Notice.Email.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_queues_nothing():
    agency = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri")
    UserFactory(officer=True, body=agency)
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")

    def failing_service() -> None:
        with transaction.atomic():
            notify(event="tests.something_happened", subject=ford, context={"bodies": [agency.pk]})
            raise RuntimeError("the service failed after notify")

    with override_settings(TASKS=DATABASE_TASKS), pytest.raises(RuntimeError):
        failing_service()
    assert not Notice.objects.exists()
    assert not DBTaskResult.objects.exists()
