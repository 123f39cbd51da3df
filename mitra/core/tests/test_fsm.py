"""`refused_unless_allowed`: the one place a refused transition becomes a person's message."""

import pytest
from django_fsm import TransitionNotAllowed

from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed


def test_a_refused_transition_becomes_the_named_application_error():
    refusal = refused_unless_allowed("Not while closed.", extra={"status": ["closed"]})
    with pytest.raises(ApplicationError) as caught, refusal:
        raise TransitionNotAllowed("close")
    assert caught.value.message == "Not while closed."
    assert caught.value.extra == {"status": ["closed"]}
    assert isinstance(caught.value.__cause__, TransitionNotAllowed)


def test_the_message_callable_runs_only_on_a_refusal():
    calls: list[str] = []

    def message() -> str:
        calls.append("asked")
        return "Not now."

    with refused_unless_allowed(message):
        pass
    assert calls == []
    with pytest.raises(ApplicationError, match="Not now."), refused_unless_allowed(message):
        raise TransitionNotAllowed("open")
    assert calls == ["asked"]


def test_other_errors_pass_through_unchanged():
    with pytest.raises(KeyError), refused_unless_allowed("never shown"):
        raise KeyError("x")
