"""Writing in the deadlines app: reminders (sent as notices, never twice) and calendar tokens."""

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.notifications.recipients import one_body_tree
from mitra.notifications.services import NoticeRequest, notify_many

from .models import CalendarToken, new_token
from .registry import Deadline, collect

if TYPE_CHECKING:
    from mitra.accounts.models import User

logger = logging.getLogger(__name__)
DEFAULT_OFFSETS = [90, 60, 30, 7, 1]


def reminder_offsets() -> list[int]:
    offsets = getattr(settings, "MITRA", {}).get("REMINDER_OFFSETS_DAYS", DEFAULT_OFFSETS)
    return sorted({int(o) for o in offsets if int(o) > 0})


# --- calendar tokens -----------------------------------------------------------------------


@transaction.atomic
def calendar_token_regenerate(*, actor: "User") -> CalendarToken:
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


def overdue_notice_days() -> int:
    """How long after a missed deadline the job still sends its one overdue notice (a first run
    on old data must not send a notice for every obligation missed years ago)."""
    return int(getattr(settings, "MITRA", {}).get("OVERDUE_NOTICE_DAYS", 7))


REMINDER_BATCH = 1000  # reminders (deadlines) per `notify_many` call


def reminders_send(*, on: date | None = None) -> dict[str, int]:
    """Daily job: remind everyone concerned of each deadline at the configured offsets, and
    tell them once when it has passed unmet.

    Sent through the notifications app: each reminder is a notice keyed by the deadline, its
    due date and the offset (or "overdue"), so a second run, or two runs at once, never tell
    anyone twice, and a moved deadline is reminded again. Email leaves through the worker.

    At national scale (thousands of deadlines) the notices are requested together
    (`notify_many`): recipients, what was told already and the inserts take a number of
    queries that does not grow with the deadlines, with the outcome of one `notify` per
    deadline (one that fails is logged and counted, and stops no other).
    """
    on = on or today()
    offsets = reminder_offsets()
    counts = {"deadlines": 0, "sent": 0, "overdue": 0, "opened": 0, "failed": 0}
    horizon = max(offsets) if offsets else 0
    by_language = _collect_by_language(
        on - timedelta(days=overdue_notice_days()), on + timedelta(days=horizon)
    )
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    base = by_language.get(default_language) or next(iter(by_language.values()))
    counts["deadlines"] = len(base)
    due = [r for r in (_reminder(d, on, offsets, by_language) for d in base.values()) if r]
    # The body tree read once for the whole run (recipients are officials of agencies and their
    # units: thousands of reminders at national scale).
    with one_body_tree():
        for start in range(0, len(due), REMINDER_BATCH):
            batch = due[start : start + REMINDER_BATCH]
            outcomes = notify_many([request for _count, request in batch])
            for (count, request), outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    logger.error(
                        "reminder %s for %s failed",
                        request.event,
                        request.context["deadline"].key,
                        exc_info=outcome,
                    )
                    counts["failed"] += 1
                else:
                    counts[count] += len(outcome)
    return counts


def _reminder(
    deadline: Deadline,
    on: date,
    offsets: list[int],
    by_language: dict[str, dict[str, Deadline]],
) -> tuple[str, NoticeRequest] | None:
    """One deadline's reminder, overdue or opened notice when one is due today, with the
    count it adds to: the event's own recipients (for the engine's events, the deadline's
    agencies and organizations: `notices.concerned`)."""
    days_left = (deadline.due - on).days
    if deadline.window:
        if days_left > 0:
            return None
        event, suffix, count = deadline.opened_event, "opened", "opened"
    elif days_left < 0:
        event, suffix, count = deadline.overdue_event, "overdue", "overdue"
    else:
        offset = _offset_due(days_left, offsets)
        if offset is None:
            return None
        event, suffix, count = deadline.due_event, str(offset), "sent"
    context = {
        "deadline": deadline,
        "titles": {
            code: found[deadline.key].title
            for code, found in by_language.items()
            if deadline.key in found
        },
        "days_left": days_left,
        # The link in each recipient's language (/id/… or /en/…).
        "urls": {
            code: found[deadline.key].url
            for code, found in by_language.items()
            if deadline.key in found
        },
    }
    return count, NoticeRequest(
        event=event,
        subject=deadline.record,
        context=context,
        key=f"{deadline.key}@{deadline.due.isoformat()}:{suffix}",
    )
