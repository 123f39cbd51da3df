"""The sanction FSM: the transition matrix for both ladders, and the compliance periods."""

from datetime import date

import pytest
from django_fsm import can_proceed

from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.sanctions import ladder
from mitra.sanctions.models import SanctionCase

from .conftest import move

pytestmark = pytest.mark.django_db
S = SanctionCase.Status
ACTIONS = ("assess", "escalate", "lift", "dismiss")

# status → the actions the graph allows (current ladder, before its top).
MATRIX = {
    S.REPORTED: {"assess", "dismiss"},
    S.ASSESSED: {"escalate", "dismiss"},
    S.PERSUASION: {"escalate", "lift"},
    S.WRITTEN_WARNING: {"escalate", "lift"},
    S.CESSATION: {"escalate", "lift"},
    S.REVOKED: set(),
    S.LIFTED: set(),
    S.DISMISSED: set(),
}


def allowed(case: SanctionCase) -> set[str]:
    return {name for name in ACTIONS if can_proceed(getattr(case, name))}


@pytest.mark.parametrize(
    ("ladder_name", "climb"),
    [
        ("current", [S.PERSUASION, S.WRITTEN_WARNING, S.CESSATION, S.REVOKED]),
        (
            "legacy",
            [
                S.PERSUASION,
                S.WRITTEN_WARNING,
                S.WRITTEN_WARNING,
                S.WRITTEN_WARNING,
                S.CESSATION,
                S.REVOKED,
            ],
        ),
    ],
)
def test_climbing_each_ladder_matches_the_matrix(
    settings, ford, secretariat, open_case, ladder_name, climb
):
    settings.MITRA = {**settings.MITRA, "SANCTION_LADDER": ladder_name}
    with freeze_today(date(2026, 11, 29)):
        case = open_case(ford)
        assert case.ladder == ladder_name
        assert allowed(case) == MATRIX[S.REPORTED]
        case = move(case, "assess", secretariat, date(2026, 1, 6))
        assert allowed(case) == MATRIX[S.ASSESSED]
        day = date(2026, 1, 7)
        for expected in climb:
            case = move(case, "escalate", secretariat, day)
            assert case.status == expected
            assert allowed(case) == MATRIX[expected]
            day = (case.compliance_due or day) + (date(2026, 1, 2) - date(2026, 1, 1))
        assert case.step_index == len(ladder.steps(ladder_name)) - 1
        assert case.concluded_on is not None
        with pytest.raises(ApplicationError):
            move(case, "escalate", secretariat, day)


def test_current_warning_runs_seven_working_days(ford, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 3, 2))
    case = move(case, "escalate", secretariat, date(2026, 3, 9))  # persuasion
    case = move(case, "escalate", secretariat, date(2026, 3, 16))  # warning on Monday 16 March
    # Working days leave out public holidays and cuti bersama (the holidays package):
    # 17 Tue; 18 cuti, 19 Nyepi, 20 cuti, 23–24 cuti; 25, 26, 27, 30, 31, 1 Apr → 1 April.
    assert case.compliance_due == date(2026, 4, 1)
    assert case.steps.last().compliance_due == date(2026, 4, 1)


def test_legacy_warnings_run_thirty_days_each(settings, ford, secretariat, open_case):
    settings.MITRA = {**settings.MITRA, "SANCTION_LADDER": "legacy"}
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    case = move(case, "escalate", secretariat, date(2026, 2, 2))
    assert case.compliance_due == date(2026, 3, 4)
    assert case.current_step.tier == 1


def test_escalating_before_the_compliance_period_ends_is_refused(ford, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    case = move(case, "escalate", secretariat, date(2026, 2, 2))
    with pytest.raises(ApplicationError) as error:
        move(case, "escalate", secretariat, case.compliance_due)
    assert "issued_on" in error.value.extra
    case.refresh_from_db()
    assert case.status == S.WRITTEN_WARNING
    # Lifting within the period is fine.
    assert move(case, "lift", secretariat, case.compliance_due).status == S.LIFTED


def test_a_running_case_keeps_its_ladder_when_the_setting_changes(
    settings, ford, secretariat, open_case
):
    case = open_case(ford)
    settings.MITRA = {**settings.MITRA, "SANCTION_LADDER": "legacy"}
    case = move(case, "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    case = move(case, "escalate", secretariat, date(2026, 2, 2))
    assert case.ladder == "current"
    assert case.compliance_due == date(2026, 2, 11)
