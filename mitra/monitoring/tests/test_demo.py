"""The demo's reporting story: schedules, accepted past periods, one Ford report overdue."""

from datetime import date

import pytest
from django.core.management import call_command

from mitra.agreements.models import Agreement
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring import selectors
from mitra.monitoring.models import FundingDisclosureLine, Report, ReportingSchedule

TODAY = date(2026, 11, 29)

pytestmark = pytest.mark.django_db


def test_the_demo_reporting_story_and_a_second_run_changes_nothing():
    with freeze_today(TODAY):
        call_command("load_reference", verbosity=0)
        call_command("load_demo", verbosity=0)
        ford = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
        uclg = Agreement.objects.get(reference="DEMO-KEMENDAGRI-UCLG-2024")
        assert ReportingSchedule.objects.filter(agreement__in=[ford, uclg]).count() == 2
        overdue = list(Report.objects.overdue())
        assert [(r.agreement_id, r.kind, r.period_start) for r in overdue] == [
            (ford.pk, "activity_report", date(2026, 4, 4))
        ]
        assert ford.reports.filter(status="accepted").count() == 8
        assert uclg.reports.filter(status="accepted").count() == 2
        disclosure = ford.reports.get(kind="funding_disclosure", period_start=date(2026, 4, 4))
        assert disclosure.status == "submitted"
        assert disclosure.lines.count() == 2
        on_time = {r["label"]: r for r in selectors.report_compliance(viewer=_op(), by="agreement")}
        assert on_time[ford.title]["on_time"] == 9
        assert on_time[ford.title]["missing"] == 1
        before = (
            Report.objects.count(),
            FundingDisclosureLine.objects.count(),
            AuditEvent.objects.count(),
        )
        call_command("load_demo", verbosity=0)
        after = (
            Report.objects.count(),
            FundingDisclosureLine.objects.count(),
            AuditEvent.objects.count(),
        )
    assert after == before


def _op():
    from mitra.accounts.models import User

    return User.objects.get(username="operator")
