"""Deadlines of sanction cases for the deadline registry: compliance periods running.

A case's compliance deadline is listed while the case stands at the step that set it (a
persuasion, warning or cessation with a compliance date), however long ago the date passed:
the secretariat still owes the decision. It is gone once the case moves on: lifted because the
organization complied, escalated to the next step (which lists its own deadline, if any),
revoked or dismissed.

The organization's side (issue 15 §3): the reply period of the step a case stands at, listed
for the organization until it has replied to that step (the reminder job reminds its
representatives as the end nears; a step with a compliance period has it listed already, as
the compliance deadline), and each objection awaiting its decision, listed for the
deciding authority until decided.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.deadlines.registry import FILER, Concern, Deadline, DeadlineSummary, summarise

from .models import SanctionCase, SanctionObjection
from .querysets import secretariat_key


def sanction_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every running compliance deadline due on or before `end` (`start` is no lower bound;
    the registry applies it)."""
    yield from _compliance_deadlines(end=end, user=user)
    yield from _reply_deadlines(end=end, user=user)
    yield from _objection_deadlines(end=end, user=user)


def sanction_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`sanction_deadlines` for a viewer, summarised: each kind read only when `concern` can be
    among its audience, and narrowed in the database to that audience (a member agency or a
    region is told of none of them, yet every active case it may see was walked to learn so).
    The rest is the registry's reference `summarise`, so the same deadlines, counted."""
    agency = None if concern.everyone else concern.agency_id
    organization = None if concern.everyone or agency is not None else concern.organization_id
    items: list[Deadline] = []
    secretariat = _secretariat_ids()
    if concern.everyone or organization is not None or agency in secretariat:
        items += _compliance_deadlines(
            end=end, user=user, organization=organization, agencies=secretariat
        )
    if agency is None:  # the reply is the organization's alone
        items += _reply_deadlines(end=end, user=user, organization=organization)
    if organization is None:  # the objection's decision is the deciding body's alone
        items += _objection_deadlines(end=end, user=user, deciding_body=agency)
    return summarise((d for d in items if d.due <= end and concern.admits(d)), on=on, first=first)


def _secretariat_ids() -> list[int]:
    return list(GovernmentBody.objects.filter(key=secretariat_key()).values_list("pk", flat=True))


def _compliance_deadlines(
    *,
    end: date,
    user: Any,
    organization: int | None = None,
    agencies: list[int] | None = None,
) -> Iterator[Deadline]:
    qs = SanctionCase.objects.visible_to(user) if user is not None else SanctionCase.objects.all()
    qs = qs.filter(
        status__in=SanctionCase.ACTIVE_STATES,
        compliance_due__isnull=False,
        compliance_due__lte=end,
    ).select_related("organization")
    if organization is not None:
        qs = qs.filter(organization_id=organization)
    agencies = _secretariat_ids() if agencies is None else agencies
    for case in qs:
        yield Deadline(
            key=f"sanction:{case.pk}:compliance:{case.step_index}",
            title=_("Sanction case %(ref)s: compliance deadline of %(org)s")
            % {"ref": case.reference, "org": case.organization.display_name},
            due=case.compliance_due,  # type: ignore[arg-type]
            kind=FILER,
            url=reverse("sanctions:detail", args=[case.pk]),
            record=case,
            agencies=agencies,
            organizations=[case.organization_id],
            description=str(case.get_status_display()),
        )


def _reply_deadlines(
    *, end: date, user: Any, organization: int | None = None
) -> Iterator[Deadline]:
    from django.db.models import Prefetch

    from .models import SanctionStep
    from .services import current_step, reply_due

    qs = SanctionCase.objects.visible_to(user) if user is not None else SanctionCase.objects.all()
    qs = (
        qs.filter(status__in=SanctionCase.ACTIVE_STATES)
        .select_related("organization")
        .prefetch_related(
            Prefetch("steps", queryset=SanctionStep.objects.filter(action="escalate")),
            "replies",
        )
    )
    if organization is not None:
        qs = qs.filter(organization_id=organization)
    for case in qs:
        step = current_step(case)
        # A step with a compliance period is listed above (its end is the reply's end too).
        if (
            step is None
            or step.compliance_due
            or any(r.step_id == step.pk for r in case.replies.all())
        ):
            continue
        due = reply_due(step)
        if due > end:
            continue
        yield Deadline(
            key=f"sanction:{case.pk}:reply:{step.pk}",
            title=_("Sanction case %(ref)s: reply of %(org)s")
            % {"ref": case.reference, "org": case.organization.display_name},
            due=due,
            kind=FILER,
            url=reverse("sanctions:detail", args=[case.pk]),
            record=case,
            organizations=[case.organization_id],
            description=str(case.get_status_display()),
        )


def _objection_deadlines(
    *, end: date, user: Any, deciding_body: int | None = None
) -> Iterator[Deadline]:
    qs = SanctionObjection.objects.filter(
        status=SanctionObjection.Status.FILED, decision_due__lte=end
    ).select_related("case", "case__organization")
    if deciding_body is not None:
        qs = qs.filter(deciding_body_id=deciding_body)
    if user is not None:
        qs = qs.filter(case_id__in=SanctionCase.objects.visible_to(user).values("pk"))
    for objection in qs:
        case = objection.case
        yield Deadline(
            key=f"sanction:{case.pk}:objection:{objection.pk}",
            title=_("Sanction case %(ref)s: decide the objection of %(org)s")
            % {"ref": case.reference, "org": case.organization.display_name},
            due=objection.decision_due,
            url=reverse("sanctions:detail", args=[case.pk]),
            record=case,
            agencies=[objection.deciding_body_id] if objection.deciding_body_id else [],
            description=str(objection.get_status_display()),
        )
