"""The request's state machine: every (state, transition) pair, and the protected field."""

import pytest
from django_fsm import can_proceed

from mitra.staff.models import StaffRequest

S = StaffRequest.Status
# transition -> the states it may leave
ALLOWED = {
    "recommend": {S.REQUESTED},
    "approve": {S.RECOMMENDED},
    "refuse": {S.REQUESTED, S.RECOMMENDED},
    "record_stay_permit": {S.APPROVED},
}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_transition_matrix(state, name):
    request = StaffRequest()
    request.__dict__["status"] = state  # the protected field, set as loading from the DB does
    assert can_proceed(getattr(request, name)) == (state in ALLOWED[name])


def test_the_status_is_protected():
    request = StaffRequest()
    with pytest.raises(AttributeError):
        request.status = S.APPROVED
