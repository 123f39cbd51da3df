"""Public data only: published organizations and their active agreements, as plain values."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import Agreement, AgreementParty
from mitra.monitoring.selectors import overdue_exists_for_organization, public_non_filers
from mitra.organizations.models import ForeignOrganization
from mitra.permits.selectors import (
    RegisterStanding,
    public_permits,
    public_register_permits,
    register_history,
    register_standing,
)
from mitra.sanctions.models import SanctionCase

PUBLIC_ORG_FIELDS = (
    "id", "legal_name", "acronym", "kind", "country", "headquarters",
    "indonesian_office", "website", "description", "status",
    "representative", "country_director",  # issue 15 §1: the current state after changes
)  # fmt: skip


def public_active_agreements() -> QuerySet[Agreement]:
    """SECURITY: active agreements only, with public columns only."""
    return (
        Agreement.objects.public()
        .only("id", "title", "type", "start_date", "end_date", "owner__name", "owner__acronym")
        .select_related("owner")
        .order_by("end_date", "id")
    )


def public_sanction_cases() -> QuerySet[SanctionCase]:
    """SECURITY: concluded sanction cases (lifted or revoked) with public columns only: the
    step reached, the public outcome text and the date; never notes, evidence or violations."""
    return (
        SanctionCase.objects.public()
        .only("id", "organization_id", "status", "ladder", "step_index", "reached_status",
              "public_outcome", "concluded_on")
        .order_by("-concluded_on", "-id")
    )  # fmt: skip


def public_organization_list(*, q: str = "", kind: str = "") -> QuerySet[ForeignOrganization]:
    """Published organizations, each with its active agreements prefetched (2 queries)."""
    qs = ForeignOrganization.objects.public().only(*PUBLIC_ORG_FIELDS)
    if q:
        qs = qs.search(q)
    if kind in ForeignOrganization.Kind.values:
        qs = qs.filter(kind=kind)
    active_parties = AgreementParty.objects.filter(
        agreement__status=Agreement.Status.ACTIVE
    ).select_related("agreement", "agreement__owner")
    return (
        qs.order_by("legal_name", "id")
        .prefetch_related(
            Prefetch("agreement_parties", queryset=active_parties, to_attr="active_parties"),
            Prefetch(
                "sanction_cases", queryset=public_sanction_cases(), to_attr="public_sanctions"
            ),
        )
        # Public flag: the organization has a report or disclosure past its deadline.
        .annotate(reports_overdue=overdue_exists_for_organization())
    )


def public_organization_get(*, pk: int) -> ForeignOrganization:
    """One published organization with its active agreements, concluded sanctions and its
    izin prinsip with their izin operasional (public columns only; a fixed number of
    queries). Each permit's `effective_status` reads the organization already loaded."""
    org = (
        public_organization_list()
        .prefetch_related(Prefetch("permits", queryset=public_permits(), to_attr="public_permits"))
        .filter(pk=pk)
        .first()
    )
    if org is None:
        raise Http404
    return org


def public_register(*, q: str = "") -> QuerySet[ForeignOrganization]:
    """SECURITY: the public register of izin prinsip: published organizations (found by the
    registry search: words in any order, misspellings), public columns only, each with its
    permits' public register columns prefetched (`register_permits`; a fixed number of
    queries per page). `register_entries` turns a page of them into standings."""
    qs = ForeignOrganization.objects.public().only(*PUBLIC_ORG_FIELDS)
    if q:
        qs = qs.search(q)
    return qs.order_by("legal_name", "id").prefetch_related(
        Prefetch("permits", queryset=public_register_permits(), to_attr="register_permits")
    )


REGISTER_STATE_LABELS = {
    "valid": _("Valid izin prinsip"),
    "suspended": _("Izin prinsip suspended"),
    "revoked": _("Izin prinsip revoked"),
    "expired": _("Izin prinsip expired"),
    "none": _("No valid izin prinsip"),
}


def register_entries(
    organizations: Iterable[ForeignOrganization], *, on: date | None = None
) -> list[tuple[ForeignOrganization, RegisterStanding]]:
    """Each organization with its standing by the permits app's one rule: today (no query),
    or "as of" a past day `on`, replayed from the permits' audit history (one query)."""
    organizations = list(organizations)
    history = None
    if on is not None:
        permit_ids = [p.pk for org in organizations for p in getattr(org, "register_permits", [])]
        history = register_history(permit_ids=permit_ids, on=on)
    return [
        (org, register_standing(getattr(org, "register_permits", []), on=on, history=history))
        for org in organizations
    ]


def public_non_filers_list() -> QuerySet[ForeignOrganization]:
    """SECURITY: published organizations with overdue reports; public columns, counts and the
    oldest missed deadline only (one query)."""
    return public_non_filers(
        organizations=ForeignOrganization.objects.public().only(*PUBLIC_ORG_FIELDS)
    )
