"""Licensing deadlines for the deadline engine: the filer's and the regulator's clocks. A
deadline is listed until its obligation is met, however overdue (issue 9 §4). Every period is
a deadline rule, by the version in force on the day its count starts from."""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.engine import period_text, versions
from mitra.deadlines.registry import (
    FILER,
    REGULATOR,
    SOON_DAYS,
    Concern,
    Deadline,
    DeadlineSummary,
    url_maker,
)

from .conf import RULE_DECISION, RULE_EXTENSION_FILING, RULE_EXTENSION_WINDOW, RULE_VERIFICATION
from .models import AgencyReview, Application, Deliberation, Permit, StageVisit, Track
from .roles import secretariat_key
from .validation import extension_deadline, extension_window_opens


def _secretariat_id(track: str, cache: dict[str, int | None]) -> int | None:
    return _agency_id(secretariat_key(track), cache)


def _agency_id(key: str, cache: dict[str, int | None]) -> int | None:
    if key not in cache:
        cache[key] = GovernmentBody.objects.filter(key=key).values_list("pk", flat=True).first()
    return cache[key]


def _permits(user: Any) -> Any:
    permits = Permit.objects.visible_to(user) if user is not None else Permit.objects.all()
    filed = Application.objects.filter(extends=OuterRef("pk")).exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    )
    return permits.annotate(
        extension_filed=Exists(filed),
        extended=Exists(Permit.objects.filter(previous=OuterRef("pk"))),
    )


def permit_deadlines(*, start: date | None, end: date, user: Any = None) -> Iterator[Deadline]:
    """Every unmet licensing deadline due on or before `end`, however overdue unless `start`
    bounds them: the database then skips the records whose deadlines all fall before it (the
    registry's `collect` would drop them), as the reminder job's window asks.

    Izin prinsip: the day its extension window opens and the last day to file the extension
    (both met once an extension is filed, i.e. submitted and not withdrawn, or the permit was
    extended), and its expiry (gone once the permit is extended or no longer active).
    Returned applications: the applicant's answer to the query (met once answered). The
    secretariat's verification and the decision (`_secretariat_clocks`). Member reviews: each
    agency's opinion (met once given; moot once the application left review).
    """
    for due in _dues(start=start, end=end, user=user):
        yield due.make()


def permit_deadline_summary(
    *, on: date, end: date, user: Any, concern: Concern, first: int
) -> DeadlineSummary:
    """`permit_deadlines` for a viewer, summarised (the registry's `summary`): the same dates,
    keys, agencies and organizations as the provider (one code path, `_dues`), with the
    records narrowed in the database to those `concern` may be shown, and a Deadline (its
    translated title, description and link) built only for the first `first` in the
    dashboard's order. Kemendagri is told of every izin prinsip's end: a big list."""
    soon_end = on + timedelta(days=SOON_DAYS)
    dues = [
        d
        for d in _dues(start=None, end=end, user=user, concern=concern)
        if _admits(concern, d.agencies, d.organizations)
    ]
    dues.sort(key=lambda d: (not (d.due < on and not d.window), d.due, d.key))
    return DeadlineSummary(
        overdue=sum(1 for d in dues if d.due < on and not d.window),
        soon=sum(1 for d in dues if on <= d.due <= soon_end),
        total=len(dues),
        first=[d.make() for d in dues[: max(first, 0)]],
    )


def _admits(concern: Concern, agencies: list[int], organizations: list[int]) -> bool:
    """`Concern.admits` on a deadline's agencies and organizations, before it is built."""
    if concern.everyone:
        return True
    if concern.agency_id is not None:
        return concern.agency_id in agencies
    return concern.organization_id in organizations


@dataclass(slots=True)
class _Due:
    """A deadline's date, key and audience, and how to build it (only when shown)."""

    key: str
    due: date
    window: bool
    agencies: list[int]
    organizations: list[int]
    build: Callable[..., Deadline]
    args: tuple[Any, ...]

    def make(self) -> Deadline:
        return self.build(*self.args)


@dataclass(slots=True)
class _PermitRow:
    """The columns of a permit its deadlines need (`_dues` for a summary)."""

    pk: int
    number: str
    status: str
    valid_until: date
    partner_ministry_id: int | None
    organization_id: int
    extension_filed: bool
    extended: bool

    def instance(self) -> Permit:
        """The record of a page's deadline: the permit with the columns read."""
        return Permit(
            id=self.pk,
            number=self.number,
            status=self.status,
            valid_until=self.valid_until,
            partner_ministry_id=self.partner_ministry_id,
            organization_id=self.organization_id,
        )


@dataclass(slots=True)
class _ReviewRow:
    """The columns of an open member review its deadline needs (`_dues` for a summary): Biro
    KTLN has hundreds open at national scale, and two instances per row cost more than the
    query."""

    pk: int
    due_date: date
    agency_id: int
    application_id: int
    reference: str

    @property
    def application(self) -> Application:
        return Application(id=self.application_id, reference=self.reference)

    def instance(self) -> AgencyReview:
        review = AgencyReview(
            id=self.pk,
            due_date=self.due_date,
            agency_id=self.agency_id,
            application_id=self.application_id,
        )
        review.application = self.application
        return review


def _dues(
    *, start: date | None, end: date, user: Any, concern: Concern | None = None
) -> Iterator[_Due]:
    """Every deadline of `permit_deadlines`, unbuilt. `concern` (a summary's viewer) narrows
    the records read to a superset of those whose deadlines it admits; the caller still
    applies `_admits` to each."""
    secretariats: dict[str, int | None] = {}
    agency = concern.agency_id if concern is not None and not concern.everyone else None
    organization = (
        concern.organization_id
        if concern is not None and not concern.everyone and agency is None
        else None
    )
    # The tracks whose secretariat the concerned agency is (its only application clocks).
    tracks = (
        [t for t in Track.values if _secretariat_id(t, secretariats) == agency]
        if agency is not None
        else []
    )
    filing_rule = versions(RULE_EXTENSION_FILING)
    lead = max(versions(RULE_EXTENSION_WINDOW).reach_days(), filing_rule.reach_days())
    current = _permits(user).filter(
        status=Permit.Status.ACTIVE,  # in force (a suspended holder's too)
        valid_until__lte=end + timedelta(days=lead),  # the longest lead of any version
    )
    if start is not None:  # its window, filing day and expiry fall on or before its end
        current = current.filter(valid_until__gte=start)
    kemendagri = _agency_id("kemendagri", secretariats)
    if agency is not None and agency != kemendagri:
        current = current.filter(partner_ministry_id=agency)
    elif organization is not None:
        current = current.filter(organization_id=organization)
    # Made once, not per permit: Kemendagri is told of every izin prinsip's end, so a page of
    # its deadlines holds hundreds of them (the dashboard's costliest provider otherwise).
    texts = {
        "url": url_maker("permits:permit_detail"),
        "window": _("Extension window open for izin prinsip %(number)s: file by %(date)s"),
        "filing": _("File the extension of izin prinsip %(number)s"),
        "expiry": _("Izin prinsip %(number)s expires"),
        "filing_text": _("An extension is filed at least %(period)s before expiry."),
        "rule": filing_rule,
    }
    # The reminder job (no viewer) needs each permit whole, as its notices' subject; a page
    # needs six columns.
    if user is None:
        current = current.select_related("organization")
    else:
        current = current.only(
            "id", "number", "status", "valid_until", "partner_ministry_id", "organization_id"
        )
    permits: Any = current
    if concern is not None:
        # A summary builds a handful of deadlines from hundreds of permits (Kemendagri's are
        # all of them): plain rows, a Permit made only for the deadlines shown.
        permits = (
            _PermitRow(*row)
            for row in current.values_list(
                "id",
                "number",
                "status",
                "valid_until",
                "partner_ministry_id",
                "organization_id",
                "extension_filed",
                "extended",
            )
        )
    # Hundreds of permits share their end dates: each one's dates worked out once.
    filing_of, opens_of = (
        functools.cache(extension_deadline),
        functools.cache(extension_window_opens),
    )
    for permit in permits:
        # The partner ministry and Kemendagri are told of an izin prinsip's end (issue 3 §3).
        agencies = sorted({a for a in [permit.partner_ministry_id, kemendagri] if a})
        organizations = [permit.organization_id]
        filing = filing_of(permit.valid_until)
        if not (permit.extension_filed or permit.extended):
            opens = opens_of(permit.valid_until)
            if opens <= end:
                yield _Due(
                    f"permit:{permit.pk}:extension_window",
                    opens,
                    True,
                    [],
                    organizations,
                    _permit_deadline,
                    (permit, "extension_window", opens, filing, agencies, texts),
                )
            if filing <= end:
                yield _Due(
                    f"permit:{permit.pk}:extension_filing",
                    filing,
                    False,
                    agencies,
                    organizations,
                    _permit_deadline,
                    (permit, "extension_filing", filing, filing, agencies, texts),
                )
        if (
            permit.status == Permit.Status.ACTIVE
            and not permit.extended
            and permit.valid_until <= end
        ):
            yield _Due(
                f"permit:{permit.pk}:expiry",
                permit.valid_until,
                False,
                agencies,
                organizations,
                _permit_deadline,
                (permit, "expiry", permit.valid_until, filing, agencies, texts),
            )
    applications = (
        Application.objects.visible_to(user) if user is not None else Application.objects.all()
    )
    if agency is not None:
        # Returned applications and the secretariat's clocks concern the track's secretariat.
        applications = applications.filter(track__in=tracks)
    elif organization is not None:
        applications = applications.filter(organization_id=organization)
    returned = applications.filter(
        status=Application.Status.RETURNED,
        query_deadline__isnull=False,
        query_deadline__lte=end,
        **({"query_deadline__gte": start} if start is not None else {}),
    )
    if user is not None:  # a page: the columns its deadlines name (the job: the whole record)
        returned = returned.only(
            "id", "reference", "track", "status", "organization_id", "query_deadline"
        )
    application_url = url_maker("permits:application_detail")
    for application in returned:
        if application.query_deadline is None:  # filtered out above; the column allows it
            continue
        secretariat = _secretariat_id(application.track, secretariats)
        yield _Due(
            f"application:{application.pk}:query",
            application.query_deadline,
            False,
            [secretariat] if secretariat else [],
            [application.organization_id],
            _query_deadline,
            (application, secretariat, application_url),
        )
    if organization is None:  # the government's clocks concern no organization
        yield from _secretariat_clocks(applications, end, secretariats)
    reviews = (
        AgencyReview.objects.visible_to(user) if user is not None else AgencyReview.objects.all()
    )
    if organization is not None:
        return  # an agency's opinion concerns no organization
    if agency is not None:
        reviews = reviews.filter(agency_id=agency)
    open_reviews = reviews.filter(
        state__in=AgencyReview.OPEN_STATES,
        application__status=Application.Status.REVIEW,
        due_date__lte=end,
        **({"due_date__gte": start} if start is not None else {}),
    )
    reviews_read: Any
    if concern is None:
        reviews_read = open_reviews.select_related("application", "agency")
    else:  # a summary builds a handful of them: plain rows, instances for those shown
        reviews_read = (
            _ReviewRow(*row)
            for row in open_reviews.values_list(
                "id", "due_date", "agency_id", "application_id", "application__reference"
            )
        )
    review_url = url_maker("permits:review_detail")
    for review in reviews_read:
        yield _Due(
            f"review:{review.pk}:opinion",
            review.due_date,
            False,
            [review.agency_id],
            [],
            _review_deadline,
            (review, review_url),
        )


def _permit_deadline(
    permit: "Permit | _PermitRow",
    what: str,
    due: date,
    filing: date,
    agencies: list[int],
    texts: dict[str, Any],
) -> Deadline:
    common: dict[str, Any] = {
        "url": texts["url"](permit.pk),
        "record": permit if isinstance(permit, Permit) else permit.instance(),
        "agencies": agencies,
        "organizations": [permit.organization_id],
        "kind": FILER,
        "key": f"permit:{permit.pk}:{what}",
        "due": due,
    }
    if what == "expiry":
        return Deadline(title=texts["expiry"] % {"number": permit.number}, **common)
    filing_text = texts["filing_text"] % {
        "period": period_text(texts["rule"].in_force(permit.valid_until))
    }
    if what == "extension_filing":
        return Deadline(
            title=texts["filing"] % {"number": permit.number}, description=filing_text, **common
        )
    return Deadline(
        title=texts["window"] % {"number": permit.number, "date": date_format(filing, "j F Y")},
        description=filing_text,
        # A window: one notice the day it opens, no countdown before it.
        window=True,
        opened_event="permits.extension_window_opened",
        **{**common, "agencies": []},
    )


def _query_deadline(application: Application, secretariat: int | None, url: Any) -> Deadline:
    assert application.query_deadline is not None  # only such applications are read
    return Deadline(
        key=f"application:{application.pk}:query",
        title=_("Answer the query on application %(reference)s")
        % {"reference": application.reference},
        due=application.query_deadline,
        kind=FILER,
        url=url(application.pk),
        record=application,
        agencies=[secretariat] if secretariat else [],
        organizations=[application.organization_id],
    )


def _review_deadline(review: "AgencyReview | _ReviewRow", url: Any) -> Deadline:
    if isinstance(review, _ReviewRow):
        review = review.instance()
    return Deadline(
        key=f"review:{review.pk}:opinion",
        title=_("Give your agency's opinion on application %(reference)s")
        % {"reference": review.application.reference},
        due=review.due_date,
        kind=REGULATOR,
        url=url(review.pk),
        record=review,
        agencies=[review.agency_id],
        due_event="permits.review_due",
        overdue_event="permits.review_overdue",
    )


def _secretariat_clocks(
    applications: Any, end: date, secretariats: dict[str, int | None]
) -> Iterator[_Due]:
    """The government's clocks on an application, on the secretariat of its track: verifying it
    (the `verification` rule, counted from the submission or from the applicant's latest answer
    to a query; met once it is circulated, returned or withdrawn) and deciding it (the
    `decision` rule, counted from the recommendation; met once decided). Each by the version
    in force on the day its count starts."""
    S = Application.Status
    answered = StageVisit.objects.filter(
        application=OuterRef("pk"), stage=S.RETURNED, left_at__isnull=False
    ).order_by("-left_at")
    recommended = Deliberation.objects.filter(application=OuterRef("pk")).order_by(
        "-held_on", "-id"
    )
    pending = (
        applications.filter(status__in=[S.SUBMITTED, S.VERIFICATION, S.DECISION_PENDING])
        .annotate(
            answered_at=Subquery(answered.values("left_at")[:1]),
            recommended_on=Subquery(recommended.values("held_on")[:1]),
        )
        .only("id", "reference", "track", "status", "submitted_on", "stage_since")
        .order_by("id")
    )
    verification, decision = versions(RULE_VERIFICATION), versions(RULE_DECISION)
    url = url_maker("permits:application_detail")
    dues: dict[tuple[str, date], tuple[Any, date] | None] = {}
    for application in pending:
        if application.status == S.DECISION_PENDING:
            rules, key = decision, "decision"
            # The deliberation that recommended (its meeting day), else the day it was recorded.
            anchor = application.recommended_on or _local_day(application.stage_since)
        else:
            rules, key = verification, "verification"
            days = [application.submitted_on, _local_day(application.answered_at)]
            anchor = max((d for d in days if d is not None), default=None)
        if anchor is None:
            continue
        # Thousands of open applications share a few hundred anchor days: each rule's
        # version and due date (a count of working days) worked out once per day.
        if (key, anchor) not in dues:
            try:
                dues[key, anchor] = (rules.in_force(anchor), rules.due(anchor))
            except ApplicationError:  # no version in force then: no clock
                dues[key, anchor] = None
        found = dues[key, anchor]
        if found is None:
            continue
        rule, due = found
        if due > end:
            continue
        secretariat = _secretariat_id(application.track, secretariats)
        yield _Due(
            f"application:{application.pk}:{key}",
            due,
            False,
            [secretariat] if secretariat else [],
            [],
            _clock_deadline,
            (application, key, due, rule, secretariat, url),
        )


def _clock_deadline(
    application: Application, key: str, due: date, rule: Any, secretariat: int | None, url: Any
) -> Deadline:
    if key == "decision":
        title = _("Decide on application %(reference)s")
        text = _("The decision is due %(period)s after the recommendation.")
    else:
        title = _("Verify application %(reference)s")
        text = _("Verification is due %(period)s after the submission or the latest answer.")
    return Deadline(
        key=f"application:{application.pk}:{key}",
        title=title % {"reference": application.reference},
        due=due,
        kind=REGULATOR,
        url=url(application.pk),
        record=application,
        agencies=[secretariat] if secretariat else [],
        description=text % {"period": period_text(rule)},
    )


def _local_day(moment: Any) -> date | None:
    return timezone.localdate(moment) if moment is not None else None
