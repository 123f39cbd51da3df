"""The move of the deadlines app's notifications and sent reminders into notices loses nothing
and keeps every reminder from being sent again (migration notifications/0002)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("deadlines", "0001_initial"), ("notifications", "0001_initial")]
AFTER = [("deadlines", "0002_notices_moved_to_notifications")]


def migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_notifications_and_reminders_move_into_notices():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Notification = old.get_model("deadlines", "Notification")
    SentReminder = old.get_model("deadlines", "SentReminder")
    officer = User.objects.create(username="officer", email="o@example.go.id")
    now = timezone.now()
    read = Notification.objects.create(
        user=officer, title="Sanction case S-1: warning", url="/id/sanctions/1/"
    )
    Notification.objects.filter(pk=read.pk).update(
        read_at=now, created_at=now - timedelta(seconds=30)
    )
    reminder_note = Notification.objects.create(
        user=officer, title="In 30 days: MSP ends", body="text", url="/id/agreements/1/"
    )
    reminder = SentReminder.objects.create(
        deadline_key="agreement:1:end@2027-04-03",
        due_date=date(2027, 4, 3),
        offset_days=30,
        user=officer,
        emailed=True,
    )
    # Written right after its reminder, as the old job did (same transaction).
    Notification.objects.filter(pk=reminder_note.pk).update(
        created_at=reminder.sent_at + timedelta(milliseconds=1)
    )
    # A reminder whose notification is gone still keeps its key (as a read notice).
    SentReminder.objects.create(
        deadline_key="report:9:due@2027-01-31",
        due_date=date(2027, 1, 31),
        offset_days=7,
        user=officer,
    )
    try:
        new = migrate(AFTER)
        Notice = new.get_model("notifications", "Notice")
        notices = {n.title: n for n in Notice.objects.all()}
        assert set(notices) == {
            "Sanction case S-1: warning",
            "In 30 days: MSP ends",
            "Reminder: report:9:due@2027-01-31",
        }
        assert notices["Reminder: report:9:due@2027-01-31"].read_at is not None
        # A report's reminder is the monitoring app's event now: its key is that event's.
        assert (
            notices["Reminder: report:9:due@2027-01-31"].key
            == "monitoring.report_due:report:9:due@2027-01-31:7"
        )
        assert notices["Sanction case S-1: warning"].read_at is not None
        assert notices["Sanction case S-1: warning"].email_status == "skipped"
        moved = notices["In 30 days: MSP ends"]
        # The reminder's key: the new reminder job sees it as sent and does not repeat it.
        assert moved.key == "deadlines.reminder:agreement:1:end@2027-04-03:30"
        assert moved.body == "text"
        assert moved.url == "/id/agreements/1/"
        assert moved.read_at is None
    finally:
        migrate(executor_leaf_nodes())


def executor_leaf_nodes():  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
