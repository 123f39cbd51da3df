"""Reads of the IATI app (issue 17). Other apps (risk indicators) call `open_finding_counts`."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from mitra.agreements.models import Agreement
from mitra.agreements.permissions import agreement_is_editable_by
from mitra.monitoring.models import Finding as MonitoringFinding
from mitra.monitoring.models import MonitoringVisit
from mitra.sanctions.querysets import is_secretariat

from .models import (
    ActivityMatch,
    Finding,
    FollowUp,
    ImportRun,
    MatchStatus,
    OrganizationMatch,
)


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


def follow_up_allowed(user: Any, finding: Finding) -> bool:
    """SECURITY: who may turn a finding into a follow-up and escalate it: operators, the TPOA
    secretariat (the officers of `MITRA["TPOA_SECRETARIAT"]`) and the officers who may edit
    the finding's agreement (its partner ministry). Bodies that see the agreement through a
    visibility grant see the finding and its follow-up, read only: grants never give edit
    rights (mitra/grants)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.can_edit_records:
        return False
    if user.is_operator or is_secretariat(user):
        return True
    return finding.agreement is not None and agreement_is_editable_by(
        user=user, agreement=finding.agreement
    )


def monitoring_finding_choices(*, user: Any, finding: Finding) -> dict[int, str]:
    """The monitoring findings a follow-up may be attached to: those from visits to the
    finding's organization (on its agreement, when it has one) that `user` may edit. Id ->
    label, newest visit first; one query."""
    if finding.organization_id is None:
        return {}
    visits = MonitoringVisit.objects.editable_by(user).filter(
        organization_id=finding.organization_id
    )
    if finding.agreement_id is not None:
        visits = visits.filter(agreement_id=finding.agreement_id)
    rows = (
        MonitoringFinding.objects.filter(visit__in=visits.values("pk"))
        .select_related("visit")
        .order_by("-visit__start_date", "-id")[:200]
    )
    return {row.pk: f"{row.visit.start_date:%d.%m.%Y} · {row.description[:120]}" for row in rows}


def follow_up_for(*, finding: Finding) -> FollowUp | None:
    """The follow-up a finding became (its monitoring item and sanction case loaded), if any.
    The caller fetched `finding` through `findings_visible_to`."""
    return (
        FollowUp.objects.filter(finding_id=finding.pk)
        .select_related("monitoring_item__finding", "sanction_case", "created_by")
        .first()
    )
