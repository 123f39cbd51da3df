"""The izin prinsip application's transition matrix (issue 15 §5: the presentation step sits
between inter-agency review and deliberation). Every (state, transition) pair: allowed where
the table says, refused everywhere else."""

import pytest
from django_fsm import TransitionNotAllowed

from mitra.permits.models import Application

S = Application.Status
OPEN = set(Application.OPEN)
ALLOWED = {
    "submit": {S.DRAFT: S.SUBMITTED},
    "open_verification": {S.SUBMITTED: S.VERIFICATION},
    "return_for_revision": {S.VERIFICATION: S.RETURNED, S.DELIBERATION: S.RETURNED},
    "resubmit": {S.RETURNED: S.VERIFICATION},
    "circulate": {S.VERIFICATION: S.REVIEW},
    "schedule_presentation": {S.REVIEW: S.PRESENTATION},
    "open_deliberation": {S.PRESENTATION: S.DELIBERATION},
    "return_to_review": {S.PRESENTATION: S.REVIEW, S.DELIBERATION: S.REVIEW},
    "recommend": {S.DELIBERATION: S.DECISION_PENDING},
    "approve": {S.DECISION_PENDING: S.APPROVED},
    "reject": {S.DECISION_PENDING: S.REJECTED},
    "withdraw": dict.fromkeys(OPEN, S.WITHDRAWN),
}


@pytest.mark.parametrize("transition", sorted(ALLOWED))
@pytest.mark.parametrize("state", S.values)
def test_transition_matrix(state, transition):
    application = Application()
    application.__dict__["status"] = state  # protected field: set as a load from the DB would
    target = ALLOWED[transition].get(state)
    if target is None:
        with pytest.raises(TransitionNotAllowed):
            getattr(application, transition)()
    else:
        getattr(application, transition)()
        assert application.status == target


def test_every_transition_is_in_the_matrix():
    declared = {t.name for t in Application().get_all_status_transitions()}
    assert declared == set(ALLOWED)


def test_deliberation_needs_the_presentation_first():
    application = Application()
    application.__dict__["status"] = S.REVIEW
    with pytest.raises(TransitionNotAllowed):
        application.open_deliberation()
