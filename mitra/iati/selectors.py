"""Reads of the IATI app (issue 17). Other apps (risk indicators) call `open_finding_counts`."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from mitra.agreements.models import Agreement

from .models import ActivityMatch, Finding, ImportRun, MatchStatus, OrganizationMatch


def open_finding_counts(*, organization_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Organization id -> number of open IATI findings about it (organizations without open
    findings are absent). One query."""
    rows = Finding.objects.filter(status=Finding.Status.OPEN, organization__isnull=False)
    if organization_ids is not None:
        rows = rows.filter(organization_id__in=list(organization_ids))
    return dict(
        rows.values("organization_id").annotate(n=Count("id")).values_list("organization_id", "n")
    )


def findings_visible_to(user: Any) -> QuerySet[Finding]:
    """SECURITY: operators see every finding; other government users the findings without an
    agreement and those on agreements they may see; everyone else none (deny by default)."""
    if not getattr(user, "is_authenticated", False):
        return Finding.objects.none()
    if user.is_operator:
        return Finding.objects.all()
    if not user.is_government:
        return Finding.objects.none()
    return Finding.objects.filter(
        Q(agreement__isnull=True) | Q(agreement__in=Agreement.objects.visible_to(user).values("pk"))
    )


def finding_list(
    *, viewer: Any, organization_id: int | None = None, status: str = "", kind: str = ""
) -> QuerySet[Finding]:
    rows = findings_visible_to(viewer).select_related("organization", "agreement", "activity")
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    if status in Finding.Status.values:
        rows = rows.filter(status=status)
    if kind in Finding.Kind.values:
        rows = rows.filter(kind=kind)
    return rows.defer("activity__raw_xml")


def finding_get_for_user(*, user: Any, pk: int) -> Finding | None:
    return findings_visible_to(user).filter(pk=pk).first()


def finding_summary(*, viewer: Any) -> dict[str, int]:
    """Open findings per kind (for the compliance dashboard)."""
    return dict(
        findings_visible_to(viewer)
        .filter(status=Finding.Status.OPEN)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )


def review_queue() -> tuple[QuerySet[OrganizationMatch], QuerySet[ActivityMatch]]:
    """The proposed matches, best first (operators only: the views check)."""
    orgs = OrganizationMatch.objects.filter(status=MatchStatus.PROPOSED).select_related(
        "organization"
    )
    activities = (
        ActivityMatch.objects.filter(status=MatchStatus.PROPOSED)
        .select_related("activity", "agreement")
        .defer("activity__raw_xml")
    )
    return orgs, activities


def import_runs(limit: int = 20) -> list[ImportRun]:
    return list(ImportRun.objects.all()[:limit])
