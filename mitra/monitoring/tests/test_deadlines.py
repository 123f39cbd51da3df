"""Report deadlines that tell the truth (issue 9 §4): a report still owed is listed however
overdue, until it is submitted, and never after; the reminder job sends reporting's own due and
overdue events. Property tests: met → gone; unmet → shown, and overdue after its date."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.registry import FILER, collect, deadlines_for_user
from mitra.deadlines.selectors import user_deadlines
from mitra.deadlines.services import reminders_send
from mitra.monitoring import services
from mitra.monitoring.deadline_providers import report_deadlines
from mitra.monitoring.models import Report
from mitra.monitoring.services import ReportInput
from mitra.notifications.models import Notice

from .factories import ReportFactory

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)
S = Report.Status


def report_keys(deadlines) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.key for d in deadlines if d.key.startswith("report:")}


def key(report: Report) -> str:
    return f"report:{report.pk}:due"


def test_my_deadlines_show_a_report_34_days_overdue_until_it_is_submitted(msp, ford_rep, officer):
    report = ReportFactory(agreement=msp, due_date=PINNED - timedelta(days=34))
    old = ReportFactory(
        agreement=msp,
        period_start=date(2024, 4, 4),
        period_end=date(2024, 10, 3),
        due_date=date(2024, 11, 2),  # two years overdue
    )
    with freeze_today(PINNED):
        for user in (ford_rep, officer):
            assert report_keys(user_deadlines(user=user)) == {key(report), key(old)}
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="Done."), actor=ford_rep
        )
        for user in (ford_rep, officer):
            assert report_keys(user_deadlines(user=user)) == {key(old)}


def test_the_provider_has_no_lower_bound(msp):
    report = ReportFactory(agreement=msp, due_date=date(2020, 1, 1))
    assert key(report) in report_keys(report_deadlines(end=PINNED))
    # Given `start` (the reminder job's window) it skips what the registry would drop.
    assert key(report) not in report_keys(report_deadlines(start=PINNED, end=PINNED))
    assert key(report) in report_keys(report_deadlines(start=date(2020, 1, 1), end=PINNED))
    # A caller that wants a window gets it from the registry.
    assert key(report) not in report_keys(collect(start=PINNED, end=PINNED))
    assert key(report) in report_keys(collect(end=PINNED))


def test_the_deadline_names_reportings_own_events(msp, ford):
    report = ReportFactory(agreement=msp, due_date=date(2026, 7, 30))
    (deadline,) = [d for d in report_deadlines(end=PINNED) if d.key == key(report)]
    assert deadline.due == date(2026, 7, 30)
    assert deadline.kind == FILER
    assert deadline.agencies == [msp.owner_id]
    assert deadline.organizations == [ford.pk]
    assert deadline.due_event == "monitoring.report_due"
    assert deadline.overdue_event == "monitoring.report_overdue"


@pytest.mark.parametrize(
    ("status", "resubmit_by", "listed_due"),
    [
        (S.DUE, None, date(2026, 7, 30)),
        (S.REVISION_REQUESTED, date(2026, 12, 13), date(2026, 12, 13)),
        (S.REVISION_REQUESTED, None, date(2026, 7, 30)),  # no new date: the due date holds
        (S.SUBMITTED, None, None),
        (S.ACCEPTED, None, None),
    ],
)
def test_each_status(msp, status, resubmit_by, listed_due):
    report = ReportFactory(
        agreement=msp, due_date=date(2026, 7, 30), status=status, resubmit_by=resubmit_by
    )
    found = {d.key: d for d in report_deadlines(end=date(2030, 1, 1))}
    if listed_due is None:
        assert key(report) not in found
    else:
        assert found[key(report)].due == listed_due


def test_only_reports_the_user_may_see(msp, ford_rep, other_rep, other_officer):
    report = ReportFactory(agreement=msp, due_date=date(2026, 7, 30))
    end = date(2030, 1, 1)
    assert key(report) in report_keys(report_deadlines(end=end, user=ford_rep))
    for user in (other_rep, other_officer):
        assert key(report) not in report_keys(report_deadlines(end=end, user=user))
        assert key(report) not in report_keys(deadlines_for_user(user=user, end=end))


STATUSES = [S.DUE, S.REVISION_REQUESTED, S.SUBMITTED, S.ACCEPTED]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(
        st.tuples(
            st.sampled_from(STATUSES),
            st.integers(0, 1000),  # due date: days after 2024-06-01
            st.one_of(st.none(), st.integers(0, 1000)),  # resubmission date, likewise
        ),
        min_size=1,
        max_size=6,
    ),
    on_offset=st.integers(0, 1100),
)
def test_property_met_is_gone_and_unmet_is_shown_and_overdue_after_its_date(
    msp, ford_rep, specs, on_offset
):
    Report.objects.all().delete()  # the examples share the test's database
    origin = date(2024, 6, 1)
    reports = []
    for i, (status, due, resubmit) in enumerate(specs):
        reports.append(
            ReportFactory(
                agreement=msp,
                period_start=origin + timedelta(days=i),
                due_date=origin + timedelta(days=due),
                status=status,
                resubmit_by=None if resubmit is None else origin + timedelta(days=resubmit),
            )
        )
    on = origin + timedelta(days=on_offset)
    listed = report_keys(deadlines_for_user(user=ford_rep, end=on))
    ever = report_keys(deadlines_for_user(user=ford_rep, end=date(2040, 1, 1)))
    for report in reports:
        if report.status in (S.SUBMITTED, S.ACCEPTED):  # met: gone, whatever the window
            assert key(report) not in ever
            assert not report.is_overdue(on)
        else:  # unmet: listed from its date on (and ever after), overdue after its date
            assert key(report) in ever
            assert (key(report) in listed) == (report.deadline <= on)
            assert report.is_overdue(on) == (report.deadline < on)


def test_the_reminder_job_sends_reportings_due_and_overdue_events(
    msp, ford_rep, officer, viewer, django_capture_on_commit_callbacks
):
    report = ReportFactory(agreement=msp, due_date=date(2026, 7, 30))
    report_type = ContentType.objects.get_for_model(Report)
    mine = Notice.objects.filter(target_type=report_type, target_id=str(report.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=date(2026, 7, 23))  # 7 days left
    due = mine.filter(event="monitoring.report_due")
    assert [n.user for n in due] == [ford_rep]
    assert "30 July 2026" in due[0].title or "30 Juli 2026" in due[0].title
    assert not mine.exclude(event="monitoring.report_due").exists()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=date(2026, 7, 31))  # the day after: overdue
        reminders_send(on=date(2026, 7, 31))  # a second run tells nobody again
    overdue = mine.filter(event="monitoring.report_overdue")
    assert {n.user for n in overdue} == {ford_rep, officer, viewer}
    emailed = sorted(m.to[0] for m in mail.outbox)
    assert emailed == sorted([ford_rep.email, ford_rep.email, officer.email, viewer.email])
    # Submitted: nothing more is sent about it.
    with freeze_today(date(2026, 8, 1)):
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="Done."), actor=ford_rep
        )
    before = mine.filter(event__startswith="monitoring.report_").exclude(
        event="monitoring.report_received"
    )
    count = before.count()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=date(2026, 8, 2))
    assert before.count() == count
