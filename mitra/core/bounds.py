"""Input bounds, written once (issue 13 §4): ids, years, page numbers, dates, control characters.

Unbounded input reached the database or the date arithmetic and came back as a 500: a year of
-1 (`date(-1, 1, 1)`), an id past 64 bits (SQLite and psycopg refuse it), a NUL in a query
(PostgreSQL refuses it in any text), a start of 9999-12-31 plus a duration. The API fields
(mitra.api.v1.base), the HTML forms (mitra.core.forms) and the control-character middleware
(mitra.core.middleware) all take their limits from here.
"""

import re
import unicodedata
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Primary keys are BigAutoField: 1 .. 2**63 - 1.
ID_MIN = 1
ID_MAX = 2**63 - 1
YEAR_MIN = 1900
YEAR_MAX = 2100
# A page number past this is not a page anyone reaches by clicking.
PAGE_MAX = 1_000_000
# Durations in months: a century covers every agreement.
DURATION_MONTHS_MAX = 1200

# C0 controls except the whitespace ones (tab, newline, vertical tab, form feed, carriage
# return: text pasted from a PDF carries form feeds), and DEL: never typed by a person, and NUL
# is refused by PostgreSQL in any text value.
CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Bidi embeddings/overrides/isolates and zero-width characters: invisible, they make one name
# look like another ("spoofing") or reverse what follows it on screen.
INVISIBLE_CHARS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def date_min() -> date:
    return settings.MITRA["DATE_MIN"]


def date_max() -> date:
    return settings.MITRA["DATE_MAX"]


def date_range_errors(day: date | None) -> list[str]:
    """[] when `day` is empty or within MITRA["DATE_MIN"]..["DATE_MAX"]; else the one message."""
    if day is None:
        return []
    low, high = date_min(), date_max()
    # A datetime is compared by its date (datetime is a subclass of date).
    value = day.date() if hasattr(day, "date") and callable(day.date) else day
    if low <= value <= high:
        return []
    return [
        _("Enter a date between %(min)s and %(max)s.")
        % {"min": low.isoformat(), "max": high.isoformat()}
    ]


def validate_date_in_range(day: date | None) -> None:
    """Django validator form of `date_range_errors` (forms and DRF fields accept it)."""
    errors = date_range_errors(day)
    if errors:
        raise ValidationError(errors[0], code="date_out_of_range")


def has_control_chars(value: str) -> bool:
    return bool(CONTROL_CHARS.search(value))


def validate_no_control_chars(value: Any) -> None:
    if isinstance(value, str) and has_control_chars(value):
        raise ValidationError(control_chars_message(), code="control_characters")


def control_chars_message() -> str:
    return _("Control characters (such as NUL) are not allowed.")


def clean_name(value: str) -> str:
    """A name as people read it: NFC, without invisible bidi/zero-width characters, trimmed."""
    return INVISIBLE_CHARS.sub("", unicodedata.normalize("NFC", value)).strip()
