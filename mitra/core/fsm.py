"""One way for a service to run a state-machine transition (issue 18 §2).

A transition method on a model declares the graph (AGENTS.md rule 6); when the record's status
is not one the transition starts from, django-fsm raises `TransitionNotAllowed`. A service turns
that into the refusal a person reads, an `ApplicationError`, with the message it names:

    with refused_unless_allowed(_("… while the report is %(status)s.") % {...}):
        report.accept()

A failed transition changes nothing, so the message may describe the record as it is before.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django_fsm import TransitionNotAllowed

from .exceptions import ApplicationError


@contextmanager
def refused_unless_allowed(
    message: str | Callable[[], str], *, extra: dict[str, list[str]] | None = None
) -> Iterator[None]:
    """Run the block; a `TransitionNotAllowed` inside it becomes `ApplicationError(message,
    extra)`. `message` may be a callable, called only when the transition is refused."""
    try:
        yield
    except TransitionNotAllowed as exc:
        text = message() if callable(message) else message
        raise ApplicationError(text, extra) from exc
