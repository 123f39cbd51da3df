"""The activity tally (per work plan and region) stays equal to the activities it counts,
whatever path changed them: services, factories, region changes, cancellation, the bulk
rebuild and the backfill migration. The expected rows are counted here in Python, apart from
the SQL that `mitra.workplans.tally` uses."""

import importlib
from collections import Counter
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans import services, tally
from mitra.workplans.models import Activity, ActivityTally, WorkPlan
from mitra.workplans.tally import rebuild_all_tallies, refresh_tally

from .conftest import make_rkt
from .factories import ActivityFactory, adults

pytestmark = pytest.mark.django_db


COLUMNS = (
    "activities", "planned_count", "started_count", "completed_count", "planned_beneficiaries",
    "actual_beneficiaries", "planned_female", "actual_female",
)  # fmt: skip


def stored() -> dict[tuple, tuple[int, ...]]:
    """(work plan, province, regency) → the row's columns."""
    return {
        (t.work_plan_id, t.province_id, t.regency_id): tuple(getattr(t, c) for c in COLUMNS)
        for t in ActivityTally.objects.all()
    }


def counted_in_python() -> dict[tuple, tuple[int, ...]]:
    sums: dict[tuple, Counter] = {}
    for activity in Activity.objects.prefetch_related("provinces", "regencies"):
        if activity.status == Activity.Status.CANCELLED:
            continue
        plan = activity.work_plan_id
        keys = [(plan, None, None)]
        keys += [(plan, p.pk, None) for p in activity.provinces.all()]
        keys += [(plan, r.province_id, r.pk) for r in activity.regencies.all()]
        for key in keys:
            sums.setdefault(key, Counter()).update(
                {
                    "activities": 1,
                    f"{activity.status}_count": 1,
                    "planned_beneficiaries": activity.planned_total,
                    "actual_beneficiaries": activity.actual_total,
                    "planned_female": activity.planned_female,
                    "actual_female": activity.actual_female,
                }
            )
    return {k: tuple(c[name] for name in COLUMNS) for k, c in sums.items()}


def plan_row(store: dict, work_plan: WorkPlan) -> tuple[int, ...]:
    return store[(work_plan.pk, None, None)]


def test_services_keep_the_tally(cast):
    rkt = make_rkt(cast, status="draft")
    ford = cast.users["ford"]
    data = services.ActivityInput(
        title="Sekolah anggaran",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 6, 30),
        regencies=[cast.semarang],
        planned_beneficiaries={"female": {"adult": 30}, "male": {"adult": 25}},
    )
    first = services.activity_create(work_plan_id=rkt.pk, data=data, actor=ford)
    second = services.activity_create(work_plan_id=rkt.pk, data=data, actor=ford)
    two_planned = (2, 2, 0, 0, 110, 0, 60, 0)
    assert stored() == {
        (rkt.pk, None, None): two_planned,
        (rkt.pk, cast.jateng.pk, None): two_planned,
        (rkt.pk, cast.jateng.pk, cast.semarang.pk): two_planned,
    }
    data.regencies, data.provinces = [], [cast.jateng]
    services.activity_update(activity_id=second.pk, data=data, actor=ford)
    assert stored()[(rkt.pk, cast.jateng.pk, cast.semarang.pk)] == (1, 1, 0, 0, 55, 0, 30, 0)
    for move in ("approve", "sign"):  # activities are cancelled once the plan is signed
        services.workplan_transition(
            work_plan_id=rkt.pk, transition=move, actor=cast.users["operator"]
        )
    services.activity_transition(activity_id=first.pk, transition="cancel", actor=ford)
    one_planned = (1, 1, 0, 0, 55, 0, 30, 0)
    assert stored() == {
        (rkt.pk, None, None): one_planned,
        (rkt.pk, cast.jateng.pk, None): one_planned,
    }
    assert stored() == counted_in_python()


def test_regions_added_and_removed_through_the_link_keep_the_tally(cast):
    activity = ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])
    activity.provinces.add(cast.diy)
    activity.regencies.add(cast.semarang)
    assert stored() == counted_in_python()
    assert len(stored()) == 4  # the plan, two provinces, one city
    activity.provinces.remove(cast.jateng)
    activity.regencies.clear()
    assert set(stored()) == {(cast.rik.pk, None, None), (cast.rik.pk, cast.diy.pk, None)}
    assert stored() == counted_in_python()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.booleans(),  # in the RIK or in a second plan
            st.sets(st.integers(0, 2), max_size=3),  # provinces
            st.sets(st.integers(0, 2), max_size=2),  # regencies (one per province)
            st.sampled_from(["planned", "started", "completed", "cancelled"]),
            st.integers(0, 50),
            st.integers(0, 50),
        ),
        max_size=8,
    )
)
def test_any_mix_of_activities_is_counted_right(cast, specs):
    Activity.objects.all().delete()  # the examples share the test's transaction
    ActivityTally.objects.all().delete()
    provinces = [cast.jateng, cast.diy, ProvinceFactory()]
    regencies = [cast.semarang, RegencyFactory(province=cast.diy), RegencyFactory()]
    rkt = WorkPlan.objects.filter(kind=WorkPlan.Kind.RKT).first() or make_rkt(cast, "draft")
    plans = [cast.rik, rkt]
    for in_rik, p, r, status, female, male in specs:
        ActivityFactory(
            work_plan=plans[0 if in_rik else 1],
            status=status,
            provinces=[provinces[i] for i in p],
            regencies=[regencies[i] for i in r],
            planned_beneficiaries=adults(female, male),
            actual_beneficiaries=adults(male, female),
        )
    assert stored() == counted_in_python()


def test_the_bulk_rebuild_and_a_refresh_agree_with_the_receivers(cast):
    for _ in range(3):
        ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng], regencies=[cast.semarang])
    ActivityFactory(work_plan=cast.rik, provinces=[cast.diy], status="cancelled")
    kept = stored()
    assert kept == counted_in_python()
    ActivityTally.objects.update(activities=99)  # stale rows
    refresh_tally([cast.rik.pk])
    assert stored() == kept
    ActivityTally.objects.all().delete()
    assert rebuild_all_tallies() == 3  # the plan, Jawa Tengah, Kota Semarang (DIY: cancelled)
    assert stored() == kept


def test_the_migrations_fill_what_the_services_would_have(cast):
    ActivityFactory(
        work_plan=cast.rik,
        provinces=[cast.jateng],
        regencies=[cast.semarang],
        planned_beneficiaries=adults(7, 3),
        actual_beneficiaries=adults(2, 2),
    )
    kept = stored()
    female_sums = importlib.import_module(
        "mitra.workplans.migrations.0002_activity_female_sums_and_dashboard_index"
    )
    tally = importlib.import_module("mitra.workplans.migrations.0003_activity_tally")
    Activity.objects.update(planned_female=0, actual_female=0)
    ActivityTally.objects.all().delete()
    female_sums.fill_female_sums(django_apps, None)
    tally.fill_tally(django_apps, None)
    assert list(Activity.objects.values_list("planned_female", "actual_female")) == [(7, 2)]
    assert stored() == kept


def test_each_viewer_reads_only_the_counts_of_plans_they_see(cast, other_officer):
    rkt = make_rkt(cast, status="draft")
    ActivityFactory(work_plan=cast.rik, provinces=[cast.diy])
    ActivityFactory(work_plan=rkt, provinces=[cast.jateng])

    def plans_seen(user):
        return set(ActivityTally.objects.visible_to(user).values_list("work_plan_id", flat=True))

    assert plans_seen(cast.users["officer"]) == {cast.rik.pk, rkt.pk}
    assert plans_seen(cast.users["operator"]) == {cast.rik.pk, rkt.pk}
    assert plans_seen(cast.users["jateng"]) == {rkt.pk}  # the RKT it signs, not the RIK
    assert plans_seen(other_officer) == set()
    assert plans_seen(AnonymousUser()) == set()


def test_a_deferred_block_refreshes_each_plan_once_at_its_end(cast, monkeypatch):
    refreshed: list[set[int]] = []
    real = tally.refresh_tally
    monkeypatch.setattr(tally, "refresh_tally", lambda ids: (refreshed.append(set(ids)), real(ids)))
    with tally.refreshes_deferred():
        with tally.refreshes_deferred():  # nested: the outer block refreshes
            ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])
        ActivityFactory(work_plan=cast.rik, provinces=[cast.diy], regencies=[cast.semarang])
        assert refreshed == []
    assert refreshed == [{cast.rik.pk}]
    assert stored() == counted_in_python()

    def fails_half_way() -> None:
        with tally.refreshes_deferred():
            ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])
            raise RuntimeError  # the transaction around would roll back: no refresh

    with pytest.raises(RuntimeError):
        fails_half_way()
    assert len(refreshed) == 1
    ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])  # outside: at once
    assert len(refreshed) > 1


def test_deleting_an_activity_takes_it_out_of_the_tally(cast):
    kept = ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])
    dropped = ActivityFactory(work_plan=cast.rik, provinces=[cast.diy])
    dropped.delete()
    assert stored() == counted_in_python()
    assert set(stored()) == {(cast.rik.pk, None, None), (cast.rik.pk, cast.jateng.pk, None)}
    assert kept.pk
