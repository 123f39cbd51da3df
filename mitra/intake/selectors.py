"""Reading for intake: the registry as the extractor sees it, matches, earlier agreements."""

import re
from typing import Any

from django.db.models import Q
from django.http import Http404

from mitra.agreements.models import RENEWABLE_STATUSES, Agreement
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import normalise_name

from .extraction import KnownOrganization
from .models import IntakeSubmission


def intake_registry() -> tuple[KnownOrganization, ...]:
    """The registry's foreign organizations, for the extractor to match against."""
    rows = ForeignOrganization.objects.values_list("pk", "legal_name", "acronym", "aliases")
    return tuple(
        KnownOrganization(name, acronym or "", tuple(a for a in (aliases or []) if a), pk=pk)
        for pk, name, acronym, aliases in rows.order_by("pk")
    )


def _longest_word(normalised: str) -> str:
    return max(normalised.split(" "), key=len)


def body_match(name: str) -> GovernmentBody | None:
    """The top-level government body called `name` (canonical name, acronym or alias)."""
    wanted = normalise_name(name or "")
    if not wanted:
        return None
    candidates = GovernmentBody.objects.filter(
        Q(name__iexact=name.strip())
        | Q(acronym__iexact=name.strip())
        | Q(search_text__contains=_longest_word(wanted))
    )
    best: tuple[int, GovernmentBody] | None = None
    for body in candidates[:500]:
        names = [body.name, body.acronym, body.name_en, *(body.aliases or [])]
        if not any(normalise_name(n) == wanted for n in names if n):
            continue
        root = body.root()
        # Prefer a top-level body still in force over units and old names.
        rank = (0 if body.parent_id is None else 2) + (1 if body.valid_until else 0)
        if best is None or rank < best[0]:
            best = (rank, root)
    return best[1] if best else None


def organization_match(name: str, known_pk: Any = None) -> ForeignOrganization | None:
    """The registry entry the extractor matched, or one whose name/acronym/alias is `name`."""
    if known_pk is not None:
        found = ForeignOrganization.objects.filter(pk=known_pk).first()
        if found:
            return found
    # "Full Name (ACR)" as the extractor writes a bracket definition: try both forms.
    bracket = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", name or "")
    forms = [name, *(bracket.groups() if bracket else ())]
    for form in forms:
        wanted = normalise_name(form or "")
        if not wanted:
            continue
        for org in ForeignOrganization.objects.filter(search_text__contains=_longest_word(wanted)):
            names = [org.legal_name, org.acronym, *(org.aliases or [])]
            if any(normalise_name(n) == wanted for n in names if n):
                return org
    return None


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
