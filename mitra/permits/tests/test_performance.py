"""The licensing pages `make bench` measures at national scale (issue 13 §7): their number of
queries does not grow with the data, and the processing-time statistics read from the stage
visits' copied case type and duration give the same figures as computing them from every
visit."""

import statistics
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits import selectors, services
from mitra.permits.models import AgencyReview, Application, StageVisit

S = Application.Status
pytestmark = pytest.mark.django_db


def _applications(agencies: dict[str, Any], count: int, start: int) -> None:
    """`count` TPOA applications in review (each with an open review per member agency) and as
    many in verification, written directly: the pages read rows, not how they were made."""
    now = timezone.now()
    for i in range(start, start + count):
        for status in (S.REVIEW, S.VERIFICATION):
            org = ForeignOrganizationFactory(legal_name=f"Bench Foundation {status} {i}")
            application = Application.objects.create(
                reference=f"TPOA-2026-{i:04d}{'R' if status == S.REVIEW else 'V'}",
                organization=org,
                track="tpoa",
                status=status,
                submitted_on=date(2026, 1, 5),
                stage_since=now - timedelta(days=i),
            )
            if status == S.REVIEW:
                AgencyReview.objects.bulk_create(
                    AgencyReview(
                        application=application, agency=body, due_date=date(2026, 2, 1 + i % 20)
                    )
                    for body in agencies.values()
                )


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_reviewer_inbox_constant_queries(client: Any, agencies: Any, officers: Any) -> None:
    client.force_login(officers["kemensetneg"])
    _applications(agencies, 2, start=1)
    _queries(client, "/en/permits/reviews/")  # the session and caches settle
    few = _queries(client, "/en/permits/reviews/")
    _applications(agencies, 30, start=100)
    response = client.get("/en/permits/reviews/")
    assert len(response.context["page_obj"].object_list) == 25
    assert _queries(client, "/en/permits/reviews/") == few


def test_secretariat_queue_constant_queries(client: Any, agencies: Any, officers: Any) -> None:
    client.force_login(officers["kemlu"])
    _applications(agencies, 2, start=1)
    _queries(client, "/en/permits/applications/")
    few = _queries(client, "/en/permits/applications/")
    _applications(agencies, 30, start=100)
    response = client.get("/en/permits/applications/")
    rows = list(response.context["applications"])
    assert len(rows) == 25
    assert response.context["page_obj"].paginator.count == 64
    # Oldest stage first; each row's open reviews counted (seven members in review, none else).
    assert [a.stage_since for a in rows] == sorted(a.stage_since for a in rows)
    assert {a.open_reviews for a in rows if a.status == S.REVIEW} == {7}
    assert {a.open_reviews for a in rows if a.status == S.VERIFICATION} == {0}
    assert _queries(client, "/en/permits/applications/") == few


def test_queue_leaves_out_drafts_and_closed_applications(
    draft: Any, agencies: Any, officers: Any
) -> None:
    _applications(agencies, 1, start=1)
    for status in (S.APPROVED, S.REJECTED, S.WITHDRAWN):
        Application.objects.create(
            reference=f"TPOA-2025-{status[:4]}",
            organization=ForeignOrganizationFactory(legal_name=f"Closed {status}"),
            track="tpoa",
            status=status,
        )
    queue = selectors.secretariat_queue(viewer=officers["kemlu"])
    assert sorted(queue.values_list("status", flat=True)) == sorted([S.REVIEW, S.VERIFICATION])
    waiting = selectors.application_list(viewer=officers["kemlu"], opinions="waiting")
    complete = selectors.application_list(viewer=officers["kemlu"], opinions="complete")
    assert list(waiting.values_list("status", flat=True)) == [S.REVIEW]
    assert S.REVIEW not in set(complete.values_list("status", flat=True))


def _visit(application: Application, stage: str, days: float) -> None:
    entered = timezone.now() - timedelta(days=400)
    StageVisit.objects.create(
        application=application,
        stage=stage,
        kind=application.kind,
        track=application.track,
        entered_at=entered,
        left_at=entered + timedelta(days=days),
        duration=timedelta(days=days),
    )


def _reference(days: list[float]) -> tuple[float, float]:
    if len(days) == 1:
        return round(days[0], 1), round(days[0], 1)
    cuts = statistics.quantiles(days, n=10, method="inclusive")
    return round(statistics.median(days), 1), round(cuts[8], 1)


def test_processing_statistics_match_every_visit_and_take_two_queries(
    ngo: Any, django_assert_num_queries: Any
) -> None:
    application = Application.objects.create(
        reference="TPOA-2026-0100", organization=ngo, track="tpoa", status=S.APPROVED
    )
    review = [3.5, 10.0, 12.25, 40.0, 1.0, 7.75, 19.0]
    for days in review:
        _visit(application, S.REVIEW, days)
    _visit(application, S.VERIFICATION, 4.0)
    _visit(application, S.DRAFT, 30.0)  # drafting is the applicant's time: not counted
    with django_assert_num_queries(2):
        rows = selectors.processing_statistics()
    by_stage = {r["stage"]: r for r in rows}
    assert set(by_stage) == {"Document verification", "Inter-agency review"}
    median, p90 = _reference(review)
    assert by_stage["Inter-agency review"] == {
        "kind": "New izin prinsip",
        "track": "TPOA izin prinsip",
        "stage": "Inter-agency review",
        "count": 7,
        "median": median,
        "p90": p90,
    }
    assert (
        by_stage["Document verification"]["median"],
        by_stage["Document verification"]["p90"],
    ) == (
        4.0,
        4.0,
    )
    # More visits, another case type: still two queries, and the figures still agree.
    other = Application.objects.create(
        reference="MLC-2026-0100",
        organization=ForeignOrganizationFactory(legal_name="Regional Forum"),
        track="multilateral_clearance",
        status=S.APPROVED,
    )
    more = [float(d) for d in range(2, 60, 3)]
    for days in more:
        _visit(other, S.DELIBERATION, days)
    with django_assert_num_queries(2):
        rows = selectors.processing_statistics()
    row = next(r for r in rows if r["track"] == "Multilateral working-group clearance")
    assert (row["count"], row["median"], row["p90"]) == (len(more), *_reference(more))


def test_processing_statistics_without_finished_visits(db: Any) -> None:
    assert selectors.processing_statistics() == []


def test_a_move_records_the_case_type_and_the_time_spent(
    draft: Any, rep: Any, secretariat: Any
) -> None:
    services.application_submit(application_id=draft.pk, actor=rep)
    services.application_open_verification(application_id=draft.pk, actor=secretariat)
    visits = list(StageVisit.objects.filter(application=draft).order_by("entered_at", "id"))
    assert [v.stage for v in visits] == [S.DRAFT, S.SUBMITTED, S.VERIFICATION]
    assert {(v.kind, v.track) for v in visits} == {("new", "tpoa")}
    for visit in visits[:-1]:
        assert visit.duration == visit.left_at - visit.entered_at
    assert visits[-1].left_at is None
    assert visits[-1].duration is None
