"""Scoping branches of WorkPlan/Activity.visible_to, the 404s, the list's constant queries,
and the dashboard aggregates (one GROUP BY each)."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.workplans import selectors
from mitra.workplans.models import Activity, WorkPlan

from .conftest import make_rkt
from .factories import ActivityFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(WorkPlan.objects.visible_to(user).values_list("title", flat=True))


def test_each_branch_of_visible_to(cast, viewer, other_officer):
    rkt = make_rkt(cast, status="draft")
    both = {cast.rik.title, rkt.title}
    assert visible(cast.users["operator"]) == both
    assert visible(cast.users["officer"]) == both  # owner agency (through its unit)
    assert visible(viewer) == both
    assert visible(cast.users["ford"]) == both  # the partner organization, drafts included
    assert visible(cast.users["jateng"]) == {rkt.title}  # the regional government: its RKT only
    assert visible(cast.users["jateng_viewer"]) == {rkt.title}
    assert visible(other_officer) == set()
    assert visible(UserFactory(org_representative=True)) == set()
    assert visible(UserFactory(officer=True, body=cast.pemprov_diy)) == set()
    assert set(Activity.objects.visible_to(other_officer)) == set()


def test_outside_the_scope_is_404(cast, other_officer):
    with pytest.raises(Http404):
        selectors.workplan_get_for_user(user=other_officer, pk=cast.rik.pk)
    with pytest.raises(Http404):
        selectors.workplan_get_for_user(user=cast.users["jateng"], pk=cast.rik.pk)


def test_the_list_page_keeps_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.users["officer"])
    url = reverse("workplans:list")
    years = iter(range(2000, 2100))

    def grow(n):
        for i in range(n):
            agreement = cast.msp
            wp = WorkPlanFactory(
                agreement=agreement,
                rkt=True,
                parent=cast.rik,
                province=cast.jateng,
                regional_government=cast.pemprov,
                title=f"RKT {i}",
                year=next(years),
            )
            ActivityFactory(work_plan=wp, provinces=[cast.jateng])

    grow(2)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_activities_by_region_and_against_plan_in_one_query_each(
    cast, other_officer, django_assert_num_queries
):
    rkt = make_rkt(cast, status="draft")
    ActivityFactory(
        work_plan=rkt, provinces=[cast.jateng], planned_total=10, planned_budget=Decimal("100")
    )
    ActivityFactory(
        work_plan=rkt,
        provinces=[cast.jateng],
        planned_total=5,
        actual_total=7,
        currency="USD",
        planned_budget=Decimal("20"),
        realised_budget=Decimal("18"),
        status="started",
    )
    ActivityFactory(work_plan=cast.rik, provinces=[cast.diy], planned_total=3)
    ActivityFactory(work_plan=cast.rik, provinces=[cast.diy], status="cancelled")
    officer = cast.users["officer"]
    with django_assert_num_queries(1):
        regions = selectors.activities_by_region(viewer=officer)
    assert regions["33"]["count"] == 2
    assert regions["33"]["planned_beneficiaries"] == 15
    assert regions["33"]["actual_beneficiaries"] == 7
    assert regions["33"]["budget"]["USD"] == {"planned": Decimal("20"), "realised": Decimal("18")}
    assert regions["34"]["count"] == 1
    with django_assert_num_queries(1):
        plan = selectors.activities_against_plan(viewer=officer)
    row = plan[cast.msp.pk]
    assert (row["total"], row["planned"], row["started"], row["cancelled"]) == (4, 2, 1, 1)
    assert row["planned_beneficiaries"] == 18
    assert selectors.activities_by_region(viewer=other_officer) == {}
    assert selectors.activities_against_plan(viewer=other_officer) == {}
    assert selectors.activities_by_region(viewer=officer, year=2099) == {}


def test_the_plan_page_reads_well_money_grouped_and_rik_in_capitals(client, cast):
    rkt = make_rkt(cast, status="draft")
    ActivityFactory(
        work_plan=rkt,
        provinces=[cast.jateng],
        planned_budget=Decimal("850000000"),
        realised_budget=Decimal("43120.50"),
    )
    client.force_login(cast.users["officer"])
    html = client.get(reverse("workplans:detail", args=[rkt.pk])).content.decode()
    assert "IDR850,000,000 / IDR43,120.50<" in html  # mitra_format.money, English grouping
    assert "The RIK 2024-04-04" in html  # the timeline's bar for the RIK ("The rik" before)
