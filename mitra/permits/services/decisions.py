"""The TPOA deliberation and the Minister's decision, which issues the izin prinsip."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from mitra.agreements.services import agreements_recheck_cover
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.validators import not_in_future
from mitra.notifications.services import notify

from .. import notices, validation
from ..conf import setting
from ..models import (
    AgencyReview,
    Application,
    Deliberation,
    Permit,
    QueryReason,
    RejectionReason,
    Track,
)
from ..org_status import organization_status_refresh
from ._common import S, _lock, _move, _require_secretariat, _return
from .operational import izin_operasional_recheck
from .permits import _next_permit_number
from .reviews import latest_reviews, unresolved_objections

if TYPE_CHECKING:
    from mitra.accounts.models import User


@transaction.atomic
def application_open_deliberation(*, application_id: int, actor: "User") -> Application:
    """All member opinions are in and the applicant's presentation was held (domain.md §3.2
    step 5): the application goes to the TPOA meeting."""
    from .presentations import latest_presentation

    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.reviews.filter(state__in=AgencyReview.OPEN_STATES).exists():
        raise ApplicationError(_("Some member agencies have not given their opinion yet."))
    presentation = latest_presentation(application)
    if application.status == S.PRESENTATION and (presentation is None or not presentation.is_held):
        raise ApplicationError(
            _("The deliberation opens only after the applicant's presentation was held.")
        )
    _move(application, "open_deliberation", actor, "permit_application.deliberation_opened")
    rounds = application.stage_visits.filter(stage=S.DELIBERATION).count()
    notify(event=notices.DELIBERATION_SCHEDULED, subject=application, actor=actor, key=str(rounds))
    return application


@transaction.atomic
def deliberation_record(
    *,
    application_id: int,
    held_on: date,
    agencies_present: Iterable[GovernmentBody],
    recommendation: str,
    actor: "User",
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
    actor: "User",
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
        organization_status_refresh(
            organization_id=application.organization_id, reason="permit.issued"
        )
        izin_operasional_recheck(organization_id=application.organization_id, actor=actor)
        # N3 both ways: a new or extended izin prinsip may restore its agreements' cover.
        agreements_recheck_cover(organization_ids={application.organization_id}, actor=actor)
    notify(event=notices.APPLICATION_APPROVED, subject=application, actor=actor)
    return permit
