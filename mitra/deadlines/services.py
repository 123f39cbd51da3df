"""Writing in the deadlines app: notifications, reminders (never twice), calendar tokens."""

import logging
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError

from .models import CalendarToken, Notification, SentReminder, new_token
from .registry import Deadline, collect

logger = logging.getLogger(__name__)
DEFAULT_OFFSETS = [90, 60, 30, 7, 1]


def reminder_offsets() -> list[int]:
    offsets = getattr(settings, "MITRA", {}).get("REMINDER_OFFSETS_DAYS", DEFAULT_OFFSETS)
    return sorted({int(o) for o in offsets if int(o) > 0})


# --- notifications -------------------------------------------------------------------------


def notification_create(*, user: Any, title: str, body: str = "", url: str = "") -> Notification:
    """An in-app notice for `user` (shown under the bell)."""
    return Notification.objects.create(user=user, title=title[:300], body=body, url=url[:500])


def notification_mark_read(*, notification_id: int, actor: Any) -> Notification:
    """Mark one of the actor's own notifications read. Someone else's: refused."""
    notification = Notification.objects.filter(pk=notification_id, user=actor).first()
    if notification is None:
        raise ApplicationError(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- calendar tokens -----------------------------------------------------------------------


@transaction.atomic
def calendar_token_regenerate(*, actor: Any) -> CalendarToken:
    """Create the actor's calendar-feed token, or replace it (the old URL stops working)."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in first."))
    token, created = CalendarToken.objects.select_for_update().get_or_create(user=actor)
    if not created:
        token.token = new_token()
        token.save(update_fields=["token", "created_at"])
    audit_event_record(
        event="calendar_token.created" if created else "calendar_token.regenerated",
        target=actor,
        actor=actor,
        data={},  # never the token itself
    )
    return token


# --- reminders -----------------------------------------------------------------------------


def _recipients() -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    """Active users by top-level agency id and by organization id (one query)."""
    User = get_user_model()
    by_agency: dict[int, list[Any]] = defaultdict(list)
    by_org: dict[int, list[Any]] = defaultdict(list)
    users = User.objects.filter(is_active=True).select_related("body__parent__parent__parent")
    for user in users:
        if user.is_government and user.body_id:
            by_agency[user.body.root().pk].append(user)
        elif user.role == User.Role.ORG_REPRESENTATIVE and user.organization_id:
            by_org[user.organization_id].append(user)
    return by_agency, by_org


def _collect_by_language(start: date, end: date) -> dict[str, dict[str, Deadline]]:
    """The deadlines once per language, so each recipient gets titles in their language."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found[code] = {d.key: d for d in collect(start=start, end=end)}
    return found


def _offset_due(days_left: int, offsets: list[int]) -> int | None:
    """The tightest offset already reached: 5 days left with [90, 60, 30, 7, 1] → 7.

    A missed daily run therefore catches up with one reminder, never a burst of them.
    """
    reached = [o for o in offsets if o >= days_left]
    return min(reached) if reached and days_left >= 1 else None


def reminders_send(*, on: date | None = None) -> dict[str, int]:
    """Daily job: remind everyone concerned of each deadline at the configured offsets.

    Idempotent: a `SentReminder` row (unique per deadline and due date, offset and user) is
    written in the same transaction as the notification, so a second run, or two runs at once,
    never send the same reminder twice. Emails go out after the commit.
    """
    on = on or today()
    offsets = reminder_offsets()
    counts = {"deadlines": 0, "sent": 0, "skipped": 0, "emails": 0}
    if not offsets:
        return counts
    by_language = _collect_by_language(on + timedelta(days=1), on + timedelta(days=max(offsets)))
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    base = by_language.get(default_language) or next(iter(by_language.values()))
    counts["deadlines"] = len(base)
    if not base:
        return counts
    by_agency, by_org = _recipients()
    wanted: list[tuple[Deadline, int, Any]] = []
    for deadline in base.values():
        offset = _offset_due((deadline.due - on).days, offsets)
        if offset is None:
            continue
        users = {u.pk: u for a in deadline.agencies for u in by_agency.get(a, [])}
        users |= {u.pk: u for o in deadline.organizations for u in by_org.get(o, [])}
        wanted += [(deadline, offset, user) for user in users.values()]
    keys = {f"{d.key}@{d.due.isoformat()}" for d, _o, _u in wanted}
    done = set(
        SentReminder.objects.filter(deadline_key__in=keys).values_list(
            "deadline_key", "offset_days", "user_id"
        )
    )
    for deadline, offset, user in wanted:
        key = f"{deadline.key}@{deadline.due.isoformat()}"
        if (key, offset, user.pk) in done:
            counts["skipped"] += 1
            continue
        language = (
            user.preferred_language if user.preferred_language in by_language else default_language
        )
        localized = by_language[language].get(deadline.key, deadline)
        if _send_one(localized, key=key, offset=offset, user=user, language=language, on=on):
            counts["sent"] += 1
            counts["emails"] += bool(user.email)
        else:
            counts["skipped"] += 1
    return counts


def _send_one(
    deadline: Deadline, *, key: str, offset: int, user: Any, language: str, on: date
) -> bool:
    with translation.override(language):
        context = {
            "user": user,
            "deadline": deadline,
            "days_left": (deadline.due - on).days,
            "site_url": getattr(settings, "MITRA_SITE_URL", ""),
        }
        subject = render_to_string("deadlines/emails/reminder_subject.txt", context).strip()
        body = render_to_string("deadlines/emails/reminder_body.txt", context)
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                deadline_key=key,
                due_date=deadline.due,
                offset_days=offset,
                user=user,
                emailed=bool(user.email),
            )
            notification_create(user=user, title=subject, body=body, url=deadline.url)
            if user.email:
                transaction.on_commit(lambda: _email_quietly(subject, body, user.email))
    except IntegrityError:
        return False  # another run sent it first
    return True


def _email_quietly(subject: str, body: str, to: str) -> None:
    """A reminder email that cannot be delivered must not undo the recorded reminder: the
    in-app notification stands, and the failure is logged for the operators."""
    import logging

    try:
        send_mail(subject, body, None, [to])
    except Exception:  # noqa: BLE001 - any transport error; the reminder itself is kept
        logging.getLogger(__name__).exception("reminder email to %s failed", to)
