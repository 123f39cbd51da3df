"""Reading reports and visits, scoped to the viewer; public overdue flags; compliance counts."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.querysets import owned_agreement_ids
from mitra.core.dates import today

from . import tally
from .models import (
    Finding,
    FollowUpItem,
    FundingDisclosureLine,
    MonitoringVisit,
    Report,
    ReportingSchedule,
)
from .querysets import ReportQuerySet, overdue_q


@dataclass
class ReportFilters:
    status: str = ""
    overdue: bool | None = None
    kind: str = ""
    period_from: date | None = None  # periods ending on or after
    period_to: date | None = None  # periods starting on or before
    agreement: int | None = None
    open_only: bool = False  # not accepted
    own: bool = False  # only the viewer's own agreements' (not those a grant lets it read)


def reports_of_own_agreements(viewer: Any) -> ReportQuerySet:
    """SECURITY: the reports of the viewer's own agreements (a subset of `visible_to`): for a
    government user the own access rows alone, without also reading every agreement a grant
    lets it see."""
    owned = Report.objects.filter(agreement_id__in=owned_agreement_ids(viewer))
    if viewer.is_authenticated and viewer.is_active and viewer.is_government:
        return owned if not viewer.is_operator else Report.objects.all()
    return Report.objects.visible_to(viewer) & owned


def report_list(*, viewer: Any, filters: ReportFilters | None = None) -> QuerySet[Report]:
    """Reports the viewer may see, with `overdue` annotated in SQL. Constant queries."""
    filters = filters or ReportFilters()
    on = today()
    base = reports_of_own_agreements(viewer) if filters.own else Report.objects.visible_to(viewer)
    qs = base.with_overdue(on).select_related("agreement", "agreement__owner")
    if filters.status in Report.Status.values:
        qs = qs.filter(status=filters.status)
    if filters.kind in Report.Kind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.overdue is True:
        qs = qs.filter(overdue_q(on))
    elif filters.overdue is False:
        qs = qs.exclude(overdue_q(on))
    if filters.period_from:
        qs = qs.filter(period_end__gte=filters.period_from)
    if filters.period_to:
        qs = qs.filter(period_start__lte=filters.period_to)
    if filters.agreement:
        qs = qs.filter(agreement_id=filters.agreement)
    if filters.open_only:
        qs = qs.exclude(status=Report.Status.ACCEPTED)
    return qs.order_by("due_date", "agreement_id", "kind", "id")


def overdue_reports(*, viewer: Any, on: date | None = None, own: bool = False) -> QuerySet[Report]:
    """Overdue reports the viewer may see (with `own`, of its own agreements only), oldest
    deadline first (the dashboard's section)."""
    qs = reports_of_own_agreements(viewer) if own else Report.objects.visible_to(viewer)
    return qs.overdue(on or today()).select_related("agreement").order_by("due_date", "id")


def report_get_for_user(*, user: Any, pk: int) -> Report:
    """SECURITY: the report if `user` may see its agreement; Http404 otherwise."""
    report = (
        Report.objects.visible_to(user)
        .with_overdue()
        .select_related("agreement", "agreement__owner", "submitted_by", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=FundingDisclosureLine.objects.select_related("province", "regency"),
            ),
            "attachments",
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_attachment_get_for_user(*, user: Any, pk: int, attachment_pk: int) -> Any:
    report = report_get_for_user(user=user, pk=pk)
    attachment = report.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment


def schedule_for(*, agreement: Agreement) -> ReportingSchedule | None:
    return ReportingSchedule.objects.filter(agreement=agreement).first()


def visit_list(*, viewer: Any, agreement: int | None = None) -> QuerySet[MonitoringVisit]:
    qs = (
        MonitoringVisit.objects.visible_to(viewer)
        .select_related("agreement", "organization", "province", "regency")
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_follow_ups=Count(
                "findings__follow_ups",
                filter=Q(findings__follow_ups__status=FollowUpItem.Status.OPEN),
                distinct=True,
            ),
        )
    )
    if agreement:
        qs = qs.filter(agreement_id=agreement)
    return qs.order_by("-start_date", "-id")


def visit_get_for_user(*, user: Any, pk: int) -> MonitoringVisit:
    """SECURITY: the visit if `user` may see it (government users of the agreement); else 404."""
    visit = (
        MonitoringVisit.objects.visible_to(user)
        .select_related("agreement", "organization", "province", "regency")
        .prefetch_related(
            "team_bodies",
            Prefetch("findings", queryset=Finding.objects.prefetch_related("follow_ups")),
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


# --- public: the overdue flag and the non-filers list --------------------------------------


def overdue_exists_for_organization(on: date | None = None) -> Exists:
    """EXISTS subquery for annotating organizations: does the organization (OuterRef "pk")
    have an overdue report on an agreement it is party to? Public data: the flag only."""
    parties = AgreementParty.objects.filter(organization_id=OuterRef(OuterRef("pk"))).values(
        "agreement_id"
    )
    return Exists(
        Report.objects.filter(overdue_q(on or today()), agreement_id__in=parties).exclude(
            agreement__status__in=[Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW]
        )
    )


def public_non_filers(*, organizations: QuerySet[Any], on: date | None = None) -> QuerySet[Any]:
    """SECURITY: `organizations` must be the portal's public queryset. Those with overdue
    reports, annotated with how many and the oldest missed deadline (one query)."""
    on = on or today()
    report_filter = overdue_q(on, prefix="agreement_parties__agreement__reports__")
    return (
        organizations.filter(
            agreement_parties__agreement__reports__in=Report.objects.overdue(on).exclude(
                agreement__status__in=[Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW]
            )
        )
        .annotate(
            overdue_count=Count(
                "agreement_parties__agreement__reports", filter=report_filter, distinct=True
            ),
            oldest_deadline=_oldest_deadline(on),
        )
        .distinct()
        .order_by("oldest_deadline", "legal_name", "id")
    )


def _oldest_deadline(on: date) -> Subquery:
    parties = AgreementParty.objects.filter(organization_id=OuterRef(OuterRef("pk"))).values(
        "agreement_id"
    )
    return Subquery(
        Report.objects.filter(overdue_q(on), agreement_id__in=parties)
        .order_by("due_date")
        .values("due_date")[:1]
    )


# --- compliance (for the compliance dashboard) ---------------------------------------------

# What each dimension groups by: (report path, disclosure line path, label path).
DIMENSIONS = {
    "organization": "agreement__parties__organization",
    "agreement": "agreement",
    "ministry": "agreement__owner",
    "region": "agreement__provinces",
}
FUND_DIMENSIONS = {
    "organization": "report__agreement__parties__organization",
    "agreement": "report__agreement",
    "ministry": "report__agreement__owner",
    "region": "province",
}
LABELS = {
    "organization": "legal_name",
    "agreement": "title",
    "ministry": "name",
    "region": "name",
}


def compliance_reports(viewer: Any, *, own: bool = False) -> QuerySet[Report]:
    """SECURITY: the reports a compliance view counts: those of the viewer's own agreements
    (`own`: owned, party to or shared with their agency; a subset of what they see) or of
    every agreement they may read (grants included)."""
    if own:
        return Report.objects.filter(agreement_id__in=owned_agreement_ids(viewer))
    return Report.objects.visible_to(viewer)


def report_tally_is_current(on: date) -> bool:
    """Whether the report tally (`tally.py`) counts `missing` as of `on` (its daily move has
    run): the compliance dashboard then reads it instead of the queries below. One query."""
    return tally.tally_day() == on


def report_compliance(
    *, viewer: Any, by: str, on: date | None = None, own: bool = False
) -> list[Mapping[str, Any]]:
    """Per `by` (organization, agreement, ministry, region): reports on time, late, missing,
    and still open (not yet due). One GROUP BY query over the viewer's reports.

    - on time: first submitted on or before the due date;
    - late: first submitted after the due date;
    - missing: never submitted and now overdue (revision requests past their new deadline
      count as late, since they were submitted once).
    Region: the agreement's provinces (a report counts once per province).
    """
    key = DIMENSIONS[by]
    on = on or today()
    qs = compliance_reports(viewer, own=own).order_by()
    if by == "organization":
        qs = qs.filter(agreement__parties__organization__isnull=False)
    elif by == "region":
        qs = qs.filter(agreement__provinces__isnull=False)
    # No DISTINCT: the join repeats a report once per party or province of its agreement, but
    # never within one group: an organization is a party to an agreement once
    # (`party_organization_once`) and a province is linked to it once (the many-to-many's
    # unique pair). DISTINCT sorted every counted id: a third of the query at national scale.
    rows = qs.values(key_id=F(key), label=F(f"{key}__{LABELS[by]}")).annotate(
        total=Count("id"),
        on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_date"))),
        late=Count("id", filter=Q(first_submitted_on__gt=F("due_date"))),
        missing=Count(
            "id", filter=Q(first_submitted_on__isnull=True, status="due", due_date__lt=on)
        ),
    )
    return sorted(rows, key=lambda r: (str(r["label"]), r["key_id"]))


def funds_disclosed(*, viewer: Any, by: str, own: bool = False) -> list[Mapping[str, Any]]:
    """Per `by` and currency: the sum disclosed in submitted or accepted disclosures (one
    GROUP BY query). Region: the province each line names."""
    key = FUND_DIMENSIONS[by]
    visible = compliance_reports(viewer, own=own).filter(
        status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
        kind=Report.Kind.DISCLOSURE,
    )
    qs = FundingDisclosureLine.objects.filter(report__in=visible.values("pk")).order_by()
    if by == "organization":
        qs = qs.filter(report__agreement__parties__organization__isnull=False)
    rows = qs.values("currency", key_id=F(key), label=F(f"{key}__{LABELS[by]}")).annotate(
        total=Sum("amount"), lines=Count("id")
    )
    return sorted(rows, key=lambda r: (str(r["label"]), r["key_id"] or 0, r["currency"]))


def agreement_report_summary(*, viewer: Any, agreement: Agreement) -> dict[str, int]:
    """Counts for one agreement's page (one query)."""
    on = today()
    return (
        Report.objects.visible_to(viewer)
        .filter(agreement=agreement)
        .aggregate(
            total=Count("id"),
            overdue=Count("id", filter=overdue_q(on)),
            accepted=Count("id", filter=Q(status=Report.Status.ACCEPTED)),
        )
    )
