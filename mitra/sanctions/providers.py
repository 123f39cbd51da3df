"""Deadlines of sanction cases for the deadline registry: compliance periods running.

A case's compliance deadline is listed while the case stands at the step that set it (a
persuasion, warning or cessation with a compliance date), however long ago the date passed:
the secretariat still owes the decision. It is gone once the case moves on: lifted because the
organization complied, escalated to the next step (which lists its own deadline, if any),
revoked or dismissed.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.deadlines.registry import FILER, Deadline

from .models import SanctionCase
from .querysets import secretariat_key


def sanction_deadlines(
    *, start: date | None = None, end: date, user: Any = None
) -> Iterator[Deadline]:
    """Every running compliance deadline due on or before `end` (`start` is no lower bound;
    the registry applies it)."""
    qs = SanctionCase.objects.visible_to(user) if user is not None else SanctionCase.objects.all()
    qs = qs.filter(
        status__in=SanctionCase.ACTIVE_STATES,
        compliance_due__isnull=False,
        compliance_due__lte=end,
    ).select_related("organization")
    secretariat = GovernmentBody.objects.filter(key=secretariat_key()).values_list("pk", flat=True)
    agencies = list(secretariat)
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
