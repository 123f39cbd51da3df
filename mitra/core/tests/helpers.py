"""Small test helpers shared by the suites: a frozen "today"."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from unittest import mock

from django.utils import timezone


@contextmanager
def freeze_today(day: date) -> Iterator[date]:
    """Make `mitra.core.dates.today()` return `day` everywhere.

    Modules import `today` by name, so patching `mitra.core.dates.today` alone would miss
    them; `today()` reads `timezone.localdate()`, which is patched here instead (calls with
    an explicit value still go to Django).
    """
    original = timezone.localdate

    def localdate(value=None, timezone=None):  # type: ignore[no-untyped-def]
        if value is None:
            return day
        return original(value, timezone)

    with mock.patch("django.utils.timezone.localdate", localdate):
        yield day
