"""Helpers for the "an operator edits a rule" tests of every app: a new rule version as the
admin saves it, and the due date a user's deadlines page and calendar feed show for a key."""

import re
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.services import calendar_token_regenerate


def new_version(code: str, amount: int, valid_from: date, kind: str = "") -> DeadlineRule:
    """The next version of `code` with another amount (same kind, direction and anchor unless
    `kind` is given), saved as the admin does (the engine's cache is cleared by the signal)."""
    current = DeadlineRule.objects.filter(code=code).order_by("-version").first()
    assert current is not None, f"no version of {code}: the migrations make version 1"
    return DeadlineRule.objects.create(
        code=code,
        version=current.version + 1,
        name=current.name,
        kind=kind or current.kind,
        amount=amount,
        direction=current.direction,
        anchor=current.anchor,
        valid_from=valid_from,
        legal_basis="Test: an operator's new version",
        confidence=current.confidence,
    )


def page_due(client: Client, user: Any, key: str) -> date | None:
    """The date "My deadlines" shows for the deadline `key`, or None when it is not listed."""
    client.force_login(user)
    html = client.get(reverse("deadlines:mine")).content.decode()
    client.logout()
    found = re.search(
        rf'data-key="{re.escape(key)}".*?<time datetime="(\d{{4}}-\d\d-\d\d)"', html, re.S
    )
    return date.fromisoformat(found.group(1)) if found else None


def feed_due(client: Client, user: Any, key: str) -> date | None:
    """The date of the deadline `key` in the user's calendar feed (ICS), or None."""
    token = calendar_token_regenerate(actor=user).token
    body = client.get(reverse("deadlines:calendar_feed", args=[token])).content.decode()
    for event in body.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]:
        if f"UID:{key}@mitra" in event:
            day = re.search(r"DTSTART;VALUE=DATE:(\d{8})", event)
            assert day is not None
            return date(int(day[1][:4]), int(day[1][4:6]), int(day[1][6:]))
    return None
