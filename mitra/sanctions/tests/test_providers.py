"""Compliance deadlines tell the truth: listed while the case stands at the step that set them,
however long ago they passed (overdue after their date); gone once the case moves on (lifted
because the organization complied, escalated, revoked)."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.registry import collect
from mitra.deadlines.selectors import user_deadlines
from mitra.sanctions import ladder
from mitra.sanctions.models import SanctionCase
from mitra.sanctions.providers import sanction_deadlines

from .conftest import move

pytestmark = pytest.mark.django_db
S = SanctionCase.Status
TODAY = date(2031, 1, 1)  # every move below is in the past


def key(case: SanctionCase) -> str:
    return f"sanction:{case.pk}:compliance:{case.step_index}"


def to_first_warning(case: SanctionCase, actor, issued: date) -> SanctionCase:
    case = move(case, "assess", actor, issued - timedelta(days=2))
    case = move(case, "escalate", actor, issued - timedelta(days=1))  # persuasion
    return move(case, "escalate", actor, issued)  # the first written warning


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ladder_name=st.sampled_from([ladder.CURRENT, ladder.LEGACY]),
    issued=st.dates(date(2026, 1, 10), date(2028, 12, 31)),
    then=st.sampled_from(["stay", "lift", "escalate"]),
    looked=st.integers(-60, 1500),
)
def test_listed_until_the_case_moves_on(
    ford, ford_rep, secretariat, open_case, ladder_name, issued, then, looked
):
    mitra = {**django_settings.MITRA, "SANCTION_LADDER": ladder_name}
    with transaction.atomic(), freeze_today(TODAY), override_settings(MITRA=mitra):
        case = to_first_warning(open_case(ford, reported_on=date(2026, 1, 1)), secretariat, issued)
        due, first = case.compliance_due, key(case)
        assert due is not None
        assert due > issued
        if then == "lift":
            case = move(case, "lift", secretariat, issued + timedelta(days=1))
        elif then == "escalate":
            case = move(case, "escalate", secretariat, due + timedelta(days=1))
        on = due + timedelta(days=looked)  # the day someone looks; > due: overdue
        provided = {d.key: d for d in sanction_deadlines(start=on, end=on)}
        for viewer in (ford_rep, secretariat):
            mine = {d.key: d for d in user_deadlines(user=viewer, on=on)}
            # Met (lifted, or the case moved on) → gone; unmet → shown, overdue after its date.
            assert (first in mine) == (then == "stay")
            if then == "stay":
                assert mine[first].due == due
                assert (mine[first].due < on) == (looked > 0)
        assert (first in provided) == (then == "stay" and due <= on)
        if then == "escalate":
            case.refresh_from_db()
            if ladder_name == ladder.LEGACY:  # the second warning sets its own deadline
                assert case.compliance_due == due + timedelta(days=1 + 30)
                assert key(case) in {d.key for d in collect(end=case.compliance_due)}
            else:  # cessation has no compliance period
                assert case.status == S.CESSATION
                assert case.compliance_due is None
        transaction.set_rollback(True)


def test_an_old_overdue_deadline_stays_until_lifted(ford, ford_rep, secretariat, open_case):
    with freeze_today(TODAY):
        case = to_first_warning(open_case(ford), secretariat, date(2026, 1, 12))
        long_after = case.compliance_due + timedelta(days=900)
        assert key(case) in {d.key for d in user_deadlines(user=ford_rep, on=long_after)}
        move(case, "lift", secretariat, long_after)
        assert key(case) not in {d.key for d in user_deadlines(user=ford_rep, on=long_after)}
        assert list(sanction_deadlines(end=long_after)) == []
