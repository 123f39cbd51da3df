"""Demo work plans for the Ford Foundation MSP 2024–2027 (called from the demo loader).

- the RIK 2024–2027 (signed, active);
- RKT 2025 Jawa Tengah: Kemendagri and Pemprov Jawa Tengah notified; activities in Kota
  Semarang and Kabupaten Wonosobo completed with actuals; reported and closed;
- RKT 2026 Jawa Tengah: notified; an activity in Kota Semarang under way, one in Kabupaten
  Banyumas planned;
- RKT 2026 DI Yogyakarta: only Kemendagri notified so far, so its Kota Yogyakarta activity
  waits for the notification of Pemprov DIY (domain rule N5).

Idempotent: records are found by stable titles and references; every write goes through the
services, and only moves that have not happened yet are made.
"""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mitra.core.dates import today
from mitra.organizations.models import Sector
from mitra.regions.models import Province, Regency

from . import services
from .models import Activity, RegionalNotification, WorkPlan

if TYPE_CHECKING:
    from mitra.accounts.models import User

ORDER = ["draft", "approved", "signed", "active", "reported", "closed"]
MOVES = {
    "approved": "approve",
    "signed": "sign",
    "active": "activate",
    "reported": "report",
    "closed": "close",
}


def _counts(female: list[int], male: list[int]) -> dict[str, dict[str, int]]:
    groups = ["child", "youth", "adult", "elderly"]
    return {
        "female": dict(zip(groups, female, strict=True)),
        "male": dict(zip(groups, male, strict=True)),
    }


def _advance(work_plan: WorkPlan, target: str, actor: "User", dates: dict[str, date]) -> WorkPlan:
    while ORDER.index(work_plan.status) < ORDER.index(target):
        nxt = ORDER[ORDER.index(work_plan.status) + 1]
        on = dates.get(nxt)
        if on is not None and on > today():
            break
        work_plan = services.workplan_transition(
            work_plan_id=work_plan.pk, transition=MOVES[nxt], actor=actor, on=on
        )
    return work_plan


def _plan(actor: "User", data: services.WorkPlanInput) -> WorkPlan:
    existing = WorkPlan.objects.filter(agreement=data.agreement, title=data.title).first()
    return existing or services.workplan_create(data=data, actor=actor)


def _notify(actor: "User", work_plan: WorkPlan, recipient: str, province: Any, on: date, ref: str):
    if on > today() or RegionalNotification.objects.filter(reference=ref).exists():
        return
    services.notification_record(
        work_plan_id=work_plan.pk,
        data=services.NotificationInput(
            recipient=recipient, province=province, notified_on=on, reference=ref
        ),
        actor=actor,
    )


def _activity(actor: "User", work_plan: WorkPlan, data: services.ActivityInput) -> Activity:
    activity = Activity.objects.filter(work_plan=work_plan, title=data.title).first()
    if activity is None:
        activity = services.activity_create(work_plan_id=work_plan.pk, data=data, actor=actor)
    return activity


def _implement(
    actor: "User",
    activity: Activity,
    *,
    started: date | None,
    completed: date | None = None,
    actual: dict[str, dict[str, int]] | None = None,
    realised: Decimal | None = None,
) -> None:
    activity.refresh_from_db()
    if started and started <= today() and activity.status == Activity.Status.PLANNED:
        services.activity_transition(
            activity_id=activity.pk, transition="start", actor=actor, on=started
        )
        if actual is not None:
            services.activity_record_actuals(
                activity_id=activity.pk,
                actual_beneficiaries=actual,
                realised_budget=realised,
                actor=actor,
            )
    activity.refresh_from_db()
    if completed and completed <= today() and activity.status == Activity.Status.STARTED:
        services.activity_transition(
            activity_id=activity.pk, transition="complete", actor=actor, on=completed
        )


def load_workplans(actor: "User", ford_msp: Any) -> dict[str, WorkPlan]:
    """The work plans of the Ford Foundation MSP 2024–2027 (see the module docstring)."""
    jateng = Province.objects.filter(code="33").first()
    diy = Province.objects.filter(code="34").first()
    regencies = {r.code: r for r in Regency.objects.filter(code__in=REGENCY_CODES)}
    if ford_msp is None or jateng is None or diy is None or len(regencies) < len(REGENCY_CODES):
        return {}  # reference data not loaded (`manage.py load_reference`)
    governance = Sector.objects.filter(code="governance").first()
    K, R = (
        RegionalNotification.Recipient.KEMENDAGRI,
        RegionalNotification.Recipient.REGIONAL_GOVERNMENT,
    )

    rik = _plan(
        actor,
        services.WorkPlanInput(
            kind=WorkPlan.Kind.RIK,
            agreement=ford_msp,
            title="RIK Kemendagri – Ford Foundation 2024–2027",
            start_date=ford_msp.start_date,
            end_date=ford_msp.end_date,
            objectives="Inclusive governance, participatory budgeting and civic space in the "
            "regions, with local partners approved at the orientation meetings.",
        ),
    )
    rik = _advance(
        rik, "active", actor, {"approved": date(2024, 5, 20), "signed": date(2024, 6, 3)}
    )

    def rkt(year: int, province: Any, title: str) -> WorkPlan:
        return _plan(
            actor,
            services.WorkPlanInput(
                kind=WorkPlan.Kind.RKT,
                agreement=ford_msp,
                parent=rik,
                title=title,
                province=province,
                start_date=date(year, 1, 1),
                end_date=date(year, 12, 31),
                objectives=f"Annual work plan {year}.",
            ),
        )

    # --- RKT 2025 Jawa Tengah: done and closed ---------------------------------------------
    rkt_2025 = rkt(2025, jateng, "RKT 2025 Jawa Tengah – Ford Foundation")
    semarang_2025 = _activity(
        actor,
        rkt_2025,
        services.ActivityInput(
            title="Sekolah anggaran partisipatif Kota Semarang",
            sector=governance,
            start_date=date(2025, 3, 10),
            end_date=date(2025, 6, 30),
            regencies=[regencies["33.74"]],
            local_partners=[
                {"name": "Yayasan Pattiro Semarang", "type": "yayasan", "registration": "AHU-0012"}
            ],
            planned_beneficiaries=_counts([0, 60, 90, 10], [0, 50, 80, 10]),
            currency="IDR",
            planned_budget=Decimal("850000000"),
        ),
    )
    wonosobo_2025 = _activity(
        actor,
        rkt_2025,
        services.ActivityInput(
            title="Forum warga inklusif Kabupaten Wonosobo",
            sector=governance,
            start_date=date(2025, 7, 1),
            end_date=date(2025, 11, 30),
            regencies=[regencies["33.07"]],
            local_partners=[{"name": "Perkumpulan Inisiatif", "type": "perkumpulan"}],
            planned_beneficiaries=_counts([20, 40, 60, 20], [20, 40, 60, 20]),
            currency="USD",
            planned_budget=Decimal("45000"),
        ),
    )
    rkt_2025 = _advance(
        rkt_2025, "active", actor, {"approved": date(2025, 2, 3), "signed": date(2025, 2, 20)}
    )
    _notify(actor, rkt_2025, K, jateng, date(2025, 2, 24), "DEMO/FORD/2025/KEMENDAGRI-33")
    _notify(actor, rkt_2025, R, jateng, date(2025, 2, 24), "DEMO/FORD/2025/PEMPROV-33")
    _implement(
        actor,
        semarang_2025,
        started=date(2025, 3, 10),
        completed=date(2025, 6, 28),
        actual=_counts([0, 71, 95, 8], [0, 44, 83, 12]),
        realised=Decimal("812500000"),
    )
    _implement(
        actor,
        wonosobo_2025,
        started=date(2025, 7, 3),
        completed=date(2025, 11, 27),
        actual=_counts([18, 35, 66, 21], [15, 38, 52, 17]),
        realised=Decimal("43120.50"),
    )
    rkt_2025 = _advance(rkt_2025, "closed", actor, {"reported": date(2026, 1, 20)})

    # --- RKT 2026 Jawa Tengah: under way -----------------------------------------------------
    rkt_2026 = rkt(2026, jateng, "RKT 2026 Jawa Tengah – Ford Foundation")
    semarang_2026 = _activity(
        actor,
        rkt_2026,
        services.ActivityInput(
            title="Pendampingan musrenbang inklusif Kota Semarang",
            sector=governance,
            start_date=date(2026, 3, 2),
            end_date=date(2026, 12, 15),
            regencies=[regencies["33.74"]],
            local_partners=[
                {"name": "Yayasan Pattiro Semarang", "type": "yayasan", "registration": "AHU-0012"}
            ],
            planned_beneficiaries=_counts([0, 80, 120, 20], [0, 70, 110, 20]),
            currency="IDR",
            planned_budget=Decimal("1200000000"),
        ),
    )
    _activity(
        actor,
        rkt_2026,
        services.ActivityInput(
            title="Pelatihan transparansi desa Kabupaten Banyumas",
            sector=governance,
            start_date=date(2026, 12, 1),
            end_date=date(2026, 12, 20),
            regencies=[regencies["33.02"]],
            planned_beneficiaries=_counts([0, 30, 40, 5], [0, 30, 40, 5]),
            currency="IDR",
            planned_budget=Decimal("250000000"),
        ),
    )
    rkt_2026 = _advance(
        rkt_2026, "active", actor, {"approved": date(2026, 2, 2), "signed": date(2026, 2, 20)}
    )
    _notify(actor, rkt_2026, K, jateng, date(2026, 2, 23), "DEMO/FORD/2026/KEMENDAGRI-33")
    _notify(actor, rkt_2026, R, jateng, date(2026, 2, 23), "DEMO/FORD/2026/PEMPROV-33")
    _implement(
        actor,
        semarang_2026,
        started=date(2026, 3, 2),
        actual=_counts([0, 52, 77, 9], [0, 41, 70, 11]),
        realised=Decimal("640000000"),
    )

    # --- RKT 2026 DI Yogyakarta: waiting for the regional notification ----------------------
    rkt_diy = rkt(2026, diy, "RKT 2026 DI Yogyakarta – Ford Foundation")
    _activity(
        actor,
        rkt_diy,
        services.ActivityInput(
            title="Sekolah data warga Kota Yogyakarta",
            sector=governance,
            start_date=date(2026, 9, 1),
            end_date=date(2026, 12, 31),
            regencies=[regencies["34.71"]],
            planned_beneficiaries=_counts([0, 40, 40, 0], [0, 40, 40, 0]),
            currency="IDR",
            planned_budget=Decimal("400000000"),
        ),
    )
    rkt_diy = _advance(
        rkt_diy, "active", actor, {"approved": date(2026, 7, 1), "signed": date(2026, 7, 20)}
    )
    _notify(actor, rkt_diy, K, diy, date(2026, 7, 27), "DEMO/FORD/2026/KEMENDAGRI-34")
    return {"rik": rik, "rkt_2025": rkt_2025, "rkt_2026": rkt_2026, "rkt_diy": rkt_diy}


REGENCY_CODES = ["33.74", "33.07", "33.02", "34.71"]


# The 2025 notices were acknowledged by the governments told (issue 9 §3); those of 2026 wait in
# their inboxes. Run after the demo users exist (load_demo calls it last).
DEMO_ACKNOWLEDGEMENTS = {
    "DEMO/FORD/2025/KEMENDAGRI-33": "kemendagri",
    "DEMO/FORD/2025/PEMPROV-33": "jateng",
}


def acknowledge_demo_notices() -> int:
    from django.contrib.auth import get_user_model

    from .services import regional_notification_acknowledge

    User = get_user_model()
    done = 0
    for reference, username in DEMO_ACKNOWLEDGEMENTS.items():
        notice = RegionalNotification.objects.filter(
            reference=reference, acknowledged_at__isnull=True
        ).first()
        officer = User.objects.filter(username=username, is_active=True).first()
        if notice is not None and officer is not None:
            regional_notification_acknowledge(notification_id=notice.pk, actor=officer)
            done += 1
    return done
