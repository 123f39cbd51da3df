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
from mitra.deadlines.notices import deadline_params, deadline_url
from mitra.notifications.recipients import (
    agency_officials,
    officials_of,
    representatives_of,
)
from mitra.notifications.registry import Event, register_event

from .models import AgencyReview, Application, ForeignStaffAssignment, IzinOperasional, Permit
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


def _cascade_bodies() -> set[int]:
    """The configured N14 bodies (CASCADE_NOTIFY_BODIES: Ditjen Polpum, Biro KTLN); a unit
    missing from the register falls back to its agency, named by the key's first segment."""
    from .conf import setting

    keys = list(setting("CASCADE_NOTIFY_BODIES"))
    wanted = keys + [key.split("-", 1)[0] for key in keys]
    found = dict(GovernmentBody.objects.filter(key__in=wanted).values_list("key", "pk"))
    ids = set()
    for key in keys:
        pk = found.get(key) or found.get(key.split("-", 1)[0])
        if pk:
            ids.add(pk)
    return ids


def n14_recipients(permit: Permit, context: dict[str, Any]) -> Any:
    """Everyone domain.md N14 names when an izin prinsip ends, is suspended or reinstated:
    the organization's representatives (the holder); the partner ministry, the lead bodies
    of the dependent agreements and the provincial governments of the permit's and those
    agreements' regions, each as a whole ministry or region with its units; Kemendagri's Ditjen
    Polpum and Biro KTLN (CASCADE_NOTIFY_BODIES, those units only); and the regional
    governments that signed an active RKT of the organization (the workplans hook). The
    agreements are `context["agreements"]` when given. A fixed number of queries."""
    from mitra.agreements.models import Agreement

    from .hooks import affected_bodies

    agreements = context.get("agreements")
    agreement_ids = (
        [a.pk for a in agreements]
        if agreements is not None
        else dependent_agreements(permit).values("pk")
    )
    provinces = Agreement.provinces.through.objects.filter(agreement_id__in=agreement_ids).values(
        "province_id"
    )
    condition = Q(pk__in=Agreement.objects.filter(pk__in=agreement_ids).values("owner_id")) | Q(
        kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province_id__in=provinces
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
    whole = set(GovernmentBody.objects.filter(condition).values_list("pk", flat=True))
    exact = _cascade_bodies() | affected_bodies(permit.organization_id)
    return officials_of(_roots(whole) | exact) | representatives_of([permit.organization_id])


def operational_recipients(io: IzinOperasional, context: dict[str, Any]) -> Any:
    """The holder's representatives, the issuing ministry or regional government (as a
    whole) and the TPOA secretariat."""
    return (
        representatives_of([io.permit.organization_id])
        | officials_of(_roots({io.issuer_id}))
        | agency_officials([secretariat_key("tpoa")])
    )


def staff_recipients(staff: ForeignStaffAssignment, context: dict[str, Any]) -> Any:
    """The organization's representatives and Biro KTLN's agency (which approved it)."""
    from .conf import setting

    return representatives_of([staff.organization_id]) | agency_officials(
        [setting("STAFF_APPROVER")]
    )


def uncovered_agreement_recipients(agreement: Any, context: dict[str, Any]) -> Any:
    """The ministry that owns the agreement (the whole ministry, with its units): its task is
    to decide whether the agreement continues without the partner's izin prinsip."""
    return officials_of(_roots({agreement.owner_id}))


# --- titles, links and texts (run in each recipient's language) --------------------------


def application_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": application.reference,
        "organization": application.organization.legal_name,
        "kind": str(application.get_kind_display()),
        "date": _day(application.query_deadline),
    }


def presentation_params(application: Application, context: dict[str, Any]) -> dict[str, Any]:
    presentation = application.presentations.order_by("-created_at", "-id").first()
    return {
        **application_params(application, context),
        "date": _day(presentation.scheduled_for if presentation else None),
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


def permit_params(permit: Permit, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": permit.number,
        "org": permit.organization.legal_name,
        "status": str(permit.get_status_display()),
        "until": _day(permit.valid_until),
    }


def permit_url(permit: Permit, context: dict[str, Any]) -> str:
    return reverse("permits:permit_detail", args=[permit.pk])


def permit_change_params(permit: Permit, context: dict[str, Any]) -> dict[str, Any]:
    return {
        **permit_params(permit, context),
        "basis": context.get("legal_basis") or permit.status_legal_basis,
    }


def operational_params(io: IzinOperasional, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": io.number,
        "org": io.permit.organization.legal_name,
        "status": str(io.get_status_display()),
        "basis": io.end_legal_basis,
    }


def operational_url(io: IzinOperasional, context: dict[str, Any]) -> str:
    return reverse("permits:permit_detail", args=[io.permit_id])


def staff_params(staff: ForeignStaffAssignment, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": staff.name,
        "org": staff.organization.legal_name,
        "basis": staff.end_legal_basis,
    }


def staff_url(staff: ForeignStaffAssignment, context: dict[str, Any]) -> str:
    permit = context.get("permit")
    if permit is not None:
        return reverse("permits:permit_detail", args=[permit.pk])
    return reverse("permits:permit_list")


def uncovered_agreement_params(agreement: Any, context: dict[str, Any]) -> dict[str, Any]:
    permit = context.get("permit")
    return {
        "title": agreement.title,
        "org": permit.organization.legal_name if permit is not None else "",
        "number": permit.number if permit is not None else "",
        "status": str(permit.get_status_display()) if permit is not None else "",
    }


def uncovered_agreement_url(agreement: Any, context: dict[str, Any]) -> str:
    return reverse("agreements:detail", args=[agreement.pk])


def window_params(permit: Permit, context: dict[str, Any]) -> dict[str, Any]:
    from mitra.deadlines.engine import period_in_force

    from .conf import RULE_EXTENSION_FILING
    from .validation import extension_deadline

    return {
        **deadline_params(permit, context),
        "number": permit.number,
        "deadline": _day(extension_deadline(permit.valid_until)),
        # The filing period in force on the permit's end date (the body names it).
        "period": period_in_force(RULE_EXTENSION_FILING, permit.valid_until),
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
PRESENTATION_SCHEDULED = "permits.presentation_scheduled"
APPLICATION_APPROVED = "permits.application_approved"
APPLICATION_REJECTED = "permits.application_rejected"
APPLICATION_LAPSED = "permits.application_lapsed"
PERMIT_ENDED = "permits.permit_ended"
PERMIT_SUSPENDED = "permits.permit_suspended"
PERMIT_REINSTATED = "permits.permit_reinstated"
OPERATIONAL_ENDED = "permits.operational_ended"
STAFF_ENDED = "permits.staff_ended"
AGREEMENT_UNCOVERED = "permits.agreement_uncovered"
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
            url=deadline_url,
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
            url=deadline_url,
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
            name=PRESENTATION_SCHEDULED,
            label=_("An applicant's presentation to the TPOA was scheduled"),
            recipients=deliberation_participants,
            title=_("Application %(reference)s: presentation to the TPOA on %(date)s"),
            params=presentation_params,
            url=application_url,
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
            recipients=n14_recipients,
            title=_("Izin prinsip %(number)s of %(org)s: %(status)s"),
            params=permit_params,
            url=permit_url,
            body_template="permits/notifications/permit_ended.txt",
        ),
        Event(
            name=PERMIT_SUSPENDED,
            label=_("An izin prinsip was suspended"),
            recipients=n14_recipients,
            title=_("Izin prinsip %(number)s of %(org)s is suspended (%(basis)s)"),
            params=permit_change_params,
            url=permit_url,
            body_template="permits/notifications/permit_suspended.txt",
        ),
        Event(
            name=PERMIT_REINSTATED,
            label=_("A suspended izin prinsip was reinstated"),
            recipients=n14_recipients,
            title=_("Izin prinsip %(number)s of %(org)s is reinstated (%(basis)s)"),
            params=permit_change_params,
            url=permit_url,
        ),
        Event(
            name=OPERATIONAL_ENDED,
            label=_("An izin operasional ended"),
            recipients=operational_recipients,
            title=_("Izin operasional %(number)s of %(org)s: %(status)s"),
            params=operational_params,
            url=operational_url,
        ),
        Event(
            name=STAFF_ENDED,
            label=_("A foreign staff assignment ended"),
            recipients=staff_recipients,
            title=_("The assignment of %(name)s (%(org)s) ended (%(basis)s)"),
            params=staff_params,
            url=staff_url,
        ),
        Event(
            name=AGREEMENT_UNCOVERED,
            label=_("An agreement lost its partner's izin prinsip"),
            recipients=uncovered_agreement_recipients,
            title=_(
                "%(title)s: the izin prinsip %(number)s of %(org)s is %(status)s and none "
                "covers the agreement now; decide whether it continues"
            ),
            params=uncovered_agreement_params,
            url=uncovered_agreement_url,
        ),
        Event(
            name=EXTENSION_WINDOW_OPENED,
            label=_("The extension window of an izin prinsip opened"),
            recipients=permit_representatives,
            title=_(
                "The extension window of izin prinsip %(number)s is open: file by %(deadline)s"
            ),
            params=window_params,
            url=deadline_url,
            body_template="permits/notifications/extension_window.txt",
            keyed_by_record=False,
        ),
    ]
    for event in events:
        register_event(event)
