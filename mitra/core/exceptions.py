"""The one error type services raise for rule violations (HSX `core/exceptions.py`)."""

from typing import Any


class ApplicationError(Exception):
    """A business rule refused the operation. `extra` maps field names to messages."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
