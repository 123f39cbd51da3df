"""Writing licensing records. Every change re-checks the actor, locks the rows whose state
matters, validates, writes and audits in one transaction; a refusal writes nothing."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from mitra.agreements import documents as document_checks
from mitra.agreements.services import agreements_recheck_cover
from mitra.agreements.validation import frame_problems
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.periods import Period, check_within
from mitra.core.validators import not_in_future
from mitra.deadlines.engine import due_date as rule_due_date
from mitra.deadlines.engine import period_in_force
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization

from . import notices, roles, validation
from .conf import RULE_EXTENSION_FILING, RULE_QUERY, RULE_REVIEW, setting
from .lifecycle import permit_expire_due
from .models import (
    DOCUMENT_LABELS,
    AgencyReview,
    Application,
    ApplicationDocument,
    Deliberation,
    ForeignStaffAssignment,
    IzinOperasional,
    Permit,
    QueryReason,
    RejectionReason,
    StageVisit,
    Track,
)
from .routes import route_for

S = Application.Status


@dataclass
class ApplicationInput:
    """The task-list sections an applicant fills in (any may be empty in a draft)."""

    profile: dict[str, str] = field(default_factory=dict)
    programmes: str = ""
    provinces: Iterable[Any] = ()
    partner_ministry: GovernmentBody | None = None
    funding_sources: str = ""
    funding_amount: Decimal | None = None
    funding_currency: str = "USD"
    local_partners: str = ""
    changes_summary: str = ""


PROFILE_FIELDS = [
    "legal_name",
    "country",
    "headquarters",
    "indonesian_office",
    "representative_name",
    "representative_nationality",
    "vision_mission",
]


# --- helpers -----------------------------------------------------------------------------


def _now() -> datetime:
    return timezone.now()


def _lock(application_id: int) -> Application:
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise ApplicationError(_("This application does not exist."))
    return application


def _require_applicant(actor: Any, application: Application) -> None:
    """SECURITY: the organization's representative (or an operator) acts for the applicant."""
    if actor is not None and getattr(actor, "is_operator", False):
        return
    if not roles.is_applicant(actor, application.organization_id):
        raise ApplicationError(_("Only the applying organization may do this."))


def _require_secretariat(actor: Any, application: Application) -> None:
    """SECURITY: officers of the track's secretariat agency (or operators) only."""
    if not roles.can_act_for_secretariat(actor, application.track):
        raise ApplicationError(_("Only the secretariat may do this."))


def _move(
    application: Application,
    transition: str,
    actor: Any,
    event: str,
    data: dict[str, Any] | None = None,
) -> None:
    """Run one FSM transition, save, keep the stage visits, audit."""
    old = application.status
    try:
        getattr(application, transition)()
    except TransitionNotAllowed as exc:
        raise ApplicationError(
            _("This action is not possible while the application is %(status)s.")
            % {"status": application.get_status_display()}
        ) from exc
    now = _now()
    application.stage_since = now
    application.save()
    StageVisit.objects.filter(application=application, left_at__isnull=True).update(left_at=now)
    StageVisit.objects.create(application=application, stage=application.status, entered_at=now)
    audit_event_record(
        event=event,
        target=application,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": application.status}, **(data or {})},
    )


def track_for(organization: ForeignOrganization) -> str:
    """The application track of the organization's filing route (routes.py): ormas asing the
    TPOA, regional, multilateral and UN organizations the multilateral working group.

    Refuses (ApplicationError naming the route) the kinds whose route files no izin prinsip
    application: foreign local governments (KSDPL/KSDLL under the regional government) and
    bilateral development agencies (technical cooperation with Biro KTLN)."""
    route = route_for(organization)
    if not route.track:
        raise ApplicationError(
            _(
                "%(org)s (%(kind)s) files no izin prinsip application: its cooperation "
                "follows another route, %(route)s, handled by %(handled_by)s."
            )
            % {
                "org": organization.legal_name,
                "kind": organization.get_kind_display(),
                "route": route.label,
                "handled_by": route.handled_by,
            },
            {"organization": [str(route.label)]},
        )
    return route.track


def _next_reference(track: str, year: int) -> str:
    prefix = f"{'TPOA' if track == Track.TPOA else 'MLC'}-{year}-"
    last = (
        Application.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _next_permit_number(year: int) -> str:
    prefix = f"IP-{year}-"
    last = (
        Permit.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _write_sections(application: Application, data: ApplicationInput) -> None:
    application.profile = {k: str(data.profile.get(k, "") or "").strip() for k in PROFILE_FIELDS}
    application.programmes = data.programmes.strip()
    application.partner_ministry = data.partner_ministry.root() if data.partner_ministry else None
    application.funding_sources = data.funding_sources.strip()
    application.funding_amount = data.funding_amount
    application.funding_currency = (data.funding_currency or "").strip().upper()[:3]
    application.local_partners = data.local_partners.strip()
    application.changes_summary = data.changes_summary.strip()


def _validate_sections(data: ApplicationInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.funding_amount is not None and data.funding_amount < 0:
        errors["funding_amount"] = [_("The amount cannot be negative.")]
    currency = (data.funding_currency or "").strip()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors["funding_currency"] = [_("Use a three-letter currency code such as USD.")]
    if errors:
        raise ApplicationError(_("The application was not saved."), errors)


def initial_from_organization(organization: ForeignOrganization) -> ApplicationInput:
    return ApplicationInput(
        profile={
            "legal_name": organization.legal_name,
            "country": str(organization.country),
            "headquarters": organization.headquarters,
            "indonesian_office": organization.indonesian_office,
        }
    )


def initial_from_application(previous: Application) -> ApplicationInput:
    """An extension starts from the current record: every section copied."""
    return ApplicationInput(
        profile=dict(previous.profile),
        programmes=previous.programmes,
        provinces=list(previous.provinces.all()),
        partner_ministry=previous.partner_ministry,
        funding_sources=previous.funding_sources,
        funding_amount=previous.funding_amount,
        funding_currency=previous.funding_currency,
        local_partners=previous.local_partners,
    )


# --- the applicant ----------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    organization: ForeignOrganization,
    actor: Any,
    data: ApplicationInput | None = None,
    extends: Permit | None = None,
) -> Application:
    """Start an application (draft). An extension (`extends` = the current izin prinsip) is
    pre-filled from that permit's application, or from the registry when there is none.

    Refuses: an actor who is not the organization's representative (or an operator); a second
    open application of the same kind; an extension of another organization's, or an ended,
    permit.
    """
    if not (getattr(actor, "is_operator", False) or roles.is_applicant(actor, organization.pk)):
        raise ApplicationError(_("Only the applying organization may do this."))
    ForeignOrganization.objects.select_for_update().filter(pk=organization.pk).first()
    kind = Application.Kind.EXTENSION if extends is not None else Application.Kind.NEW
    if extends is not None:
        if extends.organization_id != organization.pk:
            raise ApplicationError(_("This permit belongs to another organization."))
        if not extends.in_force:  # active or suspended (the holder's status)
            raise ApplicationError(_("Only a current izin prinsip can be extended."))
        if hasattr(extends, "extended_by"):
            raise ApplicationError(_("This izin prinsip was already extended."))
    open_same = Application.objects.filter(
        organization=organization, kind=kind, status__in=Application.OPEN
    )
    if open_same.exists():
        raise ApplicationError(
            _("%(org)s already has an open application of this kind: %(ref)s.")
            % {"org": organization.legal_name, "ref": open_same.first().reference}
        )
    if data is None:
        if extends is not None and extends.application_id:
            data = initial_from_application(extends.application)
        else:
            data = initial_from_organization(organization)
    _validate_sections(data)
    track = track_for(organization)
    application = Application(
        organization=organization,
        kind=kind,
        track=track,
        extends=extends,
        reference=_next_reference(track, today().year),
        created_by=actor if actor is not None and actor.pk else None,
        stage_since=_now(),
    )
    _write_sections(application, data)
    application.save()
    application.provinces.set(list(data.provinces))
    StageVisit.objects.create(application=application, stage=S.DRAFT, entered_at=_now())
    audit_event_record(
        event="permit_application.created",
        target=application,
        actor=actor,
        data={"new": {"reference": application.reference, "kind": kind, "track": track}},
    )
    return application


@transaction.atomic
def application_update(*, application_id: int, data: ApplicationInput, actor: Any) -> Application:
    """Save the task list (a draft may be incomplete). Only in draft or returned for revision."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if application.status not in (S.DRAFT, S.RETURNED):
        raise ApplicationError(
            _("The application can only be changed as a draft or when returned.")
        )
    _validate_sections(data)
    _write_sections(application, data)
    application.save()
    application.provinces.set(list(data.provinces))
    audit_event_record(
        event="permit_application.updated",
        target=application,
        actor=actor,
        data={"new": {"sections": validation.section_status(application)}},
    )
    return application


def application_document_upload(
    *, application_id: int, item: str, upload: UploadedFile, actor: Any
) -> ApplicationDocument:
    """Store one checklist document (PDF/DOCX/ODT judged by content, size limit)."""
    if item not in DOCUMENT_LABELS:
        raise ApplicationError(_("Unknown checklist item."), {"item": [_("Unknown item.")]})
    content_type = document_checks.check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        application = _lock(application_id)
        _require_applicant(actor, application)
        if application.status not in (S.DRAFT, S.RETURNED):
            raise ApplicationError(
                _("Documents can only be added to a draft or a returned application.")
            )
        latest = application.documents.filter(item=item).order_by("-version").first()
        document = ApplicationDocument(
            application=application,
            item=item,
            version=(latest.version + 1) if latest else 1,
            original_name=(upload.name or "document")[:255],
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=actor if actor is not None and actor.pk else None,
        )
        document.file.save(document_checks.safe_name(upload.name or "document"), upload, save=False)
        document.save()
        audit_event_record(
            event="permit_application.document_uploaded",
            target=application,
            actor=actor,
            data={"new": {"item": item, "version": document.version, "sha256": document.sha256}},
        )
    return document


@transaction.atomic
def application_submit(*, application_id: int, actor: Any) -> Application:
    """Submit a complete application. Checks the task list, the eligibility gates and, for an
    extension, the filing window (late: flagged, or refused when so configured)."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if application.status != S.DRAFT:
        raise ApplicationError(_("Only a draft can be submitted."))
    problems = validation.missing_sections(application)
    problems.update(validation.eligibility_problems(application))
    if problems:
        raise ApplicationError(_("The application is not complete."), problems)
    late = False
    if application.kind == Application.Kind.EXTENSION and application.extends_id:
        late = validation.extension_is_late(application.extends.valid_until, today())
        if late and setting("EXTENSION_LATE_BLOCKS"):
            raise ApplicationError(
                _("An extension must be filed by %(day)s, %(period)s before the permit ends.")
                % {
                    "day": validation.extension_deadline(application.extends.valid_until),
                    "period": period_in_force(
                        RULE_EXTENSION_FILING, application.extends.valid_until
                    ),
                },
                {"extends": [_("Filed too late.")]},
            )
    application.late_filing = late
    application.submitted_on = today()
    _move(application, "submit", actor, "permit_application.submitted", {"late_filing": late})
    notify(event=notices.APPLICATION_SUBMITTED, subject=application, actor=actor)
    return application


@transaction.atomic
def application_resubmit(*, application_id: int, response_text: str, actor: Any) -> Application:
    """Answer the secretariat's query; the application returns to verification."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if not response_text.strip():
        raise ApplicationError(
            _("Answer the query before resubmitting."), {"response_text": [_("Required.")]}
        )
    if application.status != S.RETURNED:
        raise ApplicationError(_("Only a returned application can be resubmitted."))
    problems = validation.missing_sections(application)
    if problems:
        raise ApplicationError(_("The application is not complete."), problems)
    application.response_text = response_text.strip()
    _move(application, "resubmit", actor, "permit_application.resubmitted")
    notify(
        event=notices.APPLICATION_ANSWERED,
        subject=application,
        actor=actor,
        key=str(_query_number(application)),
    )
    return application


@transaction.atomic
def application_withdraw(*, application_id: int, actor: Any, reason: str = "") -> Application:
    application = _lock(application_id)
    _require_applicant(actor, application)
    _move(application, "withdraw", actor, "permit_application.withdrawn", {"reason": reason})
    return application


# --- the secretariat -------------------------------------------------------------------


@transaction.atomic
def application_open_verification(*, application_id: int, actor: Any) -> Application:
    application = _lock(application_id)
    _require_secretariat(actor, application)
    _move(application, "open_verification", actor, "permit_application.verification_opened")
    return application


@transaction.atomic
def application_return(
    *,
    application_id: int,
    reasons: list[str],
    text: str,
    actor: Any,
    deadline: date | None = None,
) -> Application:
    """Return to the applicant with coded reasons and a deadline (default: the period of the
    `application.query_response` rule, 15 working days unless an operator changed it)."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.VERIFICATION:
        raise ApplicationError(_("Only an application under verification can be returned."))
    return _return(application, reasons, text, actor, deadline)


def _return(
    application: Application, reasons: list[str], text: str, actor: Any, deadline: date | None
) -> Application:
    errors: dict[str, list[str]] = {}
    if not reasons or any(r not in QueryReason.values for r in reasons):
        errors["reasons"] = [_("Choose at least one reason.")]
    if not text.strip():
        errors["text"] = [_("Explain what is needed.")]
    # The applicant's clock: the query rule in force on the day the query is sent.
    deadline = deadline or rule_due_date(RULE_QUERY, today(), on=today())
    if deadline <= today():
        errors["deadline"] = [_("The deadline must be in the future.")]
    if errors:
        raise ApplicationError(_("The application was not returned."), errors)
    application.query_reasons = list(reasons)
    application.query_text = text.strip()
    application.query_deadline = deadline
    application.response_text = ""
    _move(
        application,
        "return_for_revision",
        actor,
        "permit_application.returned",
        {"reasons": list(reasons), "deadline": deadline.isoformat()},
    )
    notify(
        event=notices.APPLICATION_RETURNED,
        subject=application,
        actor=actor,
        key=str(_query_number(application)),
    )
    return application


def _query_number(application: Application) -> int:
    """How many times the application was returned with a query (the current one's number)."""
    return application.stage_visits.filter(stage=S.RETURNED).count()


def member_agencies(application: Application) -> list[GovernmentBody]:
    """The configured members for the track, the partner ministry (multilateral) and the
    technical ministries chosen for this application; each once, top-level bodies."""
    if application.track == Track.TPOA:
        keys = list(setting("TPOA_MEMBERS"))
    else:
        keys = [setting("MULTILATERAL_SECRETARIAT")]
    bodies = {b.key: b for b in GovernmentBody.objects.filter(key__in=keys)}
    found = [bodies[k] for k in keys if k in bodies]
    if application.track == Track.MULTILATERAL and application.partner_ministry_id:
        found.append(application.partner_ministry)
    found += [b.root() for b in application.technical_ministries.all()]
    unique: dict[int, GovernmentBody] = {}
    for body in found:
        unique.setdefault(body.pk, body)
    return list(unique.values())


@transaction.atomic
def application_circulate(
    *,
    application_id: int,
    actor: Any,
    technical_ministries: Iterable[GovernmentBody] = (),
    due_date: date | None = None,
) -> list[AgencyReview]:
    """Verification complete: request one review per member agency (parallel), each due by the
    `review.member_opinion` rule in force today. Agencies with an open review are not asked
    twice."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.VERIFICATION:
        raise ApplicationError(_("Only a verified application can be circulated."))
    problems = validation.missing_sections(application)
    problems.update(validation.eligibility_problems(application))
    if problems:
        raise ApplicationError(_("The application is not complete."), problems)
    # The members' clock: the review rule in force on the day of circulation.
    due = due_date or rule_due_date(RULE_REVIEW, today(), on=today())
    if due <= today():
        raise ApplicationError(_("The due date must be in the future."), {"due_date": ["?"]})
    application.technical_ministries.add(*[b.root() for b in technical_ministries])
    open_agencies = set(
        application.reviews.filter(state__in=AgencyReview.OPEN_STATES).values_list(
            "agency_id", flat=True
        )
    )
    created = []
    for agency in member_agencies(application):
        if agency.pk in open_agencies:
            continue
        review = AgencyReview.objects.create(application=application, agency=agency, due_date=due)
        created.append(review)
    if not created and not open_agencies:
        raise ApplicationError(_("No member agency is configured to review this application."))
    _move(
        application,
        "circulate",
        actor,
        "permit_application.circulated",
        {"agencies": [r.agency.key for r in created], "due_date": due.isoformat()},
    )
    if created:
        notify(
            event=notices.APPLICATION_CIRCULATED,
            subject=application,
            actor=actor,
            context={"agencies": [r.agency_id for r in created], "due_date": due},
            key=str(created[0].pk),
        )
    return created


@transaction.atomic
def application_share_opinions(*, application_id: int, actor: Any) -> Application:
    """The secretariat shares every member's opinion text with the other members."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if not application.opinions_shared:
        application.opinions_shared = True
        application.save(update_fields=["opinions_shared", "updated_at"])
        audit_event_record(
            event="permit_application.opinions_shared", target=application, actor=actor, data={}
        )
    return application


@transaction.atomic
def application_open_deliberation(*, application_id: int, actor: Any) -> Application:
    """All member opinions are in: the application goes to the TPOA meeting."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.reviews.filter(state__in=AgencyReview.OPEN_STATES).exists():
        raise ApplicationError(_("Some member agencies have not given their opinion yet."))
    _move(application, "open_deliberation", actor, "permit_application.deliberation_opened")
    rounds = application.stage_visits.filter(stage=S.DELIBERATION).count()
    notify(event=notices.DELIBERATION_SCHEDULED, subject=application, actor=actor, key=str(rounds))
    return application


def latest_reviews(application: Application) -> dict[int, AgencyReview]:
    """The current review of each agency (a reopened review replaces the one it supersedes)."""
    current: dict[int, AgencyReview] = {}
    for review in application.reviews.select_related("agency").order_by("requested_at", "id"):
        current[review.agency_id] = review
    return current


def unresolved_objections(application: Application) -> list[AgencyReview]:
    return [
        r for r in latest_reviews(application).values() if r.state == AgencyReview.State.OBJECTION
    ]


@transaction.atomic
def deliberation_record(
    *,
    application_id: int,
    held_on: date,
    agencies_present: Iterable[GovernmentBody],
    recommendation: str,
    actor: Any,
    notes: str = "",
    override_reason: str = "",
    meeting: Any = None,
) -> Deliberation:
    """Record the TPOA meeting: who attended, each agency's position (from its current
    review) and the recommendation. Approve/reject → awaiting the Minister; need information
    → back to the applicant with a query. The decision rule is applied here and again at the
    decision."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.DELIBERATION:
        raise ApplicationError(_("The application is not in deliberation."))
    errors: dict[str, list[str]] = {}
    if recommendation not in Deliberation.Recommendation.values:
        errors["recommendation"] = [_("Choose a recommendation.")]
    present = list(agencies_present)
    if not present:
        errors["agencies_present"] = [_("Name the agencies present.")]
    if not_in_future(held_on):
        errors["held_on"] = not_in_future(held_on)
    if recommendation == Deliberation.Recommendation.NEED_INFORMATION and not notes.strip():
        errors["notes"] = [_("Write down which information is needed.")]
    if recommendation == Deliberation.Recommendation.APPROVE:
        errors.update(_decision_rule_errors(application, override_reason))
    if errors:
        raise ApplicationError(_("The deliberation was not recorded."), errors)
    positions = {
        r.agency.key: {"agency": r.agency.short_name, "position": r.state, "review": r.pk}
        for r in latest_reviews(application).values()
    }
    deliberation = Deliberation.objects.create(
        application=application,
        held_on=held_on,
        positions=positions,
        recommendation=recommendation,
        notes=notes.strip(),
        override_reason=override_reason.strip(),
        created_by=actor if actor is not None and actor.pk else None,
        **({"meeting": meeting} if meeting is not None else {}),
    )
    deliberation.agencies_present.set([b.root() for b in present])
    audit_event_record(
        event="permit_application.deliberation_recorded",
        target=application,
        actor=actor,
        data={"new": {"recommendation": recommendation, "positions": positions}},
    )
    if override_reason.strip():
        application.override_reason = override_reason.strip()
    if recommendation == Deliberation.Recommendation.NEED_INFORMATION:
        _return(application, [QueryReason.MEMBER_QUESTION], notes, actor, None)
    else:
        _move(
            application,
            "recommend",
            actor,
            "permit_application.recommended",
            {"recommendation": recommendation},
        )
    return deliberation


def _decision_rule_errors(application: Application, override_reason: str) -> dict[str, list[str]]:
    if setting("DECISION_RULE") != "objection_blocks":
        return {}
    objections = unresolved_objections(application)
    if objections and not (override_reason.strip() or application.override_reason):
        names = ", ".join(r.agency.short_name for r in objections)
        return {
            "override_reason": [
                _("%(agencies)s objected; approval needs a recorded reason to override.")
                % {"agencies": names}
            ]
        }
    return {}


@transaction.atomic
def application_decide(
    *,
    application_id: int,
    approve: bool,
    actor: Any,
    valid_from: date | None = None,
    valid_until: date | None = None,
    conditions: str = "",
    legal_basis: str = "",
    reasons: list[str] | None = None,
    text: str = "",
    override_reason: str = "",
    decided_on: date | None = None,
) -> Permit | None:
    """Record the Minister's decision (entered by the secretariat). Approval on the TPOA track
    issues an izin prinsip of at most the configured validity; on the multilateral track it
    clears the organization (no permit). Rejection needs coded reasons."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.DECISION_PENDING:
        raise ApplicationError(_("The application is not awaiting a decision."))
    decided_on = decided_on or today()
    future = not_in_future(decided_on)
    if future:
        raise ApplicationError(future[0], {"decided_on": future})
    reasons = list(reasons or [])
    permit = None
    if not approve:
        if not reasons or any(r not in RejectionReason.values for r in reasons):
            raise ApplicationError(
                _("Give at least one reason for the rejection."), {"reasons": [_("Required.")]}
            )
        application.decision_reasons = reasons
        application.decision_text = text.strip()
        application.decided_on = decided_on
        _move(application, "reject", actor, "permit_application.rejected", {"reasons": reasons})
        notify(event=notices.APPLICATION_REJECTED, subject=application, actor=actor)
        return None
    errors = _decision_rule_errors(application, override_reason)
    if application.track == Track.TPOA:
        if valid_from is None:
            errors["valid_from"] = [_("Required.")]
        if valid_until is None:
            errors["valid_until"] = [_("Required.")]
        if valid_from and valid_until:
            errors.update(validation.validity_problems(valid_from, valid_until))
    if errors:
        raise ApplicationError(_("The decision was not recorded."), errors)
    if override_reason.strip():
        application.override_reason = override_reason.strip()
    application.decision_text = text.strip()
    application.decided_on = decided_on
    _move(application, "approve", actor, "permit_application.approved")
    if application.track == Track.TPOA:
        assert valid_from is not None
        assert valid_until is not None
        previous = None
        if application.extends_id:
            previous = Permit.objects.select_for_update().get(pk=application.extends_id)
        permit = Permit.objects.create(
            number=_next_permit_number(decided_on.year),
            organization=application.organization,
            application=application,
            previous=previous,
            partner_ministry=application.partner_ministry,
            decision_date=decided_on,
            valid_from=valid_from,
            valid_until=valid_until,
            conditions=conditions.strip(),
            **({"legal_basis": legal_basis.strip()} if legal_basis.strip() else {}),
            created_by=actor if actor is not None and actor.pk else None,
        )
        audit_event_record(
            event="permit.issued",
            target=permit,
            actor=actor,
            data={
                "new": {
                    "number": permit.number,
                    "valid_from": valid_from.isoformat(),
                    "valid_until": valid_until.isoformat(),
                    "application": application.reference,
                }
            },
        )
        izin_operasional_recheck(organization_id=application.organization_id, actor=actor)
        # N3 both ways: a new or extended izin prinsip may restore its agreements' cover.
        agreements_recheck_cover(organization_ids={application.organization_id}, actor=actor)
    notify(event=notices.APPLICATION_APPROVED, subject=application, actor=actor)
    return permit


# --- member agencies ---------------------------------------------------------------------


def _lock_review(review_id: int) -> AgencyReview:
    review = (
        AgencyReview.objects.select_for_update()
        .select_related("application", "agency")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        raise ApplicationError(_("This review does not exist."))
    return review


def _require_member(actor: Any, review: AgencyReview) -> None:
    """SECURITY: an officer of the review's own agency (or an operator) decides it."""
    if actor is not None and getattr(actor, "is_operator", False):
        return
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.can_edit_records
        and actor.agency is not None
        and actor.agency.pk == review.agency_id
    ):
        raise ApplicationError(_("Only the reviewing agency may give this opinion."))


@transaction.atomic
def review_start(*, review_id: int, actor: Any) -> AgencyReview:
    review = _lock_review(review_id)
    _require_member(actor, review)
    try:
        review.start()
    except TransitionNotAllowed as exc:
        raise ApplicationError(_("This review was already picked up or decided.")) from exc
    review.save()
    audit_event_record(
        event="permit_review.started",
        target=review.application,
        actor=actor,
        data={"new": {"agency": review.agency.key, "state": review.state}},
    )
    return review


DECISIONS = {
    "no_objection": "no_objection",
    "objection": "object",
    "information_requested": "request_information",
}


@transaction.atomic
def review_decide(
    *, review_id: int, state: str, reason_code: str, text: str, actor: Any
) -> AgencyReview:
    """Give the agency's opinion. Once given it never changes (a new review replaces it)."""
    # Lock the application first, then the review: the same order as every other move, so
    # two agencies deciding at once serialise on the application and lose nothing.
    review_application = AgencyReview.objects.filter(pk=review_id).values("application_id").first()
    if review_application is None:
        raise ApplicationError(_("This review does not exist."))
    application = _lock(review_application["application_id"])
    review = _lock_review(review_id)
    _require_member(actor, review)
    if review.is_decided:
        raise ApplicationError(_("This opinion was given and can no longer change."))
    if application.status != S.REVIEW:
        raise ApplicationError(_("The application is no longer in inter-agency review."))
    errors: dict[str, list[str]] = {}
    if state not in DECISIONS:
        errors["state"] = [_("Choose no objection, objection or information requested.")]
    if reason_code not in AgencyReview.Reason.values or reason_code == AgencyReview.Reason.DEEMED:
        errors["reason_code"] = [_("Choose a reason.")]
    if state != "no_objection" and not text.strip():
        errors["text"] = [_("Explain the objection or the information needed.")]
    if errors:
        raise ApplicationError(_("The opinion was not recorded."), errors)
    getattr(review, DECISIONS[state])()
    review.reason_code = reason_code
    review.text = text.strip()
    review.decided_by = actor if actor is not None and actor.pk else None
    review.decided_at = _now()
    review.save()
    audit_event_record(
        event="permit_review.decided",
        target=application,
        actor=actor,
        data={"new": {"agency": review.agency.key, "state": review.state, "reason": reason_code}},
    )
    notify(event=notices.OPINION_RECORDED, subject=review, actor=actor)
    return review


@transaction.atomic
def review_reopen(*, review_id: int, actor: Any, due_date: date | None = None) -> AgencyReview:
    """A new review for the same agency (e.g. to withdraw an objection). The decided one is
    kept unchanged; the new one supersedes it."""
    review_application = AgencyReview.objects.filter(pk=review_id).values("application_id").first()
    if review_application is None:
        raise ApplicationError(_("This review does not exist."))
    application = _lock(review_application["application_id"])
    review = _lock_review(review_id)
    if not (
        roles.can_act_for_secretariat(actor, application.track) or _is_member_officer(actor, review)
    ):
        raise ApplicationError(_("Only the reviewing agency or the secretariat may do this."))
    if not review.is_decided:
        raise ApplicationError(_("This review is still open."))
    if hasattr(review, "superseded_by"):
        raise ApplicationError(_("This review was already replaced."))
    if application.status not in (S.REVIEW, S.DELIBERATION):
        raise ApplicationError(_("Opinions can only be revised during review or deliberation."))
    if application.status == S.DELIBERATION:
        _move(application, "return_to_review", actor, "permit_application.back_to_review")
    # The members' clock again: the review rule in force on the day the opinion is re-asked.
    due = due_date or rule_due_date(RULE_REVIEW, today(), on=today())
    try:
        new = AgencyReview.objects.create(
            application=application, agency=review.agency, due_date=due, supersedes=review
        )
    except IntegrityError as exc:  # pragma: no cover - the open-review constraint
        raise ApplicationError(_("This agency already has an open review.")) from exc
    audit_event_record(
        event="permit_review.reopened",
        target=application,
        actor=actor,
        data={"new": {"agency": review.agency.key, "supersedes": review.pk}},
    )
    notify(
        event=notices.APPLICATION_CIRCULATED,
        subject=application,
        actor=actor,
        context={"agencies": [new.agency_id], "due_date": due},
        key=str(new.pk),
    )
    return new


def _is_member_officer(actor: Any, review: AgencyReview) -> bool:
    try:
        _require_member(actor, review)
    except ApplicationError:
        return False
    return True


# --- permits ---------------------------------------------------------------------------


def _lock_permit(permit_id: int) -> Permit:
    permit = Permit.objects.select_for_update().filter(pk=permit_id).first()
    if permit is None:
        raise ApplicationError(_("This permit does not exist."))
    return permit


def review_apply_deemed(*, on: date | None = None) -> int:
    """Daily, when configured: open reviews past their due date count as no objection."""
    if not setting("DEEMED_NO_OBJECTION"):
        return 0
    on = on or today()
    count = 0
    overdue = AgencyReview.objects.filter(
        state__in=AgencyReview.OPEN_STATES, due_date__lt=on, application__status=S.REVIEW
    )
    for pk, application_id in list(overdue.values_list("pk", "application_id")):
        with transaction.atomic():
            _lock(application_id)
            review = _lock_review(pk)
            if review.is_decided or review.due_date >= on:
                continue
            review.no_objection()
            review.reason_code = AgencyReview.Reason.DEEMED
            review.deemed = True
            review.decided_at = _now()
            review.save()
            audit_event_record(
                event="permit_review.deemed",
                target=review.application,
                actor=None,
                data={"new": {"agency": review.agency.key, "state": review.state}},
            )
            notify(event=notices.OPINION_RECORDED, subject=review)
            count += 1
    return count


def application_lapse_returned(*, on: date | None = None) -> int:
    """Daily, when configured (RETURNED_LAPSES): applications returned to the applicant
    (for completion, or for more information from the deliberation) whose query deadline
    passed without an answer are withdrawn, by no one (the job), with the deadline in the
    audit event `permit_application.lapsed`."""
    if not setting("RETURNED_LAPSES"):
        return 0
    on = on or today()
    count = 0
    lapsed = Application.objects.filter(status=S.RETURNED, query_deadline__lt=on)
    for pk in list(lapsed.values_list("pk", flat=True)):
        with transaction.atomic():
            application = _lock(pk)
            deadline = application.query_deadline
            if application.status != S.RETURNED or deadline is None or deadline >= on:
                continue  # resubmitted, or given more time, meanwhile
            data = {"deadline": deadline.isoformat()}
            _move(application, "withdraw", None, "permit_application.lapsed", data)
            notify(event=notices.APPLICATION_LAPSED, subject=application)
            count += 1
    return count


def permits_daily(*, on: date | None = None) -> dict[str, int]:
    """The daily licensing job for the day `on` (default today): lapsed queries first (a
    lapsed extension no longer keeps its permit valid), then expiries with their cascade
    (lifecycle.py), then deemed opinions (each of the first and last if configured). Every
    step works on `on`, never on the clock."""
    on = on or today()
    lapsed = application_lapse_returned(on=on)
    counts = permit_expire_due(on=on)
    counts["deemed"] = review_apply_deemed(on=on)
    counts["lapsed"] = lapsed
    return counts


# --- izin operasional and foreign staff ------------------------------------------------------


@dataclass
class OperationalInput:
    number: str
    agreement: Any
    valid_from: date
    valid_until: date


@transaction.atomic
def izin_operasional_create(
    *, permit_id: int, data: OperationalInput, actor: Any
) -> IzinOperasional:
    """Record an izin operasional for an MSP. Needs a valid izin prinsip of the MSP's foreign
    party and may not outlast it (N3, N4). Issued by the MSP's owner (or an operator)."""
    from mitra.agreements.models import Agreement

    permit = _lock_permit(permit_id)
    agreement = data.agreement
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not record an izin operasional."))
    if not actor.is_operator and actor.agency.pk != agreement.owner_id:
        raise ApplicationError(
            _("Only the MSP's partner ministry may record its izin operasional.")
        )
    errors: dict[str, list[str]] = {}
    if not data.number.strip():
        errors["number"] = [_("Required.")]
    elif IzinOperasional.objects.filter(number=data.number.strip()).exists():
        errors["number"] = [_("This number is already recorded.")]
    if agreement.type != Agreement.Type.MSP:
        errors["agreement"] = [_("An izin operasional belongs to an MSP.")]
    if not agreement.parties.filter(organization_id=permit.organization_id).exists():
        errors["agreement"] = [_("The MSP is not with this organization.")]
    if data.valid_until < data.valid_from:
        errors["valid_until"] = [_("The end date is before the start date.")]
    if permit.status != Permit.Status.ACTIVE or not (
        permit.valid_from <= data.valid_from <= permit.valid_until
    ):
        errors["permit"] = [_("An izin operasional needs a valid izin prinsip.")]
    errors.update(_containment(permit.organization_id, data.valid_from, data.valid_until))
    # N3: izin operasional ⊆ an MSP in force (not superseded, expired or terminated).
    label = _("The izin operasional")
    in_msp = frame_problems(agreement, start=data.valid_from, end=data.valid_until, label=label)
    if in_msp:
        errors.setdefault("agreement", []).extend(in_msp)
    if errors:
        raise ApplicationError(_("The izin operasional was not recorded."), errors)
    io = IzinOperasional.objects.create(
        number=data.number.strip(),
        permit=permit,
        agreement=agreement,
        issuer=agreement.owner,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        created_by=actor if actor.pk else None,
    )
    audit_event_record(
        event="izin_operasional.created",
        target=io,
        actor=actor,
        data={"new": {"number": io.number, "permit": permit.number, "agreement": agreement.pk}},
    )
    return io


def _containment(organization_id: int, start: date, end: date) -> dict[str, list[str]]:
    from .selectors import izin_prinsip_period

    period = izin_prinsip_period(organization_id=organization_id, on=start)
    if period is None:
        return {"permit": [_("An izin operasional needs a valid izin prinsip.")]}
    problems = check_within(
        Period(start, end, _("The izin operasional")),
        Period(period[0], period[1], _("the izin prinsip")),
    )
    return {"valid_until": problems} if problems else {}


def izin_operasional_recheck(*, organization_id: int, actor: Any = None) -> int:
    """Re-check every active izin operasional of the organization against its izin prinsip
    (after an issue, extension, expiry or revocation); flags those that no longer fit."""
    flagged = 0
    for io in IzinOperasional.objects.select_for_update().filter(
        permit__organization_id=organization_id, status=IzinOperasional.Status.ACTIVE
    ):
        problems = _containment(organization_id, io.valid_from, io.valid_until)
        flag = " ".join(m for ms in problems.values() for m in ms)
        if flag != io.flag:
            io.flag = flag
            io.save(update_fields=["flag", "updated_at"])
            audit_event_record(
                event="izin_operasional.rechecked", target=io, actor=actor, data={"flag": flag}
            )
        flagged += bool(flag)
    return flagged


@dataclass
class StaffInput:
    name: str
    nationality: str
    position: str
    start_date: date
    end_date: date
    ktln_approval_number: str
    ktln_approved_on: date


@transaction.atomic
def staff_assignment_create(
    *, organization_id: int, data: StaffInput, actor: Any
) -> ForeignStaffAssignment:
    """Record a foreign staff assignment approved by Biro KTLN: at most 3 active per
    organization, each at most 5 years (PP 59 Ps 25; N9)."""
    if not (
        getattr(actor, "is_operator", False)
        or (
            getattr(actor, "is_authenticated", False)
            and actor.can_edit_records
            and roles.agency_key(actor) == setting("STAFF_APPROVER")
        )
    ):
        raise ApplicationError(_("Only Biro KTLN may record a foreign staff approval."))
    organization = (
        ForeignOrganization.objects.select_for_update().filter(pk=organization_id).first()
    )
    if organization is None:
        raise ApplicationError(_("This organization does not exist."))
    errors = validation.staff_problems(organization, data)
    if not_in_future(data.ktln_approved_on):
        errors["ktln_approved_on"] = not_in_future(data.ktln_approved_on)
    if errors:
        raise ApplicationError(_("The assignment was not recorded."), errors)
    staff = ForeignStaffAssignment.objects.create(
        organization=organization,
        name=data.name.strip(),
        nationality=data.nationality.upper(),
        position=data.position.strip(),
        start_date=data.start_date,
        end_date=data.end_date,
        ktln_approval_number=data.ktln_approval_number.strip(),
        ktln_approved_on=data.ktln_approved_on,
        created_by=actor if actor.pk else None,
    )
    audit_event_record(
        event="foreign_staff.assigned",
        target=staff,
        actor=actor,
        data={
            "new": {
                "organization": organization.pk,
                "start": data.start_date.isoformat(),
                "end": data.end_date.isoformat(),
                "approval": staff.ktln_approval_number,
            }
        },
    )
    return staff


@transaction.atomic
def permit_record_existing(
    *,
    organization: ForeignOrganization,
    number: str,
    decision_date: date,
    valid_from: date,
    valid_until: date,
    actor: Any,
    partner_ministry: GovernmentBody | None = None,
    conditions: str = "",
) -> Permit:
    """Record an izin prinsip issued before the system (paper records). Secretariat only;
    the same rules as a decision: an ormas asing, at most 3 years, a unique number."""
    if not roles.can_act_for_secretariat(actor, Track.TPOA):
        raise ApplicationError(_("Only the secretariat may do this."))
    errors = validation.validity_problems(valid_from, valid_until)
    if not_in_future(decision_date):
        errors["decision_date"] = not_in_future(decision_date)
    if not organization.needs_izin_prinsip:
        errors["organization"] = [_("Only foreign foundations and NGOs hold an izin prinsip.")]
    if not number.strip() or Permit.objects.filter(number=number.strip()).exists():
        errors["number"] = [_("Give a number that is not already recorded.")]
    if errors:
        raise ApplicationError(_("The permit was not recorded."), errors)
    permit = Permit.objects.create(
        number=number.strip(),
        organization=organization,
        partner_ministry=partner_ministry.root() if partner_ministry else None,
        decision_date=decision_date,
        valid_from=valid_from,
        valid_until=valid_until,
        conditions=conditions.strip(),
        created_by=actor if actor is not None and actor.pk else None,
    )
    audit_event_record(
        event="permit.recorded",
        target=permit,
        actor=actor,
        data={
            "new": {
                "number": permit.number,
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
            }
        },
    )
    agreements_recheck_cover(organization_ids={organization.pk}, actor=actor)
    return permit
