"""Licensing's notification events: who is told what when an application, a member review or
an izin prinsip moves. Services call `notify(event="permits.<x>", ...)` inside their
transaction; the deadline engine's reminder job sends the review and extension-window events.

Who is who follows the licensing rules (roles.py, conf.py): the track's secretariat (Kemlu for
TPOA, KTLN's ministry for the multilateral working group), the member agencies asked to review,
the proposed partner ministry, and the organization's representatives. Each rule returns one
queryset of users; `event_recipients(name, subject, context)` lists them for the tests.
"""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.deadlines.notices import _params as deadline_params
from mitra.notifications.recipients import (
    agency_officials,
    officials_of,
    representatives_of,
)
from mitra.notifications.registry import Event, register_event

from .models import AgencyReview, Application, Permit
from .roles import secretariat_key


def _day(value: Any) -> str:
    return date_format(value, "j F Y") if value else ""


# --- recipient rules ---------------------------------------------------------------------


def secretariat_of(application: Application) -> Any:
    """The officials (with their units) of the agency running the application's track."""
    return agency_officials([secretariat_key(application.track)])


def applicants_of(application: Application) -> Any:
    return representatives_of([application.organization_id])


def application_secretariat(application: Application, context: dict[str, Any]) -> Any:
    return secretariat_of(application)


def application_representatives(application: Application, context: dict[str, Any]) -> Any:
    return applicants_of(application)


def asked_to_review(application: Application, context: dict[str, Any]) -> Any:
    """The member agencies asked to review now (`context["agencies"]`, as the service passes
    them), or else every agency with an open review of the application."""
    agencies = context.get("agencies")
    if agencies is None:
        agencies = application.reviews.filter(state__in=AgencyReview.OPEN_STATES).values_list(
            "agency_id", flat=True
        )
    return officials_of(list(agencies))


def deliberation_participants(application: Application, context: dict[str, Any]) -> Any:
    """The secretariat, every member agency that reviewed the application, the applicant."""
    reviewers = application.reviews.values_list("agency_id", flat=True).distinct()
    return secretariat_of(application) | officials_of(list(reviewers)) | applicants_of(application)


def decision_recipients(application: Application, context: dict[str, Any]) -> Any:
    """The applicant, the secretariat and the proposed partner ministry."""
    return (
        applicants_of(application)
        | secretariat_of(application)
        | officials_of([application.partner_ministry_id])
    )


def review_secretariat(review: AgencyReview, context: dict[str, Any]) -> Any:
    return secretariat_of(review.application)


def _reviewing_agencies(review: AgencyReview, context: dict[str, Any]) -> list[int]:
    deadline = context.get("deadline")
    return list(deadline.agencies) if deadline is not None else [review.agency_id]


def reviewing_agency(review: AgencyReview, context: dict[str, Any]) -> Any:
    """The officials of the agency whose opinion is due (the deadline's agencies)."""
    return officials_of(_reviewing_agencies(review, context))


def reviewing_agency_and_secretariat(review: AgencyReview, context: dict[str, Any]) -> Any:
    return reviewing_agency(review, context) | secretariat_of(review.application)


def permit_representatives(permit: Permit, context: dict[str, Any]) -> Any:
    """The representatives of the organization holding the permit (the one who files)."""
    return representatives_of([permit.organization_id])


def dependent_agreements(permit: Permit) -> Any:
    """The signed or active agreements of the permit's organization (they depend on it, N14)."""
    from mitra.agreements.models import Agreement

    return Agreement.objects.filter(
        parties__organization_id=permit.organization_id,
        status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
    ).distinct()


def _roots(body_ids: set[int]) -> set[int]:
    """The top-level bodies of these bodies (one query: the tree has a few hundred rows)."""
    parents = dict(GovernmentBody.objects.values_list("pk", "parent_id"))
    roots = set()
    for pk in body_ids:
        seen = 0
        while parents.get(pk) is not None and seen < 20:
            pk, seen = parents[pk], seen + 1
        roots.add(pk)
    return roots


def permit_ended_recipients(permit: Permit, context: dict[str, Any]) -> Any:
    """The partner ministry, Kemendagri, the lead bodies of the dependent agreements and the
    provincial governments of the permit's regions and of those agreements' (N14); each with
    its units. The agreements are `context["agreements"]` when given."""
    from mitra.agreements.models import Agreement

    agreements = context.get("agreements")
    agreement_ids = (
        [a.pk for a in agreements]
        if agreements is not None
        else dependent_agreements(permit).values("pk")
    )
    provinces = Agreement.provinces.through.objects.filter(agreement_id__in=agreement_ids).values(
        "province_id"
    )
    condition = (
        Q(key="kemendagri")
        | Q(pk__in=Agreement.objects.filter(pk__in=agreement_ids).values("owner_id"))
        | Q(kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province_id__in=provinces)
    )
    if permit.partner_ministry_id:
        condition |= Q(pk=permit.partner_ministry_id)
    if permit.application_id:
        application_provinces = Application.provinces.through.objects.filter(
            application_id=permit.application_id
        ).values("province_id")
        condition |= Q(
            kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province_id__in=application_provinces
        )
    bodies = set(GovernmentBody.objects.filter(condition).values_list("pk", flat=True))
    return officials_of(_roots(bodies))


# --- titles, links and texts (run in each recipient's language) --------------------------


def application_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": application.reference,
        "organization": application.organization.legal_name,
        "kind": str(application.get_kind_display()),
        "date": _day(application.query_deadline),
    }


def application_url(application: Application, context: dict[str, Any]) -> str:
    return reverse("permits:application_detail", args=[application.pk])


def circulated_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    due = context.get("due_date")
    if due is None:
        due = (
            application.reviews.filter(state__in=AgencyReview.OPEN_STATES)
            .order_by("due_date")
            .values_list("due_date", flat=True)
            .first()
        )
    return {**application_params(application, context), "date": _day(due)}


def review_inbox_url(application: Application, context: dict[str, Any]) -> str:
    return reverse("permits:review_inbox")


def decision_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    from .models import RejectionReason

    labels = dict(RejectionReason.choices)
    permit = getattr(application, "permit", None) if application.track == "tpoa" else None
    return {
        **application_params(application, context),
        "decided_on": _day(application.decided_on),
        "number": permit.number if permit else "",
        "valid_from": _day(permit.valid_from) if permit else "",
        "valid_until": _day(permit.valid_until) if permit else "",
        "reasons": "; ".join(str(labels.get(r, r)) for r in application.decision_reasons),
    }


def review_params(review: AgencyReview, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": review.application.reference,
        "agency": review.agency.short_name,
        # A deemed opinion says so ("Deadline passed (deemed no objection)").
        "opinion": str(
            review.get_reason_code_display() if review.deemed else review.get_state_display()
        ),
        "reason": str(review.get_reason_code_display()) if review.reason_code else "",
    }


def review_url(review: AgencyReview, context: dict[str, Any]) -> str:
    return reverse("permits:review_detail", args=[review.pk])


def review_application_url(review: AgencyReview, context: dict[str, Any]) -> str:
    return reverse("permits:application_detail", args=[review.application_id])


def review_reminder_params(review: AgencyReview, context: dict[str, Any]) -> dict[str, Any]:
    return {**deadline_params(review, context), **review_params(review, context)}


def reminder_url(subject: Any, context: dict[str, Any]) -> str:
    from django.utils.translation import get_language

    return context.get("urls", {}).get(get_language(), context["deadline"].url)


def permit_params(permit: Permit, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": permit.number,
        "org": permit.organization.legal_name,
        "status": str(permit.get_status_display()),
        "until": _day(permit.valid_until),
    }


def permit_url(permit: Permit, context: dict[str, Any]) -> str:
    return reverse("permits:permit_detail", args=[permit.pk])


def window_params(permit: Permit, context: dict[str, Any]) -> dict[str, Any]:
    from .validation import extension_deadline

    return {
        **deadline_params(permit, context),
        "number": permit.number,
        "deadline": _day(extension_deadline(permit.valid_until)),
    }


def lapsed_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    # The msgid of the notice the job sent before this app existed (its translation is kept).
    return {"ref": application.reference, "date": _day(application.query_deadline)}


# --- the events --------------------------------------------------------------------------

APPLICATION_SUBMITTED = "permits.application_submitted"
APPLICATION_RETURNED = "permits.application_returned"
APPLICATION_ANSWERED = "permits.application_answered"
APPLICATION_CIRCULATED = "permits.application_circulated"
REVIEW_DUE = "permits.review_due"
REVIEW_OVERDUE = "permits.review_overdue"
OPINION_RECORDED = "permits.opinion_recorded"
DELIBERATION_SCHEDULED = "permits.deliberation_scheduled"
APPLICATION_APPROVED = "permits.application_approved"
APPLICATION_REJECTED = "permits.application_rejected"
APPLICATION_LAPSED = "permits.application_lapsed"
PERMIT_ENDED = "permits.permit_ended"
EXTENSION_WINDOW_OPENED = "permits.extension_window_opened"


def register() -> None:
    events = [
        Event(
            name=APPLICATION_SUBMITTED,
            label=_("An izin prinsip application was submitted"),
            recipients=application_secretariat,
            title=_("%(organization)s submitted application %(reference)s (%(kind)s)"),
            params=application_params,
            url=application_url,
            body_template="permits/notifications/application_submitted.txt",
        ),
        Event(
            name=APPLICATION_RETURNED,
            label=_("An application was returned with a query"),
            recipients=application_representatives,
            title=_("Application %(reference)s was returned: answer the query by %(date)s"),
            params=application_params,
            url=application_url,
            body_template="permits/notifications/application_returned.txt",
        ),
        Event(
            name=APPLICATION_ANSWERED,
            label=_("An applicant answered a query"),
            recipients=application_secretariat,
            title=_("%(organization)s answered the query on application %(reference)s"),
            params=application_params,
            url=application_url,
        ),
        Event(
            name=APPLICATION_CIRCULATED,
            label=_("An application awaits your agency's opinion"),
            recipients=asked_to_review,
            title=_("Application %(reference)s awaits your agency's opinion by %(date)s"),
            params=circulated_params,
            url=review_inbox_url,
        ),
        Event(
            name=REVIEW_DUE,
            label=_("A member opinion is due soon"),
            recipients=reviewing_agency,
            title=_("Opinion on application %(reference)s due %(date)s (in %(days)s)"),
            params=review_reminder_params,
            url=reminder_url,
            keyed_by_record=False,
        ),
        Event(
            name=REVIEW_OVERDUE,
            label=_("A member opinion is overdue"),
            recipients=reviewing_agency_and_secretariat,
            title=_(
                "Overdue since %(date)s: the opinion of %(agency)s on application %(reference)s"
            ),
            params=review_reminder_params,
            url=reminder_url,
            keyed_by_record=False,
        ),
        Event(
            name=OPINION_RECORDED,
            label=_("A member agency gave its opinion"),
            recipients=review_secretariat,
            title=_("%(agency)s gave its opinion on application %(reference)s: %(opinion)s"),
            params=review_params,
            url=review_application_url,
        ),
        Event(
            name=DELIBERATION_SCHEDULED,
            label=_("An application goes to deliberation"),
            recipients=deliberation_participants,
            title=_("Application %(reference)s goes to deliberation"),
            params=application_params,
            url=application_url,
            body_template="permits/notifications/deliberation_scheduled.txt",
        ),
        Event(
            name=APPLICATION_APPROVED,
            label=_("An application was approved"),
            recipients=decision_recipients,
            title=_("Application %(reference)s of %(organization)s was approved"),
            params=decision_params,
            url=application_url,
            body_template="permits/notifications/application_approved.txt",
        ),
        Event(
            name=APPLICATION_REJECTED,
            label=_("An application was rejected"),
            recipients=decision_recipients,
            title=_("Application %(reference)s of %(organization)s was rejected"),
            params=decision_params,
            url=application_url,
            body_template="permits/notifications/application_rejected.txt",
        ),
        Event(
            name=APPLICATION_LAPSED,
            label=_("An unanswered application lapsed"),
            recipients=application_representatives,
            title=_("Application %(ref)s lapsed: the query was not answered by %(date)s."),
            params=lapsed_params,
            url=application_url,
        ),
        Event(
            name=PERMIT_ENDED,
            label=_("An izin prinsip ended"),
            recipients=permit_ended_recipients,
            title=_("Izin prinsip %(number)s of %(org)s: %(status)s"),
            params=permit_params,
            url=permit_url,
            body_template="permits/notifications/permit_ended.txt",
        ),
        Event(
            name=EXTENSION_WINDOW_OPENED,
            label=_("The extension window of an izin prinsip opened"),
            recipients=permit_representatives,
            title=_(
                "The extension window of izin prinsip %(number)s is open: file by %(deadline)s"
            ),
            params=window_params,
            url=reminder_url,
            body_template="permits/notifications/extension_window.txt",
            keyed_by_record=False,
        ),
    ]
    for event in events:
        register_event(event)
