"""notify(): who is told, in which language, once; email through the worker as each wants."""

from typing import Any

import pytest
from django.core import mail

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.notifications import delivery
from mitra.notifications.models import Notice, NotificationPreference
from mitra.notifications.registry import UnknownEvent, event_recipients, events
from mitra.notifications.services import notify, preference_set
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
EVENT = "tests.something_happened"


@pytest.fixture
def cast(kemendagri, fasker, kemenkes, officer, viewer, other_officer) -> dict[str, Any]:
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    rep = UserFactory(org_representative=True, organization=ford, username="ford")
    rep.preferred_language = "en"
    rep.save()
    other_org = ForeignOrganizationFactory(legal_name="Other Foundation")
    other_rep = UserFactory(org_representative=True, organization=other_org)
    retired = UserFactory(officer=True, body=kemendagri, is_active=False)
    return {"ford": ford, "rep": rep, "other_rep": other_rep, "retired": retired}


def context(cast, kemendagri) -> dict[str, Any]:
    return {"bodies": [kemendagri.pk], "organizations": [cast["ford"].pk]}


def test_the_rule_reaches_the_agency_its_units_and_the_organization_only(
    cast, kemendagri, officer, viewer, other_officer
):
    users = event_recipients(EVENT, cast["ford"], context(cast, kemendagri))
    # The officer sits on Pusat Fasker, a unit of Kemendagri: naming the agency reaches them.
    assert {u.username for u in users} == {officer.username, viewer.username, "ford"}
    assert other_officer not in users
    assert cast["other_rep"] not in users
    assert cast["retired"] not in users  # inactive accounts are never told


def test_each_recipient_is_told_once_in_their_language_and_the_actor_not_at_all(
    cast, kemendagri, officer, viewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            event=EVENT, subject=cast["ford"], actor=viewer, context=context(cast, kemendagri)
        )
    by_user = {n.user.username: n for n in created}
    assert set(by_user) == {officer.username, "ford"}  # the viewer acted: not told
    assert by_user[officer.username].title.startswith("Notifikasi: ")  # Indonesian (default)
    assert by_user["ford"].title.startswith("Notifications: ")  # the representative chose en
    assert by_user["ford"].url == "/id/dashboard/"
    assert {m.to[0] for m in mail.outbox} == {officer.email, cast["rep"].email}
    assert Notice.objects.filter(email_status=Notice.Email.SENT).count() == 2
    # Run it again (a retried job, a double click): nothing new, no second email.
    with django_capture_on_commit_callbacks(execute=True):
        again = notify(
            event=EVENT, subject=cast["ford"], actor=viewer, context=context(cast, kemendagri)
        )
    assert again == []
    assert len(mail.outbox) == 2
    # A new occurrence of the event on the same record (another discriminator) is new.
    with django_capture_on_commit_callbacks(execute=True):
        third = notify(
            event=EVENT,
            subject=cast["ford"],
            actor=viewer,
            context=context(cast, kemendagri),
            key="2",
        )
    assert len(third) == 2


def test_the_email_links_back_and_carries_the_title(cast, kemendagri, officer, settings):
    settings.MITRA_SITE_URL = "https://mitra.example.go.id"
    created = notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
    delivery.deliver([n.pk for n in created])
    message = next(m for m in mail.outbox if m.to == [officer.email])
    assert message.subject.startswith("Notifikasi: ")
    assert "https://mitra.example.go.id/id/dashboard/" in message.body


def test_preferences_digest_collects_and_off_sends_none(
    cast, kemendagri, officer, viewer, django_capture_on_commit_callbacks
):
    preference_set(actor=officer, email=NotificationPreference.Email.DIGEST)
    preference_set(actor=viewer, email=NotificationPreference.Email.OFF)
    assert AuditEvent.objects.filter(event="notification_preference.updated").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
        notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri), key="b")
    # Immediate for Ford's representative only.
    assert [m.to for m in mail.outbox] == [[cast["rep"].email], [cast["rep"].email]]
    assert Notice.objects.filter(user=viewer, email_status=Notice.Email.SKIPPED).count() == 2
    assert Notice.objects.filter(user=officer, email_status=Notice.Email.DIGEST).count() == 2
    mail.outbox.clear()
    counts = delivery.send_digests()
    assert counts == {"users": 1, "notices": 2, "failed": 0}
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [officer.email]
    assert digest.body.count("Notifikasi: ") == 2  # both notices in one email
    # The digest is sent once: a second run finds nothing waiting.
    assert delivery.send_digests()["users"] == 0
    assert len(mail.outbox) == 1
    # In-app notices are kept whatever the email preference.
    assert Notice.objects.filter(user=viewer).count() == 2


def test_delivering_the_same_notices_twice_sends_each_once(cast, kemendagri):
    created = notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
    ids = [n.pk for n in created]
    first = delivery.deliver(ids)
    second = delivery.deliver(ids)
    assert first["sent"] == len(ids) == len(mail.outbox)
    assert second == {"sent": 0, "digest": 0, "skipped": 0, "failed": 0}


def test_a_failed_email_keeps_the_notice_and_is_marked(cast, kemendagri, monkeypatch):
    created = notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))

    def broken(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    counts = delivery.deliver([n.pk for n in created])
    assert counts["failed"] == len(created)
    assert Notice.objects.filter(email_status=Notice.Email.FAILED).count() == len(created)


def test_addresses_without_accounts_get_email_only(cast, kemendagri, officer, test_event):
    from dataclasses import replace

    from mitra.notifications import registry

    registry.register_event(
        replace(
            test_event,
            addresses=lambda s, c: ["Sekretariat@Example.go.id", officer.email.upper(), ""],
            attachments=lambda record: [("note.txt", "hello", "text/plain")],
        )
    )
    created = notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
    bare = [n for n in created if n.user_id is None]
    # The officer's own address is not told twice; an empty address is ignored.
    assert [n.address for n in bare] == ["sekretariat@example.go.id"]
    delivery.deliver([n.pk for n in created])
    to_secretariat = next(m for m in mail.outbox if m.to == ["sekretariat@example.go.id"])
    assert to_secretariat.attachments[0][0] == "note.txt"
    assert "Dear colleagues" in to_secretariat.body or "Bapak/Ibu" in to_secretariat.body


def test_an_unknown_event_is_refused_and_writes_nothing(cast):
    with pytest.raises(UnknownEvent):
        notify(event="tests.no_such_event", subject=cast["ford"])
    assert not Notice.objects.exists()


def test_every_registered_event_is_named_by_its_app_and_labelled():
    from django.apps import apps

    names = set(events())
    app_labels = {config.label for config in apps.get_app_configs()} | {"tests"}
    for name in names:
        app, _dot, what = name.partition(".")
        assert app in app_labels, name
        assert what, name
        assert str(events()[name].label), name


def test_a_mail_server_down_gives_the_batch_back_and_the_daily_job_requeues_it(
    cast, kemendagri, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from mitra.notifications.services import requeue_pending

    created = notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
    ids = [n.pk for n in created]

    def down(self):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", down)
    assert delivery.deliver(ids) == {"sent": 0, "digest": 0, "skipped": 0, "failed": 0}
    assert set(Notice.objects.values_list("email_status", flat=True)) == {Notice.Email.PENDING}
    assert mail.outbox == []
    monkeypatch.undo()
    # Recent ones wait for their own task; older ones are queued again, and sent once.
    assert requeue_pending() == 0
    Notice.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert requeue_pending() == len(ids)  # the immediate backend delivers them now
    assert len(mail.outbox) == len(ids)
    assert requeue_pending() == 0


def test_the_digest_skips_a_user_who_turned_email_off_meanwhile(
    cast, kemendagri, officer, django_capture_on_commit_callbacks
):
    preference_set(actor=officer, email=NotificationPreference.Email.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=EVENT, subject=cast["ford"], context=context(cast, kemendagri))
    waiting = Notice.objects.filter(user=officer, email_status=Notice.Email.DIGEST)
    assert waiting.count() == 1
    preference_set(actor=officer, email=NotificationPreference.Email.OFF)
    mail.outbox.clear()
    assert delivery.send_digests()["users"] == 0
    assert mail.outbox == []
    assert Notice.objects.get(user=officer).email_status == Notice.Email.SKIPPED
