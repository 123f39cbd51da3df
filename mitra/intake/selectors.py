"""Reading for intake: the registry as the extractor sees it, earlier agreements (matching
names against the registry: `matching`)."""

from typing import Any

from django.db.models import Q
from django.http import Http404

from mitra.agreements.models import RENEWABLE_STATUSES, Agreement
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization

from .extraction import KnownOrganization
from .models import IntakeSubmission


def intake_registry() -> tuple[KnownOrganization, ...]:
    """The registry's foreign organizations, for the extractor to match against."""
    rows = ForeignOrganization.objects.values_list("pk", "legal_name", "acronym", "aliases")
    return tuple(
        KnownOrganization(name, acronym or "", tuple(a for a in (aliases or []) if a), pk=pk)
        for pk, name, acronym, aliases in rows.order_by("pk")
    )


def _same_pair(viewer: Any, owner: GovernmentBody, partner: ForeignOrganization) -> Any:
    return (
        Agreement.objects.visible_to(viewer)
        .filter(owner=owner.root(), parties__organization=partner)
        .distinct()
    )


def agreement_existing(
    *, viewer: Any, owner: GovernmentBody, partner: ForeignOrganization, start_year: int
) -> Agreement | None:
    """An agreement of the same body and partner starting in the same year (already recorded)."""
    return (
        _same_pair(viewer, owner, partner)
        .filter(start_date__year=start_year)
        .exclude(status=Agreement.Status.TERMINATED)
        .order_by("-start_date", "-id")
        .first()
    )


def agreement_predecessor(
    *, viewer: Any, owner: GovernmentBody, partner: ForeignOrganization, start_year: int
) -> Agreement | None:
    """The latest earlier agreement of the same body and partner ending before or around
    `start_year` (the one a renewal in that year extends)."""
    return (
        _same_pair(viewer, owner, partner)
        .filter(start_date__year__lt=start_year, status__in=RENEWABLE_STATUSES)
        .filter(Q(end_date__isnull=True) | Q(end_date__year__lte=start_year + 1))
        .order_by("-start_date", "-id")
        .first()
    )


def renewable_for(viewer: Any) -> Any:
    """Agreements the viewer may name as the one a new agreement renews."""
    return Agreement.objects.editable_by(viewer).filter(status__in=RENEWABLE_STATUSES)


def submission_get_for_user(*, user: Any, pk: int) -> IntakeSubmission:
    """SECURITY: a submission is read by the officer who made it (and operators); else 404."""
    qs = IntakeSubmission.objects.filter(pk=pk)
    if not getattr(user, "is_operator", False):
        qs = qs.filter(created_by_id=user.pk)
    submission = qs.first()
    if submission is None:
        raise Http404
    return submission
