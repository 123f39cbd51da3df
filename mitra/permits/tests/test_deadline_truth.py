"""Licensing deadlines tell the truth (issue 9 §4), as properties over random dates and states,
one per kind: a deadline whose obligation is met is gone; an unmet one is listed, before its
date and after it (overdue, however old), in the provider and in the user's own list."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mitra.accounts.tests.factories import UserFactory
from mitra.deadlines.registry import deadlines_for_user
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.deadline_providers import permit_deadlines
from mitra.permits.models import AgencyReview, Application, Permit
from mitra.permits.validation import extension_deadline, extension_window_opens

from .factories import PermitFactory

pytestmark = pytest.mark.django_db
S = Application.Status
HORIZON = timedelta(days=2 * 366)  # how far ahead "my deadlines" looks
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2032, 12, 31))
# How far "today" is from the due date: before it (negative) or after it, overdue for years.
offsets = st.integers(min_value=-700, max_value=3000)


@contextmanager
def example() -> Iterator[None]:
    """Each generated example writes its rows and rolls them back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def keys_listed(key: str, user: Any, on: date) -> tuple[bool, bool]:
    """Whether the deadline `key` is yielded by the provider and listed in `user`'s own
    deadlines (the set "my deadlines", the dashboard and the feed show) on day `on`."""
    end = on + HORIZON
    provided = any(d.key == key for d in permit_deadlines(start=None, end=end))
    mine = any(d.key == key for d in deadlines_for_user(user=user, end=end))
    return provided, mine


def check(key: str, user: Any, due: date, offset: int, unmet: bool) -> None:
    """Met: gone. Unmet: listed, before its date and after it (overdue, however old)."""
    on = due + timedelta(days=offset)
    provided, mine = keys_listed(key, user, on)
    event("overdue" if on > due else "not yet due")
    assert (provided, mine) == (unmet, unmet), f"{key} due {due}, seen on {on}"


EXTENSIONS = [None, "extended", *S.values]
FILED = {s for s in S.values if s not in (S.DRAFT, S.WITHDRAWN)}


def extension(permit: Permit, state: str | None) -> None:
    if state == "extended":
        PermitFactory(
            organization=permit.organization,
            previous=permit,
            valid_from=permit.valid_until + timedelta(days=1),
            valid_until=permit.valid_until + timedelta(days=1000),
        )
    elif state is not None:
        Application.objects.create(
            reference=f"TPOA-EXT-{permit.pk}",
            organization=permit.organization,
            kind=Application.Kind.EXTENSION,
            track="tpoa",
            extends=permit,
            status=state,
        )


@PROPERTY
@given(
    valid_until=dates,
    status=st.sampled_from(Permit.Status.values),
    state=st.sampled_from(EXTENSIONS),
    offset=offsets,
)
def test_the_extension_filing_is_listed_until_an_extension_is_filed(
    ngo, rep, valid_until, status, state, offset
):
    with example():
        permit = PermitFactory(
            organization=ngo,
            valid_from=valid_until - timedelta(days=1000),
            valid_until=valid_until,
            status=status,
        )
        extension(permit, state)
        current = status == Permit.Status.ACTIVE
        unmet = current and state not in FILED and state != "extended"
        due = extension_deadline(valid_until)
        check(f"permit:{permit.pk}:extension_filing", rep, due, offset, unmet)


@PROPERTY
@given(
    valid_until=dates,
    status=st.sampled_from(Permit.Status.values),
    state=st.sampled_from(EXTENSIONS),
    offset=offsets,
)
def test_the_extension_window_is_listed_until_an_extension_is_filed(
    ngo, rep, valid_until, status, state, offset
):
    with example():
        permit = PermitFactory(
            organization=ngo,
            valid_from=valid_until - timedelta(days=1000),
            valid_until=valid_until,
            status=status,
        )
        extension(permit, state)
        current = status == Permit.Status.ACTIVE
        unmet = current and state not in FILED and state != "extended"
        due = extension_window_opens(valid_until)
        assert due < extension_deadline(valid_until)
        check(f"permit:{permit.pk}:extension_window", rep, due, offset, unmet)


@PROPERTY
@given(
    valid_until=dates,
    status=st.sampled_from(Permit.Status.values),
    state=st.sampled_from(EXTENSIONS),
    offset=offsets,
)
def test_the_expiry_is_listed_while_the_permit_is_active_and_not_extended(
    ngo, rep, valid_until, status, state, offset
):
    with example():
        permit = PermitFactory(
            organization=ngo,
            valid_from=valid_until - timedelta(days=1000),
            valid_until=valid_until,
            status=status,
        )
        extension(permit, state)
        # A filed extension does not stop the expiry; only a granted one (a later permit).
        unmet = status == Permit.Status.ACTIVE and state != "extended"
        check(f"permit:{permit.pk}:expiry", rep, valid_until, offset, unmet)


@PROPERTY
@given(
    deadline=dates,
    status=st.sampled_from([S.RETURNED, S.VERIFICATION, S.REVIEW, S.WITHDRAWN, S.REJECTED]),
    offset=offsets,
)
def test_a_query_is_listed_until_it_is_answered(ngo, rep, deadline, status, offset):
    with example():
        application = Application.objects.create(
            reference="TPOA-Q-1",
            organization=ngo,
            track="tpoa",
            status=status,
            query_deadline=deadline,  # kept after the answer: the status tells
        )
        unmet = status == S.RETURNED
        check(f"application:{application.pk}:query", rep, deadline, offset, unmet)


@PROPERTY
@given(
    due=dates,
    state=st.sampled_from(AgencyReview.State.values),
    status=st.sampled_from([S.REVIEW, S.DELIBERATION, S.WITHDRAWN, S.APPROVED]),
    offset=offsets,
)
def test_a_member_opinion_is_listed_until_it_is_given(
    ngo, agencies, reviewer, due, state, status, offset
):
    with example():
        application = Application.objects.create(
            reference="TPOA-R-1", organization=ngo, track="tpoa", status=status
        )
        review = AgencyReview.objects.create(
            application=application, agency=agencies["kemhan"], due_date=due, state=state
        )
        # Moot once the application left review (withdrawn, decided).
        unmet = state in AgencyReview.OPEN_STATES and status == S.REVIEW
        check(f"review:{review.pk}:opinion", reviewer, due, offset, unmet)


@pytest.fixture
def reviewer(agencies: dict[str, Any]) -> Any:
    return UserFactory(username="kemhan_reviewer", officer=True, body=agencies["kemhan"])


def test_another_organization_never_sees_fords_deadlines(ngo, rep):
    other = UserFactory(org_representative=True)
    permit = PermitFactory(organization=ngo, valid_until=date(2027, 4, 3))
    end = date(2030, 1, 1)
    assert {d.key for d in deadlines_for_user(user=rep, end=end)} >= {
        f"permit:{permit.pk}:extension_filing",
        f"permit:{permit.pk}:expiry",
    }
    assert not [d for d in deadlines_for_user(user=other, end=end) if d.record == permit]


def test_the_provider_takes_a_constant_number_of_queries(ngo, agencies, rep):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(permit_deadlines(start=None, end=date(2035, 1, 1)))
        return len(queries)

    PermitFactory(
        organization=ngo, valid_until=date(2027, 4, 3), partner_ministry=agencies["kemlu"]
    )
    count()  # loads the deadline rules' versions into their (per-process) cache
    one = count()
    for n in range(5):
        # Each holder its own organization: one open extension per organization (a constraint).
        holder = ForeignOrganizationFactory()
        permit = PermitFactory(organization=holder, valid_until=date(2028, 1, n + 1))
        extension(permit, "draft" if n % 2 else None)
    assert count() == one
