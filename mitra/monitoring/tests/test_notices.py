"""Reporting's events: who each tells and who it does not (event × recipient); a submission
tells the partner ministry (each time, never the submitter); refusals tell nobody."""

from datetime import date

import pytest
from django.core import mail

from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring import services
from mitra.monitoring.services import ReportInput
from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients, events

from .factories import ReportFactory

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)


@pytest.fixture
def people(operator, officer, viewer, other_officer, ford_rep, other_rep):  # type: ignore[no-untyped-def]
    return {
        "operator": operator,
        "officer": officer,  # Kemendagri's Pusat Fasker: the owner agency's unit
        "viewer": viewer,  # Kemendagri
        "other_officer": other_officer,  # Kemenkes
        "ford": ford_rep,
        "other_rep": other_rep,  # another organization
    }


def told(event: str, report, people) -> set[str]:  # type: ignore[no-untyped-def]
    names = {u.pk: name for name, u in people.items()}
    return {names.get(u.pk, u.username) for u in event_recipients(event, report)}


def test_the_events_are_registered():
    assert {
        "monitoring.report_received",
        "monitoring.report_due",
        "monitoring.report_overdue",
    } <= set(events())


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("monitoring.report_received", {"officer", "viewer"}),
        ("monitoring.report_due", {"ford"}),
        ("monitoring.report_overdue", {"ford", "officer", "viewer"}),
    ],
)
def test_who_each_event_tells(msp, people, event, expected):
    report = ReportFactory(agreement=msp)
    assert told(event, report, people) == expected


def test_a_submission_tells_the_partner_ministry_each_time(
    msp, people, django_capture_on_commit_callbacks
):
    ford, officer, viewer = people["ford"], people["officer"], people["viewer"]
    report = ReportFactory(agreement=msp, due_date=date(2026, 11, 1))
    mail.outbox.clear()
    with freeze_today(PINNED), django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report_id=report.pk, data=ReportInput(activities="x"), actor=ford)
    received = Notice.objects.filter(event="monitoring.report_received")
    assert {n.user for n in received} == {officer, viewer}
    notice = received.get(user=officer)
    assert msp.title in notice.title
    assert notice.url.endswith(f"/monitoring/reports/{report.pk}/")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, viewer.email])
    # Sent back and submitted again: news again (the reviewing officer is not told of it twice).
    with freeze_today(PINNED):
        services.report_request_revision(report_id=report.pk, reason="More.", actor=officer)
        services.report_submit(report_id=report.pk, data=ReportInput(activities="y"), actor=ford)
    assert received.filter(user=officer).count() == 2
    assert received.filter(user=ford).count() == 0


def test_a_refused_submission_tells_nobody(msp, people):
    report = ReportFactory(agreement=msp)
    with pytest.raises(ApplicationError):
        services.report_submit(
            report_id=report.pk, data=ReportInput(activities="x"), actor=people["other_rep"]
        )
    with pytest.raises(ApplicationError):  # an activity report needs its activities
        services.report_submit(report_id=report.pk, data=ReportInput(), actor=people["ford"])
    assert not Notice.objects.exists()
