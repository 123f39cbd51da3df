"""The one error type services raise for rule violations (HSX `core/exceptions.py`)."""

from typing import Any


class ApplicationError(Exception):
    """A business rule refused the operation. `extra` maps field names to messages."""

    # The HTTP status the API answers with (mitra.api.exception_handlers).
    status_code = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class Conflict(ApplicationError):
    """The record would duplicate one that exists (a uniqueness rule, checked in Python and
    backed by a database constraint): the API answers 409, a form shows the message."""

    status_code = 409


class StaleVersion(ApplicationError):
    """The record changed since the caller read it: `expected` is the version the caller had,
    `current` the record as it is now (locked, unchanged). The API answers 412 with the current
    representation; a form shows both values (docs/dev/concurrency.md)."""

    status_code = 412

    def __init__(self, message: str, *, current: Any, expected: int) -> None:
        super().__init__(message, {"version": [message]})
        self.current = current
        self.expected = expected
