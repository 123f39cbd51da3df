"""Inter-agency review: circulation to the member agencies and their opinions."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed
from mitra.deadlines.engine import due_date as rule_due_date
from mitra.notifications.services import notify

from .. import notices, roles, validation
from ..conf import RULE_REVIEW, setting
from ..models import AgencyReview, Application, Track
from ._common import S, _lock, _lock_review, _move, _now, _require_secretariat

if TYPE_CHECKING:
    from mitra.accounts.models import User


def member_agencies(application: Application) -> list[GovernmentBody]:
    """The configured members for the track, the partner ministry (multilateral) and the
    technical ministries chosen for this application; each once, top-level bodies."""
    if application.track == Track.TPOA:
        keys = list(setting("TPOA_MEMBERS"))
    else:
        keys = [setting("MULTILATERAL_SECRETARIAT")]
    bodies = {b.key: b for b in GovernmentBody.objects.filter(key__in=keys)}
    found = [bodies[k] for k in keys if k in bodies]
    if application.track == Track.MULTILATERAL and application.partner_ministry is not None:
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
    actor: "User",
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
def application_share_opinions(*, application_id: int, actor: "User") -> Application:
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


def _require_member(actor: "User", review: AgencyReview) -> None:
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
def review_start(*, review_id: int, actor: "User") -> AgencyReview:
    review = _lock_review(review_id)
    _require_member(actor, review)
    with refused_unless_allowed(_("This review was already picked up or decided.")):
        review.start()
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
    *, review_id: int, state: str, reason_code: str, text: str, actor: "User"
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
def review_reopen(*, review_id: int, actor: "User", due_date: date | None = None) -> AgencyReview:
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
    if application.status not in (S.REVIEW, S.PRESENTATION, S.DELIBERATION):
        raise ApplicationError(_("Opinions can only be revised during review or deliberation."))
    if application.status in (S.PRESENTATION, S.DELIBERATION):
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


def _is_member_officer(actor: "User", review: AgencyReview) -> bool:
    try:
        _require_member(actor, review)
    except ApplicationError:
        return False
    return True
