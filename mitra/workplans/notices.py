"""The work plans' notification events (issue 9 §2, §3): an RKT put before the partner ministry
and approved by it, an N5 notice sent to a regional government or Kemendagri, acknowledged by
it, and left unacknowledged past the `n5.acknowledgement` period (sent by the deadline engine's
reminder job; see `deadline_providers`).

Who is told follows the workflow (permissions.py): the agreement's owner agency approves an
RKT; the organization party to the agreement drafts it and sends the N5 notices; the notified
body (with its units) acknowledges them; Kemendagri's Ditjen Polpum oversees N5. Each rule
returns one queryset of users; `event_recipients(name, subject, context)` lists them.
"""

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from mitra.notifications.recipients import agency_officials, officials_of, representatives_of
from mitra.notifications.registry import Event, register_event

from .models import RegionalNotification, WorkPlan

POLPUM_KEY = "kemendagri-ditjen-polpum"  # Kemendagri's Ditjen Polpum (domain.md N5)


def _day(value: Any) -> str:
    return date_format(value, "j F Y") if value else ""


def _organization_ids(agreement_id: int) -> list[int]:
    from mitra.agreements.models import AgreementParty

    return list(
        AgreementParty.objects.filter(
            agreement_id=agreement_id, organization__isnull=False
        ).values_list("organization_id", flat=True)
    )


# --- who ------------------------------------------------------------------------------------


def approving_agency(work_plan: WorkPlan, context: dict[str, Any]) -> Any:
    """The officials (with their units) of the agreement's owner agency, which approves RKTs."""
    return officials_of([work_plan.agreement.owner_id])


def plan_representatives(work_plan: WorkPlan, context: dict[str, Any]) -> Any:
    """The representatives of the foreign organizations party to the work plan's agreement."""
    return representatives_of(_organization_ids(work_plan.agreement_id))


def notified_officials(notice: RegionalNotification, context: dict[str, Any]) -> Any:
    """The officials of the notified body and of its units (a Pemprov and its Kesbangpol)."""
    return officials_of([notice.notified_body_id])


def notice_representatives(notice: RegionalNotification, context: dict[str, Any]) -> Any:
    """The representatives of the organizations party to the notice's agreement."""
    return representatives_of(_organization_ids(notice.agreement_id))


def notice_overseers(notice: RegionalNotification, context: dict[str, Any]) -> Any:
    """The organization's representatives and Kemendagri's Ditjen Polpum (with its units)."""
    return notice_representatives(notice, context) | agency_officials([POLPUM_KEY])


# --- what -----------------------------------------------------------------------------------


def _plan_params(work_plan: WorkPlan, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": work_plan.title,
        "region": work_plan.region_label,
        "date": _day(work_plan.approved_on),
    }


def _plan_url(work_plan: WorkPlan, context: dict[str, Any]) -> str:
    return reverse("workplans:detail", args=[work_plan.pk])


def _notice_params(notice: RegionalNotification, context: dict[str, Any]) -> dict[str, Any]:
    deadline = context.get("deadline")
    acknowledged = localdate(notice.acknowledged_at) if notice.acknowledged_at else None
    return {
        "reference": notice.reference,
        "organization": notice.agreement.partner_names or notice.agreement.title,
        "region": str(notice.regency or notice.province),
        "body": str(notice.acknowledging_body or notice.notified_body),
        "notified": _day(notice.notified_on),
        "date": _day(deadline.due if deadline is not None else acknowledged),
    }


def _overdue_params(notice: RegionalNotification, context: dict[str, Any]) -> dict[str, Any]:
    from .deadline_providers import acknowledgement_due

    params = _notice_params(notice, context)
    if context.get("deadline") is None:
        params["date"] = _day(acknowledgement_due(notice.notified_on))
    return params


def _notice_plan_url(notice: RegionalNotification, context: dict[str, Any]) -> str:
    return reverse("workplans:detail", args=[notice.work_plan_id])


def _inbox_url(notice: RegionalNotification, context: dict[str, Any]) -> str:
    return reverse("workplans:n5_inbox")


def register() -> None:
    register_event(
        Event(
            name="workplans.rkt_submitted",
            label=_("An RKT was put forward for approval"),
            recipients=approving_agency,
            title=_("RKT %(title)s (%(region)s) was put forward for your approval"),
            params=_plan_params,
            url=_plan_url,
        )
    )
    register_event(
        Event(
            name="workplans.rkt_approved",
            label=_("An RKT was approved"),
            recipients=plan_representatives,
            title=_("RKT %(title)s (%(region)s) was approved on %(date)s"),
            params=_plan_params,
            url=_plan_url,
        )
    )
    register_event(
        Event(
            name="workplans.n5_sent",
            label=_("An N5 notice was sent to your government"),
            recipients=notified_officials,
            title=_("N5 notice %(reference)s: %(organization)s will work in %(region)s"),
            params=_notice_params,
            url=_inbox_url,
            body_template="workplans/notifications/n5_sent.txt",
        )
    )
    register_event(
        Event(
            name="workplans.n5_acknowledged",
            label=_("An N5 notice was acknowledged"),
            recipients=notice_representatives,
            title=_("%(body)s acknowledged the N5 notice %(reference)s on %(date)s"),
            params=_notice_params,
            url=_notice_plan_url,
        )
    )
    register_event(
        Event(
            name="workplans.n5_unacknowledged",
            label=_("An N5 notice was not acknowledged in time"),
            recipients=notice_overseers,
            title=_(
                "N5 notice %(reference)s to %(body)s is not acknowledged: overdue since %(date)s"
            ),
            params=_overdue_params,
            url=_notice_plan_url,
            body_template="workplans/notifications/n5_unacknowledged.txt",
            keyed_by_record=False,  # the reminder job's key names the notice and its due date
        )
    )
