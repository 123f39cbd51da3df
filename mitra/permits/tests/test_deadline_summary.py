"""The dashboard's summary of licensing deadlines (`permit_deadline_summary`, the registry's
`summary` for "permits") equals the provider's full list, filtered by the viewer's concern and
summarised (`registry.summarise`): the same counts, and the same first deadlines, built the same
way, for every kind of viewer."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mitra.accounts.tests.factories import UserFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.registry import Concern, Deadline, summarise, summary_for_user
from mitra.deadlines.selectors import HORIZON_DAYS, user_deadline_summary, user_deadlines
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.deadline_providers import permit_deadline_summary, permit_deadlines
from mitra.permits.models import AgencyReview, Application, Permit

from .factories import PermitFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
END = TODAY + timedelta(days=HORIZON_DAYS)
S = Application.Status


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


@pytest.fixture
def licensing(agencies: dict[str, Any], ngo: Any) -> dict[str, Any]:
    """Permits ending around today (overdue, window open, soon, later, beyond the horizon),
    some extended or with an extension filed, some revoked, with three partner ministries;
    returned applications, applications awaiting verification and decision on both tracks;
    open and closed member reviews of several agencies; several deadlines on one day."""
    asia = ForeignOrganizationFactory(legal_name="The Asia Foundation")
    orgs = [ngo, asia] + [ForeignOrganizationFactory() for _ in range(4)]
    partners = [agencies["kemlu"], agencies["kemhan"], None]
    n = 0
    for offset in (-40, -1, 0, 20, 60, 100, 100, 100, 200, 400, 900):
        for partner in partners:
            organization = orgs[n % len(orgs)]
            n += 1
            permit = PermitFactory(
                organization=organization,
                partner_ministry=partner,
                valid_from=TODAY - timedelta(days=1000),
                valid_until=TODAY + timedelta(days=offset),
                status=Permit.Status.REVOKED if n % 7 == 0 else Permit.Status.ACTIVE,
            )
            if n % 5 == 0:
                PermitFactory(
                    organization=organization,
                    previous=permit,
                    valid_from=permit.valid_until + timedelta(days=1),
                    valid_until=permit.valid_until + timedelta(days=1000),
                    status=Permit.Status.EXPIRED,  # no deadlines of its own
                )
            elif (
                n % 5 == 1
                and not Application.objects.filter(
                    organization=organization, kind=Application.Kind.EXTENSION
                ).exists()
            ):
                Application.objects.create(
                    reference=f"TPOA-EXT-{permit.pk}",
                    organization=organization,
                    kind=Application.Kind.EXTENSION,
                    track="tpoa",
                    extends=permit,
                    status=S.SUBMITTED if n % 2 else S.DRAFT,
                    submitted_on=TODAY - timedelta(days=3),
                    stage_since=_moment(TODAY - timedelta(days=3)),
                )
    refs = iter(range(1000))

    def application(track: str, status: str, organization: Any = None, **fields: Any) -> Any:
        # One open application of a kind per organization (a constraint): most a new one.
        return Application.objects.create(
            reference=f"APP-{track[:4]}-{next(refs)}",
            organization=organization or ForeignOrganizationFactory(),
            track=track,
            status=status,
            **fields,
        )

    for track, holder in (("tpoa", ngo), ("multilateral_clearance", asia)):
        for offset in (-30, -2, 0, 5, 40, 500):
            application(
                track,
                S.RETURNED,
                organization=holder if offset == 5 else None,
                query_deadline=TODAY + timedelta(days=offset),
            )
            day = TODAY + timedelta(days=offset - 20)
            application(track, S.SUBMITTED, submitted_on=day, stage_since=_moment(day))
            application(track, S.VERIFICATION, submitted_on=day, stage_since=_moment(day))
            application(track, S.DECISION_PENDING, submitted_on=day, stage_since=_moment(day))
        in_review = application(track, S.REVIEW, submitted_on=TODAY, stage_since=_moment(TODAY))
        decided = application(track, S.APPROVED, submitted_on=TODAY, stage_since=_moment(TODAY))
        for i, key in enumerate(("kemlu", "kemhan", "kemendagri", "polri", "bin")):
            for app, state in (
                (in_review, AgencyReview.State.REQUESTED if i % 2 else "in_progress"),
                (decided, AgencyReview.State.REQUESTED),
            ):
                AgencyReview.objects.create(
                    application=app,
                    agency=agencies[key],
                    due_date=TODAY + timedelta(days=(-10, 0, 3, 3, 3)[i]),
                    state=state,
                )
        given = application(track, S.REVIEW, submitted_on=TODAY, stage_since=_moment(TODAY))
        AgencyReview.objects.create(
            application=given,
            agency=agencies["kemhan"],
            due_date=TODAY,
            state=[s for s in AgencyReview.State.values if s not in AgencyReview.OPEN_STATES][0],
        )
    return {"orgs": orgs}


def viewers(operator: Any, officer: Any, officers: dict[str, Any], licensing: Any) -> dict:
    orgs = licensing["orgs"]
    return {
        "operator": operator,
        "kemendagri": officer,
        "kemlu (TPOA secretariat, a partner)": officers["kemlu"],
        "kemensetneg (multilateral secretariat)": officers["kemensetneg"],
        "kemhan (member, partner)": officers["kemhan"],
        "polri (member)": officers["polri"],
        "ford": UserFactory(org_representative=True, organization=orgs[0]),
        "asia": UserFactory(org_representative=True, organization=orgs[1]),
        "no permits": UserFactory(org_representative=True),
    }


def described(deadlines: list[Deadline]) -> list[dict[str, Any]]:
    """Every field of each deadline (the record by its identity)."""
    return [
        {**vars(d), "record": (type(d.record).__name__, getattr(d.record, "pk", None))}
        for d in deadlines
    ]


@pytest.mark.parametrize("first", [0, 1, 3, 10, 200])
def test_the_summary_equals_the_full_list_counted(operator, officer, officers, licensing, first):
    for name, user in viewers(operator, officer, officers, licensing).items():
        concern = Concern.of(user)
        assert concern is not None
        with freeze_today(TODAY):
            expected = summarise(
                (d for d in permit_deadlines(start=None, end=END, user=user) if concern.admits(d)),
                on=TODAY,
                first=first,
            )
            got = permit_deadline_summary(
                on=TODAY, end=END, user=user, concern=concern, first=first
            )
        assert (got.overdue, got.soon, got.total) == (
            expected.overdue,
            expected.soon,
            expected.total,
        ), name
        assert described(got.first) == described(expected.first), name
        if name != "no permits":
            assert expected.total > 0, name  # the comparison means something


def test_the_dashboard_total_equals_my_deadlines(operator, officer, officers, licensing):
    """Through the registry (every provider, the permits one by its summary)."""
    for name, user in viewers(operator, officer, officers, licensing).items():
        with freeze_today(TODAY):
            full = summarise(user_deadlines(user=user), on=TODAY, first=10)
            got = user_deadline_summary(user=user, first=10)
        assert (got.overdue, got.soon, got.total) == (full.overdue, full.soon, full.total), name
        assert [d.key for d in got.first] == [d.key for d in full.first], name


def test_the_summary_takes_a_constant_number_of_queries(officer, officers, licensing, agencies):
    def count(user: Any) -> int:
        with CaptureQueriesContext(connection) as queries, freeze_today(TODAY):
            summary_for_user(user=user, on=TODAY, end=END, first=10)
        return len(queries)

    users = [officer, officers["kemlu"], officers["kemhan"]]
    for user in users:
        count(user)  # the deadline rules' versions into their (per-process) cache
    before = [count(user) for user in users]
    for n in range(6):
        holder = ForeignOrganizationFactory()
        PermitFactory(
            organization=holder,
            partner_ministry=agencies["kemlu"],
            valid_until=TODAY + timedelta(days=n),
        )
        review_of = Application.objects.create(
            reference=f"MORE-{n}", organization=holder, track="tpoa", status=S.REVIEW
        )
        AgencyReview.objects.create(
            application=review_of, agency=agencies["kemhan"], due_date=TODAY, state="requested"
        )
    assert [count(user) for user in users] == before
