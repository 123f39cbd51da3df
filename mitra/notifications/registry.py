"""The event registry: every notice Mitra sends is one of these events.

Apps declare their events at start-up, in `AppConfig.ready()`, as they register deadline
providers:

    from mitra.notifications.registry import Event, register_event

    register_event(Event(
        name="permits.application_submitted",
        label=_("Application submitted"),
        recipients=application_secretariat,          # (subject, context) -> iterable of users
        title=_("Application %(reference)s was submitted"),
        params=lambda application, context: {"reference": application.reference},
        url=lambda application, context: reverse("permits:application_detail", ...),
        body_template="permits/notifications/application_submitted.txt",   # optional
    ))

`title` is a lazy translatable string with named placeholders; `params` and `url` run in the
recipient's language (so dates and labels come out in Indonesian or English), once per
language, never once per recipient. `body_template` is a Django template rendered with
`subject`, `context` and the params. `addresses` adds recipients that have no account (an
invited body's mailbox) and `attachments` adds files to their email (an invitation's ICS).

An event a job sends for thousands of records at once (the deadline reminders) may also give
`recipients_in_bulk`: the same users as `recipients` for many (subject, context) pairs, read in
a fixed number of queries (`services.notify_many` calls it; a test compares the two).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Recipients = Callable[[Any, dict[str, Any]], Iterable[Any]]
Params = Callable[[Any, dict[str, Any]], dict[str, Any]]
Url = Callable[[Any, dict[str, Any]], str]
Addresses = Callable[[Any, dict[str, Any]], Iterable[str]]
# (subject) -> [(filename, content, mimetype)], computed when the email is sent.
Attachments = Callable[[Any], list[tuple[str, str, str]]]
# [(subject, context), ...] -> the users `recipients` gives for each, in the same order.
RecipientsInBulk = Callable[[Sequence[tuple[Any, dict[str, Any]]]], Sequence[Iterable[Any]]]


@dataclass(frozen=True)
class Event:
    name: str
    label: Any  # lazy text: what the event is, for people (preferences, the event list)
    recipients: Recipients
    title: Any  # lazy text with %(named)s placeholders filled from params
    params: Params | None = None
    url: Url | None = None
    body_template: str = ""
    addresses: Addresses | None = None
    attachments: Attachments | None = None
    email: bool = True  # False: in-app only, never emailed
    # False: the idempotency key is the event and the caller's key alone (deadline reminders,
    # whose key already names the record and its due date).
    keyed_by_record: bool = True
    # Optional: `recipients` for many records at once (see the module's docstring).
    recipients_in_bulk: RecipientsInBulk | None = None

    def recipients_for(self, subject: Any, context: dict[str, Any] | None = None) -> list[Any]:
        """The users this event tells about `subject`: active, each once, in id order."""
        return active_once(self.recipients(subject, context or {}))


def active_once(users: Iterable[Any]) -> list[Any]:
    """The active users among `users`, each once, in id order (what a rule's users become)."""
    seen: dict[int, Any] = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return [seen[pk] for pk in sorted(seen)]


_events: dict[str, Event] = {}


class UnknownEvent(LookupError):
    pass


def register_event(event: Event) -> None:
    """Register (or replace, when an app's ready() runs twice) an event by its name."""
    _events[event.name] = event


def get_event(name: str) -> Event:
    try:
        return _events[name]
    except KeyError:
        raise UnknownEvent(f"No notification event {name!r} is registered.") from None


def events() -> dict[str, Event]:
    return dict(sorted(_events.items()))


def event_recipients(name: str, subject: Any, context: dict[str, Any] | None = None) -> list[Any]:
    """Who `name` tells about `subject`: the function the recipient-matrix tests call."""
    return get_event(name).recipients_for(subject, context)
