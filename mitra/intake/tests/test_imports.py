"""Import of activities and reports: all or nothing, row errors, file types."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mitra.agreements.access import agreement_rebuild_all_access
from mitra.agreements.models import Agreement
from mitra.audit.models import AuditEvent
from mitra.core.tests.world import build_world
from mitra.intake import imports
from mitra.jobs.models import Job
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import ReportFactory
from mitra.organizations.tests.factories import SectorFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans.models import Activity, ActivityTally
from mitra.workplans.tests.factories import WorkPlanFactory

pytestmark = pytest.mark.django_db
REF = "001/MSP/2024"


@pytest.fixture
def world():
    w = build_world()
    Agreement.objects.filter(pk=w.kemendagri_active.pk).update(reference=REF)
    Agreement.objects.filter(pk=w.kemenkes_active.pk).update(reference="K-1")
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    RegencyFactory(code="33.74", province=jateng, name="Kota Semarang")
    SectorFactory(code="governance")
    w.plan = WorkPlanFactory(agreement=w.kemendagri_active)
    w.k_plan = WorkPlanFactory(agreement=w.kemenkes_active)
    return w


def activity_row(plan, **changes):
    row = dict(zip(imports.COLUMNS["activities"], imports.SAMPLES["activities"][0], strict=True))
    row.update(work_plan=str(plan.pk), start_date="2025-03-01", end_date="2025-03-31")
    row.update(changes)
    return row


def as_csv(kind, rows) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=imports.COLUMNS[kind])
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("rows.csv", out.getvalue().encode(), "text/csv")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Upload as `user`: the request answers 302 to the job page; the job runs when the
    request's transaction has committed (the immediate task backend, at the end of the block);
    returns the job page then."""

    def go(user, kind, upload):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("intake:import"), {"kind": kind, "file": upload})
            assert response.status_code == 302, response.content.decode()[:500]
        return client.get(response["Location"])

    return go


def test_good_activities_file_creates_everything_with_audit(post, world):
    rows = [activity_row(world.plan, title="Satu"), activity_row(world.plan, title="Dua")]
    response = post(world.users["officer"], "activities", as_csv("activities", rows))
    assert response.status_code == 200
    assert "2 records were saved" in response.content.decode()
    created = Activity.objects.filter(work_plan=world.plan).order_by("title")
    assert [a.title for a in created] == ["Dua", "Satu"]
    first = created[0]
    assert first.planned_total == 67
    assert str(first.planned_budget) == "150000000.00"
    assert sorted(p.code for p in first.provinces.all()) == ["33"]
    assert [r.code for r in first.regencies.all()] == ["33.74"]
    assert first.sector.code == "governance"
    events = AuditEvent.objects.filter(event="activity.created")
    assert events.count() == 2
    # The dashboards' tally, recomputed once at the end of the import, counts both.
    plan_row = ActivityTally.objects.get(work_plan=world.plan, province__isnull=True)
    assert (plan_row.activities, plan_row.planned_beneficiaries) == (2, 134)


def test_one_bad_row_changes_nothing_and_yields_the_error_report(client, post, world):
    rows = [
        activity_row(world.plan, title="Good"),
        activity_row(world.plan, province_codes="99"),
        activity_row(world.plan, title="Too late", start_date="2030-01-01", end_date="2030-02-01"),
    ]
    response = post(world.users["officer"], "activities", as_csv("activities", rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert not Activity.objects.exists()
    # Only the job's own life is audited: no record was written.
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert events == {"job.created", "job.started", "job.succeeded"}
    job = Job.objects.get()
    assert f"?job={job.pk}" in page
    report = client.get(reverse("intake:import_errors"), {"job": job.pk}).content.decode()
    # Without ?job= the report is the one of the user's latest import (as before).
    assert client.get(reverse("intake:import_errors")).content.decode() == report
    parsed = list(csv.DictReader(io.StringIO(report)))
    assert {"row": "3", "column": "province_codes"}.items() <= parsed[0].items()
    assert "99" in parsed[0]["message"]
    assert any(r["row"] == "4" and r["column"] == "start_date" for r in parsed)


def test_unparseable_cells_are_reported_by_column(world):
    upload = as_csv(
        "activities",
        [
            activity_row(
                world.plan, start_date="01/03/2025", planned_budget="lots", female_adult="-"
            )
        ],
    )
    result = imports.import_file(upload=upload, kind="activities", actor=world.users["officer"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "female_adult")]
    assert not Activity.objects.exists()


def test_xlsx_file_is_read(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(imports.COLUMNS["activities"])
    row = activity_row(world.plan, title="Dari XLSX")
    sheet.append([row[c] for c in imports.COLUMNS["activities"]])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("rows.bin", out.getvalue(), "application/octet-stream")
    result = imports.import_file(upload=upload, kind="activities", actor=world.users["officer"])
    assert result.ok
    assert result.created == 1
    assert Activity.objects.get().title == "Dari XLSX"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a table", "Only CSV"),
        (b"PK\x03\x04 broken zip", "damaged or not a workbook"),
        (b"a,b\x00,c\n", "Only CSV"),
        (b"\xff\xfe\xfa\xfb", "Only CSV"),
    ],
)
def test_wrong_file_type_is_refused(post, world, content, message):
    upload = SimpleUploadedFile("rows.csv", content, "text/csv")
    response = post(world.users["officer"], "activities", upload)
    assert message in response.content.decode()
    assert Job.objects.get().status == Job.Status.FAILED
    assert not Activity.objects.exists()


def test_too_large_file_is_refused_in_the_request(client, world, settings):
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_BYTES": 100}
    upload = as_csv("activities", [activity_row(world.plan)] * 5)
    client.force_login(world.users["officer"])
    response = client.post(reverse("intake:import"), {"kind": "activities", "file": upload})
    assert response.status_code == 400
    assert "larger than the limit of 100" in response.content.decode()
    assert not Job.objects.exists()


def test_rows_for_agreements_outside_the_scope_are_errors(world, settings):
    # Kemendagri, a TPOA member, reads Kemenkes–PATH (ormas asing) through the visibility
    # grant (ADR 0015) but may not write there: the row is refused.
    rows = [activity_row(world.k_plan, agreement_reference="K-1")]
    result = imports.import_file(
        upload=as_csv("activities", rows), kind="activities", actor=world.users["officer"]
    )
    assert [e.row for e in result.errors] == [2]
    assert not result.ok
    # Without the grant the agreement is outside the scope: an unknown reference.
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": []}
    agreement_rebuild_all_access()
    result = imports.import_file(
        upload=as_csv("activities", rows), kind="activities", actor=world.users["officer"]
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "agreement_reference")]


def report_row(**changes):
    row = dict(zip(imports.COLUMNS["reports"], imports.SAMPLES["reports"][0], strict=True))
    row.update(changes)
    return row


def test_disclosure_report_import_submits_with_lines(world):
    report = ReportFactory(
        agreement=world.kemendagri_active,
        kind=Report.Kind.DISCLOSURE,
        period_start=date(2025, 1, 1),
    )
    rows = [report_row(), report_row(donor_name="Open Society", amount="1000.50")]
    result = imports.import_file(
        upload=as_csv("reports", rows), kind="reports", actor=world.users["org_representative"]
    )
    assert result.ok, result.errors
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.lines.count() == 2
    assert AuditEvent.objects.filter(event="report.submitted").count() == 1


def test_bad_disclosure_line_points_at_its_row_and_nothing_is_written(world):
    report = ReportFactory(
        agreement=world.kemendagri_active,
        kind=Report.Kind.DISCLOSURE,
        period_start=date(2025, 1, 1),
    )
    rows = [report_row(), report_row(currency="XXQ")]
    result = imports.import_file(
        upload=as_csv("reports", rows), kind="reports", actor=world.users["org_representative"]
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "currency")]
    report.refresh_from_db()
    assert report.status == Report.Status.DUE
    assert not report.lines.exists()


def test_sample_templates_have_the_columns(client, world):
    client.force_login(world.users["officer"])
    for kind in imports.KINDS:
        text = client.get(reverse("intake:import_template", args=[kind])).content.decode()
        assert next(csv.reader(io.StringIO(text))) == imports.COLUMNS[kind]
