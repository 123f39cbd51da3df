"""The public processing-time statistics say what they count, and a case type and stage with
fewer than MITRA["STATISTICS_MIN_CASES"] finished cases shows "not enough cases yet"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits import selectors
from mitra.permits.models import Application, StageVisit

pytestmark = pytest.mark.django_db
S = Application.Status


def visit(application: Application, stage: str, days: float) -> None:
    entered = timezone.now() - timedelta(days=400)
    StageVisit.objects.create(
        application=application, stage=stage, kind=application.kind, track=application.track,
        entered_at=entered, left_at=entered + timedelta(days=days),
        duration=timedelta(days=days),
    )  # fmt: skip


@pytest.fixture
def application():
    return Application.objects.create(
        reference="TPOA-2026-0500",
        organization=ForeignOrganizationFactory(),
        track="tpoa",
        status=S.APPROVED,
    )


def test_few_cases_show_not_enough_instead_of_numbers(client, application):
    for days in (3, 4, 5, 6, 7):
        visit(application, S.REVIEW, days)
    visit(application, S.VERIFICATION, 0.0)  # one case of 0 days: no "0.0" row
    rows = {r["stage"]: r for r in selectors.public_processing_statistics()}
    assert rows["Inter-agency review"]["enough"] is True
    assert rows["Inter-agency review"]["median"] == 5.0
    assert rows["Document verification"] == {
        "kind": "New izin prinsip", "track": "TPOA izin prinsip",
        "stage": "Document verification", "count": 1, "median": None, "p90": None,
        "enough": False,
    }  # fmt: skip
    body = client.get(reverse("permits:public_statistics")).content.decode()
    assert "What is counted: the calendar days an application spent in each stage" in body
    assert "fewer than 5 finished cases" in body
    assert body.count("not-enough-cases") == 1
    assert ">not enough cases yet<" in body
    assert '<td class="text-end">5.0</td>' in body
    assert '<td class="text-end">0.0</td>' not in body


def test_threshold_is_a_setting(client, application, settings):
    for days in (3, 4):
        visit(application, S.REVIEW, days)
    settings.MITRA = {**settings.MITRA, "STATISTICS_MIN_CASES": 2}
    (row,) = selectors.public_processing_statistics()
    assert (row["enough"], row["median"]) == (True, 3.5)
    settings.MITRA = {**settings.MITRA, "STATISTICS_MIN_CASES": 3}
    (row,) = selectors.public_processing_statistics()
    assert (row["enough"], row["median"], row["p90"]) == (False, None, None)
