"""The dashboard's summary of foreign staff deadlines (`staff_deadline_summary`) equals the
provider's full list filtered by the viewer's concern and summarised (`registry.summarise`):
Biro KTLN, the operator and each organization get what the list gives them; any other agency
(the summary's short cut) gets nothing, and so does the full list."""

from datetime import date, timedelta
from typing import Any

import pytest

from mitra.deadlines.registry import Concern, summarise
from mitra.staff.deadline_providers import staff_deadline_summary, staff_deadlines

from .conftest import TODAY, approved

pytestmark = pytest.mark.django_db


def summaries(viewer: Any, on: date, end: date, first: int) -> tuple[Any, Any]:
    concern = Concern.of(viewer)
    assert concern is not None
    expected = summarise(
        (d for d in staff_deadlines(start=None, end=end, user=viewer) if concern.admits(d)),
        on=on,
        first=first,
    )
    got = staff_deadline_summary(on=on, end=end, user=viewer, concern=concern, first=first)
    return got, expected


def test_the_summary_equals_the_filtered_list_for_every_viewer(scene: Any) -> None:
    # Passports and stay permits that expire at different distances from the days checked.
    approved(
        scene,
        start_date=TODAY + timedelta(days=5),
        end_date=date(2027, 1, 31),
        passport_expires_on=TODAY + timedelta(days=20),
    )
    approved(
        scene,
        org=scene.asia,
        rep=scene.asia_rep,
        name="John Roe",
        passport_number="Y7654321",
        end_date=date(2030, 6, 30),
        passport_expires_on=TODAY + timedelta(days=400),
    )
    viewers = {
        "operator": scene.operator,
        "ktln": scene.ktln,
        "kemlu": scene.kemlu,
        "kemenkes": scene.kemenkes_officer,
        "kemenkeu": scene.kemenkeu_officer,
        "ford": scene.ford_rep,
        "asia": scene.asia_rep,
    }
    told: dict[str, int] = {}
    for on in (TODAY, TODAY + timedelta(days=19), TODAY + timedelta(days=21)):
        for end in (on + timedelta(days=30), on + timedelta(days=366), date(2040, 1, 1)):
            for name, viewer in viewers.items():
                for first in (0, 1, 99):
                    got, expected = summaries(viewer, on, end, first)
                    assert (got.overdue, got.soon, got.total) == (
                        expected.overdue,
                        expected.soon,
                        expected.total,
                    ), (name, on, end)
                    assert [(d.key, d.due, d.url) for d in got.first] == [
                        (d.key, d.due, d.url) for d in expected.first
                    ], (name, on, end)
                    told[name] = max(told.get(name, 0), expected.total)
    # The scene is not empty where it should not be: Biro KTLN and each organization are told.
    assert all(told[name] > 0 for name in ("ktln", "operator", "ford", "asia")), told
    assert told["kemlu"] == told["kemenkeu"] == told["kemenkes"] == 0
