"""The report tally (per agreement) and the fund tally (per agreement, province, currency) stay
equal to the reports and disclosure lines, whatever changed them: each service, the factories,
the daily job, the bulk rebuild and the backfill migration. The expected rows are counted here
in Python, apart from the SQL of `mitra.monitoring.tally`."""

import importlib
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps as django_apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring import services, tally
from mitra.monitoring.models import (
    FundingDisclosureLine,
    FundTally,
    Report,
    ReportTally,
    ReportTallyDay,
)
from mitra.monitoring.services import ReportInput
from mitra.monitoring.tests.factories import (
    FundingDisclosureLineFactory,
    ReportFactory,
    ReportingScheduleFactory,
)
from mitra.monitoring.validation import LineInput
from mitra.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)
COLUMNS = ("total", "on_time", "late", "unsubmitted", "missing")


def set_day(day: date) -> None:
    ReportTallyDay.objects.update(day=day)


def stored() -> dict[int, tuple[int, ...]]:
    """Agreement → its tally row (rows that count nothing left out)."""
    return {
        t.agreement_id: tuple(getattr(t, c) for c in COLUMNS)
        for t in ReportTally.objects.filter(total__gt=0)
    }


def stored_funds() -> dict[tuple, tuple[Decimal, int]]:
    return {
        (f.agreement_id, f.province_id, f.currency): (f.amount, f.lines)
        for f in FundTally.objects.all()
    }


def counted_in_python(on: date) -> tuple[dict, dict]:
    rows: dict[int, Counter] = {}
    for r in Report.objects.all():
        never = r.first_submitted_on is None and r.status == Report.Status.DUE
        rows.setdefault(r.agreement_id, Counter()).update(
            {
                "total": 1,
                "on_time": int(
                    r.first_submitted_on is not None and r.first_submitted_on <= r.due_date
                ),
                "late": int(r.first_submitted_on is not None and r.first_submitted_on > r.due_date),
                "unsubmitted": int(never),
                "missing": int(never and r.due_date < on),
            }
        )
    funds: dict[tuple, list] = {}
    lines = FundingDisclosureLine.objects.select_related("report").filter(
        report__kind=Report.Kind.DISCLOSURE,
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
    )
    for line in lines:
        key = (line.report.agreement_id, line.province_id, line.currency)
        total = funds.setdefault(key, [Decimal(0), 0])
        total[0] += line.amount
        total[1] += 1
    return (
        {k: tuple(c[name] for name in COLUMNS) for k, c in rows.items()},
        {k: (v[0], v[1]) for k, v in funds.items()},
    )


def assert_tally_is_the_count(on: date) -> None:
    reports, funds = counted_in_python(on)
    assert stored() == reports
    assert stored_funds() == funds


def line(**overrides: Any) -> LineInput:
    data = {
        "donor_name": "Ford Foundation",
        "donor_country": "US",
        "amount": Decimal("100.50"),
        "currency": "USD",
        "programme": "Inclusive governance",
    }
    data.update(overrides)
    return LineInput(**data)


def test_generated_and_extra_reports_count_as_unsubmitted_and_missing(msp, officer):
    set_day(PINNED)
    schedule = ReportingScheduleFactory(agreement=msp, frequency="annual")
    with freeze_today(PINNED):
        services.report_periods_generate(schedule=schedule, on=PINNED)
    # Periods from 2024-04-04, 2025-04-04, 2026-04-04, two kinds each; the first four are past due.
    assert stored() == {msp.pk: (6, 0, 0, 6, 4)}
    with freeze_today(PINNED):
        services.report_create(
            agreement_id=msp.pk, kind=Report.Kind.ACTIVITY, period_start=date(2026, 6, 1),
            period_end=date(2026, 6, 30), due_date=PINNED - timedelta(days=1), actor=officer,
        )  # fmt: skip
    assert stored() == {msp.pk: (7, 0, 0, 7, 5)}
    assert_tally_is_the_count(PINNED)


def test_a_late_submission_then_review_move_the_counts_and_the_funds(msp, ford_rep, officer):
    set_day(PINNED)
    jateng = ProvinceFactory()
    disclosure = ReportFactory(
        agreement=msp, kind=Report.Kind.DISCLOSURE, due_date=PINNED - timedelta(days=3)
    )
    assert stored() == {msp.pk: (1, 0, 0, 1, 1)}
    assert stored_funds() == {}
    data = ReportInput(lines=[line(province=jateng), line(currency="EUR"), line(province=jateng)])
    with freeze_today(PINNED):
        services.report_submit(report_id=disclosure.pk, data=data, actor=ford_rep)
    assert stored() == {msp.pk: (1, 0, 1, 0, 0)}  # late: submitted after its due date
    assert stored_funds() == {
        (msp.pk, jateng.pk, "USD"): (Decimal("201.00"), 2),
        (msp.pk, None, "EUR"): (Decimal("100.50"), 1),
    }
    with freeze_today(PINNED):
        services.report_request_revision(report_id=disclosure.pk, reason="Sources.", actor=officer)
    assert stored_funds() == {}  # sent back: its lines no longer count
    assert stored() == {msp.pk: (1, 0, 1, 0, 0)}  # still late, not missing
    with freeze_today(PINNED):
        services.report_submit(
            report_id=disclosure.pk, data=ReportInput(lines=[line(amount="7")]), actor=ford_rep
        )  # the resubmission replaces the lines
    assert stored_funds() == {(msp.pk, None, "USD"): (Decimal("7.00"), 1)}
    with freeze_today(PINNED):
        services.report_accept(report_id=disclosure.pk, actor=officer)
    assert stored_funds() == {(msp.pk, None, "USD"): (Decimal("7.00"), 1)}
    assert_tally_is_the_count(PINNED)


def test_an_on_time_activity_report(msp, ford_rep):
    set_day(PINNED)
    report = ReportFactory(agreement=msp, due_date=PINNED + timedelta(days=5))
    assert stored() == {msp.pk: (1, 0, 0, 1, 0)}  # not due yet
    with freeze_today(PINNED):
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="Training."), actor=ford_rep
        )
    assert stored() == {msp.pk: (1, 1, 0, 0, 0)}


def test_a_refused_submission_leaves_the_tally(msp, ford_rep):
    set_day(PINNED)
    disclosure = ReportFactory(agreement=msp, kind=Report.Kind.DISCLOSURE, due_date=PINNED)
    before = stored(), stored_funds()
    with freeze_today(PINNED), pytest.raises(Exception, match="not submitted"):
        services.report_submit(
            report_id=disclosure.pk, data=ReportInput(lines=[line(amount="-1")]), actor=ford_rep
        )
    assert (stored(), stored_funds()) == before


def test_the_daily_job_moves_the_day_and_counts_missing_as_of_it(msp):
    set_day(PINNED)
    ReportFactory(agreement=msp, due_date=PINNED)  # due today: missing tomorrow
    ReportFactory(
        agreement=msp,
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
        due_date=PINNED - timedelta(1),
    )
    assert stored() == {msp.pk: (2, 0, 0, 2, 1)}
    tomorrow = PINNED + timedelta(days=1)
    with freeze_today(tomorrow):
        services.report_refresh_statuses(on=tomorrow)
    assert tally.tally_day() == tomorrow
    assert stored() == {msp.pk: (2, 0, 0, 2, 2)}
    assert_tally_is_the_count(tomorrow)
    # A refresh counts as of the tally's day, whatever the date.
    ReportFactory(
        agreement=msp, period_start=date(2025, 9, 1), period_end=date(2025, 12, 31), due_date=PINNED
    )
    assert stored() == {msp.pk: (3, 0, 0, 3, 3)}
    assert tally.report_tally_new_day(PINNED) == 1  # back: one row recounted
    assert stored() == {msp.pk: (3, 0, 0, 3, 1)}


def test_the_dashboard_reads_the_tally_only_on_its_day():
    from mitra.monitoring.selectors import report_tally_is_current

    set_day(PINNED)
    assert report_tally_is_current(PINNED)
    assert not report_tally_is_current(PINNED + timedelta(days=1))


def test_the_rebuild_and_the_backfill_give_what_the_receivers_kept(msp):
    set_day(PINNED)
    other = AgreementFactory(active=True)
    ReportFactory(agreement=msp, due_date=PINNED - timedelta(days=9))
    disclosure = ReportFactory(
        agreement=other, kind=Report.Kind.DISCLOSURE, status=Report.Status.ACCEPTED,
        first_submitted_on=date(2025, 7, 1),
    )  # fmt: skip
    FundingDisclosureLineFactory(report=disclosure, amount=Decimal("3.25"))
    FundingDisclosureLineFactory(report=disclosure, amount=Decimal("1.50"), currency="EUR")
    kept = stored(), stored_funds()
    assert_tally_is_the_count(PINNED)
    ReportTally.objects.update(total=99)  # stale
    FundTally.objects.all().delete()
    tally.refresh_report_tally([msp.pk, other.pk])
    assert (stored(), stored_funds()) == kept
    with freeze_today(PINNED):
        assert tally.rebuild_report_tallies() == 4  # two agreements, two fund rows
    assert (stored(), stored_funds()) == kept
    migration = importlib.import_module("mitra.monitoring.migrations.0004_compliance_tally")
    ReportTally.objects.all().delete()
    FundTally.objects.all().delete()
    ReportTallyDay.objects.all().delete()
    with freeze_today(PINNED):
        migration.fill_tally(django_apps, None)
    assert (stored(), stored_funds()) == kept
    assert tally.tally_day() == PINNED


def test_a_deferred_block_recounts_each_agreement_once_at_its_end(msp, monkeypatch):
    recounted: list[set[int]] = []
    real = tally.refresh_report_tally
    monkeypatch.setattr(
        tally, "refresh_report_tally", lambda ids: recounted.append(set(ids)) or real(ids)
    )
    with tally.refreshes_deferred():
        report = ReportFactory(agreement=msp, kind=Report.Kind.DISCLOSURE)
        FundingDisclosureLineFactory(report=report)
        FundingDisclosureLineFactory(report=report)
        assert recounted == []
    assert recounted == [{msp.pk}]


def test_saving_what_the_tally_does_not_count_does_not_recount(msp, monkeypatch):
    report = ReportFactory(agreement=msp)
    calls: list[int] = []
    monkeypatch.setattr("mitra.monitoring.receivers.report_changed", calls.append)
    report.overdue_recorded_on = PINNED
    report.save(update_fields=["overdue_recorded_on", "updated_at"])
    assert calls == []
    report.save()
    assert calls == [msp.pk]


def test_deleting_a_report_or_line_takes_it_out(msp):
    set_day(PINNED)
    report = ReportFactory(
        agreement=msp, kind=Report.Kind.DISCLOSURE, status=Report.Status.SUBMITTED,
        first_submitted_on=date(2025, 7, 1),
    )  # fmt: skip
    first = FundingDisclosureLineFactory(report=report)
    FundingDisclosureLineFactory(report=report)
    first.delete()
    assert_tally_is_the_count(PINNED)
    report.delete()  # its lines go with it
    assert stored() == {}
    assert stored_funds() == {}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # which agreement
            st.sampled_from(["add", "submit", "revise", "accept", "line", "day"]),
            st.integers(-3, 3),  # due date (or the day's move) around PINNED, in days
            st.integers(0, 2),  # province of a line (2: none)
            st.sampled_from(["USD", "EUR"]),
        ),
        max_size=12,
    )
)
def test_any_sequence_of_changes_keeps_the_tally_the_count(msp, ford, specs):
    Report.objects.all().delete()  # the examples share the test's transaction
    set_day(PINNED)
    agreements = [msp, *(AgreementFactory(active=True, foreign_parties=[ford]) for _ in range(2))]
    provinces = [ProvinceFactory(), ProvinceFactory(), None]
    day, made = PINNED, 0
    for which, change, shift, where, currency in specs:
        agreement = agreements[which]
        reports = list(Report.objects.filter(agreement=agreement).order_by("pk"))
        if change == "add" or not reports:
            made += 1
            ReportFactory(
                agreement=agreement, kind=Report.Kind.DISCLOSURE,
                period_start=date(2000, 1, 1) + timedelta(days=made),
                due_date=PINNED + timedelta(days=shift),
            )  # fmt: skip
        elif change == "line":
            FundingDisclosureLineFactory(
                report=reports[-1], province=provinces[where], currency=currency,
                amount=Decimal(shift + 4) / 4,
            )  # fmt: skip
        elif change == "day":
            day = PINNED + timedelta(days=shift)
            tally.report_tally_new_day(day)
        else:
            _review(reports[0], change, shift)
        assert_tally_is_the_count(day)


def _review(report: Report, change: str, shift: int) -> None:
    """Move a report as the services would (without their actors): fields set, then saved."""
    if change == "submit" and report.status in (Report.Status.DUE, "revision_requested"):
        report.submit()
        report.first_submitted_on = report.first_submitted_on or PINNED + timedelta(days=shift)
    elif change == "revise" and report.status == Report.Status.SUBMITTED:
        report.request_revision("Again.", PINNED)
    elif change == "accept" and report.status == Report.Status.SUBMITTED:
        report.accept()
    report.save()
