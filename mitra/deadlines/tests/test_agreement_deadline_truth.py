"""Issue 9 §4 for the agreements provider: a renewal window is listed until a renewal is
recorded (or the agreement is no longer signed or active), however long ago it opened; the end
is listed while the agreement is signed or active; nothing met is ever listed."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.agreements.deadline_providers import agreement_deadlines
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.dates import add_months
from mitra.deadlines.selectors import user_deadlines

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
STATUS = {"signed": {"signed": True}, "active": {"active": True}, "expired": {"expired": True}}


class Rollback(Exception):
    pass


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    days_to_end=st.integers(min_value=-400, max_value=360),
    status=st.sampled_from(sorted(STATUS)),
    renewed=st.booleans(),
)
def test_listed_exactly_while_unmet(officer, kemendagri, days_to_end, status, renewed):
    end = TODAY + timedelta(days=days_to_end)
    try:
        with transaction.atomic():
            agreement = AgreementFactory(
                owner=kemendagri,
                start_date=end - timedelta(days=3 * 365),
                end_date=end,
                **STATUS[status],
            )
            if renewed:
                AgreementFactory(owner=kemendagri, renews=agreement, title="Renewal")
            keys = {d.key for d in agreement_deadlines(end=TODAY + timedelta(days=366))}
            mine = {d.key for d in user_deadlines(user=officer, on=TODAY)}
            window_key = f"agreement:{agreement.pk}:renewal_window"
            end_key = f"agreement:{agreement.pk}:end"
            current = status in ("signed", "active")
            window_opens = add_months(end, -6)
            # The window: unmet while current and not renewed, once it opens within the horizon.
            expect_window = current and not renewed and window_opens <= TODAY + timedelta(days=366)
            assert (window_key in keys) == expect_window
            assert (window_key in mine) == expect_window
            # The end: listed while the agreement is current, even when the day has passed
            # (the daily job then expires it and it leaves the list).
            expect_end = current and end <= TODAY + timedelta(days=366)
            assert (end_key in keys) == expect_end
            assert (end_key in mine) == expect_end
            raise Rollback
    except Rollback:
        pass
