"""Reporting's notification events (issue 9 §2): a report received by the partner ministry,
and a report coming due or overdue (sent by the deadline engine's reminder job for the
deadlines of `deadline_providers`).

The organization party to the agreement files its reports; the agreement's owner agency (the
partner ministry) receives and reviews them. Each rule returns one queryset of users;
`event_recipients(name, subject, context)` lists them.
"""

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import AgreementParty
from mitra.notifications.recipients import officials_of, representatives_of
from mitra.notifications.registry import Event, register_event

from .models import Report


def _day(value: Any) -> str:
    return date_format(value, "j F Y") if value else ""


# --- who ------------------------------------------------------------------------------------


def owner_officials(report: Report, context: dict[str, Any]) -> Any:
    """The officials (with their units) of the agreement's owner agency, which reviews it."""
    return officials_of([report.agreement.owner_id])


def filers(report: Report, context: dict[str, Any]) -> Any:
    """The representatives of the foreign organizations party to the agreement."""
    organizations = AgreementParty.objects.filter(
        agreement_id=report.agreement_id, organization__isnull=False
    ).values_list("organization_id", flat=True)
    return representatives_of(list(organizations))


def filers_and_owner(report: Report, context: dict[str, Any]) -> Any:
    return filers(report, context) | owner_officials(report, context)


# --- what -----------------------------------------------------------------------------------


def _params(report: Report, context: dict[str, Any]) -> dict[str, Any]:
    deadline = context.get("deadline")
    return {
        "kind": report.get_kind_display(),
        "period": report.period_label,
        "agreement": report.agreement.title,
        "date": _day(deadline.due if deadline is not None else report.deadline),
    }


def _url(report: Report, context: dict[str, Any]) -> str:
    return reverse("monitoring:report_detail", args=[report.pk])


def register() -> None:
    register_event(
        Event(
            name="monitoring.report_received",
            label=_("A report was submitted"),
            recipients=owner_officials,
            title=_("%(kind)s %(period)s for %(agreement)s was submitted"),
            params=_params,
            url=_url,
        )
    )
    register_event(
        Event(
            name="monitoring.report_due",
            label=_("A report is coming due"),
            recipients=filers,
            title=_("%(kind)s %(period)s for %(agreement)s is due on %(date)s"),
            params=_params,
            url=_url,
            body_template="monitoring/notifications/report_due.txt",
            keyed_by_record=False,  # the reminder job's key names the report, date and offset
        )
    )
    register_event(
        Event(
            name="monitoring.report_overdue",
            label=_("A report is overdue"),
            recipients=filers_and_owner,
            title=_("%(kind)s %(period)s for %(agreement)s is overdue since %(date)s"),
            params=_params,
            url=_url,
            body_template="monitoring/notifications/report_overdue.txt",
            keyed_by_record=False,
        )
    )
