"""`{% agreement_work_plans agreement %}`: the agreement page's list of its work plans, drawn by
this app so the agreements app needs no import of it."""

from typing import Any

from django import template

from mitra.workplans.permissions import workplan_can_create
from mitra.workplans.selectors import workplans_for_agreement
from mitra.workplans.services import PLAN_AGREEMENT_STATUSES, PLAN_AGREEMENT_TYPES

register = template.Library()


@register.inclusion_tag("workplans/_agreement_workplans.html", takes_context=True)
def agreement_work_plans(context: dict[str, Any], agreement: Any) -> dict[str, Any]:
    user = context["request"].user
    can_create = (
        agreement.type in PLAN_AGREEMENT_TYPES
        and agreement.status in PLAN_AGREEMENT_STATUSES
        and workplan_can_create(user=user, agreement=agreement)
    )
    return {
        "agreement": agreement,
        "work_plans": workplans_for_agreement(viewer=user, agreement_id=agreement.pk),
        "can_create": can_create,
    }
