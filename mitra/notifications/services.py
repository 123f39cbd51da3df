"""Writing notices: `notify` (the one way any app tells anyone anything), read marks and
preferences. Rendering happens here, in each recipient's language; email leaves through the
task worker (`tasks.deliver_notices`), queued when the transaction commits."""

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError

from .models import Notice, NotificationPreference
from .registry import Event, get_event

if TYPE_CHECKING:
    from mitra.accounts.models import User

DELIVERY_BATCH = 500  # notices per delivery task


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def language_of(user: Any) -> str:
    language = getattr(user, "preferred_language", "") or ""
    return language if language in _languages() else default_language()


def notice_key(event: str, subject: Any, discriminator: str = "") -> str:
    """Event × record × discriminator: "permits.application_returned:permits.application:7:2"."""
    if isinstance(subject, Model):
        record = f"{subject._meta.label_lower}:{subject.pk}"
    else:
        record = str(subject or "")
    return ":".join(part for part in (event, record, str(discriminator)) if part)[:255]


def render(spec: Event, subject: Any, context: dict[str, Any], language: str) -> dict[str, str]:
    """The event's title, text and link in `language`."""
    with translation.override(language):
        params = spec.params(subject, context) if spec.params else {}
        title = str(spec.title) % params if params else str(spec.title)
        url = spec.url(subject, context) if spec.url else ""
        body = ""
        if spec.body_template:
            body = render_to_string(
                spec.body_template, {"subject": subject, "context": context, **params}
            ).strip()
    return {"title": title[:300], "body": body, "url": url[:500]}


def notify(
    *,
    event: str,
    subject: Any,
    actor: "User | None" = None,
    context: dict[str, Any] | None = None,
    key: str = "",
    recipients: Iterable[Any] | None = None,
) -> list[Notice]:
    """Tell the event's recipients about `subject`. Call it inside the service's transaction.

    The recipients come from the event's rule, which may read `context` (the deadline reminders
    pass the deadline there); `recipients` replaces the rule's users (an invitation queued before
    the upgrade passes none, so only the addresses are told). The actor is never told of their
    own act. Each
    recipient is told once per `key` (the event, the record and `key`): a second call, a rerun
    of a job or two workers at once create nothing new. Returns the notices created now.
    """
    spec = get_event(event)
    context = context or {}
    users = spec.recipients_for(subject, context) if recipients is None else list(recipients)
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    users = [u for u in users if u.pk != actor_id and u.is_active]
    addresses = sorted(
        {
            (a or "").strip().lower()
            for a in (spec.addresses(subject, context) if spec.addresses else [])
        }
        - {"", *(u.email.strip().lower() for u in users if u.email)}
    )
    full_key = notice_key(event, subject if spec.keyed_by_record else None, key)
    done_users = set(
        Notice.objects.filter(key=full_key, user__in=[u.pk for u in users]).values_list(
            "user_id", flat=True
        )
    )
    done_addresses = set(
        Notice.objects.filter(key=full_key, user__isnull=True, address__in=addresses).values_list(
            "address", flat=True
        )
    )
    users = [u for u in users if u.pk not in done_users]
    addresses = [a for a in addresses if a not in done_addresses]
    if not users and not addresses:
        return []
    rendered: dict[str, dict[str, str]] = {}

    def text(language: str) -> dict[str, str]:
        if language not in rendered:
            rendered[language] = render(spec, subject, context, language)
        return rendered[language]

    target_type = ContentType.objects.get_for_model(subject) if isinstance(subject, Model) else None
    common = {
        "event": event,
        "key": full_key,
        "target_type": target_type,
        "target_id": str(subject.pk) if isinstance(subject, Model) else "",
        "actor_id": actor_id,
        "created_at": timezone.now(),
        "email_status": Notice.Email.PENDING if spec.email else Notice.Email.SKIPPED,
    }
    notices = [
        Notice(user=u, language=language_of(u), **text(language_of(u)), **common) for u in users
    ]
    notices += [
        Notice(address=a, language=default_language(), **text(default_language()), **common)
        for a in addresses
    ]
    created = _insert(notices)
    pending = [n.pk for n in created if n.email_status == Notice.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_delivery(pending))
    return created


def _insert(notices: list[Notice]) -> list[Notice]:
    """Insert all at once; if another process told someone first, insert one by one and keep
    what is still new (the unique constraints decide)."""
    try:
        with transaction.atomic():
            created = Notice.objects.bulk_create(notices)
        if all(n.pk for n in created):
            return created
    except IntegrityError:
        pass
    kept = []
    for notice in notices:
        notice.pk = None
        try:
            with transaction.atomic():
                notice.save(force_insert=True)
            kept.append(notice)
        except IntegrityError:
            continue
    return kept


def enqueue_delivery(notice_ids: list[int]) -> None:
    """Queue the email of these notices on the task worker, in batches."""
    from .tasks import deliver_notices

    for start in range(0, len(notice_ids), DELIVERY_BATCH):
        deliver_notices.enqueue(notice_ids=notice_ids[start : start + DELIVERY_BATCH])


def requeue_pending(*, older_than: timedelta = timedelta(minutes=30)) -> int:
    """Queue again the notices still waiting to be emailed (their task was lost: the process
    died between the commit and the queue, or the mail server was down). Daily, with the
    digests. A notice is still emailed at most once (the worker claims it)."""
    cutoff = timezone.now() - older_than
    ids = list(
        Notice.objects.filter(email_status=Notice.Email.PENDING, created_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enqueue_delivery(ids)
    return len(ids)


# --- the recipient's side ------------------------------------------------------------------


def notice_mark_read(*, notice_id: int, actor: "User") -> Notice:
    """Mark one of the actor's own notices read. Someone else's: refused as not found."""
    notice = Notice.objects.filter(pk=notice_id, user_id=actor.pk).first()
    if notice is None:
        raise ApplicationError(_("Notification not found."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notice_mark_all_read(*, actor: "User") -> int:
    return Notice.objects.filter(user_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preference_set(*, actor: "User", email: str) -> NotificationPreference:
    """The actor's own email preference (immediate, daily digest or off). Audited."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in first."))
    if email not in NotificationPreference.Email.values:
        raise ApplicationError(
            _("Choose how you want to receive email."), {"email": [_("Choose an option.")]}
        )
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user=actor
    )
    old = preference.email
    preference.email = email
    preference.save(update_fields=["email", "updated_at"])
    if old != email or _created:
        audit_event_record(
            event="notification_preference.updated",
            target=actor,
            actor=actor,
            data={"old": {"email": old}, "new": {"email": email}},
        )
    return preference
