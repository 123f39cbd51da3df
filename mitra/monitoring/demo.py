"""Demo reporting for the canonical story (called from mitra.demo.canonical; idempotent).

- Ford Foundation MSP 2024–2027: semi-annual reports and disclosures, due 30 days after each
  period (the `report.submission` deadline rule, as every report). Periods up to April 2026
  were reported on time and accepted; for 2026-04-04 → 2026-10-03 the disclosure was submitted
  (with its lines) and the activity report was not: it is overdue as of 2026-11-29 (due
  2026-11-02).
- UCLG ASPAC MoU 2024–2029: annual activity reports; the two past years accepted.
Everything goes through the services, so the history shows it.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from mitra.agreements.models import Agreement
from mitra.core.dates import today
from mitra.regions.models import Province, Regency

from . import services
from .models import Report
from .services import ReportInput, ScheduleInput
from .validation import LineInput

if TYPE_CHECKING:
    from mitra.accounts.models import User

STORY_DAY = date(2026, 11, 29)  # the day the demo story is told (e2e pinned_today)


def _ford_lines(period: int) -> list[LineInput]:
    jateng = Province.objects.filter(code="33").first()
    semarang = Regency.objects.filter(code="33.74").first()
    ntb = Province.objects.filter(code="52").first()
    return [
        LineInput(
            donor_name="Ford Foundation (New York)",
            donor_country="US",
            intermediaries="Ford Foundation Jakarta Office",
            amount=Decimal("450000.00") + period * 10000,
            currency="USD",
            programme="Inclusive local governance",
            province=jateng,
            regency=semarang if semarang and jateng and semarang.province_id == jateng.pk else None,
            local_partner="Yayasan Kota Kita",
        ),
        LineInput(
            donor_name="Ford Foundation (New York)",
            donor_country="US",
            intermediaries="Ford Foundation Jakarta Office > Perkumpulan Mitra Desa",
            amount=Decimal("1850000000.00"),
            currency="IDR",
            programme="Village budget transparency",
            province=ntb,
            local_partner="Perkumpulan Mitra Desa",
        ),
    ]


def _submit_and_accept(
    report: Report, *, actor: "User", lines: list[LineInput], accept: bool, days_before_due: int
) -> None:
    if report.status != Report.Status.DUE:
        return
    received = min(report.due_date - timedelta(days=days_before_due), today())
    data = ReportInput(
        activities=(
            "Trainings for village officials and regional planning agencies; "
            "participatory budgeting pilots."
        )
        if report.kind == Report.Kind.ACTIVITY
        else "",
        outputs="Village budget data published in the pilot villages.",
        staffing="2 foreign staff (Country Representative, Program Officer), 9 national staff.",
        media_name="Kompas",
        published_on=received,
        publication_url="https://www.kompas.id/",
        lines=lines if report.kind == Report.Kind.DISCLOSURE else [],
    )
    services.report_submit(report_id=report.pk, data=data, actor=actor, received_on=received)
    if accept:
        services.report_accept(report_id=report.pk, actor=actor)


def load_monitoring(actor: "User", records: dict[str, Agreement]) -> None:
    ford = records["ford_new"]
    uclg = records["uclg_new"]
    if ford.status not in services.SCHEDULABLE or uclg.status not in services.SCHEDULABLE:
        return
    on = STORY_DAY
    if not hasattr(ford, "reporting_schedule"):
        services.reporting_schedule_set(
            agreement_id=ford.pk,
            data=ScheduleInput(frequency="semiannual", first_period_start=ford.start_date),
            actor=actor,
        )
    ford.refresh_from_db()
    services.report_periods_generate(schedule=ford.reporting_schedule, on=on)
    for index, report in enumerate(ford.reports.order_by("period_start", "kind")):
        period = index // 2
        if report.due_date < date(2026, 6, 1):  # the first four periods: on time, accepted
            _submit_and_accept(
                report, actor=actor, lines=_ford_lines(period), accept=True, days_before_due=5
            )
        elif report.period_start == date(2026, 4, 4) and report.kind == Report.Kind.DISCLOSURE:
            _submit_and_accept(
                report, actor=actor, lines=_ford_lines(period), accept=False, days_before_due=3
            )
        # The activity report for 2026-04-04 → 2026-10-03 stays due: overdue on 2026-11-29.

    if not hasattr(uclg, "reporting_schedule"):
        services.reporting_schedule_set(
            agreement_id=uclg.pk,
            data=ScheduleInput(
                frequency="annual",
                first_period_start=uclg.start_date,
                funding_disclosures=False,
            ),
            actor=actor,
        )
    uclg.refresh_from_db()
    services.report_periods_generate(schedule=uclg.reporting_schedule, on=on)
    for report in uclg.reports.filter(due_date__lt=on).order_by("period_start"):
        _submit_and_accept(report, actor=actor, lines=[], accept=True, days_before_due=10)
