"""The agreements' roll-up of the activities (`AgreementActivityTally`, the compliance
dashboard's) stays equal to the activities, with those behind plan as of its day: after
services, factories and region changes, the daily job, the bulk rebuild and the backfill. The
expected rows are counted here in Python, apart from the SQL of `mitra.workplans.tally`."""

import importlib
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.regions.tests.factories import ProvinceFactory
from mitra.workplans import services, tally
from mitra.workplans.models import Activity, ActivityTallyDay, AgreementActivityTally, WorkPlan
from mitra.workplans.querysets import rollup_holds_visible_plans

from .conftest import make_rkt
from .factories import ActivityFactory, WorkPlanFactory, adults

pytestmark = pytest.mark.django_db
ON = date(2025, 6, 1)
COLUMNS = (
    "activities", "planned_count", "started_count", "completed_count", "planned_beneficiaries",
    "actual_beneficiaries", "planned_female", "actual_female", "behind",
)  # fmt: skip
OPEN = ("planned", "started")


def set_day(day: date) -> None:
    ActivityTallyDay.objects.update(day=day)


def stored() -> dict[tuple, tuple[int, ...]]:
    """(agreement, province) → the row's columns (rows that count nothing left out)."""
    return {
        (t.agreement_id, t.province_id): tuple(getattr(t, c) for c in COLUMNS)
        for t in AgreementActivityTally.objects.filter(activities__gt=0)
    }


def counted_in_python(on: date) -> dict[tuple, tuple[int, ...]]:
    sums: dict[tuple, Counter] = {}
    for activity in Activity.objects.select_related("work_plan").prefetch_related("provinces"):
        if activity.status == Activity.Status.CANCELLED:
            continue
        agreement = activity.work_plan.agreement_id
        keys = [(agreement, None)] + [(agreement, p.pk) for p in activity.provinces.all()]
        for key in keys:
            sums.setdefault(key, Counter()).update(
                {
                    "activities": 1,
                    f"{activity.status}_count": 1,
                    "planned_beneficiaries": activity.planned_total,
                    "actual_beneficiaries": activity.actual_total,
                    "planned_female": activity.planned_female,
                    "actual_female": activity.actual_female,
                    "behind": int(activity.status in OPEN and activity.end_date < on),
                }
            )
    return {k: tuple(c[name] for name in COLUMNS) for k, c in sums.items()}


def test_services_move_the_rollup(cast):
    set_day(ON)
    rkt = make_rkt(cast, status="draft")
    ford = cast.users["ford"]
    data = services.ActivityInput(
        title="Sekolah anggaran",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 5, 30),  # before ON: behind plan while open
        provinces=[cast.jateng],
        planned_beneficiaries={"female": {"adult": 30}, "male": {"adult": 25}},
    )
    first = services.activity_create(work_plan_id=rkt.pk, data=data, actor=ford)
    services.activity_create(work_plan_id=rkt.pk, data=data, actor=ford)
    two_behind = (2, 2, 0, 0, 110, 0, 60, 0, 2)
    msp = cast.msp.pk
    assert stored() == {(msp, None): two_behind, (msp, cast.jateng.pk): two_behind}
    data.end_date = date(2025, 6, 30)  # no longer behind
    services.activity_update(activity_id=first.pk, data=data, actor=ford)
    one_behind = (2, 2, 0, 0, 110, 0, 60, 0, 1)
    assert stored() == {(msp, None): one_behind, (msp, cast.jateng.pk): one_behind}
    for move in ("approve", "sign"):  # activities are cancelled once the plan is signed
        services.workplan_transition(
            work_plan_id=rkt.pk, transition=move, actor=cast.users["operator"]
        )
    services.activity_transition(activity_id=first.pk, transition="cancel", actor=ford)
    one = (1, 1, 0, 0, 55, 0, 30, 0, 1)
    assert stored() == {(msp, None): one, (msp, cast.jateng.pk): one}
    assert stored() == counted_in_python(ON)


def test_the_daily_job_moves_the_day_and_counts_behind_as_of_it(cast):
    set_day(ON)
    ActivityFactory(work_plan=cast.rik, status="started", end_date=ON, provinces=[cast.jateng])
    ActivityFactory(work_plan=cast.rik, status="completed", end_date=ON - timedelta(days=9))
    assert stored()[(cast.msp.pk, None)][-1] == 0  # due today: not behind yet
    tomorrow = ON + timedelta(days=1)
    with freeze_today(tomorrow):
        call_command("refresh_activity_tally", stdout=StringIO())
    assert tally.rollup_day() == tomorrow
    assert stored()[(cast.msp.pk, None)][-1] == 1
    assert stored()[(cast.msp.pk, cast.jateng.pk)][-1] == 1
    assert stored() == counted_in_python(tomorrow)
    # A refresh counts as of the roll-up's day, whatever the date.
    ActivityFactory(work_plan=cast.rik, status="planned", end_date=ON, provinces=[cast.diy])
    assert stored()[(cast.msp.pk, cast.diy.pk)][-1] == 1
    assert tally.activity_tally_new_day(ON) == 3  # back: the rows with open activities
    assert stored() == counted_in_python(ON)


def test_the_rebuild_and_the_backfill_give_what_the_refreshes_kept(cast):
    set_day(ON)
    other = WorkPlanFactory(agreement=AgreementFactory(active=True))
    ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng], planned_beneficiaries=adults(4, 1))
    ActivityFactory(work_plan=other, status="started", end_date=ON - timedelta(days=1))
    ActivityFactory(work_plan=other, status="cancelled", provinces=[cast.diy])
    kept = stored()
    assert kept == counted_in_python(ON)
    AgreementActivityTally.objects.update(behind=7)  # stale
    with freeze_today(ON):
        tally.rebuild_all_tallies()
    assert stored() == kept
    migration = importlib.import_module("mitra.workplans.migrations.0007_agreement_activity_tally")
    AgreementActivityTally.objects.all().delete()
    ActivityTallyDay.objects.all().delete()
    with freeze_today(ON):
        migration.fill_rollup(django_apps, None)
    assert stored() == kept
    assert tally.rollup_day() == ON


def test_a_refresh_of_one_plan_recounts_its_whole_agreement(cast):
    set_day(ON)
    rkt = make_rkt(cast, status="draft")
    ActivityFactory(work_plan=cast.rik, provinces=[cast.jateng])
    ActivityFactory(work_plan=rkt, provinces=[cast.jateng])
    AgreementActivityTally.objects.update(activities=0, planned_count=0)  # stale
    tally.refresh_tally([rkt.pk])
    assert stored() == counted_in_python(ON)
    assert stored()[(cast.msp.pk, None)][0] == 2


def test_the_rollup_answers_only_where_it_holds_every_plan_a_viewer_sees(cast):
    assert rollup_holds_visible_plans(cast.users["operator"])
    assert rollup_holds_visible_plans(cast.users["ford"])  # the agreements it is party to
    assert rollup_holds_visible_plans(AnonymousUser())  # sees nothing either way
    # Pemprov Jateng reads the RKTs it signs, not their agreements: the roll-up cannot say that.
    assert not rollup_holds_visible_plans(cast.users["jateng"])
    assert not rollup_holds_visible_plans(cast.users["officer"])


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # plan: the RIK, an RKT, another agreement's plan
            st.sets(st.integers(0, 2), max_size=3),  # provinces
            st.sampled_from(["planned", "started", "completed", "cancelled"]),
            st.integers(-2, 2),  # planned end around ON
            st.integers(0, 20),
            st.sampled_from(["add", "move", "day"]),
        ),
        max_size=10,
    )
)
def test_any_sequence_of_changes_keeps_the_rollup_the_count(cast, specs):
    Activity.objects.all().delete()  # the examples share the test's transaction
    set_day(ON)
    provinces = [cast.jateng, cast.diy, ProvinceFactory()]
    rkt = WorkPlan.objects.filter(kind=WorkPlan.Kind.RKT).first() or make_rkt(cast, "draft")
    elsewhere = WorkPlan.objects.exclude(agreement=cast.msp).first() or WorkPlanFactory(
        agreement=AgreementFactory(active=True)
    )
    plans, day = [cast.rik, rkt, elsewhere], ON
    for plan, where, status, shift, people, change in specs:
        chosen = [provinces[i] for i in where]
        existing = Activity.objects.filter(work_plan=plans[plan]).order_by("pk").first()
        if change == "day":
            day = ON + timedelta(days=shift)
            tally.activity_tally_new_day(day)
        elif change == "move" and existing is not None:  # its regions and beneficiaries
            existing.provinces.set(chosen)
            existing.set_planned_beneficiaries(adults(people, 1))
            existing.save()
        else:
            ActivityFactory(
                work_plan=plans[plan], status=status, provinces=chosen,
                start_date=date(2025, 1, 1), end_date=ON + timedelta(days=shift),
                planned_beneficiaries=adults(people, 2), actual_beneficiaries=adults(1, people),
            )  # fmt: skip
        assert stored() == counted_in_python(day)
