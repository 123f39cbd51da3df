"""Report services: schedules, generation, the FSM, closed periods, bad input, overdue."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring import services
from mitra.monitoring.models import FundingDisclosureLine, Report, ReportingSchedule
from mitra.monitoring.services import ReportInput, ScheduleInput
from mitra.monitoring.tests.factories import ReportFactory, ReportingScheduleFactory
from mitra.monitoring.validation import LineInput

pytestmark = pytest.mark.django_db
S = Report.Status
PINNED = date(2026, 11, 29)


def counts() -> dict[str, int]:
    return {
        "reports": Report.objects.count(),
        "lines": FundingDisclosureLine.objects.count(),
        "schedules": ReportingSchedule.objects.count(),
        "audit": AuditEvent.objects.count(),
        "statuses": sorted(Report.objects.values_list("pk", "status")),  # type: ignore[dict-item]
    }


def line(**overrides: Any) -> LineInput:
    data = {
        "donor_name": "Ford Foundation",
        "donor_country": "US",
        "amount": Decimal("125000.00"),
        "currency": "USD",
        "programme": "Inclusive governance",
        "intermediaries": "Ford Foundation Jakarta office",
    }
    data.update(overrides)
    return LineInput(**data)


# --- schedules and generation ---------------------------------------------------------------


def test_the_partner_ministry_sets_a_schedule_and_periods_follow(msp, officer):
    schedule = services.reporting_schedule_set(
        agreement_id=msp.pk,
        data=ScheduleInput(frequency="semiannual", first_period_start=date(2024, 4, 4)),
        actor=officer,
    )
    assert AuditEvent.objects.filter(event="reporting_schedule.created").count() == 1
    created = services.report_periods_generate(schedule=schedule, on=PINNED)
    # 2024-04-04, 2024-10-04, 2025-04-04, 2025-10-04, 2026-04-04, 2026-10-04: 6 × 2 kinds.
    assert created == 12
    assert services.report_periods_generate(schedule=schedule, on=PINNED) == 0  # idempotent
    first = Report.objects.filter(kind=Report.Kind.ACTIVITY).order_by("period_start").first()
    assert (first.period_start, first.period_end) == (date(2024, 4, 4), date(2024, 10, 3))
    assert first.due_date == date(2024, 11, 2)
    assert AuditEvent.objects.filter(event="report.scheduled").count() == 12


def test_the_last_period_stops_at_the_agreement_end(msp):
    schedule = ReportingScheduleFactory(agreement=msp, frequency="annual")
    periods = schedule.periods(until=date(2030, 1, 1), end=msp.end_date)
    assert periods[-1] == (date(2026, 4, 4), date(2027, 4, 3))
    assert len(periods) == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ScheduleInput(frequency="monthly", first_period_start=date(2024, 4, 4)), "frequency"),
        (ScheduleInput(frequency="annual", first_period_start=None), "first_period_start"),
        (
            ScheduleInput(frequency="annual", first_period_start=date(2028, 1, 1)),
            "first_period_start",
        ),
        (
            ScheduleInput(
                frequency="annual",
                first_period_start=date(2024, 4, 4),
                activity_reports=False,
                funding_disclosures=False,
            ),
            "activity_reports",
        ),
    ],
)
def test_bad_schedules_are_refused_and_nothing_is_written(msp, officer, data, field):
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.reporting_schedule_set(agreement_id=msp.pk, data=data, actor=officer)
    assert field in error.value.extra
    assert counts() == before


@pytest.mark.parametrize("who", ["viewer", "other_officer", "ford_rep"])
def test_only_the_owner_agency_sets_schedules(request, msp, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(ApplicationError):
        services.reporting_schedule_set(
            agreement_id=msp.pk,
            data=ScheduleInput(frequency="annual", first_period_start=date(2024, 4, 4)),
            actor=actor,
        )
    assert not ReportingSchedule.objects.exists()


# --- the state machine ---------------------------------------------------------------------

# (starting status, move) → resulting status, or None when refused.
MATRIX = {
    (S.DUE, "submit"): S.SUBMITTED,
    (S.DUE, "accept"): None,
    (S.DUE, "request_revision"): None,
    (S.SUBMITTED, "submit"): None,
    (S.SUBMITTED, "accept"): S.ACCEPTED,
    (S.SUBMITTED, "request_revision"): S.REVISION_REQUESTED,
    (S.ACCEPTED, "submit"): None,
    (S.ACCEPTED, "accept"): None,
    (S.ACCEPTED, "request_revision"): None,
    (S.REVISION_REQUESTED, "submit"): S.SUBMITTED,
    (S.REVISION_REQUESTED, "accept"): None,
    (S.REVISION_REQUESTED, "request_revision"): None,
}


def move(name: str, report: Report, officer: Any, ford_rep: Any) -> None:
    if name == "submit":
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="Trainings in 3 regencies."),
            actor=ford_rep,
        )  # fmt: skip
    elif name == "accept":
        services.report_accept(report_id=report.pk, actor=officer)
    else:
        services.report_request_revision(report_id=report.pk, reason="Add figures.", actor=officer)


@pytest.mark.parametrize(("start", "name"), list(MATRIX))
def test_transition_matrix(msp, officer, ford_rep, start, name):
    report = ReportFactory(agreement=msp, status=start)
    expected = MATRIX[(start, name)]
    before = counts()
    with freeze_today(PINNED):
        if expected is None:
            with pytest.raises(ApplicationError):
                move(name, report, officer, ford_rep)
            assert counts() == before
        else:
            move(name, report, officer, ford_rep)
            report.refresh_from_db()
            assert report.status == expected
            assert counts()["audit"] == before["audit"] + 1


def test_submit_records_lateness_and_resubmission_keeps_the_first_date(msp, officer, ford_rep):
    report = ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    with freeze_today(PINNED):
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="x"), actor=ford_rep
        )
        services.report_request_revision(report_id=report.pk, reason="More.", actor=officer)
    report.refresh_from_db()
    assert report.resubmit_by == PINNED + timedelta(days=14)
    assert report.review_reason == "More."
    with freeze_today(PINNED + timedelta(days=3)):
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="y"), actor=ford_rep
        )
    report.refresh_from_db()
    assert report.first_submitted_on == PINNED
    event = AuditEvent.objects.filter(event="report.submitted").first()
    assert event.data["late"] is True


def test_revision_needs_a_reason(msp, officer):
    report = ReportFactory(agreement=msp, status=S.SUBMITTED)
    before = counts()
    with pytest.raises(ApplicationError) as error:
        services.report_request_revision(report_id=report.pk, reason="  ", actor=officer)
    assert "reason" in error.value.extra
    assert counts() == before


@pytest.mark.parametrize("who", ["officer", "viewer", "other_officer", "other_rep"])
def test_only_the_organization_submits(request, msp, who):
    report = ReportFactory(agreement=msp)
    before = counts()
    with pytest.raises(ApplicationError):
        services.report_submit(
            report_id=report.pk,
            data=ReportInput(activities="x"),
            actor=request.getfixturevalue(who),
        )
    assert counts() == before


@pytest.mark.parametrize("who", ["viewer", "other_officer", "ford_rep"])
def test_only_the_partner_ministry_reviews(request, msp, who):
    report = ReportFactory(agreement=msp, status=S.SUBMITTED)
    before = counts()
    with pytest.raises(ApplicationError):
        services.report_accept(report_id=report.pk, actor=request.getfixturevalue(who))
    assert counts() == before


# --- closed periods and bad input -----------------------------------------------------------


def test_a_period_with_an_accepted_report_is_closed(msp, officer):
    ReportFactory(agreement=msp, status=S.ACCEPTED)
    before = counts()
    with freeze_today(PINNED), pytest.raises(ApplicationError) as error:
        services.report_create(
            agreement_id=msp.pk,
            kind=Report.Kind.ACTIVITY,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            due_date=date(2025, 7, 30),
            actor=officer,
        )
    assert "closed" in error.value.message
    assert counts() == before


def test_a_report_of_an_agreement_ended_beyond_the_grace_period_is_refused(kemendagri, ford):
    from mitra.accounts.tests.factories import UserFactory

    rep = UserFactory(org_representative=True, organization=ford)
    old = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        terminated=True,
        start_date=date(2021, 3, 17),
        end_date=date(2024, 3, 16),
    )
    report = ReportFactory(
        agreement=old, period_start=date(2023, 3, 17), due_date=date(2024, 4, 15)
    )
    before = counts()
    with freeze_today(PINNED), pytest.raises(ApplicationError) as error:
        services.report_submit(report_id=report.pk, data=ReportInput(activities="x"), actor=rep)
    assert "closed" in error.value.message
    assert "grace" in error.value.message
    assert counts() == before
    # An agreement that ended within the grace period still takes its last reports.
    recent = AgreementFactory(
        owner=kemendagri, foreign_parties=[ford], expired=True, end_date=PINNED - timedelta(days=10)
    )
    late = ReportFactory(
        agreement=recent,
        period_start=date(2026, 5, 1),
        period_end=date(2026, 10, 31),
        due_date=PINNED,
    )
    with freeze_today(PINNED):
        services.report_submit(report_id=late.pk, data=ReportInput(activities="x"), actor=rep)


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ([], "lines"),
        ([line(currency="XYZ")], "lines.0.currency"),
        ([line(amount=Decimal("0"))], "lines.0.amount"),
        ([line(amount="-5")], "lines.0.amount"),
        ([line(amount="1.234")], "lines.0.amount"),
        ([line(), line(donor_name=" ")], "lines.1.donor_name"),
        ([line(donor_country="USA")], "lines.0.donor_country"),
        ([line(programme="")], "lines.0.programme"),
    ],
)
def test_bad_disclosures_are_refused_and_nothing_is_written(msp, ford_rep, lines, field):
    report = ReportFactory(agreement=msp, kind=Report.Kind.DISCLOSURE)
    before = counts()
    with freeze_today(PINNED), pytest.raises(ApplicationError) as error:
        services.report_submit(report_id=report.pk, data=ReportInput(lines=lines), actor=ford_rep)
    assert field in error.value.extra, error.value.extra
    assert counts() == before


def test_a_region_outside_its_province_is_refused(msp, ford_rep):
    from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory

    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    jatim = ProvinceFactory(code="35", name="Jawa Timur")
    semarang = RegencyFactory(code="33.74", province=jateng, name="Kota Semarang", kind="city")
    report = ReportFactory(agreement=msp, kind=Report.Kind.DISCLOSURE)
    with freeze_today(PINNED), pytest.raises(ApplicationError) as error:
        services.report_submit(
            report_id=report.pk,
            data=ReportInput(lines=[line(province=jatim, regency=semarang)]),
            actor=ford_rep,
        )
    assert "lines.0.regency" in error.value.extra


def test_a_disclosure_is_stored_line_by_line(msp, ford_rep):
    report = ReportFactory(agreement=msp, kind=Report.Kind.DISCLOSURE)
    with freeze_today(PINNED):
        services.report_submit(
            report_id=report.pk,
            data=ReportInput(
                lines=[line(currency="usd"), line(amount="1500000000", currency="IDR")],
                media_name="Kompas",
                published_on=date(2026, 11, 20),
            ),
            actor=ford_rep,
        )
    stored = list(report.lines.order_by("id").values_list("amount", "currency"))
    assert stored == [(Decimal("125000.00"), "USD"), (Decimal("1500000000.00"), "IDR")]


def test_a_publication_needs_the_media_name(msp, ford_rep):
    report = ReportFactory(agreement=msp)
    with freeze_today(PINNED), pytest.raises(ApplicationError) as error:
        services.report_submit(
            report_id=report.pk,
            data=ReportInput(activities="x", publication_url="https://example.org/a"),
            actor=ford_rep,
        )
    assert "media_name" in error.value.extra


# --- overdue --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due", "resubmit_by", "overdue"),
    [
        (S.DUE, date(2026, 11, 28), None, True),
        (S.DUE, PINNED, None, False),  # due today: not yet overdue
        (S.DUE, date(2026, 12, 31), None, False),
        (S.SUBMITTED, date(2026, 1, 1), None, False),
        (S.ACCEPTED, date(2026, 1, 1), None, False),
        (S.REVISION_REQUESTED, date(2026, 1, 1), date(2026, 11, 28), True),
        (S.REVISION_REQUESTED, date(2026, 1, 1), date(2026, 12, 5), False),
        # No resubmission date recorded: the due date still holds (Report.deadline).
        (S.REVISION_REQUESTED, date(2026, 1, 1), None, True),
        (S.REVISION_REQUESTED, date(2026, 12, 31), None, False),
    ],
)
def test_overdue_in_python_and_in_sql_agree(msp, status, due, resubmit_by, overdue):
    report = ReportFactory(agreement=msp, status=status, due_date=due, resubmit_by=resubmit_by)
    with freeze_today(PINNED):
        assert report.is_overdue() is overdue
        assert Report.objects.overdue().filter(pk=report.pk).exists() is overdue
        assert Report.objects.with_overdue().get(pk=report.pk).overdue is overdue


def test_the_daily_job_generates_and_records_overdue_once(msp):
    ReportingScheduleFactory(agreement=msp, frequency="annual", first_period_start=msp.start_date)
    with freeze_today(PINNED):
        first = services.report_refresh_statuses()
        again = services.report_refresh_statuses()
    # Annual periods starting 2024-04-04, 2025-04-04, 2026-04-04; the first two are overdue.
    assert first == {"created": 6, "overdue": 4, "rescheduled": 0}
    assert again == {"created": 0, "overdue": 0, "rescheduled": 0}
    assert AuditEvent.objects.filter(event="report.overdue").count() == 4


def test_the_command_runs_the_job(msp):
    from io import StringIO

    from django.core.management import call_command

    ReportingScheduleFactory(agreement=msp, frequency="annual", first_period_start=msp.start_date)
    out = StringIO()
    with freeze_today(PINNED):
        call_command("refresh_report_statuses", stdout=out)
    assert "generated 6" in out.getvalue()
