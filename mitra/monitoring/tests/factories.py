"""Factories for reports, schedules and visits.

`ReportFactory()` is a `due` activity report of a new active agreement for 2025-H1, due
2025-07-31. Set the status when building (`status="submitted"`, …): the field is protected,
so tests of the workflow move it through the services instead.
"""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from mitra.agreements.tests.factories import AgreementFactory
from mitra.monitoring.models import (
    Finding,
    FollowUpItem,
    FundingDisclosureLine,
    MonitoringVisit,
    Report,
    ReportingSchedule,
)


class ReportingScheduleFactory(DjangoModelFactory):
    class Meta:
        model = ReportingSchedule

    agreement = factory.SubFactory(AgreementFactory, active=True)
    frequency = ReportingSchedule.Frequency.SEMIANNUAL
    first_period_start = factory.LazyAttribute(lambda o: o.agreement.start_date)


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    agreement = factory.SubFactory(AgreementFactory, active=True)
    kind = Report.Kind.ACTIVITY
    period_start = date(2025, 1, 1)
    period_end = date(2025, 6, 30)
    due_date = date(2025, 7, 30)
    status = Report.Status.DUE


class FundingDisclosureLineFactory(DjangoModelFactory):
    class Meta:
        model = FundingDisclosureLine

    report = factory.SubFactory(ReportFactory, kind=Report.Kind.DISCLOSURE)
    donor_name = "Ford Foundation (New York)"
    donor_country = "US"
    amount = Decimal("250000.00")
    currency = "USD"
    programme = "Inclusive governance"


class MonitoringVisitFactory(DjangoModelFactory):
    class Meta:
        model = MonitoringVisit

    agreement = factory.SubFactory(AgreementFactory, active=True)
    organization = factory.LazyAttribute(
        lambda o: o.agreement.parties.filter(organization__isnull=False).first().organization
    )
    start_date = date(2025, 9, 10)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    visit = factory.SubFactory(MonitoringVisitFactory)
    description = "Activities in two villages started before the RKT was signed."
    severity = Finding.Severity.MINOR


class FollowUpItemFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpItem

    finding = factory.SubFactory(FindingFactory)
    description = "Submit the signed RKT."
    owner = "Ford Foundation"
    due_date = date(2025, 10, 31)
