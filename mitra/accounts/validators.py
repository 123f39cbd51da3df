"""Password rules Django does not ship: one character repeated ("zzzzzzzzzzzz")."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RepeatedCharacterValidator:
    """Refuse a password made of at most `max_distinct` different characters."""

    def __init__(self, max_distinct: int = 2) -> None:
        self.max_distinct = max_distinct

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password.lower())) <= self.max_distinct:
            raise ValidationError(
                _("This password repeats too few different characters."),
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return _("Your password must use more than two different characters.")
