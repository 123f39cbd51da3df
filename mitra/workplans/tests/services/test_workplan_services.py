"""Services: containment (nothing written on error), the transition matrix, N5, permissions."""

from datetime import date
from decimal import Decimal

import pytest
from django_fsm import can_proceed

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.permits.models import Permit
from mitra.workplans import services
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan

from ..conftest import make_rkt, notify, rkt_input

pytestmark = pytest.mark.django_db
K = RegionalNotification.Recipient.KEMENDAGRI
R = RegionalNotification.Recipient.REGIONAL_GOVERNMENT


def counts():
    return (
        WorkPlan.objects.count(),
        Activity.objects.count(),
        RegionalNotification.objects.count(),
        AuditEvent.objects.count(),
    )


# --- containment ----------------------------------------------------------------------------


def test_an_rkt_inside_its_rik_is_created_with_its_region_and_audited(cast):
    rkt = services.workplan_create(data=rkt_input(cast), actor=cast.users["ford"])
    assert rkt.status == "draft"
    assert (rkt.year, rkt.province, rkt.regional_government) == (2025, cast.jateng, cast.pemprov)
    event = AuditEvent.objects.get(event="workplan.created", target_id=rkt.pk)
    assert event.data["new"]["title"] == "RKT 2025 Jawa Tengah"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            date(2027, 1, 1),
            date(2027, 12, 31),
            "The RKT ends on 2027-12-31, after the RIK ends (2027-04-03).",
        ),
        (
            date(2024, 1, 1),
            date(2024, 12, 31),
            "The RKT starts on 2024-01-01, before the RIK starts (2024-04-04).",
        ),
        (
            date(2025, 6, 1),
            date(2026, 5, 31),
            "An RKT covers one calendar year: 2025-06-01 and 2026-05-31 are in different years.",
        ),
    ],
)
def test_an_rkt_outside_its_frame_is_refused_and_nothing_is_written(cast, start, end, expected):
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(
            data=rkt_input(cast, start_date=start, end_date=end), actor=cast.users["officer"]
        )
    assert expected in error.value.extra["period"]
    assert counts() == before


def test_an_rik_outside_the_agreement_is_refused(cast):
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(
            data=services.WorkPlanInput(
                kind="rik",
                agreement=cast.msp,
                title="Second RIK",
                start_date=date(2024, 1, 1),
                end_date=date(2027, 4, 3),
            ),
            actor=cast.users["operator"],
        )
    assert "This agreement already has an RIK." in error.value.extra["kind"]
    assert (
        "The RIK starts on 2024-01-01, before the agreement starts (2024-04-04)."
        in error.value.extra["period"]
    )


def test_one_rkt_per_agreement_year_and_region(cast):
    make_rkt(cast, status="draft")
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(data=rkt_input(cast, title="Again"), actor=cast.users["operator"])
    assert "There is already an RKT for Jawa Tengah in 2025" in error.value.extra["period"][0]
    assert counts() == before
    # Another region the same year is fine: Kota Semarang on its own.
    services.workplan_create(
        data=rkt_input(cast, title="Semarang", regency=cast.semarang), actor=cast.users["operator"]
    )


def test_the_izin_prinsip_bounds_work_plans(cast):
    # Ford's izin prinsip (the cast's IP-2024-0007), shortened: the RKT 2025 outlasts it.
    Permit.objects.filter(organization=cast.ford).update(valid_until=date(2025, 6, 30))
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"])
    assert (
        "The RKT ends on 2025-12-31, after the izin prinsip IP-2024-0007 of Ford Foundation "
        "ends (2025-06-30)." in error.value.extra["period"]
    )
    assert counts() == before


def test_without_an_izin_prinsip_an_rkt_is_refused_unless_in_warn_mode(cast, settings):
    Permit.objects.filter(organization=cast.ford).delete()
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"])
    assert (
        "Ford Foundation holds no izin prinsip valid on 2025-01-01 (domain rule N4)."
        in error.value.extra["period"]
    )
    # Migrating legacy records: the agreement is on the violations list instead.
    settings.MITRA = {**settings.MITRA, "IZIN_PRINSIP_COVER": "warn"}
    assert services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"]).pk


def test_an_rkt_outside_the_msp_regions_is_refused(cast):
    cast.msp.provinces.set([cast.diy])  # the MSP covers DI Yogyakarta only
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"])
    assert error.value.extra["province"] == [
        "The RKT lies in Jawa Tengah, outside the agreement (DI Yogyakarta)."
    ]
    assert counts() == before
    cast.msp.regencies.set([cast.semarang])  # and Kota Semarang: an RKT for Semarang fits
    data = rkt_input(cast, title="Semarang", regency=cast.semarang)
    assert services.workplan_create(data=data, actor=cast.users["operator"]).pk


# --- who may draft and move -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["jateng", "jateng_viewer"])
def test_others_may_not_draft(cast, who, other_officer, viewer):
    before = counts()
    for actor in (cast.users[who], other_officer, viewer):
        with pytest.raises(ApplicationError):
            services.workplan_create(data=rkt_input(cast), actor=actor)
    assert counts() == before


# (transition, from status) → allowed; everything else is refused by the FSM.
MATRIX = {
    "approve": {"draft"},
    "return_to_draft": {"approved"},
    "sign": {"approved"},
    "activate": {"signed"},
    "report": {"active"},
    "close": {"reported"},
}


@pytest.mark.parametrize("status", [s for s, _ in WorkPlan.Status.choices])
@pytest.mark.parametrize("transition", list(MATRIX))
def test_transition_matrix(transition, status):
    work_plan = WorkPlan(status=status)
    assert can_proceed(getattr(work_plan, transition)) == (status in MATRIX[transition])


def test_the_rkt_flow_and_who_moves_it(cast):
    rkt = make_rkt(cast, status="draft")
    users = cast.users
    # The partner ministry approves, not the organization or the regional government.
    for actor in (users["ford"], users["jateng"]):
        with pytest.raises(ApplicationError):
            services.workplan_transition(work_plan_id=rkt.pk, transition="approve", actor=actor)
    services.workplan_transition(work_plan_id=rkt.pk, transition="approve", actor=users["officer"])
    # The regional government signs an RKT (not the ministry).
    with pytest.raises(ApplicationError):
        services.workplan_transition(work_plan_id=rkt.pk, transition="sign", actor=users["officer"])
    rkt = services.workplan_transition(
        work_plan_id=rkt.pk, transition="sign", actor=users["jateng"], on=date(2025, 2, 20)
    )
    assert rkt.signed_on == date(2025, 2, 20)
    services.workplan_transition(work_plan_id=rkt.pk, transition="activate", actor=users["jateng"])
    services.workplan_transition(work_plan_id=rkt.pk, transition="report", actor=users["ford"])
    with pytest.raises(ApplicationError):
        services.workplan_transition(work_plan_id=rkt.pk, transition="close", actor=users["ford"])
    rkt = services.workplan_transition(
        work_plan_id=rkt.pk, transition="close", actor=users["officer"]
    )
    assert rkt.status == "closed"
    events = list(
        AuditEvent.objects.filter(target_id=rkt.pk, event__startswith="workplan.")
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == [
        "workplan.created",
        "workplan.approved",
        "workplan.signed",
        "workplan.activated",
        "workplan.reported",
        "workplan.closed",
    ]


def test_an_rkt_is_approved_only_after_its_rik_is_signed(cast, operator):
    rik = WorkPlan.objects.get(pk=cast.rik.pk)
    rkt = make_rkt(cast, status="draft")
    WorkPlan.objects.filter(pk=rik.pk).update(status="approved")  # test setup only
    with pytest.raises(ApplicationError, match="after its RIK is signed"):
        services.workplan_transition(work_plan_id=rkt.pk, transition="approve", actor=operator)
    assert WorkPlan.objects.get(pk=rkt.pk).status == "draft"


def test_a_draft_only_is_edited_and_a_rik_cannot_shrink_below_its_rkts(cast, operator):
    rkt = make_rkt(cast, status="approved")
    with pytest.raises(ApplicationError, match="Only a draft"):
        services.workplan_update(work_plan_id=rkt.pk, data=rkt_input(cast), actor=operator)
    rik = WorkPlan.objects.get(pk=cast.rik.pk)
    WorkPlan.objects.filter(pk=rik.pk).update(status="draft")
    with pytest.raises(ApplicationError) as error:
        services.workplan_update(
            work_plan_id=rik.pk,
            data=services.WorkPlanInput(
                kind="rik",
                agreement=cast.msp,
                title="RIK",
                start_date=date(2025, 6, 1),
                end_date=date(2027, 4, 3),
            ),
            actor=operator,
        )
    assert any("before the RIK starts" in m for m in error.value.extra["period"])


# --- activities and rule N5 -------------------------------------------------------------------


def activity_input(cast, **overrides):
    values = {
        "title": "Sekolah anggaran Kota Semarang",
        "start_date": date(2025, 3, 1),
        "end_date": date(2025, 6, 30),
        "regencies": [cast.semarang],
        "planned_beneficiaries": {"female": {"adult": 30, "youth": 10}, "male": {"adult": 25}},
        "local_partners": [{"name": "Yayasan Pattiro", "type": "yayasan"}],
        "currency": "idr",
        "planned_budget": Decimal("1000000"),
    }
    values.update(overrides)
    return services.ActivityInput(**values)


def test_an_activity_is_planned_with_its_province_totals_and_audit(cast):
    rkt = make_rkt(cast, status="draft")
    activity = services.activity_create(
        work_plan_id=rkt.pk, data=activity_input(cast), actor=cast.users["ford"]
    )
    assert list(activity.provinces.all()) == [cast.jateng]
    assert (activity.planned_total, activity.planned_female) == (65, 40)
    assert activity.planned_beneficiaries["female"] == {
        "child": 0,
        "youth": 10,
        "adult": 30,
        "elderly": 0,
    }
    assert activity.currency == "IDR"
    assert AuditEvent.objects.filter(event="activity.created", target_id=activity.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": date(2026, 1, 31)}, "period", "The activity ends on 2026-01-31"),
        ({"currency": "XYZ"}, "currency", "XYZ is not an ISO 4217 currency code."),
        ({"planned_beneficiaries": {"other": {}}}, "planned_beneficiaries", "by sex"),
        (
            {"planned_beneficiaries": {"male": {"adult": -1}}},
            "planned_beneficiaries",
            "whole numbers",
        ),
        ({"regencies": []}, "provinces", "at least one province"),
        ({"local_partners": [{"type": "yayasan"}]}, "local_partners", "needs a name"),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_written(cast, overrides, field, message):
    rkt = make_rkt(cast, status="draft")
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.activity_create(
            work_plan_id=rkt.pk, data=activity_input(cast, **overrides), actor=cast.users["ford"]
        )
    assert any(message in m for m in error.value.extra[field]), error.value.extra
    assert counts() == before


def test_an_activity_outside_the_rkt_region_is_refused(cast):
    rkt = make_rkt(cast, status="draft")
    with pytest.raises(ApplicationError) as error:
        services.activity_create(
            work_plan_id=rkt.pk,
            data=activity_input(cast, regencies=[], provinces=[cast.diy]),
            actor=cast.users["ford"],
        )
    assert error.value.extra["provinces"] == [
        "The activity lies in DI Yogyakarta, outside the RKT (Jawa Tengah)."
    ]


def test_an_activity_of_a_city_rkt_stays_in_the_city(cast):
    rkt = make_rkt(cast, status="draft", title="Semarang", regency=cast.semarang)
    with pytest.raises(ApplicationError) as error:
        services.activity_create(
            work_plan_id=rkt.pk,
            data=activity_input(cast, regencies=[], provinces=[cast.jateng]),
            actor=cast.users["ford"],
        )
    assert error.value.extra["provinces"] == [
        "The activity lies in Jawa Tengah, outside the RKT (Kota Semarang)."
    ]
    assert services.activity_create(
        work_plan_id=rkt.pk, data=activity_input(cast), actor=cast.users["ford"]
    ).pk


def test_an_activity_of_the_rik_stays_in_the_msp_regions(cast):
    from mitra.workplans import validation

    cast.msp.provinces.set([cast.jateng])
    check = validation.Check()
    validation.check_locations(check, work_plan=cast.rik, provinces=[cast.diy], regencies=[])
    assert check.errors["provinces"] == [
        "The activity lies in DI Yogyakarta, outside the agreement (Jawa Tengah)."
    ]
    check = validation.Check()
    validation.check_locations(check, work_plan=cast.rik, provinces=[], regencies=[cast.semarang])
    assert check.errors == {}


def planned_activity(cast):
    rkt = make_rkt(cast, status="draft")
    activity = services.activity_create(
        work_plan_id=rkt.pk, data=activity_input(cast), actor=cast.users["ford"]
    )
    for move in ("approve", "sign", "activate"):
        services.workplan_transition(
            work_plan_id=rkt.pk, transition=move, actor=cast.users["operator"]
        )
    return rkt, activity


def test_n5_an_activity_starts_only_after_kemendagri_and_the_region_were_notified(cast):
    rkt, activity = planned_activity(cast)
    ford = cast.users["ford"]
    start = date(2025, 3, 3)

    def try_start():
        return services.activity_transition(
            activity_id=activity.pk, transition="start", actor=ford, on=start
        )

    before = counts()
    with pytest.raises(ApplicationError) as error:
        try_start()
    problems = error.value.extra["notifications"]
    assert any("notification of Kemendagri" in p for p in problems)
    assert any("Pemerintah Kota Semarang" in p for p in problems)
    assert counts() == before
    assert Activity.objects.get(pk=activity.pk).status == "planned"

    notify(cast, rkt, K)  # Kemendagri, whole province
    with pytest.raises(ApplicationError) as error:
        try_start()
    assert error.value.extra["notifications"] == [
        "The activity cannot start in Kota Semarang, Jawa Tengah: record the notification of "
        "Pemerintah Kota Semarang (Pemkot Semarang) first (domain rule N5)."
    ]
    # A notification dated after the start does not count.
    notify(cast, rkt, R, regency=cast.semarang, notified_on=date(2025, 3, 10), reference="late")
    with pytest.raises(ApplicationError):
        try_start()
    notify(cast, rkt, R, notified_on=date(2025, 2, 1), reference="pemprov")  # the whole province
    activity = try_start()
    assert (activity.status, activity.actual_start) == ("started", start)
    assert AuditEvent.objects.filter(event="activity.started", target_id=activity.pk).exists()


def test_actuals_need_a_started_activity_and_are_audited(cast):
    rkt, activity = planned_activity(cast)
    ford = cast.users["ford"]
    with pytest.raises(ApplicationError, match="once the activity has started"):
        services.activity_record_actuals(
            activity_id=activity.pk, actual_beneficiaries={}, realised_budget=None, actor=ford
        )
    notify(cast, rkt, K)
    notify(cast, rkt, R, reference="pemprov")
    services.activity_transition(
        activity_id=activity.pk, transition="start", actor=ford, on=date(2025, 3, 3)
    )
    activity = services.activity_record_actuals(
        activity_id=activity.pk,
        actual_beneficiaries={"female": {"adult": 40}, "male": {"adult": 20, "elderly": 2}},
        realised_budget=Decimal("900000"),
        actor=ford,
    )
    assert (activity.actual_total, activity.actual_female) == (62, 40)
    assert activity.realised_budget == Decimal("900000")
    assert AuditEvent.objects.filter(event="activity.actuals_recorded").count() == 1


def test_notifications_name_the_right_body_and_region(cast):
    rkt = make_rkt(cast, status="active")
    kemendagri = notify(cast, rkt, K)
    assert kemendagri.notified_body == cast.kemendagri
    pemkot = notify(cast, rkt, R, regency=cast.semarang, reference="pemkot")
    assert pemkot.notified_body == cast.pemkot
    before = counts()
    with pytest.raises(ApplicationError) as error:
        notify(cast, rkt, R, province=cast.diy, reference="diy")
    assert "The RKT covers Jawa Tengah only." in error.value.extra["province"]
    with pytest.raises(ApplicationError) as error:
        notify(cast, rkt, K, notified_on=date(2099, 1, 1), reference="future")
    assert counts() == before
