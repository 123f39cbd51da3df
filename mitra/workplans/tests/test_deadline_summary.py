"""The dashboard's summary of N5 acknowledgement deadlines (`n5_acknowledgement_deadline_summary`)
equals the provider's full list filtered by the viewer's concern and summarised
(`registry.summarise`), for the operator, Kemendagri's units, the provinces, another agency and an
organization, on days around the notices' due dates (overdue from the day after, "soon" up to
thirty days ahead)."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from mitra.deadlines.registry import Concern, summarise
from mitra.workplans.deadline_providers import (
    acknowledgement_due,
    n5_acknowledgement_deadline_summary,
    n5_acknowledgement_deadlines,
)
from mitra.workplans.models import RegionalNotification

from .conftest import notify

pytestmark = pytest.mark.django_db


def check(viewer: Any, on: date, end: date, first: int) -> set[str]:
    concern = Concern.of(viewer)
    assert concern is not None
    expected = summarise(
        (
            d
            for d in n5_acknowledgement_deadlines(end=end, user=viewer)
            if d.due <= end and concern.admits(d)
        ),
        on=on,
        first=first,
    )
    got = n5_acknowledgement_deadline_summary(
        on=on, end=end, user=viewer, concern=concern, first=first
    )
    assert (got.overdue, got.soon, got.total) == (expected.overdue, expected.soon, expected.total)
    assert [(d.key, d.due, d.agencies, d.title, d.url) for d in got.first] == [
        (d.key, d.due, d.agencies, d.title, d.url) for d in expected.first
    ]
    return {d.key for d in expected.first}


def test_the_summary_counts_what_each_viewer_is_told(
    cast: Any, n5: Any, other_officer: Any
) -> None:
    later = notify(
        cast, n5.rkt, RegionalNotification.Recipient.REGIONAL_GOVERNMENT,
        notified_on=date(2025, 3, 10),
    )  # fmt: skip
    kemendagri_later = notify(
        cast, n5.rkt, RegionalNotification.Recipient.KEMENDAGRI, notified_on=date(2025, 4, 14)
    )
    acknowledged = notify(
        cast, n5.rkt, RegionalNotification.Recipient.KEMENDAGRI, notified_on=date(2025, 3, 3)
    )
    RegionalNotification.objects.filter(pk=acknowledged.pk).update(acknowledged_at=timezone.now())
    viewers = [
        cast.users["operator"],
        cast.users["officer"],
        cast.users["jateng"],
        cast.users["ford"],
        *n5.users.values(),
        other_officer,
    ]
    dues = sorted({acknowledgement_due(n.notified_on) for n in (n5.to_pemprov, later)})
    dues += [acknowledgement_due(kemendagri_later.notified_on)]
    # Each due date as the day itself, the day after (overdue), 30 and 31 days before (soon).
    days = sorted({d + timedelta(days=k) for d in dues if d is not None for k in (0, 1, -30, -31)})
    told: dict[str, set[str]] = {}
    for on in days:
        for end in (on, on + timedelta(days=366)):
            for viewer in viewers:
                for first in (0, 1, 99):
                    keys = check(viewer, on, end, first)
                    if first == 99 and end > on:
                        told.setdefault(viewer.username, set()).update(keys)
    # The scene is mixed: each viewer is told of its own inbox's notices, and not of others'.
    assert told[cast.users["ford"].username] == set()
    assert told[other_officer.username] == set()
    assert f"n5:{n5.to_kemendagri.pk}:acknowledgement" in told["polpum"]
    assert f"n5:{n5.to_pemprov.pk}:acknowledgement" in told["kesbangpol"]
    assert f"n5:{n5.to_pemprov.pk}:acknowledgement" not in told["polpum"]
    assert f"n5:{acknowledged.pk}:acknowledgement" not in told["operator"]
    assert told["operator"] >= told["polpum"] | told["kesbangpol"]
