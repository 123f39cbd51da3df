"""Reminders: the right people, in their language, at the configured offsets, never twice."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.deadlines.services import reminders_send
from mitra.deadlines.tasks import send_deadline_reminders
from mitra.notifications.models import Notice
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def cast(kemendagri, officer, other_officer, kemenkes) -> dict[str, Any]:
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    rep = UserFactory(org_representative=True, organization=ford, username="ford")
    rep.preferred_language = "en"
    rep.save()
    ending = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        start_date=date(2023, 12, 30),
        end_date=date(2026, 12, 29),  # 30 days after TODAY
        title="MSP Kemendagri – Ford",
    )
    other = AgreementFactory(
        owner=kemenkes, active=True, start_date=date(2024, 1, 1), end_date=date(2027, 1, 5)
    )
    return {"ford": ford, "rep": rep, "ending": ending, "other": other}


def test_each_concerned_user_gets_one_reminder_in_their_language(
    cast, officer, other_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_send(on=TODAY)
    assert counts["sent"] >= 2
    by_user = {
        n.user.username: n
        for n in Notice.objects.filter(event="deadlines.reminder").select_related("user")
    }
    assert "kemendagri" in by_user
    assert "ford" in by_user
    # Rendered in each recipient's language (Django's own month names show it before the
    # project catalogue is translated): Indonesian by default, English for the representative.
    assert "29 Desember 2026" in by_user["kemendagri"].title
    assert "29 December 2026" in by_user["ford"].title
    # Kemenkes is not concerned by the Kemendagri agreement (its own ends in 37 days: 60).
    kemenkes_titles = [n.title for n in Notice.objects.filter(user=other_officer)]
    assert all("Ford" not in t for t in kemenkes_titles)
    assert {m.to[0] for m in mail.outbox} >= {officer.email, cast["rep"].email}


def reminder_offsets_sent(user, deadline_key: str) -> set[str]:
    keys = Notice.objects.filter(user=user, key__startswith=f"deadlines.reminder:{deadline_key}:")
    return {k.rsplit(":", 1)[1] for k in keys.values_list("key", flat=True)}


def test_a_second_run_sends_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(on=TODAY)
    sent_mails = len(mail.outbox)
    assert sent_mails > 0
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_send(on=TODAY)
    assert first["sent"] > 0
    assert second["sent"] == 0
    assert len(mail.outbox) == sent_mails
    assert Notice.objects.count() == first["sent"]


def test_offsets_catch_up_with_one_reminder_not_a_burst(cast, officer):
    ending = cast["ending"]
    key = f"agreement:{ending.pk}:end@2026-12-29"
    reminders_send(on=date(2026, 12, 24))  # 5 days left: the 7-day reminder, once
    assert reminder_offsets_sent(officer, key) == {"7"}
    reminders_send(on=date(2026, 12, 26))
    reminders_send(on=date(2026, 12, 28))  # 1 day left
    assert reminder_offsets_sent(officer, key) == {"7", "1"}


def test_a_missed_deadline_is_told_once_as_overdue(cast, officer):
    ending = cast["ending"]
    key = f"agreement:{ending.pk}:end@2026-12-29"
    reminders_send(on=date(2026, 12, 30))
    reminders_send(on=date(2026, 12, 31))
    overdue = Notice.objects.filter(user=officer, event="deadlines.overdue")
    assert list(overdue.values_list("key", flat=True)) == [f"deadlines.overdue:{key}:overdue"]
    assert "29 Desember 2026" in overdue.get().title


def test_a_renewal_window_is_told_once_when_it_opens_and_not_once_renewed(cast, officer):
    from mitra.agreements.tests.factories import AgreementFactory as Factory

    ending = cast["ending"]  # ends 2026-12-29: its 6-month window opened 2026-06-29
    window_key = f"agreement:{ending.pk}:renewal_window@2026-06-29"
    reminders_send(on=date(2026, 6, 28))
    assert not Notice.objects.filter(event="deadlines.window_opened").exists()
    reminders_send(on=date(2026, 6, 29))
    reminders_send(on=date(2026, 6, 30))
    opened = Notice.objects.filter(user=officer, event="deadlines.window_opened")
    assert list(opened.values_list("key", flat=True)) == [
        f"deadlines.window_opened:{window_key}:opened"
    ]
    # Once a renewal is recorded the window's deadline is met: gone from the registry.
    from mitra.deadlines.selectors import user_deadlines

    keys = {d.key for d in user_deadlines(user=officer, on=date(2026, 7, 1))}
    assert f"agreement:{ending.pk}:renewal_window" in keys
    Factory(owner=ending.owner, renews=ending, title="Renewal")
    keys = {d.key for d in user_deadlines(user=officer, on=date(2026, 7, 1))}
    assert f"agreement:{ending.pk}:renewal_window" not in keys


def test_offsets_are_configurable(cast, settings):
    settings.MITRA = {**settings.MITRA, "REMINDER_OFFSETS_DAYS": [10]}
    assert reminders_send(on=TODAY)["sent"] == 0  # 30 days left: nothing within 10
    assert reminders_send(on=date(2026, 12, 20))["sent"] > 0


def test_the_task_and_the_command_run_the_same_job(cast):
    result = send_deadline_reminders.enqueue()  # immediate backend in tests
    assert result.return_value["sent"] >= 0
    call_command("send_deadline_reminders", "--on", "2026-11-29")
    assert Notice.objects.filter(event="deadlines.reminder").exists()
