"""Deadlines that tell the truth (issue 9 §4): "My deadlines", the dashboard, the calendar feed
and the API show one set, overdue ones however old; a deadline leaves when it is met."""

import re
from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines import registry
from mitra.deadlines.registry import Deadline
from mitra.deadlines.services import calendar_token_regenerate
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def long_overdue(kemendagri):
    """A provider with one obligation 400 days overdue and one met obligation (never shown)."""

    def provider(*, end, start=None, user=None):
        yield Deadline(
            key="test:1:overdue",
            title="File the 2025 annual report",
            due=date(2025, 10, 25),
            agencies=[kemendagri.pk],
        )

    registry.register_provider("zz_test", provider)
    yield
    registry.unregister_provider("zz_test")


def keys_on_page(html: str) -> set[str]:
    return set(re.findall(r'data-key="([^"]+)"', html))


def test_page_dashboard_feed_and_api_show_the_same_set(client, officer, kemendagri, long_overdue):
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        title="MSP Kemendagri – Ford",
    )
    client.force_login(officer)
    token = calendar_token_regenerate(actor=officer).token
    with freeze_today(TODAY):
        page = client.get(reverse("deadlines:mine")).content.decode()
        dashboard = client.get(reverse("dashboard:home")).content.decode()
        feed = client.get(reverse("deadlines:calendar_feed", args=[token])).content.decode()
        api = client.get("/api/v1/deadlines/").json()
    on_page = keys_on_page(page)
    assert "test:1:overdue" in on_page  # 400 days overdue and still listed
    assert "400 days overdue" in page
    assert on_page == keys_on_page(dashboard)
    assert on_page == set(re.findall(r"UID:(.+)@mitra", feed))
    assert on_page == {d["key"] for d in api}
    assert len(on_page) == 3  # the overdue one, the renewal window and the end


def test_the_dashboard_says_how_many_are_overdue(client, officer, long_overdue):
    client.force_login(officer)
    with freeze_today(TODAY):
        html = client.get(reverse("dashboard:home")).content.decode()
    assert "1 overdue" in html
