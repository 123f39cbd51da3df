"""The dashboard's summary of a user's deadlines (counts and the first few) is the same set as
"My deadlines", counted: `summary_for_user` equals `summarise(deadlines_for_user(...))` for
every kind of viewer, with the reports provider answering in the database."""

from datetime import date, timedelta

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines import registry
from mitra.deadlines.registry import Deadline, summarise
from mitra.deadlines.selectors import HORIZON_DAYS, user_deadline_summary, user_deadlines
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import ReportFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def reports(kemendagri):
    """Reports of Kemendagri's and other agencies' agreements in every state: overdue, due
    today, within 30 days, later, beyond the horizon, sent back with and without a resubmission
    date, met (submitted); twelve due on one day, so the first ten cut through a tie."""
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    asia = ForeignOrganizationFactory(legal_name="The Asia Foundation")
    own = AgreementFactory(owner=kemendagri, foreign_parties=[ford], active=True)
    shared = AgreementFactory(owner=kemendagri, foreign_parties=[ford, asia], active=True)
    other = AgreementFactory(foreign_parties=[asia], active=True)
    # Kemendagri is a party here, so the reports are among its own agreements' (the provider
    # reads them), but the deadlines are the owner's (Deadline.agencies): not counted for it.
    partnered = AgreementFactory(
        government_parties=[kemendagri], foreign_parties=[asia], active=True
    )
    periods = iter(range(1000))

    def report(**fields):
        # One report per (agreement, kind, period start): a fresh period each.
        start = date(2000, 1, 1) + timedelta(days=next(periods))
        return ReportFactory(period_start=start, period_end=start, **fields)

    days = [-400, -31, -1, 0, 1, 29, 30, 31, 200, HORIZON_DAYS + 5]
    for agreement in (own, shared, other, partnered):
        for offset in days:
            report(agreement=agreement, due_date=TODAY + timedelta(days=offset))
        for _ in range(12):
            report(agreement=agreement, due_date=TODAY + timedelta(days=3))
        report(
            agreement=agreement,
            status=Report.Status.REVISION_REQUESTED,
            due_date=TODAY - timedelta(days=90),
            resubmit_by=TODAY + timedelta(days=5),
        )
        report(
            agreement=agreement,
            status=Report.Status.REVISION_REQUESTED,
            due_date=TODAY - timedelta(days=10),
            resubmit_by=None,
        )
        report(agreement=agreement, status=Report.Status.SUBMITTED, due_date=TODAY)
    # Agreements whose own deadlines (renewal windows, ends) fall around today: ended but still
    # active (overdue), window open, ending soon, ending later; one already renewed; some with
    # Kemendagri only as a party; several ending on one day (a tie at the cut).
    for offset in (-10, 20, 45, 120, 200, 200, 200, 300):
        for owner, parties in ((kemendagri, {}), (None, {"government_parties": [kemendagri]})):
            fields = {"owner": owner} if owner else {}
            AgreementFactory(
                foreign_parties=[ford],
                active=True,
                start_date=TODAY - timedelta(days=700),
                end_date=TODAY + timedelta(days=offset),
                **fields,
                **parties,
            )
    ended = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[asia],
        active=True,
        start_date=TODAY - timedelta(days=700),
        end_date=TODAY + timedelta(days=60),
    )
    AgreementFactory(owner=kemendagri, foreign_parties=[asia], renews=ended)
    return {"ford": ford, "asia": asia}


def viewers(officer, operator, reports):
    return {
        "officer": officer,
        "operator": operator,
        "ford": UserFactory(org_representative=True, organization=reports["ford"]),
        "asia": UserFactory(org_representative=True, organization=reports["asia"]),
    }


def keys(items: list[Deadline]) -> list[str]:
    return [d.key for d in items]


@pytest.mark.parametrize("first", [0, 1, 3, 10, 25, 200])
def test_summary_equals_the_full_list_counted(officer, operator, reports, first):
    for name, user in viewers(officer, operator, reports).items():
        with freeze_today(TODAY):
            expected = summarise(user_deadlines(user=user), on=TODAY, first=first)
            got = user_deadline_summary(user=user, first=first)
        assert (got.overdue, got.soon, got.total) == (
            expected.overdue,
            expected.soon,
            expected.total,
        ), name
        assert keys(got.first) == keys(expected.first), name
        assert expected.total > 0, name  # every viewer has some: the comparison means something


def test_the_counts_are_the_ones_a_person_would_make(officer, reports):
    with freeze_today(TODAY):
        summary = user_deadline_summary(user=officer, first=10)
    # Reports of the two agreements Kemendagri owns: -400, -31, -1 and the revision without a
    # resubmission date (due -10), each; and the end of the two agreements that ended ten days
    # ago (the one it owns, the one it is a party to). Opened renewal windows are not overdue.
    assert summary.overdue == 2 * 4 + 2
    assert [d.due for d in summary.first[:4]] == [
        TODAY - timedelta(days=400),
        TODAY - timedelta(days=400),
        TODAY - timedelta(days=31),
        TODAY - timedelta(days=31),
    ]


def test_a_provider_without_a_summary_is_summarised_from_its_list(officer, kemendagri):
    def provider(*, end, start=None, user=None):
        yield Deadline(
            key="t:1", title="Old", due=TODAY - timedelta(days=3), agencies=[kemendagri.pk]
        )
        yield Deadline(
            key="t:2",
            title="Window",
            due=TODAY - timedelta(days=1),
            window=True,
            agencies=[kemendagri.pk],
        )
        yield Deadline(key="t:3", title="Not ours", due=TODAY, agencies=[kemendagri.pk + 999])

    registry.register_provider("zz_test", provider)
    try:
        with freeze_today(TODAY):
            summary = user_deadline_summary(user=officer, first=10)
    finally:
        registry.unregister_provider("zz_test")
    assert summary.overdue == 1  # an opened window is not overdue
    assert summary.total == 2  # another agency's deadline is not counted
    assert keys(summary.first) == ["t:1", "t:2"]


def test_anonymous_and_inactive_users_get_nothing(db):
    inactive = UserFactory(officer=True, is_active=False)
    with freeze_today(TODAY):
        assert user_deadline_summary(user=inactive).total == 0
