"""Writing notices: `notify` (the one way any app tells anyone anything), read marks and
preferences. Rendering happens here, in each recipient's language; email leaves through the
task worker (`tasks.deliver_notices`), queued when the transaction commits."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError

from .models import Notice, NotificationPreference
from .recipients import one_body_tree
from .registry import Event, active_once, get_event

if TYPE_CHECKING:
    from mitra.accounts.models import User

logger = logging.getLogger(__name__)
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


@dataclass
class NoticeRequest:
    """One `notify` call, for `notify_many` (the same arguments)."""

    event: str
    subject: Any
    context: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    recipients: Iterable[Any] | None = None
    actor: "User | None" = None


@dataclass
class _Plan:
    """Who one request tells, before what was told already is taken out."""

    spec: Event
    subject: Any
    context: dict[str, Any]
    full_key: str
    actor_id: int | None
    users: list[Any]
    addresses: list[str]


def _plan(spec: Event, request: NoticeRequest, users: Iterable[Any]) -> _Plan:
    """The event's users (the rule's, or the caller's), less the actor and inactive accounts,
    and the bare addresses that are not already one of those users' address."""
    context = request.context
    actor = request.actor
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    users = [u for u in users if u.pk != actor_id and u.is_active]
    addresses = sorted(
        {
            (a or "").strip().lower()
            for a in (spec.addresses(request.subject, context) if spec.addresses else [])
        }
        - {"", *(u.email.strip().lower() for u in users if u.email)}
    )
    subject = request.subject
    full_key = notice_key(request.event, subject if spec.keyed_by_record else None, request.key)
    return _Plan(spec, subject, context, full_key, actor_id, users, addresses)


def _notices(plan: _Plan, done: set[tuple[str, Any]]) -> list[Notice]:
    """The plan's notices to the users and addresses not in `done` ((key, user id) and
    (key, address) pairs told already), each rendered once per language; adds them to `done`."""
    key = plan.full_key
    users = [u for u in plan.users if (key, u.pk) not in done]
    addresses = [a for a in plan.addresses if (key, a) not in done]
    if not users and not addresses:
        return []
    spec, subject = plan.spec, plan.subject
    rendered: dict[str, dict[str, str]] = {}

    def text(language: str) -> dict[str, str]:
        if language not in rendered:
            rendered[language] = render(spec, subject, plan.context, language)
        return rendered[language]

    target_type = ContentType.objects.get_for_model(subject) if isinstance(subject, Model) else None
    common = {
        "event": spec.name,
        "key": key,
        "target_type": target_type,
        "target_id": str(subject.pk) if isinstance(subject, Model) else "",
        "actor_id": plan.actor_id,
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
    done.update((key, u.pk) for u in users)
    done.update((key, a) for a in addresses)
    return notices


def _deliver_on_commit(created: list[Notice]) -> None:
    pending = [n.pk for n in created if n.email_status == Notice.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_delivery(pending))


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
    request = NoticeRequest(event, subject, context or {}, key, recipients, actor)
    users = spec.recipients_for(subject, request.context) if recipients is None else recipients
    plan = _plan(spec, request, list(users))
    done: set[tuple[str, Any]] = {
        (plan.full_key, pk)
        for pk in Notice.objects.filter(
            key=plan.full_key, user__in=[u.pk for u in plan.users]
        ).values_list("user_id", flat=True)
    }
    done |= {
        (plan.full_key, address)
        for address in Notice.objects.filter(
            key=plan.full_key, user__isnull=True, address__in=plan.addresses
        ).values_list("address", flat=True)
    }
    notices = _notices(plan, done)
    if not notices:
        return []
    created = _insert(notices)
    _deliver_on_commit(created)
    return created


class _OneByOne(Exception):
    """The batch cannot be written at once: `notify_many` does it one request at a time."""


def notify_many(requests: Sequence[NoticeRequest]) -> list[list[Notice] | Exception]:
    """`notify` for many requests at once: what a job that tells about thousands of records
    (the daily deadline scan) calls, in a number of queries that does not grow with them.

    The outcome is the one of calling `notify` for each request in turn, each in a savepoint of
    its own with its error caught: for each request the notices created now, or the exception
    that stopped it (an unknown event, a rule that failed), which sends nothing for that request
    and does not stop the others. Recipients are read once for all the requests of an event
    that has `recipients_in_bulk`, and once per distinct query of the other rules; what was told
    already is read in one query per 500 keys; the notices are inserted together and queued for
    email when the transaction commits. Should any query fail (a rule's, or the insert because
    another process told someone first), the batch is rolled back and done request by request
    with `notify`, so the unique constraints still decide who is told.
    """
    if not requests:
        return []
    # Given recipients read once, so the one-by-one path sees them too (an iterator would not).
    requests = [
        r if r.recipients is None else replace(r, recipients=list(r.recipients)) for r in requests
    ]
    try:
        with transaction.atomic():
            outcomes, created = _notify_together(requests)
    except (DatabaseError, _OneByOne):
        return [_notify_alone(request) for request in requests]
    _deliver_on_commit(created)
    return outcomes


def _notify_alone(request: NoticeRequest) -> list[Notice] | Exception:
    try:
        with transaction.atomic():
            return notify(
                event=request.event,
                subject=request.subject,
                actor=request.actor,
                context=request.context,
                key=request.key,
                recipients=request.recipients,
            )
    except Exception as error:  # noqa: BLE001 - the caller decides (notify_many's contract)
        return error


KEYS_PER_QUERY = 500


def _notify_together(
    requests: Sequence[NoticeRequest],
) -> tuple[list[list[Notice] | Exception], list[Notice]]:
    outcomes: list[list[Notice] | Exception] = [[] for _request in requests]
    users = _recipients_of(requests, outcomes)
    plans: dict[int, _Plan] = {}
    for i, request in enumerate(requests):
        if isinstance(outcomes[i], Exception):
            continue
        try:
            plans[i] = _plan(get_event(request.event), request, users[i])
        except DatabaseError:
            raise
        except Exception as error:  # noqa: BLE001 - this request's failure, as in notify
            outcomes[i] = error
    keys = sorted({plan.full_key for plan in plans.values()})
    done: set[tuple[str, Any]] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        told = Notice.objects.filter(key__in=keys[start : start + KEYS_PER_QUERY])
        for key, user_id, address in told.values_list("key", "user_id", "address"):
            done.add((key, user_id) if user_id is not None else (key, address))
    notices: list[Notice] = []
    owner: list[int] = []
    for i, plan in plans.items():
        try:
            mine = _notices(plan, done)
        except DatabaseError:
            raise
        except Exception as error:  # noqa: BLE001 - a title or text that failed to render
            outcomes[i] = error
            continue
        notices += mine
        owner += [i] * len(mine)
    if not notices:
        return outcomes, []
    created = Notice.objects.bulk_create(notices)
    if not all(n.pk for n in created):  # a database that returns no ids from a bulk insert
        raise _OneByOne
    for i, notice in zip(owner, created, strict=True):
        outcome = outcomes[i]
        assert isinstance(outcome, list)
        outcome.append(notice)
    return outcomes, created


def _recipients_of(
    requests: Sequence[NoticeRequest], outcomes: list[list[Notice] | Exception]
) -> dict[int, list[Any]]:
    """Each request's users: given, or by its event's rule, read for many at once (a rule's
    `recipients_in_bulk`, else once per distinct query). A request whose event or rule fails
    gets its exception in `outcomes`."""
    with one_body_tree():  # the rules' `officials_of` read the body tree once for all
        return _resolve_recipients(requests, outcomes)


def _resolve_recipients(
    requests: Sequence[NoticeRequest], outcomes: list[list[Notice] | Exception]
) -> dict[int, list[Any]]:
    users: dict[int, list[Any]] = {}
    bulk: dict[str, list[int]] = {}
    memo: dict[Any, list[Any]] = {}
    for i, request in enumerate(requests):
        try:
            spec = get_event(request.event)
            if request.recipients is not None:
                users[i] = list(request.recipients)
            elif spec.recipients_in_bulk is not None:
                bulk.setdefault(request.event, []).append(i)
            else:
                users[i] = active_once(_rule_once(spec, request, memo))
        except DatabaseError:
            raise
        except Exception as error:  # noqa: BLE001 - this request's failure, as in notify
            outcomes[i] = error
    for event, indexes in bulk.items():
        spec = get_event(event)
        assert spec.recipients_in_bulk is not None
        try:
            found = spec.recipients_in_bulk(
                [(requests[i].subject, requests[i].context) for i in indexes]
            )
        except DatabaseError:
            raise
        except Exception:  # noqa: BLE001 - then each request alone, so only the broken ones fail
            logger.exception("recipients_in_bulk of %s failed; resolving one by one", event)
            for i in indexes:
                try:
                    users[i] = active_once(_rule_once(spec, requests[i], memo))
                except DatabaseError:
                    raise
                except Exception as error:  # noqa: BLE001
                    outcomes[i] = error
            continue
        for i, each in zip(indexes, found, strict=True):
            users[i] = active_once(each)
    return users


def _rule_once(spec: Event, request: NoticeRequest, memo: dict[Any, list[Any]]) -> Iterable[Any]:
    """The event's rule for this request; a queryset it returns is run once per distinct SQL
    in the batch (reviews of one agency: one query, not one per review)."""
    found = spec.recipients(request.subject, request.context)
    if not isinstance(found, QuerySet):
        return found
    try:
        sql, params = found.query.sql_with_params()
    except EmptyResultSet:
        return []
    key = (found.model, found.db, sql, tuple(params))
    try:
        hash(key)
    except TypeError:
        return found
    if key not in memo:
        memo[key] = list(found)
    return memo[key]


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
