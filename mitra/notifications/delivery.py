"""Email delivery: the only module in Mitra that builds or sends an email.

A notice is emailed at most once: the worker claims pending notices with one conditional
UPDATE (`email_status` pending → sending, stamped with its own token), so two workers given the
same ids never both send; only the claimant sends and records the outcome.
"""

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notice, NotificationPreference
from .registry import UnknownEvent, get_event

logger = logging.getLogger(__name__)


def site_url() -> str:
    return getattr(settings, "MITRA_SITE_URL", "").rstrip("/")


def _claim(queryset: Any, *, status: str) -> tuple[str, int]:
    token = uuid.uuid4().hex
    count = queryset.filter(email_status=status).update(
        email_status=Notice.Email.SENDING, claimed_by=token
    )
    return token, count


def _preference(user: Any) -> str:
    try:
        return user.notification_preference.email
    except NotificationPreference.DoesNotExist:
        return NotificationPreference.Email.IMMEDIATE


def _attachments(notice: Notice, cache: dict[tuple[Any, str, str], list]) -> list:
    """The event's files for this notice's record (an invitation's ICS), built once per record."""
    cache_key = (notice.target_type_id, notice.target_id, notice.event)
    if cache_key not in cache:
        files: list = []
        try:
            spec = get_event(notice.event)
        except UnknownEvent:
            spec = None
        if spec is not None and spec.attachments and notice.target_type is not None:
            model = notice.target_type.model_class()
            record = model._default_manager.filter(pk=notice.target_id).first() if model else None
            if record is not None:
                files = spec.attachments(record)
        cache[cache_key] = files
    return cache[cache_key]


def _message(notice: Notice, to: str, attachments: list) -> EmailMessage:
    with translation.override(notice.language):
        context = {"notice": notice, "site_url": site_url()}
        body = render_to_string("notifications/email/notice_body.txt", context)
    message = EmailMessage(subject=notice.title, body=body, to=[to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def deliver(notice_ids: Iterable[int], *, attempt: str = "") -> dict[str, int]:
    """Email these notices as their recipients want: now, in the digest, or not at all.

    `attempt`: the id of the task run (the same when the task is run again because its worker
    died, mitra.core.worker): the run takes over the notices the lost run claimed and did not
    finish. Each notice is marked sent as soon as it is, so a run again never sends it twice."""
    counts = {"sent": 0, "digest": 0, "skipped": 0, "failed": 0}
    ids = list(notice_ids)
    if attempt:
        token = attempt.replace("-", "")[:32]
        claimable = Notice.objects.filter(pk__in=ids).filter(
            Q(email_status=Notice.Email.PENDING)
            | Q(email_status=Notice.Email.SENDING, claimed_by=token)
        )
        claimed = claimable.update(email_status=Notice.Email.SENDING, claimed_by=token)
    else:
        token, claimed = _claim(Notice.objects.filter(pk__in=ids), status=Notice.Email.PENDING)
    if not claimed:
        return counts
    notices = (
        Notice.objects.filter(pk__in=ids, claimed_by=token, email_status=Notice.Email.SENDING)
        .select_related("user__notification_preference", "target_type")
        .order_by("pk")
    )
    outcome: dict[str, list[int]] = {status: [] for status in Notice.Email.values}
    files: dict[tuple[Any, str, str], list] = {}
    connection = mailers.default
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - the mail server is down: give the batch back
        logger.exception("mail server unreachable; %s notices left pending", claimed)
        Notice.objects.filter(pk__in=ids, claimed_by=token).update(
            email_status=Notice.Email.PENDING, claimed_by=""
        )
        return counts
    try:
        for notice in notices:
            user = notice.user
            address = user.email if user is not None else notice.address
            preference = _preference(user) if user is not None else "immediate"
            closed = user is not None and not user.is_active  # closed since it was told
            if not address or closed or preference == NotificationPreference.Email.OFF:
                outcome[Notice.Email.SKIPPED].append(notice.pk)
                continue
            if preference == NotificationPreference.Email.DIGEST:
                outcome[Notice.Email.DIGEST].append(notice.pk)
                continue
            try:
                sent = connection.send_messages(
                    [_message(notice, address, _attachments(notice, files))]
                )
            except Exception:  # noqa: BLE001 - a transport error keeps the in-app notice
                logger.exception("email of notice %s to %s failed", notice.pk, address)
                sent = 0
            if sent:  # recorded at once: a run after a crash must not send it again
                Notice.objects.filter(pk=notice.pk).update(
                    email_status=Notice.Email.SENT, emailed_at=timezone.now()
                )
            outcome[Notice.Email.SENT if sent else Notice.Email.FAILED].append(notice.pk)
    finally:
        connection.close()
    now = timezone.now()
    for status, pks in outcome.items():
        if pks and status != Notice.Email.SENT:
            Notice.objects.filter(pk__in=pks).update(
                email_status=status, emailed_at=now if status == Notice.Email.SENT else None
            )
    counts["sent"] = len(outcome[Notice.Email.SENT])
    counts["digest"] = len(outcome[Notice.Email.DIGEST])
    counts["skipped"] = len(outcome[Notice.Email.SKIPPED])
    counts["failed"] = len(outcome[Notice.Email.FAILED])
    return counts


def send_digests() -> dict[str, int]:
    """One email per user with every notice waiting for the digest (daily)."""
    counts = {"users": 0, "notices": 0, "failed": 0}
    token, claimed = _claim(Notice.objects.all(), status=Notice.Email.DIGEST)
    if not claimed:
        return counts
    waiting = (
        Notice.objects.filter(claimed_by=token, email_status=Notice.Email.SENDING)
        .select_related("user__notification_preference")
        .order_by("user_id", "created_at", "pk")
    )
    by_user: dict[int | None, list[Notice]] = {}
    for notice in waiting:
        by_user.setdefault(notice.user_id, []).append(notice)
    connection = mailers.default
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - the mail server is down: the digests wait for tomorrow
        logger.exception("mail server unreachable; digests left waiting")
        Notice.objects.filter(claimed_by=token).update(
            email_status=Notice.Email.DIGEST, claimed_by=""
        )
        return counts
    now = timezone.now()
    try:
        for notices in by_user.values():
            user = notices[0].user
            pks = [n.pk for n in notices]
            # Re-read now: the account may have been closed, or email turned off, since. (Only
            # users choose the digest: a notice to a bare address never waits for one.)
            if (
                user is None
                or not user.email
                or not user.is_active
                or _preference(user) == NotificationPreference.Email.OFF
            ):
                Notice.objects.filter(pk__in=pks).update(email_status=Notice.Email.SKIPPED)
                continue
            with translation.override(notices[0].language):
                context = {"notices": notices, "user": user, "site_url": site_url()}
                subject = render_to_string(
                    "notifications/email/digest_subject.txt", context
                ).strip()
                body = render_to_string("notifications/email/digest_body.txt", context)
            try:
                sent = connection.send_messages(
                    [EmailMessage(subject=subject, body=body, to=[user.email])]
                )
            except Exception:  # noqa: BLE001
                logger.exception("digest to %s failed", user.email)
                sent = 0
            status = Notice.Email.SENT if sent else Notice.Email.FAILED
            Notice.objects.filter(pk__in=pks).update(
                email_status=status, emailed_at=now if sent else None
            )
            counts["users"] += bool(sent)
            counts["notices"] += len(pks) if sent else 0
            counts["failed"] += 0 if sent else 1
    finally:
        connection.close()
    return counts


def send_account_email(*, to: str, subject: str, body: str) -> bool:
    """Send an account's own mail at once (the password reset link, from accounts' hook): it
    is no notice (the link signs the user in, so it is neither stored nor shown in-app) and
    never waits for a digest or the worker. True when the backend accepted it."""
    connection = mailers.default
    try:
        return bool(connection.send_messages([EmailMessage(subject=subject, body=body, to=[to])]))
    except Exception:  # noqa: BLE001
        logger.exception("account mail to %s failed", to)
        return False
    finally:
        connection.close()
