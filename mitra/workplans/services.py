"""Writing work plans, activities and regional notifications. Each writes audit; a broken rule
raises ApplicationError (per-field `extra`) and writes nothing."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from mitra.agreements.models import Agreement
from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.core.concurrency import lock_version, unique_or_conflict
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError, Conflict
from mitra.core.fsm import refused_unless_allowed
from mitra.core.periods import Period, check_within
from mitra.core.validators import not_in_future
from mitra.notifications.services import notify
from mitra.organizations.selectors import organization_suspension_message

from . import tally, validation
from .models import Activity, RegionalNotification, WorkPlan
from .permissions import workplan_can, workplan_can_create
from .querysets import addressed_body_ids

if TYPE_CHECKING:
    from mitra.accounts.models import User

WORKPLAN_AUDITED = [
    "kind", "agreement", "parent", "title", "status", "start_date", "end_date", "year",
    "province", "regency", "regional_government", "objectives", "approved_on", "signed_on",
]  # fmt: skip
ACTIVITY_AUDITED = [
    "title", "description", "sector", "status", "start_date", "end_date", "actual_start",
    "actual_end", "currency", "planned_budget", "realised_budget", "planned_total",
    "actual_total",
]  # fmt: skip
# Agreements work plans may hang from, and the statuses they must have for a new plan.
PLAN_AGREEMENT_TYPES = (Agreement.Type.MSP, Agreement.Type.MOU)
PLAN_AGREEMENT_STATUSES = (Agreement.Status.SIGNED, Agreement.Status.ACTIVE)


def _refuse(message: str, extra: dict[str, list[str]] | None = None) -> ApplicationError:
    return ApplicationError(message, extra=extra or {})


# --- work plans -----------------------------------------------------------------------------


@dataclass
class WorkPlanInput:
    kind: str
    agreement: Agreement
    title: str
    start_date: date | None
    end_date: date | None
    parent: WorkPlan | None = None
    province: Any = None
    regency: Any = None
    objectives: str = ""


def _validate_workplan(data: WorkPlanInput, work_plan: WorkPlan | None) -> validation.Check:
    check = validation.Check()
    agreement = data.agreement
    if data.kind not in WorkPlan.Kind.values:
        check.error("kind", _("Choose RIK or RKT."))
        return check
    if not data.title.strip():
        check.error("title", _("Give the work plan a title."))
    if data.start_date is None:
        check.error("start_date", _("Give the start date."))
    if data.end_date is None:
        check.error("end_date", _("Give the end date."))
    if agreement.type not in PLAN_AGREEMENT_TYPES:
        check.error("agreement", _("Work plans belong to an MSP or an MoU."))
    if work_plan is None and agreement.status not in PLAN_AGREEMENT_STATUSES:
        check.error(
            "agreement",
            _("Work plans are drafted for a signed or active agreement (this one is %(s)s).")
            % {"s": agreement.get_status_display()},
        )
    if data.kind == WorkPlan.Kind.RKT:
        parent = data.parent
        if (
            parent is None
            or parent.kind != WorkPlan.Kind.RIK
            or parent.agreement_id != agreement.pk
        ):
            check.error("parent", _("An RKT belongs to an RIK of the same agreement."))
            return check
        if data.start_date:
            validation.check_rkt_region(
                check,
                province=data.province,
                regency=data.regency,
                agreement=agreement,
                year=data.start_date.year,
                exclude_pk=work_plan.pk if work_plan else None,
            )
        if data.province is not None and not check.errors.get("regency"):
            body = validation.regional_government_of(province=data.province, regency=data.regency)
            if body is None:
                check.error(
                    "province",
                    _("No regional government is recorded for this region; it signs the RKT."),
                )
    else:
        if data.parent is not None or data.province is not None or data.regency is not None:
            check.error("kind", _("An RIK covers the whole agreement: no RIK or region."))
        rivals = WorkPlan.objects.filter(kind=WorkPlan.Kind.RIK, agreement=agreement)
        if work_plan is not None:
            rivals = rivals.exclude(pk=work_plan.pk)
        if rivals.exists():
            check.duplicate = True
            check.error("kind", _("This agreement already has an RIK."))
    if data.start_date and data.end_date:
        check.extend(
            validation.PERIOD,
            validation.workplan_containment(
                kind=data.kind,
                agreement=agreement,
                parent=data.parent,
                start=data.start_date,
                end=data.end_date,
            ),
        )
    return check


def _fill(work_plan: WorkPlan, data: WorkPlanInput) -> None:
    work_plan.kind = data.kind
    work_plan.agreement = data.agreement
    work_plan.title = data.title.strip()
    work_plan.start_date = data.start_date  # type: ignore[assignment]
    work_plan.end_date = data.end_date  # type: ignore[assignment]
    work_plan.objectives = data.objectives
    if data.kind == WorkPlan.Kind.RKT:
        work_plan.parent = data.parent
        work_plan.province = data.province
        work_plan.regency = data.regency
        work_plan.year = data.start_date.year if data.start_date else None
        work_plan.regional_government = validation.regional_government_of(
            province=data.province, regency=data.regency
        )
    else:
        work_plan.parent = None
        work_plan.province = work_plan.regency = work_plan.regional_government = None
        work_plan.year = None


@transaction.atomic
def workplan_create(*, data: WorkPlanInput, actor: "User") -> WorkPlan:
    """Draft a new RIK or RKT for an agreement.

    Allowed: operators, the owner agency's officers, the partner organization's representatives.
    Rules: validation.workplan_containment (RKT ⊆ RIK ⊆ agreement ⊆ izin prinsip), one RIK per
    agreement, one RKT per agreement, year and region. Audit: `workplan.created`.
    """
    if not workplan_can_create(user=actor, agreement=data.agreement):
        raise _refuse(_("You may not draft work plans for this agreement."))
    Agreement.objects.select_for_update().filter(pk=data.agreement.pk).first()  # serialise
    check = _validate_workplan(data, None)
    suspension = organization_suspension_message(
        organization_ids=list(
            data.agreement.parties.filter(organization__isnull=False).values_list(
                "organization_id", flat=True
            )
        )
    )
    if suspension:
        check.errors.setdefault("agreement", []).append(suspension)
    if check.errors:
        raise _refuse_plan(check)
    work_plan = WorkPlan(created_by=actor if actor and actor.pk else None)
    _fill(work_plan, data)
    with unique_or_conflict(*_duplicate_plan()):
        work_plan.save()
    audit_event_record(
        event="workplan.created",
        target=work_plan,
        actor=actor,
        data={"new": model_snapshot(work_plan, WORKPLAN_AUDITED)},
    )
    if work_plan.is_rkt:
        # A new RKT waits for the partner ministry's approval (there is no separate "submit").
        notify(event="workplans.rkt_submitted", subject=work_plan, actor=actor)
    return work_plan


def _refuse_plan(check: validation.Check) -> ApplicationError:
    """The refusal of a plan: 409 (Conflict) when it would duplicate one, else 400."""
    if check.duplicate:
        return Conflict(_("The work plan was not saved: such a plan exists already."), check.errors)
    return _refuse(_("The work plan was not saved."), check.errors)


def _duplicate_plan() -> tuple[str, dict[str, list[str]]]:
    message = _("The work plan was not saved: such a plan exists already.")
    return message, {"kind": [message]}


@transaction.atomic
def workplan_update(
    *,
    work_plan_id: int,
    data: WorkPlanInput,
    actor: "User",
    expected_version: int | None = None,
) -> WorkPlan:
    """Change a draft work plan. Its kind and agreement stay. Audit: `workplan.updated`.
    `expected_version`: the version the caller read (StaleVersion when it changed; None: no
    check)."""
    work_plan = lock_version(
        WorkPlan.objects.select_related("agreement"),
        pk=work_plan_id,
        expected_version=expected_version,
    )
    if not workplan_can(user=actor, work_plan=work_plan, action="edit"):
        raise _refuse(_("You may not change this work plan."))
    if work_plan.status != WorkPlan.Status.DRAFT:
        raise _refuse(_("Only a draft work plan can be changed; return it to draft first."))
    data.kind, data.agreement = work_plan.kind, work_plan.agreement
    check = _validate_workplan(data, work_plan)
    if work_plan.kind == WorkPlan.Kind.RIK and data.start_date and data.end_date:
        for child in work_plan.annual_plans.all():
            check.extend(
                validation.PERIOD,
                check_within(
                    Period(child.start_date, child.end_date, child.title),
                    Period(data.start_date, data.end_date, _("the RIK")),
                ),
            )
    if check.errors:
        raise _refuse_plan(check)
    before = model_snapshot(work_plan, WORKPLAN_AUDITED)
    _fill(work_plan, data)
    with unique_or_conflict(*_duplicate_plan()):
        work_plan.save()
    audit_event_record(
        event="workplan.updated",
        target=work_plan,
        actor=actor,
        data=snapshot_diff(before, model_snapshot(work_plan, WORKPLAN_AUDITED)),
    )
    return work_plan


WORKPLAN_TRANSITIONS = {
    "approve": "workplan.approved",
    "return_to_draft": "workplan.returned_to_draft",
    "sign": "workplan.signed",
    "activate": "workplan.activated",
    "report": "workplan.reported",
    "close": "workplan.closed",
}


def workplan_available_transitions(*, work_plan: WorkPlan, actor: "User") -> list[str]:
    """The moves `actor` may make now (for buttons)."""
    return [
        name
        for name in WORKPLAN_TRANSITIONS
        if can_proceed(getattr(work_plan, name))
        and workplan_can(user=actor, work_plan=work_plan, action=name)
    ]


@transaction.atomic
def workplan_transition(
    *, work_plan_id: int, transition: str, actor: "User", on: date | None = None
) -> WorkPlan:
    """Move a work plan: draft → approved (partner ministry) → signed (an RKT: the regional
    government) → active → reported → closed; approved → draft for changes.

    Rules: an RKT is approved only once its RIK is signed; containment is checked again on
    approval; signing records the date (`on`, default today). Audit: `workplan.<moved>`.
    """
    if transition not in WORKPLAN_TRANSITIONS:
        raise _refuse(_("Unknown action."))
    work_plan = lock_version(
        WorkPlan.objects.select_related("agreement", "parent"), pk=work_plan_id
    )
    if not workplan_can(user=actor, work_plan=work_plan, action=transition):
        raise _refuse(_("You may not do this to this work plan."))
    on = on or today()
    if transition in ("approve", "sign") and not_in_future(on):
        raise _refuse(not_in_future(on)[0], {"on": not_in_future(on)})
    if transition == "approve":
        if work_plan.is_rkt and work_plan.parent.status not in (  # type: ignore[union-attr]
            WorkPlan.Status.SIGNED,
            WorkPlan.Status.ACTIVE,
        ):
            raise _refuse(_("An RKT is approved after its RIK is signed."))
        problems = validation.workplan_containment(
            kind=work_plan.kind,
            agreement=work_plan.agreement,
            parent=work_plan.parent,
            start=work_plan.start_date,
            end=work_plan.end_date,
        )
        if problems:
            raise _refuse(_("The work plan does not fit its frame."), {validation.PERIOD: problems})
    old = work_plan.status
    method = getattr(work_plan, transition)
    with refused_unless_allowed(
        _("This action is not possible while the work plan is %(status)s.")
        % {"status": work_plan.get_status_display()}
    ):
        method(on) if transition in ("approve", "sign") else method()
    work_plan.save()
    recorded = audit_event_record(
        event=WORKPLAN_TRANSITIONS[transition],
        target=work_plan,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": work_plan.status}},
    )
    if transition == "approve" and work_plan.is_rkt:
        # An RKT may be approved again after a return to draft: each approval is news.
        notify(event="workplans.rkt_approved", subject=work_plan, actor=actor, key=str(recorded.pk))
    return work_plan


# --- activities -----------------------------------------------------------------------------


@dataclass
class ActivityInput:
    title: str
    start_date: date | None
    end_date: date | None
    provinces: list[Any] = field(default_factory=list)
    regencies: list[Any] = field(default_factory=list)
    sector: Any = None
    description: str = ""
    local_partners: Any = None
    planned_beneficiaries: Any = None
    currency: str = "IDR"
    planned_budget: Decimal = Decimal("0")


def _validate_activity(
    data: ActivityInput, work_plan: WorkPlan
) -> tuple[validation.Check, dict[str, Any]]:
    check = validation.Check()
    if not data.title.strip():
        check.error("title", _("Give the activity a title."))
    if data.start_date is None:
        check.error("start_date", _("Give the start date."))
    if data.end_date is None:
        check.error("end_date", _("Give the end date."))
    check.extend(
        validation.PERIOD,
        validation.activity_containment(
            work_plan=work_plan, start=data.start_date, end=data.end_date
        ),
    )
    provinces = validation.check_locations(
        check, work_plan=work_plan, provinces=list(data.provinces), regencies=list(data.regencies)
    )
    data.currency = (data.currency or "").strip().upper()
    validation.check_currency(check, data.currency)
    validation.check_amount(check, "planned_budget", data.planned_budget)
    cleaned = {
        "provinces": provinces,
        "local_partners": validation.clean_local_partners(data.local_partners, check),
        "planned": validation.clean_beneficiaries(
            data.planned_beneficiaries, "planned_beneficiaries", check
        ),
    }
    return check, cleaned


def _require_plan_editable(work_plan: WorkPlan, actor: "User") -> None:
    if not workplan_can(user=actor, work_plan=work_plan, action="edit"):
        raise _refuse(_("You may not change the activities of this work plan."))
    if work_plan.status != WorkPlan.Status.DRAFT:
        raise _refuse(_("Activities are planned while the work plan is a draft."))


def _write_activity(activity: Activity, data: ActivityInput, cleaned: dict[str, Any]) -> None:
    activity.title = data.title.strip()
    activity.description = data.description
    activity.sector = data.sector
    activity.start_date = data.start_date  # type: ignore[assignment]
    activity.end_date = data.end_date  # type: ignore[assignment]
    activity.local_partners = cleaned["local_partners"]
    activity.set_planned_beneficiaries(cleaned["planned"])
    activity.currency = data.currency
    activity.planned_budget = data.planned_budget
    with tally.refreshes_deferred():  # the row and its two links: one refresh
        activity.save()
        activity.provinces.set(cleaned["provinces"])
        activity.regencies.set(list(data.regencies))


@transaction.atomic
def activity_create(*, work_plan_id: int, data: ActivityInput, actor: "User") -> Activity:
    """Plan an activity in a draft work plan. Rules: dates ⊆ the work plan, places inside an
    RKT's region, ISO 4217 currency, counts by sex and age group. Audit: `activity.created`."""
    work_plan = (
        WorkPlan.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=work_plan_id)
    )
    _require_plan_editable(work_plan, actor)
    check, cleaned = _validate_activity(data, work_plan)
    if check.errors:
        raise _refuse(_("The activity was not saved."), check.errors)
    activity = Activity(work_plan=work_plan, created_by=actor if actor and actor.pk else None)
    _write_activity(activity, data, cleaned)
    audit_event_record(
        event="activity.created",
        target=activity,
        actor=actor,
        data={"new": model_snapshot(activity, ACTIVITY_AUDITED), "work_plan": work_plan.pk},
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    activity_id: int,
    data: ActivityInput,
    actor: "User",
    expected_version: int | None = None,
) -> Activity:
    """Change a planned activity of a draft work plan. Audit: `activity.updated`.
    `expected_version`: the version the caller read (StaleVersion when it changed; None: no
    check)."""
    activity = lock_version(Activity.objects, pk=activity_id, expected_version=expected_version)
    work_plan = WorkPlan.objects.select_related("agreement").get(pk=activity.work_plan_id)
    _require_plan_editable(work_plan, actor)
    check, cleaned = _validate_activity(data, work_plan)
    if check.errors:
        raise _refuse(_("The activity was not saved."), check.errors)
    before = model_snapshot(activity, ACTIVITY_AUDITED)
    _write_activity(activity, data, cleaned)
    audit_event_record(
        event="activity.updated",
        target=activity,
        actor=actor,
        data=snapshot_diff(before, model_snapshot(activity, ACTIVITY_AUDITED)),
    )
    return activity


ACTIVITY_TRANSITIONS = {
    "start": "activity.started",
    "complete": "activity.completed",
    "cancel": "activity.cancelled",
}
IMPLEMENTING = (WorkPlan.Status.SIGNED, WorkPlan.Status.ACTIVE)


def activity_available_transitions(*, activity: Activity, actor: "User") -> list[str]:
    if not workplan_can(user=actor, work_plan=activity.work_plan, action="implement"):
        return []
    return [name for name in ACTIVITY_TRANSITIONS if can_proceed(getattr(activity, name))]


def _require_implementing(activity: Activity, actor: "User") -> WorkPlan:
    work_plan = activity.work_plan
    if not workplan_can(user=actor, work_plan=work_plan, action="implement"):
        raise _refuse(_("You may not record the implementation of this work plan."))
    if work_plan.status not in IMPLEMENTING:
        raise _refuse(
            _("Activities are implemented while the work plan is signed or active (it is %(s)s).")
            % {"s": work_plan.get_status_display()}
        )
    return work_plan


def _require_notified(activity: Activity, on: date) -> None:
    """N5 (domain.md §5): Kemendagri and the region's government were notified by `on`."""
    problems = validation.missing_notifications(activity=activity, on=on)
    if problems:
        raise _refuse(problems[0], {"notifications": problems})


@transaction.atomic
def activity_transition(
    *, activity_id: int, transition: str, actor: "User", on: date | None = None
) -> Activity:
    """Start, complete or cancel an activity.

    Starting needs the work plan signed or active, an actual start (`on`, default today) not in
    the future and within the work plan, and rule N5: Kemendagri and each region's government
    notified on or before that day. Audit: `activity.<moved>`.
    """
    if transition not in ACTIVITY_TRANSITIONS:
        raise _refuse(_("Unknown action."))
    activity = lock_version(Activity.objects.select_related("work_plan__agreement"), pk=activity_id)
    work_plan = _require_implementing(activity, actor)
    on = on or today()
    if transition in ("start", "complete"):
        if not_in_future(on):
            raise _refuse(not_in_future(on)[0], {"on": not_in_future(on)})
        problems = check_within(
            Period(on, on, _("The date given")),
            Period(work_plan.start_date, work_plan.end_date, _("the work plan")),
        )
        if activity.actual_start and transition == "complete" and on < activity.actual_start:
            problems.append(_("The activity cannot end before it started."))
        if problems:
            raise _refuse(problems[0], {validation.PERIOD: problems})
    if transition == "start":
        _require_notified(activity, on)
    old = activity.status
    method = getattr(activity, transition)
    with refused_unless_allowed(
        _("This action is not possible while the activity is %(status)s.")
        % {"status": activity.get_status_display()}
    ):
        method(on) if transition in ("start", "complete") else method()
    activity.save()
    audit_event_record(
        event=ACTIVITY_TRANSITIONS[transition],
        target=activity,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": activity.status, "date": on.isoformat()},
        },
    )
    return activity


@transaction.atomic
def activity_record_actuals(
    *,
    activity_id: int,
    actual_beneficiaries: Any,
    realised_budget: Decimal | None,
    actor: "User",
    expected_version: int | None = None,
) -> Activity:
    """Report who was reached and what was spent. Only for a started or completed activity,
    and (N5 again) only where Kemendagri and the regional governments were notified.
    Audit: `activity.actuals_recorded`."""
    activity = lock_version(
        Activity.objects.select_related("work_plan__agreement"),
        pk=activity_id,
        expected_version=expected_version,
    )
    _require_implementing(activity, actor)
    if activity.status not in (Activity.Status.STARTED, Activity.Status.COMPLETED):
        raise _refuse(_("Actuals are recorded once the activity has started."))
    _require_notified(activity, activity.actual_start or today())
    check = validation.Check()
    actual = validation.clean_beneficiaries(actual_beneficiaries, "actual_beneficiaries", check)
    validation.check_amount(check, "realised_budget", realised_budget)
    if check.errors:
        raise _refuse(_("The actuals were not saved."), check.errors)
    before = model_snapshot(activity, ACTIVITY_AUDITED)
    activity.set_actual_beneficiaries(actual)
    activity.realised_budget = realised_budget
    activity.save()
    audit_event_record(
        event="activity.actuals_recorded",
        target=activity,
        actor=actor,
        data={
            **snapshot_diff(before, model_snapshot(activity, ACTIVITY_AUDITED)),
            "actual_beneficiaries": actual,
        },
    )
    return activity


# --- notifications --------------------------------------------------------------------------


@dataclass
class NotificationInput:
    recipient: str
    province: Any
    notified_on: date | None
    reference: str
    regency: Any = None
    activity: Activity | None = None
    notified_body: Any = None  # resolved from the recipient and region when not given


@transaction.atomic
def notification_record(
    *, work_plan_id: int, data: NotificationInput, actor: "User"
) -> RegionalNotification:
    """Record that Kemendagri or a regional government was notified of work in a region
    (domain.md §5 N5). Audit: `workplan.notification_recorded` on the work plan."""
    work_plan = (
        WorkPlan.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=work_plan_id)
    )
    if not workplan_can(user=actor, work_plan=work_plan, action="implement"):
        raise _refuse(_("You may not record notifications for this work plan."))
    if work_plan.status == WorkPlan.Status.CLOSED:
        raise _refuse(_("The work plan is closed."))
    check = validation.Check()
    if data.recipient not in RegionalNotification.Recipient.values:
        check.error("recipient", _("Choose Kemendagri or the regional government."))
    if data.province is None:
        check.error("province", _("Choose the province."))
    elif data.regency is not None and data.regency.province_id != data.province.pk:
        check.error(
            "regency",
            _("%(regency)s is not in %(province)s.")
            % {"regency": data.regency, "province": data.province},
        )
    elif work_plan.is_rkt and data.province.pk != work_plan.province_id:
        check.error(
            "province",
            _("The RKT covers %(region)s only.") % {"region": work_plan.region_label},
        )
    if data.notified_on is None:
        check.error("notified_on", _("Give the date of the notification."))
    else:
        check.extend("notified_on", not_in_future(data.notified_on))
    if not data.reference.strip():
        check.error("reference", _("Give the reference number of the letter."))
    if data.activity is not None and data.activity.work_plan_id != work_plan.pk:
        check.error("activity", _("Choose an activity of this work plan."))
    body = data.notified_body
    if not check.errors:
        expected = (
            validation.kemendagri_body()
            if data.recipient == RegionalNotification.Recipient.KEMENDAGRI
            else validation.regional_government_of(province=data.province, regency=data.regency)
        )
        if expected is None:
            check.error("recipient", _("That body is not in the register of government bodies."))
        elif body is None:
            body = expected
        elif body.root().pk != expected.pk:
            check.error(
                "notified_body", _("The notified body must be %(body)s.") % {"body": expected}
            )
    if check.errors or data.notified_on is None:  # no date: an error above
        raise _refuse(_("The notification was not saved."), check.errors)
    notification = RegionalNotification.objects.create(
        work_plan=work_plan,
        activity=data.activity,
        agreement=work_plan.agreement,
        recipient=data.recipient,
        notified_body=body,
        province=data.province,
        regency=data.regency,
        notified_on=data.notified_on,
        reference=data.reference.strip(),
        created_by=actor if actor and actor.pk else None,
    )
    audit_event_record(
        event="workplan.notification_recorded",
        target=work_plan,
        actor=actor,
        data={
            "new": {
                "notification": str(notification),
                "notified_body": str(body),
                "notified_on": notification.notified_on.isoformat(),
                "activity": data.activity.pk if data.activity else None,
            }
        },
    )
    notify(event="workplans.n5_sent", subject=notification, actor=actor)
    return notification


def notification_may_acknowledge(*, user: Any, notification: RegionalNotification) -> bool:
    """SECURITY: an officer of the notified body, of one of its units or of its parent agency
    (`querysets.addressed_body_ids`). Operators read the inbox but do not acknowledge for a
    government; viewers and representatives never do."""
    if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
        return False
    return notification.notified_body_id in addressed_body_ids(user)


@transaction.atomic
def regional_notification_acknowledge(
    *, notification_id: int, actor: "User"
) -> RegionalNotification:
    """The notified body acknowledges an N5 notice (issue 9 §3), once.

    Allowed: an officer of the notified body, its units or its parent agency. Refused: anyone
    else, and a notice already acknowledged. Records when, by whom and for which body (the
    officer's body). Audit: `workplan.notification_acknowledged` on the work plan; the
    organization's representatives are notified (`workplans.n5_acknowledged`).
    """
    notification = (
        RegionalNotification.objects.select_for_update(of=("self",))
        .select_related("work_plan", "agreement", "notified_body", "province", "regency")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or not notification_may_acknowledge(
        user=actor, notification=notification
    ):
        raise _refuse(_("You may not acknowledge this notice."))
    if notification.acknowledged_at is not None:
        raise _refuse(
            _("This notice was already acknowledged on %(date)s.")
            % {"date": timezone.localdate(notification.acknowledged_at).isoformat()}
        )
    notification.acknowledged_at = timezone.now()
    notification.acknowledged_by = actor
    notification.acknowledging_body = actor.body
    notification.save(
        update_fields=["acknowledged_at", "acknowledged_by", "acknowledging_body", "updated_at"]
    )
    audit_event_record(
        event="workplan.notification_acknowledged",
        target=notification.work_plan,
        actor=actor,
        data={
            "old": {"acknowledged_at": None},
            "new": {
                "notification": notification.pk,
                "reference": notification.reference,
                "acknowledged_at": notification.acknowledged_at.isoformat(),
                "acknowledging_body": str(actor.body),
            },
        },
    )
    notify(event="workplans.n5_acknowledged", subject=notification, actor=actor)
    return notification
