"""The sanctions app's notification event: a step of a case was issued.

The subject is the case and the context names the step (`{"step": step}`; without it, the
case's latest step). The organization's representatives and the officials of the bodies the
step notified (with their units) are told, but only once the organization has been approached
(`REPRESENTATIVE_STATUSES`): an assessment or a dismissed report tells nobody.
"""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.notifications.recipients import nobody, officials_of, representatives_of
from mitra.notifications.registry import Event, register_event

from . import ladder
from .models import SanctionCase, SanctionStep
from .querysets import REPRESENTATIVE_STATUSES, secretariat_key
from .route import objection_route


def _step(case: SanctionCase, context: dict[str, Any]) -> SanctionStep | None:
    return context.get("step") or case.steps.order_by("-issued_on", "-id").first()


def step_recipients(case: SanctionCase, context: dict[str, Any]) -> QuerySet[Any]:
    """SECURITY: told only when the step leaves the case where its organization sees it."""
    step = _step(case, context)
    if step is None or step.status_to not in REPRESENTATIVE_STATUSES:
        return nobody()
    body_ids = list(step.notified_bodies.values_list("pk", flat=True))
    return representatives_of([case.organization_id]) | officials_of(body_ids)


OBJECTION_LABELS = {
    "objection_upheld": _("Objection upheld: step set aside"),
    "objection_rejected": _("Objection rejected: step stands"),
}


def _bodies(*keys: str) -> list[int]:
    return list(GovernmentBody.objects.filter(key__in=keys).values_list("pk", flat=True))


def secretariat_recipients(case: SanctionCase, context: dict[str, Any]) -> QuerySet[Any]:
    """The TPOA secretariat's officials (with their units): a reply came in."""
    return officials_of(_bodies(secretariat_key()))


def objection_recipients(case: SanctionCase, context: dict[str, Any]) -> QuerySet[Any]:
    """The deciding authority's and the secretariat's officials: an objection came in."""
    return officials_of(_bodies(secretariat_key(), objection_route().deciding_body))


def decision_recipients(case: SanctionCase, context: dict[str, Any]) -> QuerySet[Any]:
    """The organization's representatives and the secretariat: the objection was decided."""
    return representatives_of([case.organization_id]) | officials_of(_bodies(secretariat_key()))


def _side_params(case: SanctionCase, context: dict[str, Any]) -> dict[str, Any]:
    objection = context.get("objection")
    return {
        "ref": case.reference,
        "organization": case.organization.display_name,
        "outcome": str(objection.get_status_display()).lower() if objection is not None else "",
        "decision_due": (
            date_format(objection.decision_due, "j F Y") if objection is not None else ""
        ),
    }


def step_label(step: SanctionStep) -> str:
    """The step's name in the active language (the stored label is in the actor's)."""
    if step.action in OBJECTION_LABELS:
        return str(OBJECTION_LABELS[step.action])
    if step.action == "escalate":
        index = step.case.steps.filter(action="escalate", pk__lte=step.pk).count() - 1
        found = ladder.current_step(step.case.ladder, index)
        if found is not None:
            return str(found.label)
    if step.status_to in SanctionCase.Status.values:
        return str(SanctionCase.Status(step.status_to).label)
    return step.label


def _params(case: SanctionCase, context: dict[str, Any]) -> dict[str, Any]:
    step = _step(case, context)
    return {
        "ref": case.reference,
        "step": step_label(step) if step is not None else "",
        "organization": case.organization.display_name,
        "issued_on": date_format(step.issued_on, "j F Y") if step is not None else "",
        "legal_basis": step.legal_basis if step is not None else "",
        "authority": str(step.authority or "") if step is not None else "",
        "compliance_due": (
            date_format(step.compliance_due, "j F Y")
            if step is not None and step.compliance_due
            else ""
        ),
    }


def register() -> None:
    register_event(
        Event(
            name="sanctions.step_issued",
            label=_("Sanction step issued"),
            recipients=step_recipients,
            title=_("Sanction case %(ref)s: %(step)s"),
            params=_params,
            url=lambda case, context: reverse("sanctions:detail", args=[case.pk]),
            body_template="sanctions/notifications/step_issued.txt",
        )
    )
    detail = lambda case, context: reverse("sanctions:detail", args=[case.pk])  # noqa: E731
    register_event(
        Event(
            name="sanctions.reply_received",
            label=_("Reply to a sanction step received"),
            recipients=secretariat_recipients,
            title=_("Sanction case %(ref)s: %(organization)s replied"),
            params=_side_params,
            url=detail,
        )
    )
    register_event(
        Event(
            name="sanctions.objection_filed",
            label=_("Objection to a sanction step filed"),
            recipients=objection_recipients,
            title=_("Sanction case %(ref)s: %(organization)s objects (decide by %(decision_due)s)"),
            params=_side_params,
            url=detail,
        )
    )
    register_event(
        Event(
            name="sanctions.objection_decided",
            label=_("Objection to a sanction step decided"),
            recipients=decision_recipients,
            title=_("Sanction case %(ref)s: objection %(outcome)s"),
            params=_side_params,
            url=detail,
        )
    )
