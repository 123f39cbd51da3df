"""The dashboard's summary of sanction deadlines (`sanction_deadline_summary`) equals the
provider's full list filtered by the viewer's concern and summarised (`registry.summarise`):
compliance periods, reply periods and objections awaiting a decision, for the operator, the
secretariat, another agency, the organization concerned and another organization."""

from datetime import date, timedelta
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.registry import Concern, summarise
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions import services
from mitra.sanctions.providers import sanction_deadline_summary, sanction_deadlines

from .conftest import move

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)
END = ON + timedelta(days=90)


@pytest.fixture
def cases(ford: Any, ford_rep: Any, secretariat: Any, open_case: Any) -> dict[str, Any]:
    """A case at persuasion (its reply period running), one at a written warning (a compliance
    period), one with an objection filed, and one of another organization."""
    other = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    persuaded = move(
        move(open_case(ford), "assess", secretariat, date(2026, 1, 6)),
        "escalate",
        secretariat,
        date(2026, 1, 7),
    )
    warned = open_case(ford)
    for action, day in (("assess", 6), ("escalate", 7), ("escalate", 12)):
        warned = move(warned, action, secretariat, date(2026, 1, day))
    objected = open_case(other)
    for action, day in (("assess", 6), ("escalate", 7), ("escalate", 12)):
        objected = move(objected, action, secretariat, date(2026, 1, day))
    other_rep = UserFactory(organization=other, role="org_representative")
    with freeze_today(date(2026, 1, 15)):
        services.sanction_objection_file(
            case_id=objected.pk, grounds="The partner is exempt.", actor=other_rep
        )
    return {"persuaded": persuaded, "warned": warned, "objected": objected, "other_rep": other_rep}


def test_the_summary_counts_what_each_viewer_is_told(
    cases: dict[str, Any], ford_rep: Any, secretariat: Any, operator: Any, other_officer: Any
) -> None:
    viewers = [operator, secretariat, other_officer, ford_rep, cases["other_rep"]]
    told: dict[str, set[str]] = {}
    for viewer in viewers:
        concern = Concern.of(viewer)
        assert concern is not None
        expected = summarise(
            (
                d
                for d in sanction_deadlines(end=END, user=viewer)
                if d.due <= END and concern.admits(d)
            ),
            on=ON,
            first=2,
        )
        got = sanction_deadline_summary(on=ON, end=END, user=viewer, concern=concern, first=2)
        assert (got.overdue, got.soon, got.total) == (
            expected.overdue,
            expected.soon,
            expected.total,
        )
        assert [d.key for d in got.first] == [d.key for d in expected.first]
        full = sanction_deadline_summary(on=ON, end=END, user=viewer, concern=concern, first=99)
        told[viewer.username] = {d.key for d in full.first}
    # The scene is mixed: each kind of deadline reaches someone, and not everyone.
    assert any(":reply:" in k for k in told[ford_rep.username])
    assert any(":compliance:" in k for k in told[ford_rep.username])
    assert any(":objection:" in k for k in told[secretariat.username])
    assert told[other_officer.username] == set()
    assert not any(":reply:" in k for k in told[secretariat.username])
    assert told[operator.username] >= told[ford_rep.username] | told[secretariat.username]
