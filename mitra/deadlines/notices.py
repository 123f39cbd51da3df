"""The deadline engine's notification events: a reminder before a deadline falls due, and one
notice when it has passed unmet. Their recipients are the deadline's concerned agencies (with
their units) and organizations; the reminder job passes the deadline in the context."""

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from mitra.notifications.recipients import officials_of, representatives_of
from mitra.notifications.registry import Event, register_event


def concerned(subject: Any, context: dict[str, Any]) -> Any:
    """Officials of the deadline's agencies and representatives of its organizations."""
    deadline = context["deadline"]
    return officials_of(deadline.agencies) | representatives_of(deadline.organizations)


def _params(subject: Any, context: dict[str, Any]) -> dict[str, Any]:
    deadline = context["deadline"]
    title = context.get("titles", {}).get(get_language(), deadline.title)
    days = abs(context.get("days_left", 0))
    return {
        "title": title,
        "date": date_format(deadline.due, "j F Y"),
        "days": ngettext("%(count)d day", "%(count)d days", days) % {"count": days},
    }


def _url(subject: Any, context: dict[str, Any]) -> str:
    """The deadline's link in the recipient's language (the job collects it in each)."""
    return context.get("urls", {}).get(get_language(), context["deadline"].url)


def register() -> None:
    register_event(
        Event(
            name="deadlines.reminder",
            label=_("A deadline is coming up"),
            recipients=concerned,
            title=_("Due %(date)s (in %(days)s): %(title)s"),
            params=_params,
            url=_url,
            body_template="deadlines/notifications/reminder.txt",
            keyed_by_record=False,
        )
    )
    register_event(
        Event(
            name="deadlines.window_opened",
            label=_("A window for action has opened"),
            recipients=concerned,
            title=_("Open since %(date)s: %(title)s"),
            params=_params,
            url=_url,
            body_template="deadlines/notifications/reminder.txt",
            keyed_by_record=False,
        )
    )
    register_event(
        Event(
            name="deadlines.overdue",
            label=_("A deadline has passed unmet"),
            recipients=concerned,
            title=_("Overdue since %(date)s: %(title)s"),
            params=_params,
            url=_url,
            body_template="deadlines/notifications/overdue.txt",
            keyed_by_record=False,
        )
    )
