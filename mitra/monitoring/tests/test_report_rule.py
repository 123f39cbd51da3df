"""Issue 11 §4: a report's due date is the deadline rule `report.submission` (30 calendar days
after its period by default), by the version in force on the period's end; an agreement's
schedule sets the frequency only. An operator's new version changes the due dates the daily
job enforces and every page and feed shows."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.tests.helpers import feed_due, new_version, page_due
from mitra.monitoring import services
from mitra.monitoring.models import Report
from mitra.monitoring.services import ScheduleInput

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)


@pytest.fixture
def schedule(msp, officer):
    return services.reporting_schedule_set(
        agreement_id=msp.pk,
        data=ScheduleInput(frequency="semiannual", first_period_start=date(2024, 4, 4)),
        actor=officer,
    )


def activity(period_end: date) -> Report:
    return Report.objects.get(kind=Report.Kind.ACTIVITY, period_end=period_end)


def test_a_new_version_changes_due_dates_overdue_and_display(client, msp, ford_rep, schedule):
    # 60 days from 2026: the report for the period ending 3 October 2026 is due 2 December,
    # not 2 November, so it is not overdue on 29 November; earlier periods keep 30 days.
    new_version("report.submission", 60, date(2026, 1, 1))
    with freeze_today(PINNED):
        counts = services.report_refresh_statuses(on=PINNED)
        recent, older = activity(date(2026, 10, 3)), activity(date(2025, 10, 3))
        assert recent.due_date == date(2026, 12, 2)
        assert older.due_date == date(2025, 11, 2)
        assert not recent.is_overdue(PINNED)
        assert older.is_overdue(PINNED)
        assert counts["overdue"] == 8  # the four earlier periods, two reports each
        key = f"report:{recent.pk}:due"
        assert page_due(client, ford_rep, key) == feed_due(client, ford_rep, key)
        assert page_due(client, ford_rep, key) == date(2026, 12, 2)
        client.force_login(ford_rep)
        page = client.get(reverse("monitoring:agreement_reports", args=[msp.pk]))
        assert "due 60 calendar days after each period ends" in page.content.decode()


def test_a_version_announced_mid_period_reschedules_the_running_period(client, ford_rep, schedule):
    with freeze_today(PINNED):
        services.report_refresh_statuses(on=PINNED)
        current = activity(date(2027, 4, 3))  # generated when its period started
        assert current.due_date == date(2027, 5, 3)
        # A version effective before the period ends: its clock has not started yet.
        new_version("report.submission", 14, date(2027, 1, 1))
        counts = services.report_refresh_statuses(on=PINNED)
        current.refresh_from_db()
        assert current.due_date == date(2027, 4, 17)
        assert counts["rescheduled"] == 2  # the activity report and the disclosure
        assert activity(date(2026, 10, 3)).due_date == date(2026, 11, 2)  # its clock ran
        key = f"report:{current.pk}:due"
        assert page_due(client, ford_rep, key) == feed_due(client, ford_rep, key)
        assert page_due(client, ford_rep, key) == date(2027, 4, 17)
    event = AuditEvent.objects.filter(event="report.rescheduled").first()
    assert event is not None
    assert event.data["new"] == {"due_date": "2027-04-17"}
    assert services.report_refresh_statuses(on=PINNED)["rescheduled"] == 0
