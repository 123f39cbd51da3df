"""The home's "By expiry window" and its timeline: each window lists the first ten of its own
agreements (whatever the other windows hold) with its full count, and the timeline the fifteen
ending soonest; the rows read with a LIMIT per window equal those cut from the whole list."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from mitra.agreements import selectors as agreement_selectors
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.dates import add_months
from mitra.core.tests.helpers import freeze_today
from mitra.dashboard import views
from mitra.dashboard.views import EXPIRY_WINDOWS
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)


def agreement(owner: Any, end: date, partner: Any, **traits: Any) -> Agreement:
    traits = traits or {"active": True}
    return AgreementFactory(
        owner=owner, foreign_parties=[partner], start_date=date(2024, 1, 1), end_date=end, **traits
    )


def expected_windows(viewer: Any) -> tuple[list[tuple[int, list[int], int]], list[int]]:
    """The whole list (`agreements_ending_within`: the viewer's own signed or active agreements
    ending in the next 12 months, soonest first), cut per window in Python: what the home
    showed before its LIMITs."""
    ending = list(
        agreement_selectors.agreements_ending_within(
            viewer=viewer, months=EXPIRY_WINDOWS[-1], on=ON
        )
    )
    windows, previous = [], 0
    for months in EXPIRY_WINDOWS:
        lower, upper = add_months(ON, previous), add_months(ON, months)
        rows = [a.pk for a in ending if lower <= a.end_date <= upper]
        windows.append((months, rows[:10], len(rows)))
        previous = months
    return windows, [a.pk for a in ending[:15]]


@pytest.mark.parametrize(
    "layout",
    [
        # More in the first window than it and the timeline show; the boundary day of the
        # first and second windows (in both); ties on one day (ordered by id).
        {0: 4, 1: 1, 5: 3, 20: 6, 40: 5, 92: 1, 100: 2, 200: 12},
        # A short first window: the timeline reaches into the second and third.
        {10: 2, 92: 1, 150: 3, 250: 14},
    ],
    ids=["full-first-window", "short-first-window"],
)
# Both ways of reading the windows: along the end-date index probing the access rows (a big
# agency's), and through the access rows (a small one's).
@pytest.mark.parametrize("walk_from", [0, 10**9], ids=["walk", "access-rows"])
def test_each_window_lists_its_first_rows_and_counts_all(
    client, officer, kemendagri, layout, walk_from, monkeypatch
):
    monkeypatch.setattr(views, "WALK_FROM", walk_from)
    partner = ForeignOrganizationFactory()
    for offset, n in layout.items():
        for _ in range(n):
            agreement(kemendagri, ON + timedelta(days=offset), partner)
    # Not listed: ended, past the 12 months, a draft, another agency's.
    agreement(kemendagri, ON - timedelta(days=1), partner)
    agreement(kemendagri, add_months(ON, 12) + timedelta(days=1), partner)
    agreement(kemendagri, ON + timedelta(days=30), partner, status=Agreement.Status.DRAFT)
    AgreementFactory(active=True, end_date=ON + timedelta(days=3))
    # Its own too: Kemendagri a party to another agency's agreement.
    AgreementFactory(
        active=True,
        government_parties=[kemendagri],
        foreign_parties=[partner],
        start_date=date(2024, 1, 1),
        end_date=ON + timedelta(days=5),
    )
    windows, timeline = expected_windows(officer)
    assert timeline[0] != timeline[-1]
    assert add_months(ON, 3) == ON + timedelta(days=92)  # the boundary day above
    client.force_login(officer)
    with freeze_today(ON):
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    got = [
        (w["months"], [a.pk for a in w["agreements"]], w["count"])
        for w in response.context["windows"]
    ]
    assert got == windows
    assert sum(count for _months, _rows, count in windows) > 15
    bars = response.context["timeline"].bars
    assert [bar.url for bar in bars] == [reverse("agreements:detail", args=[pk]) for pk in timeline]
    assert len(bars) == 15
