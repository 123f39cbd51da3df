""" "Your work" on the dashboard home: per role, counts of the rows their links open (issue 10 §4).

Each count is taken from the very queryset the linked list page shows (the domain apps'
selectors with the same filters, or `WORK_LISTS` below for the lists the dashboard serves
itself), so a count always equals the rows its link opens. Every section costs a fixed number
of queries, whatever the data size. Roles come from the user's agency (ADR 0011: no new roles):

- a secretariat (`permits.roles.secretariat_tracks`): its track's application stages;
- a member agency (a TPOA member, or any agency with reviews open): reviews due;
- Biro KTLN (the `STAFF_APPROVER` agency): staff needing attention, meetings attended;
- a region (provincial, regency or city government): N5 notices, activities, RKTs to sign;
- a foreign organization's representative: reports, extension window, queries, sanctions;
- a partner ministry (an agency owning agreements): renewals, overdue reports, activities
  without an N5 notice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mitra.agreements import selectors as agreement_selectors
from mitra.agreements.models import Agreement
from mitra.agreements.querysets import owned_agreement_ids
from mitra.bodies.models import GovernmentBody
from mitra.deadlines.calendar import working_days_between
from mitra.meetings import selectors as meeting_selectors
from mitra.monitoring import selectors as monitoring_selectors
from mitra.permits import roles
from mitra.permits import selectors as permit_selectors
from mitra.permits.conf import setting as permit_setting
from mitra.permits.models import Application, ForeignStaffAssignment, Track
from mitra.sanctions import selectors as sanction_selectors
from mitra.workplans import selectors as workplan_selectors
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan

REGION_KINDS = (
    GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
    GovernmentBody.Kind.REGENCY_GOVERNMENT,
    GovernmentBody.Kind.CITY_GOVERNMENT,
)
OPEN_ACTIVITY = (Activity.Status.PLANNED, Activity.Status.STARTED)
IMPLEMENTING = (WorkPlan.Status.SIGNED, WorkPlan.Status.ACTIVE)
SHOWN = 5  # rows previewed under a count
NOTICE_HORIZON_DAYS = 30  # activities starting this soon need their N5 notices now


@dataclass
class WorkItem:
    key: str
    label: str
    count: int
    url: str
    urgent: bool = False  # shown in red when the count is not zero


@dataclass
class WorkSection:
    key: str
    title: str
    items: list[WorkItem]
    rows: list[Any] = field(default_factory=list)  # a preview (reviews, meetings, cases)


def _url(name: str, **params: Any) -> str:
    base = reverse(name)
    pairs = [(k, v) for k, values in params.items() for v in _listed(values)]
    return f"{base}?{urlencode(pairs)}" if pairs else base


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _agency(user: Any) -> GovernmentBody | None:
    return user.agency if getattr(user, "is_government", False) else None


# --- lists the dashboard serves itself (no domain list page shows these rows) ---------------


def unlicensed_organizations(user: Any, on: date) -> QuerySet[Any]:
    return permit_selectors.organizations_without_permit(viewer=user, on=on)


def staff_needing_attention(user: Any, on: date) -> QuerySet[Any]:
    """Active foreign staff assignments flagged for Biro KTLN (e.g. their izin prinsip ended):
    the approving agency's (and operators') list only."""
    if not (user.is_operator or roles.agency_key(user) == permit_setting("STAFF_APPROVER")):
        return ForeignStaffAssignment.objects.none()
    return (
        ForeignStaffAssignment.objects.filter(status=ForeignStaffAssignment.Status.ACTIVE)
        .exclude(flag="")
        .select_related("organization")
        .order_by("end_date", "id")
    )


def activities_in_territory(user: Any, on: date) -> QuerySet[Activity]:
    """Planned or started activities the user may see located in their region's territory
    (a province: anywhere in it; a regency/city: that regency/city)."""
    agency = _agency(user)
    if agency is None or agency.kind not in REGION_KINDS:
        return Activity.objects.none()
    # The activity ids located in the region (a regional government without one has none).
    located: QuerySet[Any, int]
    if agency.kind == GovernmentBody.Kind.PROVINCIAL_GOVERNMENT and agency.province_id:
        located = Activity.provinces.through.objects.filter(
            province_id=agency.province_id
        ).values_list("activity_id", flat=True)
    elif agency.kind != GovernmentBody.Kind.PROVINCIAL_GOVERNMENT and agency.regency_id:
        located = Activity.regencies.through.objects.filter(
            regency_id=agency.regency_id
        ).values_list("activity_id", flat=True)
    else:
        return Activity.objects.none()
    return (
        Activity.objects.visible_to(user)
        .filter(pk__in=located, status__in=OPEN_ACTIVITY)
        .select_related("work_plan__agreement")
        .order_by("start_date", "id")
    )


def activities_without_notice(user: Any, on: date) -> QuerySet[Activity]:
    """Planned or started activities of signed or active work plans the user may see, due to
    start within `NOTICE_HORIZON_DAYS` (or already started or late), with a province lacking
    an N5 notice dated on or before `on` to Kemendagri or to the regional
    government (a notice for the whole agreement or for that activity; any regency of the
    province counts: the work plan page checks each regency/city)."""
    # The agreement from the outer activity's work plan (already joined there), not through
    # the province link's activity: two lookups less per link probed.
    notices = RegionalNotification.objects.filter(
        agreement_id=OuterRef(OuterRef("work_plan__agreement_id")),
        province_id=OuterRef("province_id"),
        notified_on__lte=on,
    ).filter(Q(activity__isnull=True) | Q(activity_id=OuterRef("activity_id")))
    gaps = Activity.provinces.through.objects.filter(activity_id=OuterRef("pk")).filter(
        ~Exists(notices.filter(recipient=RegionalNotification.Recipient.KEMENDAGRI))
        | ~Exists(notices.filter(recipient=RegionalNotification.Recipient.REGIONAL_GOVERNMENT))
    )
    # The activities of the agency's own agreements (a partner ministry's work, not what a
    # grant lets it read; `Activity.visible_to` without its regional-signer branch): the list
    # page reads this same queryset.
    return (
        Activity.objects.filter(work_plan__agreement_id__in=owned_agreement_ids(user))
        .filter(
            status__in=OPEN_ACTIVITY,
            work_plan__status__in=IMPLEMENTING,
            start_date__lte=on + timedelta(days=NOTICE_HORIZON_DAYS),
        )
        .filter(Exists(gaps))
        .select_related("work_plan__agreement")
        .order_by("start_date", "id")
    )


def renewals(user: Any, on: date, *, walk_index: bool = False) -> QuerySet[Agreement]:
    return agreement_selectors.agreements_to_renew(viewer=user, on=on, walk_index=walk_index)


def uncovered_agreements(user: Any, on: date) -> QuerySet[Agreement]:
    """N3/N4 violations: agreements in force whose ormas asing lacks a valid izin prinsip."""
    return agreement_selectors.agreements_without_cover(viewer=user)


def own_uncovered_agreements(user: Any, on: date) -> QuerySet[Agreement]:
    """The partner ministry's task after a permit ends or is suspended (N14 cascade): its own
    agreements in force left without a valid izin prinsip, to decide whether they continue."""
    return agreement_selectors.agreements_without_cover(viewer=user, own=True)


@dataclass
class WorkList:
    title: Any
    rows: Callable[[Any, date], QuerySet[Any]]
    template: str


WORK_LISTS: dict[str, WorkList] = {
    "unlicensed": WorkList(
        gettext_lazy("Ormas asing operating without a valid izin prinsip"),
        unlicensed_organizations,
        "organizations",
    ),
    "staff": WorkList(
        gettext_lazy("Foreign staff assignments needing attention"),
        staff_needing_attention,
        "staff",
    ),
    "territory": WorkList(
        gettext_lazy("Activities in your territory"), activities_in_territory, "activities"
    ),
    "without_notice": WorkList(
        gettext_lazy("Activities without an N5 notice"), activities_without_notice, "activities"
    ),
    "renewals": WorkList(gettext_lazy("Renewals to prepare"), renewals, "agreements"),
    "uncovered": WorkList(
        gettext_lazy("Agreements in force without a valid izin prinsip"),
        uncovered_agreements,
        "uncovered",
    ),
    "uncovered_own": WorkList(
        gettext_lazy("Our agreements left without a valid izin prinsip"),
        own_uncovered_agreements,
        "uncovered",
    ),
}


def _work_url(key: str) -> str:
    return reverse("dashboard:work_list", args=[key])


# --- the sections -----------------------------------------------------------------------------


def secretariat_sections(user: Any, on: date) -> list[WorkSection]:
    sections = []
    for track in roles.secretariat_tracks(user):
        S = Application.Status
        queue = [S.SUBMITTED, S.VERIFICATION]
        list_url = "permits:application_list"
        # The four stage counts in one query over the track's list (each the count of
        # `application_list(viewer, track, statuses=..., opinions=...)`, the rows its link
        # opens): one pass over the applications instead of four.
        counts = permit_selectors.application_counts(
            viewer=user,
            track=track,
            counts={
                "verification": {"statuses": queue},
                "circulations": {"statuses": [S.REVIEW], "opinions": "waiting"},
                "deliberations": {"statuses": [S.REVIEW], "opinions": "complete"},
                "decisions": {"statuses": [S.DECISION_PENDING]},
            },
        )
        items = [
            WorkItem(
                "verification",
                _("Verification queue"),
                counts["verification"],
                _url(list_url, status=queue, track=track),
            ),
            WorkItem(
                "circulations",
                _("Circulations waiting for member opinions"),
                counts["circulations"],
                _url(list_url, status=S.REVIEW, track=track, opinions="waiting"),
            ),
            WorkItem(
                "deliberations",
                _("Deliberations to schedule (all opinions in)"),
                counts["deliberations"],
                _url(list_url, status=S.REVIEW, track=track, opinions="complete"),
            ),
            WorkItem(
                "decisions",
                _("Decisions to draft"),
                counts["decisions"],
                _url(list_url, status=S.DECISION_PENDING, track=track),
            ),
        ]
        items.append(
            WorkItem(
                "overdue_reviews",
                _("Overdue member reviews"),
                permit_selectors.overdue_member_reviews(viewer=user, on=on, track=track).count(),
                _url("permits:review_inbox", overdue=1, track=track),
                urgent=True,
            )
        )
        if track == Track.TPOA:
            items.append(
                WorkItem(
                    "unlicensed",
                    _("Ormas asing operating without a valid izin prinsip"),
                    unlicensed_organizations(user, on).count(),
                    _work_url("unlicensed"),
                    urgent=True,
                )
            )
            items.append(
                WorkItem(
                    "uncovered",
                    _("Agreements in force without a valid izin prinsip"),
                    uncovered_agreements(user, on).count(),
                    _work_url("uncovered"),
                    urgent=True,
                )
            )
        sections.append(
            WorkSection(
                f"secretariat-{track}",
                _("Secretariat: %(track)s") % {"track": Track(track).label},
                items,
            )
        )
    return sections


def member_section(user: Any, on: date) -> WorkSection | None:
    agency = _agency(user)
    if agency is None:
        return None
    inbox = permit_selectors.review_inbox(viewer=user)
    rows: list[Any] = list(inbox[:SHOWN])  # reviews, given their working days below
    count = inbox.count()
    if not count and agency.key not in permit_setting("TPOA_MEMBERS"):
        return None
    for review in rows:
        left = working_days_between(on, review.due_date)
        review.working_days_left, review.working_days_overdue = max(left, 0), max(-left, 0)
    return WorkSection(
        "member",
        _("Member agency"),
        [WorkItem("reviews", _("Reviews due"), count, reverse("permits:review_inbox"))],
        rows,
    )


def ktln_section(user: Any, on: date) -> WorkSection | None:
    if roles.agency_key(user) != permit_setting("STAFF_APPROVER"):
        return None
    attended = meeting_selectors.meeting_list(
        viewer=user, filters=meeting_selectors.MeetingFilters(attended=True)
    )
    meetings = list(
        attended.prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.visible_to(user).order_by("title"),
                to_attr="visible_agreements",
            )
        )[:SHOWN]
    )
    count = attended.count()
    return WorkSection(
        "ktln",
        _("Biro KTLN"),
        [
            WorkItem(
                "staff",
                _("Foreign staff assignments needing attention"),
                staff_needing_attention(user, on).count(),
                _work_url("staff"),
                urgent=True,
            ),
            WorkItem("meetings", _("Meetings attended"), count, _url("meetings:list", attended=1)),
        ],
        meetings,
    )


def region_section(user: Any, on: date) -> WorkSection | None:
    agency = _agency(user)
    if agency is None or agency.kind not in REGION_KINDS:
        return None
    awaiting = workplan_selectors.n5_inbox(viewer=user, state="awaiting").count()
    to_sign = workplan_selectors.workplan_list(
        viewer=user, filters=workplan_selectors.WorkPlanFilters(to_sign=True)
    ).count()
    return WorkSection(
        "region",
        _("Regional government"),
        [
            WorkItem(
                "n5",
                _("N5 notices to acknowledge"),
                awaiting,
                _url("workplans:n5_inbox", state="awaiting"),
                urgent=True,
            ),
            WorkItem(
                "territory",
                _("Activities in your territory"),
                activities_in_territory(user, on).count(),
                _work_url("territory"),
            ),
            WorkItem("rkt", _("RKTs to sign"), to_sign, _url("workplans:list", to_sign=1)),
        ],
    )


def organization_section(user: Any, on: date) -> WorkSection | None:
    if user.role != user.Role.ORG_REPRESENTATIVE or not user.organization_id:
        return None
    reports = monitoring_selectors.report_list
    filters = monitoring_selectors.ReportFilters
    cases = sanction_selectors.sanction_case_list(viewer=user, active=True)
    shown = list(cases[:SHOWN])
    return WorkSection(
        "organization",
        _("Your organization"),
        [
            WorkItem(
                "reports_overdue",
                _("Reports overdue"),
                reports(viewer=user, filters=filters(overdue=True)).count(),
                _url("monitoring:reports", overdue="yes"),
                urgent=True,
            ),
            WorkItem(
                "reports_due",
                _("Reports due"),
                reports(viewer=user, filters=filters(status="due", overdue=False)).count(),
                _url("monitoring:reports", status="due", overdue="no"),
            ),
            WorkItem(
                "extension_window",
                _("Izin prinsip in their extension window"),
                len(permit_selectors.permits_in_extension_window(viewer=user, on=on)),
                _url("permits:permit_list", extension_window=1),
                urgent=True,
            ),
            WorkItem(
                "queries",
                _("Queries to answer"),
                permit_selectors.application_list(
                    viewer=user, statuses=[Application.Status.RETURNED]
                ).count(),
                _url("permits:application_list", status=Application.Status.RETURNED),
                urgent=True,
            ),
            WorkItem(
                "sanctions",
                _("Sanction steps in force"),
                cases.count(),
                _url("sanctions:list", active=1),
                urgent=True,
            ),
        ],
        shown,
    )


def owns_agreements(agency: GovernmentBody) -> bool:
    """The agency (or one of its units, two levels down) owns an agreement: a partner ministry."""
    pk = agency.pk
    return Agreement.objects.filter(
        Q(owner_id=pk) | Q(owner__parent_id=pk) | Q(owner__parent__parent_id=pk)
    ).exists()


def partner_section(
    user: Any,
    on: date,
    to_renew: QuerySet[Agreement] | None = None,
    overdue_count: int | None = None,
) -> WorkSection | None:
    agency = _agency(user)
    if agency is None or agency.kind in REGION_KINDS or not owns_agreements(agency):
        return None
    renewal_count = (renewals(user, on) if to_renew is None else to_renew).count()
    # The same rows as the report list's "overdue only" of the agency's own agreements
    # (`overdue_q`, `own`), counted without the list's `overdue` annotation (or by the caller,
    # which read them: `overdue_count`).
    overdue = (
        monitoring_selectors.overdue_reports(viewer=user, on=on, own=True).count()
        if overdue_count is None
        else overdue_count
    )
    return WorkSection(
        "partner",
        _("Partner ministry"),
        [
            WorkItem("renewals", _("Renewals to prepare"), renewal_count, _work_url("renewals")),
            WorkItem(
                "reports_overdue",
                _("Reports overdue"),
                overdue,
                _url("monitoring:reports", overdue="yes", own="on"),
                urgent=True,
            ),
            WorkItem(
                "without_notice",
                _("Activities without an N5 notice"),
                activities_without_notice(user, on).count(),
                _work_url("without_notice"),
                urgent=True,
            ),
            WorkItem(
                "uncovered_own",
                _("Agreements left without a valid izin prinsip: decide whether they continue"),
                own_uncovered_agreements(user, on).count(),
                _work_url("uncovered_own"),
                urgent=True,
            ),
        ],
    )


def your_work(
    user: Any,
    on: date,
    *,
    to_renew: QuerySet[Agreement] | None = None,
    overdue_count: int | None = None,
) -> list[WorkSection]:
    """Every section that applies to `user`, in a fixed order. `to_renew`: the caller's
    `renewals(user, on)` when it has one (the home lists them), counted instead of working
    out every renewal window a second time; `overdue_count`: the number of rows of
    `overdue_reports(viewer=user, on=on, own=True)` when the caller has read them."""
    sections = secretariat_sections(user, on)
    for section in (
        member_section(user, on),
        ktln_section(user, on),
        region_section(user, on),
        organization_section(user, on),
        partner_section(user, on, to_renew, overdue_count),
    ):
        if section is not None:
            sections.append(section)
    return sections
