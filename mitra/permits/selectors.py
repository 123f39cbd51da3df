"""Reading licensing records, always scoped to the viewer; the public status and statistics
read only public columns."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404

from mitra.agreements.licensing import Cover
from mitra.audit.selectors import audit_events_until
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization
from mitra.regions.models import Province

from . import roles
from .conf import setting
from .models import (
    AgencyReview,
    Application,
    ApplicationDocument,
    ForeignStaffAssignment,
    IzinOperasional,
    Permit,
    StageVisit,
    Track,
)


def izin_prinsip_covers(organization_ids: Collection[int]) -> dict[int, list[Cover]]:
    """The agreements app's izin prinsip source (N3/N4, registered in `PermitsConfig.ready`):
    for each organization, every izin prinsip that counts for its own period — in force, or
    run to its end. Revoked ones count for nothing; a suspended holder is the agreements
    side's to judge (the organization's status). One query."""
    found: dict[int, list[Cover]] = {}
    rows = Permit.objects.filter(
        organization_id__in=list(organization_ids),
        status__in=[Permit.Status.ACTIVE, Permit.Status.EXPIRED],
    ).values_list("organization_id", "number", "valid_from", "valid_until")
    for organization_id, number, start, end in rows:
        found.setdefault(organization_id, []).append(Cover(number, start, end))
    return found


def izin_prinsip_period(
    *, organization_id: int, on: date | None = None
) -> tuple[date, date] | None:
    """The period of the organization's izin prinsip valid on `on` (default today), extended
    through the extensions that follow it without a gap; None when none is valid then."""
    on = on or today()
    permits = list(
        Permit.objects.filter(organization_id=organization_id, status=Permit.Status.ACTIVE)
        .order_by("valid_from")
        .values_list("valid_from", "valid_until")
    )
    current = next(((s, e) for s, e in permits if s <= on <= e), None)
    if current is None:
        return None
    start, end = current
    for s, e in permits:
        if s <= end + (date.resolution) and e > end:
            end = e
    return start, end


OPINIONS = ("waiting", "complete")  # in review: some member opinions open / all given


def application_list(
    *,
    viewer: Any,
    status: str = "",
    track: str = "",
    statuses: list[str] | None = None,
    opinions: str = "",
) -> QuerySet[Application]:
    """Applications the viewer may see, narrowed by one `status` or several `statuses`, a
    `track`, and `opinions` ("waiting": some member reviews still open; "complete": none)."""
    qs = Application.objects.visible_to(viewer).select_related("organization", "partner_ministry")
    if status:
        qs = qs.filter(status=status)
    if statuses:
        qs = qs.filter(status__in=statuses)
    if track:
        qs = qs.filter(track=track)
    # Counted beside each row (an index probe of the one-open-review-per-agency index), not by
    # a GROUP BY over every visible application's reviews: a page costs its 25 rows, and the
    # paginator's count leaves the column out.
    open_count = (
        AgencyReview.objects.filter(
            application_id=OuterRef("pk"), state__in=AgencyReview.OPEN_STATES
        )
        .order_by()
        .annotate(n=Func("id", function="COUNT"))
        .values("n")
    )
    qs = qs.annotate(open_reviews=Subquery(open_count, output_field=IntegerField()))
    if opinions == "waiting":
        qs = qs.filter(open_reviews__gt=0)
    elif opinions == "complete":
        qs = qs.filter(open_reviews=0)
    return qs.order_by("-stage_since", "-id")


def application_counts(
    *, viewer: Any, track: str = "", counts: dict[str, dict[str, Any]]
) -> dict[str, int]:
    """For each name, `application_list(viewer=viewer, track=track, **filters).count()` with
    its `filters` (`statuses`, `opinions`), all in one query: the home's stage counts, each
    equal to the rows its link opens, in one pass over the applications."""
    qs = application_list(viewer=viewer, track=track).order_by()
    aggregates = {}
    for name, filters in counts.items():
        condition = Q(status__in=filters["statuses"])
        opinions = filters.get("opinions", "")
        if opinions == "waiting":
            condition &= Q(open_reviews__gt=0)
        elif opinions == "complete":
            condition &= Q(open_reviews=0)
        aggregates[name] = Count("id", filter=condition)
    # Only the rows some count takes (the status index narrows them).
    statuses = sorted({s for filters in counts.values() for s in filters["statuses"]})
    return qs.filter(status__in=statuses).aggregate(**aggregates)


# What the secretariat still has to move: submitted and not yet decided or withdrawn.
QUEUE_STATUSES = [s for s in Application.OPEN if s != Application.Status.DRAFT]


def secretariat_queue(*, viewer: Any) -> QuerySet[Application]:
    """Submitted and in-progress applications of the viewer's tracks, oldest stage first
    (the status index narrows them to the open ones)."""
    return (
        application_list(viewer=viewer)
        .filter(status__in=QUEUE_STATUSES)
        .order_by("stage_since", "id")
    )


def application_get_for_user(*, user: Any, pk: int) -> Application:
    """SECURITY: the application if `user` may see it; Http404 otherwise."""
    application = (
        Application.objects.visible_to(user)
        .select_related("organization", "partner_ministry", "extends")
        .prefetch_related(
            "provinces",
            "technical_ministries",
            Prefetch(
                "documents",
                queryset=ApplicationDocument.objects.select_related("carried_from__application"),
            ),
            Prefetch("reviews", queryset=AgencyReview.objects.select_related("agency")),
            "deliberations__agencies_present",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def review_inbox(*, viewer: Any) -> QuerySet[AgencyReview]:
    """The viewer's agency's open reviews, soonest due first."""
    if not getattr(viewer, "is_authenticated", False) or viewer.agency is None:
        if getattr(viewer, "is_operator", False):
            qs = AgencyReview.objects.all()
        else:
            return AgencyReview.objects.none()
    else:
        qs = AgencyReview.objects.filter(agency_id=viewer.agency.pk)
    return (
        qs.open()
        .filter(application__status=Application.Status.REVIEW)
        .select_related("application__organization", "agency")
        .order_by("due_date", "id")
    )


def overdue_member_reviews(
    *, viewer: Any, on: date | None = None, track: str = ""
) -> QuerySet[AgencyReview]:
    """For a secretariat (operators: every track): the open member reviews of its tracks'
    applications in review whose due date has passed, the longest overdue first; `track`
    narrows to one of them."""
    if getattr(viewer, "is_operator", False):
        qs = AgencyReview.objects.all()
    else:
        tracks = roles.secretariat_tracks(viewer)
        if not tracks:
            return AgencyReview.objects.none()
        qs = AgencyReview.objects.visible_to(viewer).filter(application__track__in=tracks)
    if track:
        qs = qs.filter(application__track=track)
    return (
        qs.open()
        .filter(application__status=Application.Status.REVIEW, due_date__lt=on or today())
        .select_related("application__organization", "agency")
        .order_by("due_date", "id")
    )


def review_get_for_user(*, user: Any, pk: int) -> AgencyReview:
    review = (
        AgencyReview.objects.visible_to(user)
        .select_related("application__organization", "agency", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    return review


def review_text_visible(*, review: AgencyReview, user: Any, application: Application) -> bool:
    """SECURITY: an agency never sees another agency's opinion text unless the secretariat
    shared it; the secretariat and operators see all; the applicant sees none."""
    if roles.is_secretariat(user, application.track):
        return True
    if not getattr(user, "is_government", False) or user.agency is None:
        return False
    return review.agency_id == user.agency.pk or application.opinions_shared


def permit_list(
    *, viewer: Any, status: str = "", extension_window: bool = False
) -> QuerySet[Permit]:
    """The permits the viewer may see; `status` is an effective status (a suspended permit
    is an active one whose holder is suspended: `Permit.effective_status`)."""
    qs = Permit.objects.visible_to(viewer).select_related("organization", "partner_ministry")
    suspended = Q(organization__status=ForeignOrganization.Status.SUSPENDED)
    if status == Permit.EffectiveStatus.SUSPENDED:
        qs = qs.filter(suspended, status=Permit.Status.ACTIVE)
    elif status == Permit.EffectiveStatus.ACTIVE:
        qs = qs.filter(status=Permit.Status.ACTIVE).exclude(suspended)
    elif status:
        qs = qs.filter(status=status)
    if extension_window:
        qs = qs.filter(pk__in=permits_in_extension_window(viewer=viewer))
    return qs.order_by("valid_until", "id")


def permits_in_extension_window(*, viewer: Any, on: date | None = None) -> list[int]:
    """The ids of the active izin prinsip (visible to the viewer) whose extension window is
    open on `on`: opened (`extension_window_opens`), not yet expired, and no extension filed
    (submitted and not withdrawn) nor made. Two queries; the window's month arithmetic is
    done in Python so it is the deadline engine's to the day (by the rules in force on each
    permit's end date)."""
    from datetime import timedelta

    from mitra.deadlines.engine import versions

    from .conf import RULE_EXTENSION_FILING, RULE_EXTENSION_WINDOW
    from .validation import extension_window_opens

    on = on or today()
    reach = timedelta(
        days=max(
            versions(RULE_EXTENSION_WINDOW).reach_days(),
            versions(RULE_EXTENSION_FILING).reach_days(),
        )
    )
    filed = Application.objects.filter(kind=Application.Kind.EXTENSION).exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    )
    rows = (
        Permit.objects.visible_to(viewer)
        .filter(
            status=Permit.Status.ACTIVE,
            valid_until__gte=on,
            valid_until__lte=on + reach,  # the longest lead of any version; exact below
        )
        .exclude(pk__in=filed.filter(extends__isnull=False).values("extends_id"))
        .exclude(pk__in=Permit.objects.filter(previous__isnull=False).values("previous_id"))
        .values_list("pk", "valid_until")
    )
    return [pk for pk, until in rows if extension_window_opens(until) <= on]


def organizations_without_permit(*, viewer: Any, on: date | None = None) -> QuerySet[Any]:
    """Ormas asing (kind foreign_ngo) operating without a valid izin prinsip: a party to an
    active agreement the viewer may see, with no active permit valid on `on`."""
    from mitra.agreements.models import Agreement, AgreementParty
    from mitra.organizations.models import ForeignOrganization

    on = on or today()
    # Per ormas asing: a party row of an active agreement the viewer may see, probed through
    # the party index and the viewer's access rows (`visible_to_each`), not by listing every
    # agreement a big agency may read.
    active = (
        Agreement.objects.visible_to_each(viewer)
        .filter(status=Agreement.Status.ACTIVE)
        .filter(pk=OuterRef("agreement_id"))
    )
    parties = AgreementParty.objects.filter(organization_id=OuterRef("pk")).filter(Exists(active))
    valid = Permit.objects.valid_on(on).values("organization_id")
    return (
        ForeignOrganization.objects.filter(kind=ForeignOrganization.Kind.FOREIGN_NGO)
        .exclude(pk__in=valid)
        .filter(Exists(parties))
        .order_by("legal_name", "id")
    )


def izin_operasional_get_for_user(*, user: Any, pk: int) -> IzinOperasional:
    """SECURITY: the izin operasional if `user` may see its izin prinsip; Http404 otherwise."""
    io = (
        IzinOperasional.objects.filter(permit__in=Permit.objects.visible_to(user))
        .select_related("permit__organization", "issuer", "agreement")
        .filter(pk=pk)
        .first()
    )
    if io is None:
        raise Http404
    return io


def staff_assignment_get_for_user(*, user: Any, pk: int) -> ForeignStaffAssignment:
    """SECURITY: the same scope as the organization's permits: government users and operators
    all, a representative its own organization's; Http404 otherwise."""
    visible_orgs = Permit.objects.visible_to(user).values("organization_id")
    if getattr(user, "is_operator", False) or getattr(user, "is_government", False):
        qs = ForeignStaffAssignment.objects.all()
    elif getattr(user, "organization_id", None):
        qs = ForeignStaffAssignment.objects.filter(organization_id__in=visible_orgs)
    else:
        qs = ForeignStaffAssignment.objects.none()
    staff = qs.select_related("organization").filter(pk=pk).first()
    if staff is None or not getattr(user, "is_active", False):
        raise Http404
    return staff


def permit_get_for_user(*, user: Any, pk: int) -> Permit:
    permit = (
        Permit.objects.visible_to(user)
        .select_related("organization", "partner_ministry", "application", "previous")
        .filter(pk=pk)
        .first()
    )
    if permit is None:
        raise Http404
    return permit


# --- public -----------------------------------------------------------------------------


PUBLIC_PERMIT_FIELDS = (
    "id", "number", "organization_id", "valid_from", "valid_until", "status",
    "status_legal_basis", "status_changed_on",
)  # fmt: skip
PUBLIC_OPERATIONAL_FIELDS = (
    "id", "number", "permit_id", "issuer_id", "valid_from", "valid_until", "status",
    "ended_on", "end_legal_basis", "issuer__name", "issuer__acronym",
)  # fmt: skip


def public_permits() -> QuerySet[Permit]:
    """SECURITY: the public columns of izin prinsip (number, period, stored status, the date
    and legal basis of an end or suspension), each with its izin operasional's public columns
    (number, issuer, period, status, end date and basis). Never the reason, conditions,
    staff or applications. For a prefetch from published organizations (the portal), which
    gives each permit its organization, so `effective_status` costs no query."""
    operational = (
        IzinOperasional.objects.only(*PUBLIC_OPERATIONAL_FIELDS)
        .select_related("issuer")
        .order_by("-valid_from", "-id")
    )
    return (
        Permit.objects.only(*PUBLIC_PERMIT_FIELDS)
        .prefetch_related(
            Prefetch("operational", queryset=operational, to_attr="public_operational")
        )
        .order_by("-valid_from", "-id")
    )


def public_register_permits() -> QuerySet[Permit]:
    """SECURITY: the izin prinsip columns the public register shows: `public_permits`' columns
    plus the partner ministry's name and the regions (provinces) of the application it
    granted. Never the reason, conditions or the application's other fields. For a prefetch
    from published organizations (each permit then reads its organization without a query)."""
    provinces = Province.objects.only("id", "name").order_by("name")
    applications = Application.objects.only("id").prefetch_related(
        Prefetch("provinces", queryset=provinces, to_attr="public_provinces")
    )
    return (
        Permit.objects.only(
            *PUBLIC_PERMIT_FIELDS,
            "application_id",
            "partner_ministry__name",
            "partner_ministry__acronym",
        )
        .select_related("partner_ministry")
        .prefetch_related(Prefetch("application", queryset=applications))
        .order_by("-valid_until", "-id")
    )


@dataclass
class RegisterStanding:
    """Where an organization stands in the public register of izin prinsip."""

    state: str  # one of REGISTER_STATES
    permit: Permit | None  # the permit the state is about (None: never held one)
    since: date | None  # suspended/revoked: the date of that change; expired: the end date
    regions: list[str]
    partner_ministry: str


REGISTER_STATES = ("valid", "suspended", "revoked", "expired", "none")


def register_standing(
    permits: Collection[Permit],
    *,
    on: date | None = None,
    history: dict[int, list[tuple[date, str, dict[str, Any]]]] | None = None,
) -> RegisterStanding:
    """THE rule of the public register (page and API): an organization holds a valid izin
    prinsip on `on` (default today) when one of its permits is in force (stored ACTIVE) and
    its period covers that day — the same rule as `izin_prinsip_period` — and its effective
    status is active (not suspended through its holder). Otherwise the latest permit says
    why: suspended (in force, holder suspended), revoked, or expired (ended or run past its
    end); "none" when it never held one (or only one that has not started yet).

    With `history` (`register_history`: the permits' revocations, suspensions and
    reinstatements that took effect by `on`), the same rule "as of" a past day: the stored
    status then is replayed from the audit trail instead of read from the row."""
    on = on or today()
    ordered = sorted(permits, key=lambda p: (p.valid_until, p.pk), reverse=True)
    if history is None:
        stored = {p.pk: _stored_now(p) for p in ordered}
    else:
        stored = {p.pk: _stored_from(history.get(p.pk, [])) for p in ordered}
    current = next(
        (
            p
            for p in ordered
            if stored[p.pk][0] != "revoked" and p.valid_from <= on <= p.valid_until
        ),
        None,
    )
    permit: Permit | None = current
    since: date | None = None
    if current is not None:
        mark, changed = stored[current.pk]
        state, since = ("suspended", changed) if mark == "suspended" else ("valid", None)
    else:
        permit = next((p for p in ordered if p.valid_from <= on), None)
        if permit is None:
            state = "none"
        elif stored[permit.pk][0] == "revoked":
            state, since = "revoked", stored[permit.pk][1]
        else:
            state, since = "expired", permit.valid_until
    application = permit.application if permit is not None and permit.application_id else None
    return RegisterStanding(
        state=state,
        permit=permit,
        since=since,
        regions=[p.name for p in getattr(application, "public_provinces", [])],
        partner_ministry=(
            str(permit.partner_ministry)
            if permit is not None and permit.partner_ministry_id
            else ""
        ),
    )


# A permit's stored standing: ("revoked" | "suspended" | "", the date of that change).
Stored = tuple[str, date | None]


def _stored_now(permit: Permit) -> Stored:
    """The stored standing as the rows say today."""
    if permit.status == Permit.Status.REVOKED:
        return "revoked", permit.status_changed_on
    if permit.in_force and permit.effective_status == Permit.EffectiveStatus.SUSPENDED:
        return "suspended", permit.status_changed_on
    return "", None


def _stored_from(events: list[tuple[date, str, dict[str, Any]]]) -> Stored:
    """The stored standing replayed from a permit's history (oldest first)."""
    standing: Stored = ("", None)
    for day, event, _data in events:
        if event == "permit.revoked":
            standing = ("revoked", day)
        elif event == "permit.suspended" and standing[0] != "revoked":
            standing = ("suspended", day)
        elif event == "permit.reinstated" and standing[0] == "suspended":
            standing = ("", None)
    return standing


REGISTER_HISTORY_EVENTS = ("permit.revoked", "permit.suspended", "permit.reinstated")


def register_history(
    *, permit_ids: Collection[int], on: date
) -> dict[int, list[tuple[date, str, dict[str, Any]]]]:
    """The permits' register-relevant events that took effect by `on` (one query), for
    `register_standing(..., history=)`."""
    return audit_events_until(
        model=Permit, target_ids=permit_ids, events=REGISTER_HISTORY_EVENTS, on=on
    )


@dataclass
class PublicStatus:
    reference: str
    kind_label: str
    track_label: str
    stage: str
    stage_label: str
    submitted_on: date | None
    stage_since: date | None
    holder: str
    waiting_on: list[str]
    decided_on: date | None


def public_status(*, reference: str) -> PublicStatus | None:
    """SECURITY: only the stage and who holds it: no names, texts, documents or opinions."""
    application = (
        Application.objects.public()
        .filter(reference=reference.strip().upper())
        .only(
            "id",
            "reference",
            "kind",
            "track",
            "status",
            "submitted_on",
            "stage_since",
            "decided_on",
        )
        .first()
    )
    if application is None:
        return None
    from django.utils.translation import gettext as _

    waiting = []
    S = Application.Status
    if application.status in (S.SUBMITTED, S.VERIFICATION, S.DELIBERATION, S.DECISION_PENDING):
        holder = (
            _("TPOA secretariat (Kemlu)")
            if application.track == "tpoa"
            else _("Multilateral working group (Biro KTLN)")
        )
        if application.status == S.DECISION_PENDING and application.track == "tpoa":
            holder = _("The Minister for Foreign Affairs")
    elif application.status == S.RETURNED:
        holder = _("The applicant (information requested)")
    elif application.status == S.REVIEW:
        holder = _("Member agencies")
        waiting = sorted(
            AgencyReview.objects.open()
            .filter(application_id=application.pk)
            .values_list("agency__acronym", flat=True)
        )
    else:
        holder = _("Closed")
    return PublicStatus(
        reference=application.reference,
        kind_label=str(Application.Kind(application.kind).label),
        track_label=str(Track(application.track).label),
        stage=application.status,
        stage_label=str(S(application.status).label),
        submitted_on=application.submitted_on,
        stage_since=application.stage_since.date() if application.stage_since else None,
        holder=str(holder),
        waiting_on=[w for w in waiting if w],
        decided_on=application.decided_on,
    )


def _ranks(count: int, fractions: tuple[float, ...]) -> set[int]:
    """The 0-based positions of `count` sorted values that the percentiles at `fractions`
    interpolate between (linear, between the closest ranks: numpy's default and
    `statistics.quantiles(method="inclusive")`)."""
    found = set()
    for p in fractions:
        lower = int((count - 1) * p)
        found |= {lower, min(lower + 1, count - 1)}
    return found


def _interpolate(values: dict[int, float], count: int, p: float) -> float:
    """The percentile `p` from the values at the positions `_ranks` named."""
    k = (count - 1) * p
    lower = int(k)
    upper = min(lower + 1, count - 1)
    return values[lower] + (values[upper] - values[lower]) * (k - lower)


def processing_statistics() -> list[dict[str, Any]]:
    """Median and 90th percentile of days spent per stage, by case type (kind and track),
    over finished stage visits. Two queries whatever the number of visits: the visits per
    case type and stage, then the durations at the ranks the percentiles need, each read at
    its position in `permit_stage_duration_idx` (the index is in duration order)."""
    finished = StageVisit.objects.filter(duration__isnull=False).exclude(stage="draft")
    groups = [
        (kind, track, stage, count)
        for kind, track, stage, count in finished.order_by()
        .values_list("kind", "track", "stage")
        .annotate(count=Count("id"))
        if kind and track and count
    ]
    if not groups:
        return []
    picks: dict[str, Subquery] = {}
    for index, (kind, track, stage, count) in enumerate(groups):
        group = finished.filter(kind=kind, track=track, stage=stage).values("duration")
        for rank in _ranks(count, (0.5, 0.9)):
            # Each value read from the nearer end of the index: the 90th percentile from the
            # top, so the database steps over a tenth of the group, not nine tenths.
            if rank <= (count - 1) / 2:
                at = group.order_by("duration")[rank : rank + 1]
            else:
                at = group.order_by("-duration")[count - 1 - rank : count - rank]
            picks[f"g{index}_{rank}"] = Subquery(at, output_field=DurationField())
    picked: dict[str, Any] = dict(StageVisit.objects.order_by().values(**picks)[:1].get())
    order = [s for s, _ in Application.Status.choices]
    result = []
    for index, (kind, track, stage, count) in sorted(
        enumerate(groups), key=lambda item: (item[1][1], item[1][0], order.index(item[1][2]))
    ):
        days = {
            rank: picked[f"g{index}_{rank}"].total_seconds() / 86400
            for rank in _ranks(count, (0.5, 0.9))
        }
        result.append(
            {
                "kind": str(Application.Kind(kind).label),
                "track": str(Track(track).label),
                "stage": str(Application.Status(stage).label),
                "count": count,
                "median": round(_interpolate(days, count, 0.5), 1),
                "p90": round(_interpolate(days, count, 0.9), 1),
            }
        )
    return result


def public_processing_statistics() -> list[dict[str, Any]]:
    """`processing_statistics` for the public (page and API): a row with fewer finished cases
    than MITRA["STATISTICS_MIN_CASES"] (default 5) keeps its count, and its median and 90th
    percentile are None ("not enough cases yet"), never a misleading 0 or one case's days."""
    minimum = setting("STATISTICS_MIN_CASES")
    rows = processing_statistics()
    for row in rows:
        row["enough"] = row["count"] >= minimum
        if not row["enough"]:
            row["median"] = row["p90"] = None
    return rows


def expected_processing_days(*, kind: str, track: str) -> float | None:
    """The expected time for an application of this kind on this track, from the public
    processing-time statistics: the sum of the median days of every stage after submission;
    None ("not enough cases yet") when no stage has been finished by enough cases, or one of
    them has too few (issue 16 §1: the confirmation panel after submitting)."""
    kind_label = str(Application.Kind(kind).label)
    track_label = str(Track(track).label)
    rows = [
        row
        for row in public_processing_statistics()
        if row["kind"] == kind_label and row["track"] == track_label
    ]
    if not rows or not all(row["enough"] for row in rows):
        return None
    return round(sum(float(row["median"]) for row in rows), 1)
