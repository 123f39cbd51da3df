"""Who may do what to a work plan (per object). The querysets decide who may *see* one.

Roles around a work plan (docs/dev/permissions.md has the table):
- operators: everything;
- officers of the agreement's owning unit (or its agency, when no unit holds it; the partner
  ministry): draft, approve, sign an RIK, activate, close;
- officers of an RKT's regional government: sign and activate that RKT;
- representatives of the partner organization (a foreign party of an agreement they may see):
  draft and edit plans and activities, record notifications, start activities, report actuals.
Viewers and everyone else: read only.
"""

from typing import Any

from django.http import Http404

from mitra.agreements.models import Agreement
from mitra.agreements.permissions import agreement_is_editable_by

from .models import Activity, WorkPlan

# The actions a user may ask for on a work plan, and who may: "owner" = the owner agency's
# officers, "regional" = the RKT's regional government's officers, "partner" = the partner
# organization's representatives. Operators may do everything.
ACTIONS: dict[str, set[str]] = {
    "edit": {"owner", "partner"},  # the plan's fields and its planned activities (drafts)
    "approve": {"owner"},
    "return_to_draft": {"owner"},
    "sign": {"owner", "regional"},  # an RIK: the owner; an RKT: the regional government
    "activate": {"owner", "regional"},
    "report": {"owner", "partner"},
    "close": {"owner"},
    "implement": {"owner", "partner"},  # start/complete activities, actuals, notifications
}


def user_roles(*, user: Any, agreement: Agreement, work_plan: WorkPlan | None = None) -> set[str]:
    """SECURITY: the roles `user` holds around the agreement (and the work plan)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles: set[str] = set()
    if user.is_operator:
        return {"operator"}
    if user.can_edit_records and user.agency is not None:
        # A work plan is held by its agreement's owning unit (ADR 0016): one source.
        if agreement_is_editable_by(user=user, agreement=agreement):
            roles.add("owner")
        if (
            work_plan is not None
            and work_plan.is_rkt
            and work_plan.regional_government_id == user.agency.pk
        ):
            roles.add("regional")
    if (
        user.role == user.Role.ORG_REPRESENTATIVE
        and user.organization_id
        and Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()
    ):
        roles.add("partner")
    return roles


def workplan_can(*, user: Any, work_plan: WorkPlan, action: str) -> bool:
    """SECURITY: may `user` do `action` on `work_plan`? (Not whether the state allows it.)"""
    roles = user_roles(user=user, agreement=work_plan.agreement, work_plan=work_plan)
    if "operator" in roles:
        return True
    allowed = ACTIONS.get(action, set())
    if action == "sign":
        allowed = {"regional"} if work_plan.is_rkt else {"owner"}
    return bool(roles & allowed)


def workplan_can_create(*, user: Any, agreement: Agreement) -> bool:
    """SECURITY: operators, the owner agency's officers and the partner's representatives."""
    roles = user_roles(user=user, agreement=agreement)
    return bool(roles & {"operator", "owner", "partner"})


def workplan_get_for_action(*, user: Any, pk: int, action: str) -> WorkPlan:
    """SECURITY: the work plan if `user` may see it and do `action`; 404 otherwise (like
    `agreement_get_editable`: visible but not allowed answers 404 too)."""
    from .selectors import workplan_get_for_user

    work_plan = workplan_get_for_user(user=user, pk=pk)
    if not workplan_can(user=user, work_plan=work_plan, action=action):
        raise Http404
    return work_plan


def activity_get_for_action(*, user: Any, pk: int, action: str) -> Activity:
    from .selectors import activity_get_for_user

    activity = activity_get_for_user(user=user, pk=pk)
    if not workplan_can(user=user, work_plan=activity.work_plan, action=action):
        raise Http404
    return activity


def agreement_get_for_workplan_creation(*, user: Any, pk: int) -> Agreement:
    """SECURITY: an agreement `user` may see and draft work plans for; 404 otherwise."""
    from mitra.agreements.selectors import agreement_get_for_user

    agreement = agreement_get_for_user(user=user, pk=pk)
    if not workplan_can_create(user=user, agreement=agreement):
        raise Http404
    return agreement
