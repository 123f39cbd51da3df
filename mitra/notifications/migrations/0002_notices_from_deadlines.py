"""Move the deadlines app's in-app notifications and sent-reminder records into notices.

Nothing is lost: every `deadlines.Notification` becomes a `Notice` (same user, text, link,
time and read mark), marked as not to be emailed (what was to be mailed was mailed then).
Each `SentReminder` gives its notice the reminder's idempotency key, so the new reminder job
never repeats a reminder already sent; it is matched to the notification written right after
it in the same transaction (same user, the first within ten seconds after it). A reminder without one becomes a read notice of its own.
"""

from datetime import timedelta

from django.db import migrations

MATCH_WINDOW = timedelta(seconds=10)


def forward(apps, schema_editor):
    Notification = apps.get_model("deadlines", "Notification")
    SentReminder = apps.get_model("deadlines", "SentReminder")
    Notice = apps.get_model("notifications", "Notice")
    notes_by_user = {}
    for note in Notification.objects.order_by("user_id", "created_at", "pk").iterator():
        notes_by_user.setdefault(note.user_id, []).append(note)
    # Each reminder's notification was written right after it, in the same transaction: the
    # first one of the same user written in the ten seconds after it.
    reminder_of = {}
    unmatched = []
    for reminder in SentReminder.objects.order_by("sent_at", "pk").iterator():
        candidates = [
            n
            for n in notes_by_user.get(reminder.user_id, [])
            if n.pk not in reminder_of
            and reminder.sent_at <= n.created_at <= reminder.sent_at + MATCH_WINDOW
        ]
        if not candidates:
            unmatched.append(reminder)
            continue
        best = min(candidates, key=lambda n: (n.created_at, n.pk))
        reminder_of[best.pk] = reminder
    batch = []
    for notes in notes_by_user.values():
        for note in notes:
            reminder = reminder_of.get(note.pk)
            batch.append(
                Notice(
                    user_id=note.user_id,
                    event=_reminder_key(reminder).split(":", 1)[0] if reminder else "legacy",
                    key=_reminder_key(reminder) if reminder else f"legacy:notification:{note.pk}",
                    title=note.title[:300],
                    body=note.body,
                    url=note.url[:500],
                    created_at=note.created_at,
                    read_at=note.read_at,
                    email_status="skipped",
                )
            )
    for reminder in unmatched:
        batch.append(
            Notice(
                user_id=reminder.user_id,
                event=_reminder_key(reminder).split(":", 1)[0],
                key=_reminder_key(reminder),
                title=f"Reminder: {reminder.deadline_key}"[:300],
                created_at=reminder.sent_at,
                read_at=reminder.sent_at,
                email_status="sent" if reminder.emailed else "skipped",
            )
        )
    Notice.objects.bulk_create(batch, batch_size=1000)


# The event the new reminder job sends for each kind of deadline (the providers that name their
# own `due_event`); any other deadline's reminder is "deadlines.reminder".
DUE_EVENTS = {
    "report": "monitoring.report_due",
    "action_item": "meetings.action_item_due",
    "review": "permits.review_due",
}


def _reminder_key(reminder):
    # The reminder job's key: the event, the deadline key "agreement:12:end@2027-04-03" and the
    # offset, so a reminder already sent is never sent again.
    event = DUE_EVENTS.get(reminder.deadline_key.split(":", 1)[0], "deadlines.reminder")
    return f"{event}:{reminder.deadline_key}:{reminder.offset_days}"[:255]


def backward(apps, schema_editor):
    Notification = apps.get_model("deadlines", "Notification")
    SentReminder = apps.get_model("deadlines", "SentReminder")
    Notice = apps.get_model("notifications", "Notice")
    for notice in Notice.objects.filter(user__isnull=False).iterator():
        if notice.key.startswith(f"{notice.event}:") and "@" in notice.key:
            rest = notice.key[len(notice.event) + 1 :]
            deadline_key, _sep, offset = rest.rpartition(":")
            if offset.isdigit() and "@" in deadline_key:
                SentReminder.objects.get_or_create(
                    deadline_key=deadline_key,
                    offset_days=int(offset),
                    user_id=notice.user_id,
                    defaults={
                        "due_date": deadline_key.rsplit("@", 1)[1],
                        "emailed": notice.email_status == "sent",
                    },
                )
        Notification.objects.create(
            user_id=notice.user_id,
            title=notice.title,
            body=notice.body,
            url=notice.url,
            read_at=notice.read_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("deadlines", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
