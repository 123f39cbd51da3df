"""Reading sanction cases, always scoped to the viewer."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from mitra.core.search import words_q

from .models import SanctionCase, SanctionEvidence, SanctionObjection, SanctionReply, SanctionStep
from .querysets import is_secretariat


def sanction_case_list(
    *, viewer: Any, status: str = "", q: str = "", active: bool = False
) -> QuerySet[SanctionCase]:
    """`active`: only cases on a sanction step (persuasion, written warning, cessation)."""
    qs = SanctionCase.objects.visible_to(viewer).select_related("organization")
    if status in SanctionCase.Status.values:
        qs = qs.filter(status=status)
    if active:
        qs = qs.filter(status__in=SanctionCase.ACTIVE_STATES)
    found = words_q(q, field="organization__search_text")
    if found is not None:
        qs = qs.filter(found)
    return qs.order_by("-reported_on", "-id")


def sanction_case_get_for_user(*, user: Any, pk: int) -> SanctionCase:
    """SECURITY: the case if `user` may see it, else 404."""
    case = (
        SanctionCase.objects.visible_to(user)
        .select_related("organization", "reported_by_agency")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=SanctionStep.objects.select_related("authority").prefetch_related(
                    "notified_bodies"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def sanction_case_get_for_representative(*, user: Any, pk: int) -> SanctionCase:
    """SECURITY: a case of the user's own organization that they may see, for its replies and
    objections; 404 for everyone else (the government answers nothing here)."""
    case = sanction_case_get_for_user(user=user, pk=pk)
    if not is_representative_of(user, case):
        raise Http404
    return case


def is_representative_of(user: Any, case: SanctionCase) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == user.Role.ORG_REPRESENTATIVE
        and user.organization_id == case.organization_id
    )


def sanction_objection_get_decidable(*, user: Any, pk: int, objection_pk: int) -> SanctionObjection:
    """SECURITY: an objection of a visible case, for the deciding authority's officers and
    operators; 404 otherwise."""
    from .services import can_decide_objections

    case = sanction_case_get_for_user(user=user, pk=pk)
    objection = case.objections.filter(pk=objection_pk).first()
    if objection is None or not can_decide_objections(user):
        raise Http404
    return objection


def sanction_case_replies(*, case: SanctionCase) -> QuerySet[SanctionReply]:
    """The organization's replies with their documents (never internal), for whoever sees the
    case: the organization itself and the government users the case is visible to."""
    return case.replies.select_related("step").prefetch_related("evidence").order_by("created_at")


def sanction_case_objections(*, case: SanctionCase) -> QuerySet[SanctionObjection]:
    return case.objections.select_related("step", "deciding_body").prefetch_related("evidence")


def sanction_case_timeline(*, steps: Any, replies: Any, objections: Any) -> list[dict[str, Any]]:
    """The case's visible history in date order: each step issued, each reply (with its
    documents), each objection and its decision. Internal notes stay out (the page adds them
    for government users)."""
    entries: list[dict[str, Any]] = []
    for step in steps:
        entries.append({"on": step.issued_on, "kind": "step", "order": (0, step.pk), "step": step})
    for reply in replies:
        entries.append(
            {"on": reply.submitted_on, "kind": "reply", "order": (1, reply.pk), "reply": reply}
        )
    for objection in objections:
        entries.append(
            {
                "on": objection.filed_on,
                "kind": "objection",
                "order": (1, objection.pk),
                "objection": objection,
            }
        )
    return sorted(entries, key=lambda e: (e["on"], e["order"]))


def sanction_case_get_editable(*, user: Any, pk: int) -> SanctionCase:
    """SECURITY: visible and movable by `user` (the secretariat, operators), else 404."""
    case = sanction_case_get_for_user(user=user, pk=pk)
    if not SanctionCase.objects.editable_by(user).filter(pk=pk).exists():
        raise Http404
    return case


def sees_internal(user: Any) -> bool:
    """SECURITY: internal assessment notes and internal evidence are for government users."""
    return bool(getattr(user, "is_operator", False) or getattr(user, "is_government", False))


def can_move(user: Any) -> bool:
    return bool(
        getattr(user, "can_edit_records", False) and (user.is_operator or is_secretariat(user))
    )


def sanction_evidence_for_user(*, user: Any, case: SanctionCase) -> QuerySet[SanctionEvidence]:
    qs = case.evidence.all()
    return qs if sees_internal(user) else qs.filter(internal=False)


def sanction_evidence_get_for_user(*, user: Any, pk: int, evidence_pk: int) -> SanctionEvidence:
    case = sanction_case_get_for_user(user=user, pk=pk)
    evidence = sanction_evidence_for_user(user=user, case=case).filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return evidence


def public_outcomes_for(*, organization_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Public outcome of concluded cases per organization (public columns only)."""
    found: dict[int, list[dict[str, Any]]] = {}
    rows = (
        SanctionCase.objects.public()
        .filter(organization_id__in=organization_ids)
        .only("id", "organization_id", "status", "ladder", "step_index", "reached_status",
              "public_outcome", "concluded_on")
        .order_by("-concluded_on", "-id")
    )  # fmt: skip
    for case in rows:
        found.setdefault(case.organization_id, []).append(
            {
                "status": case.get_status_display(),
                "status_code": case.status,
                "reached": case.reached_label,
                "outcome": case.public_outcome,
                "concluded_on": case.concluded_on,
            }
        )
    return found
