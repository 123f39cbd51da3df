"""The helpers several licensing services share: locks, actor checks, the move, the query."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.concurrency import lock_version
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed
from mitra.deadlines.engine import due_date as rule_due_date
from mitra.notifications.services import notify

from .. import notices, roles
from ..conf import RULE_QUERY
from ..models import AgencyReview, Application, QueryReason, StageVisit
from ..org_status import organization_status_refresh

if TYPE_CHECKING:
    from mitra.accounts.models import User

S = Application.Status


def _now() -> datetime:
    return timezone.now()


def _lock(application_id: int, expected_version: int | None = None) -> Application:
    """The application, locked for this transaction and its version bumped (every change and
    transition goes through here, so two at once run one after the other); StaleVersion when
    `expected_version` is given and no longer current (core.concurrency)."""
    try:
        return lock_version(
            Application.objects, pk=application_id, expected_version=expected_version
        )
    except Application.DoesNotExist as exc:
        raise ApplicationError(_("This application does not exist.")) from exc


def _require_applicant(actor: "User", application: Application) -> None:
    """SECURITY: the organization's representative (or an operator) acts for the applicant."""
    if actor is not None and getattr(actor, "is_operator", False):
        return
    if not roles.is_applicant(actor, application.organization_id):
        raise ApplicationError(_("Only the applying organization may do this."))


def _require_secretariat(actor: "User", application: Application) -> None:
    """SECURITY: officers of the track's secretariat agency (or operators) only."""
    if not roles.can_act_for_secretariat(actor, application.track):
        raise ApplicationError(_("Only the secretariat may do this."))


def _move(
    application: Application,
    transition: str,
    actor: "User | None",  # None: the daily job
    event: str,
    data: dict[str, Any] | None = None,
) -> None:
    """Run one FSM transition, save, keep the stage visits, audit."""
    old = application.status
    with refused_unless_allowed(
        _("This action is not possible while the application is %(status)s.")
        % {"status": application.get_status_display()}
    ):
        getattr(application, transition)()
    now = _now()
    application.stage_since = now
    application.save()
    StageVisit.objects.filter(application=application, left_at__isnull=True).update(
        left_at=now, duration=ExpressionWrapper(Value(now) - F("entered_at"), DurationField())
    )
    StageVisit.objects.create(
        application=application,
        stage=application.status,
        kind=application.kind,
        track=application.track,
        entered_at=now,
    )
    audit_event_record(
        event=event,
        target=application,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": application.status}, **(data or {})},
    )
    # The organization's status follows its licensing (issue 15 §5).
    organization_status_refresh(organization_id=application.organization_id, reason=event)


def _return(
    application: Application, reasons: list[str], text: str, actor: "User", deadline: date | None
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
