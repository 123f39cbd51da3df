"""The reference test (`test_compliance_reference.py`, unchanged) run both ways: with the
per-agreement tallies counting as of their day, which the dashboard then reads, and with their
day another (the daily jobs have not run), when it falls back to today's queries. The tables
each way reads are checked on the queries of `compliance_overview`."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.monitoring.models import ReportTallyDay
from mitra.workplans.models import ActivityTallyDay

from . import test_compliance_reference as reference
from .test_compliance_reference import DIMENSIONS, ON

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("mode", ["tally", "fallback"])
@pytest.mark.parametrize("by", list(DIMENSIONS))
@pytest.mark.parametrize("who", ["operator", "officer", "officer_own"])
def test_the_reference_holds_from_the_tally_and_without_it(
    monkeypatch, kemendagri, operator, officer, by, who, mode
):
    # Set before the world is built: every refresh then counts as of this day.
    day = ON if mode == "tally" else ON - timedelta(days=1)
    ReportTallyDay.objects.update(day=day)
    ActivityTallyDay.objects.update(day=day)
    sql: list[str] = []
    overview = reference.compliance_overview

    def spy(**kwargs: Any) -> Any:
        with CaptureQueriesContext(connection) as queries:
            result = overview(**kwargs)
        sql.extend(q["sql"] for q in queries.captured_queries)
        return result

    monkeypatch.setattr(reference, "compliance_overview", spy)
    reference.test_every_number_equals_the_reference(kemendagri, operator, officer, by, who)
    read = " ".join(sql)
    assert ('"monitoring_reporttally"' in read) == (mode == "tally")
    assert ('"monitoring_fundtally"' in read) == (mode == "tally")
    # The roll-up holds every plan a government user reads only for its own agreements: with
    # all it may read, the RKTs its agency signs as a regional government count too.
    assert ('"workplans_agreementactivitytally"' in read) == (mode == "tally" and who != "officer")
    if mode == "tally" and who != "officer":
        assert '"workplans_activity"' not in read  # no probe of the activities
        # the two days, three groupings, two totals at most; by agreement (organization) the
        # busiest first and three (two) totals
        assert len(sql) <= {"agreement": 9, "organization": 8}.get(by, 7)


@pytest.mark.parametrize("by", ["agreement", "organization"])
@pytest.mark.parametrize("who", ["operator", "officer_own"])
def test_the_busiest_rows_are_those_of_all_the_rows(
    monkeypatch, kemendagri, operator, officer, who, by
):
    """By agreement or organization only the busiest groups' rows are read (`busiest`): the
    rows shown, their order, the count of groups and the totals are those the page gives when
    it reads every group (`BUSIEST_KEYS_LIMIT` 0 makes it do so), for a table cut short."""
    from .. import compliance

    ReportTallyDay.objects.update(day=ON)  # the tallies count as of the day asked for
    ActivityTallyDay.objects.update(day=ON)
    reference.build_world(kemendagri)
    viewer = operator if who == "operator" else officer
    own = who == "officer_own"

    def overview(keys_limit: int) -> Any:
        monkeypatch.setattr(compliance, "BUSIEST_KEYS_LIMIT", keys_limit)
        return compliance.compliance_overview(viewer=viewer, by=by, on=ON, own=own)

    everything = overview(0)
    # enough groups to cut the table (the officer's own agreements: two of them)
    assert everything.group_count > (2 if who == "operator" else 1)
    for limit in (1, 2, 3, everything.group_count):
        monkeypatch.setattr(compliance, "ROW_LIMIT", limit)
        with CaptureQueriesContext(connection) as queries:
            busiest = overview(10_000)
        assert "SUM(weight)" in " ".join(q["sql"] for q in queries.captured_queries)
        all_rows = overview(0)
        assert busiest.rows == all_rows.rows
        assert len(busiest.rows) == min(limit, everything.group_count)
        assert busiest.group_count == everything.group_count
        assert busiest.reports == everything.reports
        assert busiest.activities == everything.activities
        assert busiest.beneficiaries == everything.beneficiaries
        assert busiest.funds == everything.funds


def test_a_missed_daily_job_makes_the_page_fall_back_not_wrong(kemendagri, operator):
    """The tally counted as of yesterday: its `missing` is stale for today, so the page counts
    the reports today (one is missing since today)."""
    from mitra.monitoring.tests.factories import ReportFactory

    from ..compliance import compliance_overview

    ReportTallyDay.objects.update(day=ON - timedelta(days=1))
    ActivityTallyDay.objects.update(day=ON - timedelta(days=1))
    ReportFactory(due_date=ON - timedelta(days=1))  # not missing yesterday, missing today
    overview = compliance_overview(viewer=operator, by="ministry", on=ON)
    assert overview.reports["missing"] == 1
