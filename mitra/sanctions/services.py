"""Writing sanction cases: open, assess, escalate along the ladder, lift, dismiss, evidence.

Every move goes through `sanction_case_move`, which records a `SanctionStep` (legal basis,
authority, dates, parties notified), writes audit and applies the effects through the
licensing app's services (`mitra.permits.lifecycle`, called directly):
- cessation of activities → the organization is suspended (it cannot start new agreements or
  work plans) and its izin prinsip read suspended (`permit_suspend_for_sanction`: the
  organization's status is the one source of "suspended");
- lifting from cessation → its previous status comes back and its izin prinsip read active
  again (`permit_reinstate_for_sanction`), unless another case still holds it in cessation;
- revocation → every izin prinsip in force is revoked, with the cascade: izin operasional
  ended, staff and agreements flagged, everyone N14 names told (`permit_revoke_for_sanction`).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from mitra.agreements import documents
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed
from mitra.core.validators import not_in_future
from mitra.deadlines.engine import due_date
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization
from mitra.permits.lifecycle import (
    permit_reinstate_for_sanction,
    permit_revoke_for_sanction,
    permit_suspend_for_sanction,
)

from . import ladder
from .models import (
    SanctionCase,
    SanctionEvidence,
    SanctionObjection,
    SanctionReply,
    SanctionStep,
)
from .querysets import is_secretariat, secretariat_key
from .route import OBJECTION_DECISION_RULE, OBJECTION_FILING_RULE, REPLY_RULE, objection_route

if TYPE_CHECKING:
    from mitra.accounts.models import User

logger = logging.getLogger(__name__)

ACTIONS = ("assess", "escalate", "lift", "dismiss")
EVENTS = {
    "assess": "sanction_case.assessed",
    "escalate": "sanction_case.escalated",
    "lift": "sanction_case.lifted",
    "dismiss": "sanction_case.dismissed",
}


def _require_reporter(actor: "User | None") -> None:
    """SECURITY: any officer or operator may report a violation (actor None: a system job)."""
    if actor is not None and not actor.can_edit_records:
        raise ApplicationError(_("You may not report sanction cases."))


def _require_secretariat(actor: "User") -> None:
    """SECURITY: only the TPOA secretariat's officers and operators move cases."""
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not change sanction cases."))
    if not (actor.is_operator or is_secretariat(actor)):
        raise ApplicationError(_("Only the TPOA secretariat moves sanction cases."))


@transaction.atomic
def sanction_case_open(
    *,
    organization: ForeignOrganization,
    violation: str,
    source: str,
    actor: "User | None",
    articles: str = "",
    source_detail: str = "",
    reported_on: date | None = None,
) -> SanctionCase:
    """Record a reported violation (status reported), on the ladder configured now. `actor`
    None: a system job."""
    _require_reporter(actor)
    errors: dict[str, list[str]] = {}
    if not violation.strip():
        errors["violation"] = [_("Describe the violation.")]
    if source not in SanctionCase.Source.values:
        errors["source"] = [_("Unknown source.")]
    # A violation is reported once it happened: a case dated 2999 was accepted (issue 13 §4).
    if not_in_future(reported_on):
        errors["reported_on"] = not_in_future(reported_on)
    if errors:
        raise ApplicationError(_("The sanction case was not saved."), errors)
    agency = getattr(actor, "agency", None) if actor is not None else None
    case = SanctionCase.objects.create(
        organization=organization,
        violation=violation.strip(),
        articles=articles.strip(),
        source=source,
        source_detail=source_detail.strip(),
        reported_on=reported_on or today(),
        reported_by_agency=agency,
        ladder=ladder.configured_ladder(),
        created_by=actor,
    )
    case.reference = f"SC-{case.reported_on.year}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    SanctionStep.objects.create(
        case=case,
        action="report",
        status_from="",
        status_to=case.status,
        label=str(SanctionCase.Status.REPORTED.label),
        issued_on=case.reported_on,
        notes=source_detail,
        actor=actor,
    )
    audit_event_record(
        event="sanction_case.opened",
        target=case,
        actor=actor,
        data={
            "new": {
                "organization": organization.pk,
                "source": source,
                "ladder": case.ladder,
                "status": case.status,
            }
        },
    )
    return case


def sanction_case_open_from_finding(
    *,
    organization: ForeignOrganization,
    finding_text: str,
    actor: "User",
    source: str | None = None,
) -> SanctionCase:
    """For the monitoring app: a monitoring finding becomes a reported violation."""
    return sanction_case_open(
        organization=organization,
        violation=finding_text,
        source=source or SanctionCase.Source.MONITORING,
        source_detail=_("Monitoring finding"),
        actor=actor,
    )


@dataclass
class MoveInput:
    action: str
    legal_basis: str = ""
    authority: GovernmentBody | None = None
    issued_on: date | None = None
    notes: str = ""
    notified_bodies: Iterable[GovernmentBody] = field(default_factory=list)
    parties_notified: str = ""
    immigration_referral: bool = False
    criminal_referral: bool = False


def sanction_case_available_actions(*, case: SanctionCase, actor: "User") -> list[str]:
    """The moves `actor` may make on `case` now (for buttons)."""
    if not SanctionCase.objects.editable_by(actor).filter(pk=case.pk).exists():
        return []
    return [name for name in ACTIONS if can_proceed(getattr(case, name))]


def _validate_move(case: SanctionCase, data: MoveInput, on: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.action == "escalate":
        step = case.next_step
        if not data.legal_basis.strip():
            errors["legal_basis"] = [_("Give the legal basis (article) of this step.")]
        if step is not None and step.status != ladder.PERSUASION and data.authority is None:
            errors["authority"] = [_("Name the issuing authority.")]
        if case.objections.filter(status=SanctionObjection.Status.FILED).exists():
            errors["action"] = [
                _("An objection to the current step awaits its decision; decide it first.")
            ]
        if case.compliance_due and on <= case.compliance_due:
            errors["issued_on"] = [
                _("The compliance period runs until %(day)s; escalate only after it.")
                % {"day": case.compliance_due.isoformat()}
            ]
    if data.action in ("lift", "dismiss") and not data.notes.strip():
        errors["notes"] = [_("Explain the reason.")]
    if not_in_future(on):
        errors["issued_on"] = not_in_future(on)
    return errors


def _effects(
    case: SanctionCase, old_status: str, step: SanctionStep, actor: "User"
) -> list[dict[str, Any]]:
    """Apply what the new status means for the organization and its izin prinsip, on the
    step's date and legal basis, through the licensing services."""
    org = case.organization
    basis = step.legal_basis or case.articles or case.reference
    if case.status == SanctionCase.Status.CESSATION:
        return [
            permit_suspend_for_sanction(
                organization_id=org.pk,
                reason=_("Sanction case %(ref)s: cessation of activities")
                % {"ref": case.reference},
                legal_basis=basis,
                actor=actor,
                on=step.issued_on,
            )
        ]
    if (
        case.status in (SanctionCase.Status.LIFTED, SanctionCase.Status.ANNULLED)
        and old_status == SanctionCase.Status.CESSATION
    ):
        return [
            permit_reinstate_for_sanction(
                organization_id=org.pk,
                status=_previous_org_status(case),
                reason=_("Sanction case %(ref)s lifted") % {"ref": case.reference},
                legal_basis=basis,
                actor=actor,
                on=step.issued_on,
            )
        ]
    if case.status == SanctionCase.Status.REVOKED:
        revoked = permit_revoke_for_sanction(
            organization=org, case=case, actor=actor, legal_basis=basis, on=step.issued_on
        )
        return [{"effect": "permits_revoked", "done": True, "count": len(revoked)}]
    return []


def _previous_org_status(case: SanctionCase) -> str:
    """The status to give back on lifting: the one recorded when the case suspended the
    organization — unless it was already suspended then (by another case, or by the
    secretariat): lifting never restores a suspension, another case in cessation keeps it
    (the hold), and a registered organization is the default."""
    suspended = ForeignOrganization.Status.SUSPENDED
    for step in case.steps.order_by("-id"):
        for effect in step.effects or []:
            if effect.get("effect") == "organization_suspended":
                previous = effect.get("previous_status")
                if previous and previous != suspended:
                    return str(previous)
    return ForeignOrganization.Status.REGISTERED


def cessation_hold(organization_id: int) -> str:
    """For the licensing app (`mitra.permits.hooks`): why the organization's suspension may
    not be lifted by reinstating its izin prinsip — a case of ours in cessation of
    activities, lifted only through the case ("" when there is none)."""
    case = (
        SanctionCase.objects.filter(
            organization_id=organization_id, status=SanctionCase.Status.CESSATION
        )
        .order_by("reported_on", "id")
        .first()
    )
    if case is None:
        return ""
    return _(
        "Sanction case %(ref)s stopped the organization's activities: lift the case to "
        "reinstate it."
    ) % {"ref": case.reference}


@transaction.atomic
def sanction_case_move(*, case_id: int, data: MoveInput, actor: "User") -> SanctionCase:
    """Move a case (assess, escalate, lift, dismiss). The one entry point for status changes.

    Refuses (nothing written) when the actor is not the secretariat, the FSM does not allow the
    move, a sanction step lacks its legal basis or authority, or the compliance period of the
    current step has not run out. Escalating to a step with a compliance period computes its
    deadline with the deadline engine from the issue date. The organization's representatives
    and the notified bodies' officials are told (`sanctions.step_issued`) once the organization
    has been approached.
    """
    _require_secretariat(actor)
    if data.action not in ACTIONS:
        raise ApplicationError(_("Unknown action."))
    case = SanctionCase.objects.select_for_update().select_related("organization").get(pk=case_id)
    on = data.issued_on or today()
    if not can_proceed(getattr(case, data.action)):
        raise ApplicationError(
            _("This action is not possible while the case is %(status)s.")
            % {"status": case.get_status_display()}
        )
    errors = _validate_move(case, data, on)
    if errors:
        raise ApplicationError(_("The case was not changed."), errors)
    old = case.status
    step_def = case.next_step if data.action == "escalate" else None
    compliance_due = (
        due_date(step_def.rule_code, on, on=on) if step_def and step_def.rule_code else None
    )
    # can_proceed was checked above: the refusal stays as a guard.
    with refused_unless_allowed(_("This action is not possible now.")):
        if data.action == "escalate":
            case.escalate(compliance_due=compliance_due, on=on)
        elif data.action == "assess":
            case.assess()
        else:
            getattr(case, data.action)(on=on)
    case.immigration_referral = case.immigration_referral or data.immigration_referral
    case.criminal_referral = case.criminal_referral or data.criminal_referral
    case.save()
    label = str(step_def.label) if step_def else str(SanctionCase.Status(case.status).label)
    step = SanctionStep.objects.create(
        case=case,
        action=data.action,
        status_from=old,
        status_to=case.status,
        label=label,
        legal_basis=data.legal_basis.strip(),
        authority=data.authority,
        issued_on=on,
        compliance_due=compliance_due,
        notes=data.notes.strip(),
        parties_notified=data.parties_notified.strip(),
        actor=actor,
    )
    step.notified_bodies.set(list(data.notified_bodies))
    step.effects = _effects(case, old, step, actor)
    step.save(update_fields=["effects"])
    audit_event_record(
        event=EVENTS[data.action],
        target=case,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {"status": case.status, "compliance_due": str(compliance_due or "")},
            "step": label,
            "legal_basis": step.legal_basis,
            "effects": step.effects,
        },
    )
    notify(
        event="sanctions.step_issued",
        subject=case,
        actor=actor,
        context={"step": step},
        key=f"step:{step.pk}",
    )
    return case


@transaction.atomic
def sanction_case_update_notes(
    *, case_id: int, assessment_notes: str, public_outcome: str, actor: "User"
) -> SanctionCase:
    """The secretariat's internal notes and the public outcome text."""
    _require_secretariat(actor)
    case = SanctionCase.objects.select_for_update().get(pk=case_id)
    old = {"assessment_notes": case.assessment_notes, "public_outcome": case.public_outcome}
    case.assessment_notes = assessment_notes.strip()
    case.public_outcome = public_outcome.strip()
    case.save(update_fields=["assessment_notes", "public_outcome", "updated_at"])
    new = {"assessment_notes": case.assessment_notes, "public_outcome": case.public_outcome}
    audit_event_record(
        event="sanction_case.updated",
        target=case,
        actor=actor,
        data={
            "old": {k: v for k, v in old.items() if v != new[k]},
            "new": {k: v for k, v in new.items() if v != old[k]},
        },
    )
    return case


def sanction_evidence_upload(
    *,
    case_id: int,
    upload: UploadedFile,
    title: str,
    actor: "User",
    internal: bool = True,
    step_id: int | None = None,
) -> SanctionEvidence:
    """Store an evidence document (PDF/DOCX/ODT judged by content; size limit as agreements)."""
    checked = documents.checked_upload(upload)
    with transaction.atomic():
        _require_secretariat(actor)
        case = SanctionCase.objects.select_for_update().get(pk=case_id)
        step = case.steps.filter(pk=step_id).first() if step_id else case.steps.last()
        evidence = documents.store_upload(
            SanctionEvidence(
                case=case,
                step=step,
                title=(title.strip() or upload.name or "document")[:255],
                internal=internal,
                uploaded_by=actor,
            ),
            checked,
        )
        audit_event_record(
            event="sanction_case.evidence_uploaded",
            target=case,
            actor=actor,
            data={"new": {"document": evidence.title, "sha256": evidence.sha256}},
        )
    return evidence


# --- the organization's side: replies and objections (issue 15 §3) ----------------------------


def _require_representative(actor: "User | None", case: SanctionCase) -> None:
    """SECURITY: only the representatives of the case's own organization answer for it."""
    if (
        actor is None
        or not getattr(actor, "is_authenticated", False)
        or not actor.is_active
        or actor.role != actor.Role.ORG_REPRESENTATIVE
        or actor.organization_id != case.organization_id
    ):
        raise ApplicationError(_("Only the organization's representatives answer for it."))


def current_step(case: SanctionCase) -> SanctionStep | None:
    """The step the case stands at, while it is on a sanction step (persuasion, warning,
    cessation): the latest escalation. None otherwise."""
    if case.status not in SanctionCase.ACTIVE_STATES:
        return None
    steps = [s for s in case.steps.all() if s.action == "escalate"]
    return max(steps, key=lambda s: s.pk) if steps else None


def reply_due(step: SanctionStep) -> date:
    """The end of the period to reply to `step`: its compliance deadline, or else the
    `sanction.reply` rule counted from its issue date (the version in force that day)."""
    return step.compliance_due or due_date(REPLY_RULE, step.issued_on, on=step.issued_on)


def objection_due(step: SanctionStep) -> date:
    return due_date(OBJECTION_FILING_RULE, step.issued_on, on=step.issued_on)


def objection_possible(case: SanctionCase, step: SanctionStep | None) -> bool:
    """Whether the route allows an objection to the case's current step at all."""
    route = objection_route()
    return bool(route.enabled and step is not None and case.status in route.steps)


def _store_evidence(
    *,
    case: SanctionCase,
    step: SanctionStep,
    checked: documents.CheckedUpload,
    title: str,
    actor: "User",
    reply: SanctionReply | None = None,
    objection: SanctionObjection | None = None,
) -> SanctionEvidence:
    return documents.store_upload(
        SanctionEvidence(
            case=case,
            step=step,
            reply=reply,
            objection=objection,
            title=(title.strip() or checked.upload.name or "document")[:255],
            internal=False,  # the organization's own document: it and the government see it
            uploaded_by=actor,
        ),
        checked,
    )


def _checked(upload: UploadedFile | None) -> documents.CheckedUpload | None:
    """An optional upload judged before anything is written (size limit, type sniffed from
    the bytes, active content refused: `agreements.documents`)."""
    return documents.checked_upload(upload) if upload is not None else None


def sanction_reply_submit(
    *,
    case_id: int,
    text: str,
    actor: "User",
    upload: UploadedFile | None = None,
    title: str = "",
) -> SanctionReply:
    """The organization answers the step its case stands at, within the step's period, with
    an optional document (evidence of compliance). Audited; the secretariat is told
    (`sanctions.reply_received`). Refused, with nothing written, outside the period, when the
    case is not on a step, for anyone but the organization's representatives, or with a bad
    file."""
    checked = _checked(upload)
    with transaction.atomic():
        case = (
            SanctionCase.objects.select_for_update().select_related("organization").get(pk=case_id)
        )
        _require_representative(actor, case)
        step = current_step(case)
        if step is None:
            raise ApplicationError(_("The case is not on a step that can be answered."))
        on = today()
        due = reply_due(step)
        errors: dict[str, list[str]] = {}
        if not text.strip():
            errors["text"] = [_("Write your reply.")]
        if on > due:
            errors["text"] = [
                _("The period to reply to this step ended on %(day)s.") % {"day": due.isoformat()}
            ]
        if errors:
            raise ApplicationError(_("The reply was not sent."), errors)
        reply = SanctionReply.objects.create(
            case=case, step=step, text=text.strip(), submitted_on=on, due=due, author=actor
        )
        evidence = None
        if checked is not None:
            evidence = _store_evidence(
                case=case,
                step=step,
                checked=checked,
                title=title,
                actor=actor,
                reply=reply,
            )
        audit_event_record(
            event="sanction_case.reply_submitted",
            target=case,
            actor=actor,
            data={
                "new": {
                    "reply": reply.pk,
                    "step": step.pk,
                    "due": due.isoformat(),
                    "document": evidence.title if evidence else "",
                    "sha256": evidence.sha256 if evidence else "",
                }
            },
        )
        notify(
            event="sanctions.reply_received",
            subject=case,
            actor=actor,
            context={"reply": reply},
            key=f"reply:{reply.pk}",
        )
    return reply


def sanction_objection_file(
    *,
    case_id: int,
    grounds: str,
    actor: "User",
    upload: UploadedFile | None = None,
    title: str = "",
) -> SanctionObjection:
    """The organization objects (keberatan) to the step its case stands at, within the
    `sanction.objection_filing` period, once per step, if the route allows objections to that
    step. The decision is due by `sanction.objection_decision` and escalation waits for it.
    Audited; the deciding authority and the secretariat are told."""
    checked = _checked(upload)
    with transaction.atomic():
        case = (
            SanctionCase.objects.select_for_update().select_related("organization").get(pk=case_id)
        )
        _require_representative(actor, case)
        route = objection_route()
        step = current_step(case)
        if not objection_possible(case, step):
            raise ApplicationError(_("This step of the case cannot be objected to."))
        assert step is not None  # objection_possible
        on = today()
        filing_due = objection_due(step)
        errors: dict[str, list[str]] = {}
        if not grounds.strip():
            errors["grounds"] = [_("Give the grounds of your objection.")]
        if on > filing_due:
            errors["grounds"] = [
                _("The period to object to this step ended on %(day)s.")
                % {"day": filing_due.isoformat()}
            ]
        if step.objections.exists():
            errors["grounds"] = [_("An objection to this step was already filed.")]
        if errors:
            raise ApplicationError(_("The objection was not filed."), errors)
        objection = SanctionObjection.objects.create(
            case=case,
            step=step,
            grounds=grounds.strip(),
            filed_on=on,
            filing_due=filing_due,
            decision_due=due_date(OBJECTION_DECISION_RULE, on, on=on),
            deciding_body=GovernmentBody.objects.filter(key=route.deciding_body).first(),
            filed_by=actor,
        )
        evidence = None
        if checked is not None:
            evidence = _store_evidence(
                case=case,
                step=step,
                checked=checked,
                title=title,
                actor=actor,
                objection=objection,
            )
        audit_event_record(
            event="sanction_case.objection_filed",
            target=case,
            actor=actor,
            data={
                "new": {
                    "objection": objection.pk,
                    "step": step.pk,
                    "status": objection.status,
                    "deciding_body": route.deciding_body,
                    "decision_due": objection.decision_due.isoformat(),
                    "document": evidence.title if evidence else "",
                }
            },
        )
        notify(
            event="sanctions.objection_filed",
            subject=case,
            actor=actor,
            context={"objection": objection},
            key=f"objection:{objection.pk}",
        )
    return objection


def can_decide_objections(actor: "User | None") -> bool:
    """SECURITY: operators, and the officers of the deciding authority the route names."""
    if actor is None or not getattr(actor, "can_edit_records", False):
        return False
    if actor.is_operator:
        return True
    agency = getattr(actor, "agency", None)
    return bool(actor.is_government and agency and agency.key == objection_route().deciding_body)


OBJECTION_OUTCOMES = ("upheld", "rejected")


@transaction.atomic
def sanction_objection_decide(
    *,
    objection_id: int,
    outcome: str,
    decision: str,
    actor: "User",
    decided_on: date | None = None,
) -> SanctionObjection:
    """The deciding authority decides an objection. Upheld: the step is set aside and the case
    annulled (a cessation's suspension is undone as on lifting), unless the case has moved on
    already (then the outcome is recorded only). Rejected: the step stands and the secretariat
    may escalate again. Either way a step records the decision in the case's history, the
    decision is audited and the organization and the secretariat are told."""
    if not can_decide_objections(actor):
        raise ApplicationError(_("You may not decide objections to sanctions."))
    objection = (
        SanctionObjection.objects.select_for_update()
        .select_related("case", "case__organization")
        .get(pk=objection_id)
    )
    case = (
        SanctionCase.objects.select_for_update()
        .select_related("organization")
        .get(pk=objection.case_id)
    )
    on = decided_on or today()
    errors: dict[str, list[str]] = {}
    if outcome not in OBJECTION_OUTCOMES:
        errors["outcome"] = [_("Choose whether the objection is upheld or rejected.")]
    if not decision.strip():
        errors["decision"] = [_("Give the reasons of the decision.")]
    if not_in_future(on):
        errors["decided_on"] = not_in_future(on)
    elif on < objection.filed_on:
        errors["decided_on"] = [_("The decision cannot precede the objection.")]
    if errors:
        raise ApplicationError(_("The objection was not decided."), errors)
    transition = objection.uphold if outcome == "upheld" else objection.reject
    if not can_proceed(transition):
        raise ApplicationError(_("This objection was decided already."))
    transition(on=on, decision=decision.strip())
    objection.decided_by = actor
    objection.save()
    old = case.status
    if outcome == "upheld" and can_proceed(case.annul):
        case.annul(on=on)
        case.save()
    label = (
        _("Objection upheld: step set aside")
        if outcome == "upheld"
        else _("Objection rejected: step stands")
    )
    step = SanctionStep.objects.create(
        case=case,
        action=f"objection_{outcome}",
        status_from=old,
        status_to=case.status,
        label=str(label),
        legal_basis=objection_route().legal_basis,
        authority=objection.deciding_body,
        issued_on=on,
        notes=objection.decision,
        actor=actor,
    )
    step.effects = _effects(case, old, step, actor) if case.status != old else []
    step.save(update_fields=["effects"])
    audit_event_record(
        event="sanction_case.objection_decided",
        target=case,
        actor=actor,
        data={
            "old": {"status": old, "objection": SanctionObjection.Status.FILED},
            "new": {"status": case.status, "objection": objection.status},
            "objection": objection.pk,
            "decision": objection.decision,
            "effects": step.effects,
        },
    )
    notify(
        event="sanctions.objection_decided",
        subject=case,
        actor=actor,
        context={"objection": objection},
        key=f"objection:{objection.pk}:decided",
    )
    return objection


def secretariat_body_ids() -> list[int]:
    return list(GovernmentBody.objects.filter(key=secretariat_key()).values_list("pk", flat=True))
