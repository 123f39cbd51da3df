"""Reading agreements, always scoped to the viewer."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet
from django.http import Http404

from mitra.audit.selectors import audit_events_until
from mitra.core.dates import add_months, today
from mitra.core.search import words_q
from mitra.organizations.search import misspelt_names_q

from .models import Agreement, AgreementDocument, AgreementParty, Signatory
from .querysets import visible_agreement_count


@dataclass
class AgreementFilters:
    status: str = ""
    type: str = ""
    partner_kind: str = ""
    body: int | None = None  # a government party (its agency)
    province: int | None = None
    sector: int | None = None
    period_from: date | None = None  # agreements in force at some point in [from, to]
    period_to: date | None = None
    q: str = ""
    sort: str = "-start_date"


SORTS = {"-start_date", "start_date", "end_date", "-end_date", "title"}


def agreement_list(*, viewer: Any, filters: AgreementFilters | None = None) -> QuerySet[Agreement]:
    """Agreements the viewer may see, filtered. The caller paginates."""
    filters = filters or AgreementFilters()
    qs = Agreement.objects.visible_to(viewer).select_related("owner", "owner_unit")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.partner_kind:
        qs = qs.filter(partner_kind=filters.partner_kind)
    if filters.body:
        qs = qs.filter(Q(owner_id=filters.body) | Q(parties__agency_id=filters.body)).distinct()
    if filters.province:
        qs = qs.filter(provinces__id=filters.province)
    if filters.sector:
        qs = qs.filter(sectors__id=filters.sector)
    if filters.period_from:
        qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters.period_from))
    if filters.period_to:
        qs = qs.filter(Q(start_date__isnull=True) | Q(start_date__lte=filters.period_to))
    found = words_q(filters.q, year_q=agreement_year_q, word_q=misspelt_names_q(partners_q))
    if found is not None:
        qs = qs.filter(found)
    sort = filters.sort if filters.sort in SORTS else "-start_date"
    return qs.order_by(sort, "-id")


def agreement_list_count(*, viewer: Any, filters: AgreementFilters | None = None) -> int:
    """How many agreements `agreement_list` gives (for a page's count). Without a filter the
    list is what the viewer may see: counted on the access rows' index alone (see
    `visible_agreement_count`), not over the joined list; with one, the list is counted."""
    filters = filters or AgreementFilters()
    if filters == AgreementFilters(sort=filters.sort):
        return visible_agreement_count(viewer)
    return agreement_list(viewer=viewer, filters=filters).count()


def partners_q(organization_ids: set[int]) -> Q:
    """Agreements with any of these organizations as a party (a search for a misspelt name)."""
    parties = AgreementParty.objects.filter(organization_id__in=sorted(organization_ids))
    return Q(pk__in=parties.values("agreement_id"))


def agreement_year_q(year: int) -> Q:
    """A year in a search ("UCLG 2029") names an agreement that starts or ends in it."""
    return Q(start_date__year=year) | Q(end_date__year=year)


def agreement_get_for_user(*, user: Any, pk: int) -> Agreement:
    """SECURITY: the agreement if `user` may see it; Http404 otherwise (existence not leaked)."""
    agreement = (
        Agreement.objects.visible_to(user)
        .select_related("owner", "owner_unit", "renews", "created_by")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.select_related("body", "organization", "agency"),
            ),
            Prefetch("signatories", queryset=Signatory.objects.select_related("party")),
            "sectors",
            "provinces",
            "regencies",
            "documents",
            "shared_with",
        )
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreement_document_get_for_user(*, user: Any, pk: int, document_pk: int) -> AgreementDocument:
    """SECURITY: one document version of an agreement `user` may see; Http404 otherwise."""
    document = (
        AgreementDocument.objects.filter(
            pk=document_pk, agreement__in=Agreement.objects.visible_to(user), agreement_id=pk
        )
        .only("id", "file", "original_name", "content_type")
        .first()
    )
    if document is None:
        raise Http404
    return document


def agreement_chain(*, agreement: Agreement, viewer: Any) -> list[Agreement]:
    """The renewal chain the agreement belongs to, oldest first, limited to what viewer sees."""
    root_id = agreement.chain_root_id or agreement.pk
    return list(
        Agreement.objects.visible_to(viewer)
        .filter(Q(pk=root_id) | Q(chain_root_id=root_id))
        .order_by("start_date", "id")
    )


def agreements_ending_within(
    *, viewer: Any, months: int, on: date | None = None
) -> QuerySet[Agreement]:
    """The viewer's own signed or active agreements (not those a grant lets it read) that end
    in the next `months` months."""
    on = on or today()
    return (
        Agreement.objects.owned_by(viewer)
        .filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
            end_date__gte=on,
            end_date__lte=add_months(on, months),
        )
        .select_related("owner", "owner_unit")
        .order_by("end_date", "id")
    )


def agreements_to_renew(
    *, viewer: Any, on: date | None = None, walk_index: bool = False
) -> QuerySet[Agreement]:
    """In their renewal-preparation window (opened by the renewal rule in force on each one's
    end date) and not yet renewed. Two queries: the window's arithmetic is the deadline
    engine's, done in Python on the few agreements the database prefilter leaves.

    `walk_index`: for an agency with thousands of own agreements, the end-date index's rows in
    the window are probed for the agency's own access row one by one (`owned_by_each`, the
    same rows) instead of every own agreement read first."""
    from mitra.deadlines.engine import versions

    from .models import RENEWAL_RULE, renewal_window_opens

    on = on or today()
    reach = timedelta(days=versions(RENEWAL_RULE).reach_days())
    own = (
        Agreement.objects.owned_by_each(viewer)
        if walk_index
        else Agreement.objects.owned_by(viewer)
    )
    candidates = own.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
        end_date__gte=on,
        end_date__lte=on + reach,
        renewed_by__isnull=True,
    ).values_list("pk", "end_date")
    opened = []
    for pk, end_date in candidates:
        # Every candidate has an end date (filtered above); the column allows none.
        window = renewal_window_opens(end_date) if end_date is not None else None
        if window is not None and window <= on:
            opened.append(pk)
    return (
        Agreement.objects.filter(pk__in=opened)
        .select_related("owner", "owner_unit")
        .order_by("end_date", "id")
    )


def agreement_counts(*, viewer: Any) -> dict[str, dict[str, int]]:
    """Counts of the viewer's own agreements by status, and of active ones by partner kind
    (one GROUP BY query)."""
    rows = (
        Agreement.objects.owned_by(viewer)
        .order_by()
        .values("status", "partner_kind")
        .annotate(n=Count("id"))
    )
    by_status: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + r["n"]
        if r["status"] == Agreement.Status.ACTIVE:
            by_kind[r["partner_kind"]] = by_kind.get(r["partner_kind"], 0) + r["n"]
    return {"status": by_status, "partner_kind": by_kind}


ORGANIZATION_AGREEMENT_COLUMNS = (
    "id", "title", "type", "status", "start_date", "end_date", "duration_months",
    "owner__name", "owner__acronym",
)  # fmt: skip


def organization_agreements(*, viewer: Any, organization_id: int, limit: int = 100) -> list:
    """The agreements an organization is party to, as the registry page lists them.

    SECURITY: those the viewer may see (`visible_to`, with `can_open` True: the page links to
    them), plus the public ones (`public()`: active) they may not, with `can_open` False and
    only the columns the public directory shows, so an official's view of an organization is
    never poorer than the public's (issue 10). One query."""
    visible = Agreement.objects.visible_to(viewer).values("pk")
    party_of = AgreementParty.objects.filter(organization_id=organization_id).values("agreement_id")
    public = Agreement.objects.public().values("pk")
    return list(
        Agreement.objects.filter(pk__in=party_of)
        .filter(Q(pk__in=visible) | Q(pk__in=public))
        .annotate(can_open=ExpressionWrapper(Q(pk__in=visible), output_field=BooleanField()))
        .select_related("owner")
        .only(*ORGANIZATION_AGREEMENT_COLUMNS)
        .order_by("-start_date", "-id")[:limit]
    )


def agreements_without_cover(
    *, viewer: Any, organization_id: int | None = None, own: bool = False
) -> QuerySet[Agreement]:
    """THE list of N3/N4 violations: signed or active agreements whose ormas asing partner
    holds no valid izin prinsip over their period (the stored flag `cover_problem`, kept by
    the services and re-checked on every permit change), ending soonest first.

    SECURITY: only those the viewer may see, or with `own` only its agency's own (a subset:
    the partner ministry's task list). `organization_id` narrows it to one partner (the
    organization's page). The secretariat's home counts the same queryset."""
    # Few agreements are flagged (a partial index holds them): the viewer's access is
    # probed for each of them, not listed (`visible_to_each`).
    scoped = (
        Agreement.objects.owned_by_each(viewer)
        if own
        else Agreement.objects.visible_to_each(viewer)
    )
    qs = scoped.filter(status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE])
    if organization_id is not None:
        qs = qs.filter(
            pk__in=AgreementParty.objects.filter(organization_id=organization_id).values(
                "agreement_id"
            )
        )
    return (
        qs.exclude(cover_problem="")
        .select_related("owner", "owner_unit")
        .order_by("end_date", "id")
    )


# Events that end an agreement before its end date, or undo such an end.
TERMINATION_EVENTS = ("agreement.terminated", "agreement.termination_undone")


def agreements_in_force_on(*, on: date, candidates: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """ "As of" `on` (issue 16 §2), from the record and its audit history: the agreements among
    `candidates` (those that reached signature or force: the caller's public view) whose period
    covers `on` and that no termination taking effect on or before `on` had ended (a
    termination later undone counts from its undoing). Expiry and supersession need no
    history: an agreement is in force until its end date whatever followed."""
    in_period = candidates.filter(
        Q(end_date__gte=on) | Q(end_date__isnull=True), start_date__lte=on
    )
    history = audit_events_until(
        model=Agreement, target_ids=in_period.values("pk"), events=TERMINATION_EVENTS, on=on
    )
    ended = [pk for pk, events in history.items() if events[-1][1] == "agreement.terminated"]
    return in_period.exclude(pk__in=ended)
