"""The deadline engine's notification events: a reminder before a deadline falls due, and one
notice when it has passed unmet. Their recipients are the deadline's concerned agencies (with
their units) and organizations; the reminder job passes the deadline in the context."""

from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from mitra.notifications.recipients import (
    body_ids_within,
    officials_by_body,
    officials_of,
    one_body_tree,
    representatives_by_organization,
    representatives_of,
)
from mitra.notifications.registry import Event, register_event


def concerned(subject: Any, context: dict[str, Any]) -> Any:
    """Officials of the deadline's agencies and representatives of its organizations."""
    deadline = context["deadline"]
    return officials_of(deadline.agencies) | representatives_of(deadline.organizations)


def concerned_in_bulk(items: Sequence[tuple[Any, dict[str, Any]]]) -> list[list[Any]]:
    """`concerned` for many deadlines at once (the reminder job): the officials of all their
    agencies and units and the representatives of all their organizations in two queries,
    then each deadline's own share of them."""
    deadlines = [context["deadline"] for _subject, context in items]
    with one_body_tree():
        within = {tuple(d.agencies): body_ids_within(d.agencies) for d in deadlines}
    officials = officials_by_body(set().union(*within.values()))
    representatives = representatives_by_organization(
        {pk for d in deadlines for pk in d.organizations}
    )
    found: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Any]] = {}
    result = []
    for d in deadlines:
        who = (tuple(d.agencies), tuple(d.organizations))
        if who not in found:
            found[who] = [u for pk in within[who[0]] for u in officials.get(pk, [])] + [
                u for pk in d.organizations if pk for u in representatives.get(pk, [])
            ]
        result.append(found[who])
    return result


def deadline_params(subject: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The deadline's title (in the recipient's language), due date and days left or late."""
    deadline = context["deadline"]
    title = context.get("titles", {}).get(get_language(), deadline.title)
    days = abs(context.get("days_left", 0))
    return {
        "title": title,
        "date": date_format(deadline.due, "j F Y"),
        "days": ngettext("%(count)d day", "%(count)d days", days) % {"count": days},
    }


def deadline_url(subject: Any, context: dict[str, Any]) -> str:
    """The deadline's link in the recipient's language (the job collects it in each)."""
    return context.get("urls", {}).get(get_language(), context["deadline"].url)


def deadline_event(name: str, label: Any, title: Any, body_template: str) -> Event:
    """A notice about one deadline, to everyone it concerns, linking to the deadline; sent once
    per deadline and day by the reminder job (not keyed by the record)."""
    return Event(
        name=name,
        label=label,
        recipients=concerned,
        recipients_in_bulk=concerned_in_bulk,
        title=title,
        params=deadline_params,
        url=deadline_url,
        body_template=body_template,
        keyed_by_record=False,
    )


EVENTS = (
    deadline_event(
        "deadlines.reminder",
        _("A deadline is coming up"),
        _("Due %(date)s (in %(days)s): %(title)s"),
        "deadlines/notifications/reminder.txt",
    ),
    deadline_event(
        "deadlines.window_opened",
        _("A window for action has opened"),
        _("Open since %(date)s: %(title)s"),
        "deadlines/notifications/reminder.txt",
    ),
    deadline_event(
        "deadlines.overdue",
        _("A deadline has passed unmet"),
        _("Overdue since %(date)s: %(title)s"),
        "deadlines/notifications/overdue.txt",
    ),
)


def register() -> None:
    for event in EVENTS:
        register_event(event)
