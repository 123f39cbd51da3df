"""IATI (issue 17): an operator uploads the demo file written for Ford Foundation, follows the
job's progress, and finds on Ford's internal page the disbursement of 25 March 2024, dated in
the 18 days between its MSP of 2021–2024 and the renewal of 2024–2027."""

from typing import Any

from django.utils import translation

from mitra.iati.demo import FORD_DEMO_FILE
from mitra.iati.models import Finding
from mitra.jobs.models import Job
from mitra.organizations.models import ForeignOrganization

from .conftest import Site


def test_upload_progress_and_findings_on_fords_page(site: Site, page: Any) -> None:
    site.login("operator")
    site.goto("/id/iati/import/")
    page.set_input_files("#iati-upload-form input[name=file]", str(FORD_DEMO_FILE))
    with page.expect_navigation():
        page.click("#iati-upload-submit")
    assert "/jobs/" in page.url
    # The progress component; the task runs in the worker (immediately in tests) and the page
    # shows the result once it has finished.
    page.wait_for_selector("#iati-import-result")
    job = Job.objects.get(kind="iati.import")
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert page.locator("[role=progressbar]").count() == 1
    site.screenshot("iati-import-result")

    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    gap = Finding.objects.filter(
        organization=ford, kind=Finding.Kind.AFTER_END, detail__date="2024-03-25"
    )
    assert gap.count() == 2  # after the MSP of 2021–2024 and after its izin prinsip
    site.goto(f"/id/organizations/{ford.pk}/")
    findings = page.locator("#org-iati #iati-findings")
    findings.wait_for()
    text = findings.inner_text()
    assert "2024-03-25" in text
    assert "US-EIN-13-1684331-MITRA-DEMO-1" in text
    site.screenshot("iati-findings-ford")


def test_import_from_the_configured_folder(site: Site, page: Any, settings: Any) -> None:
    """The demo's folder (as `make run` configures it) holds ford_demo.xml: the operator sees it
    listed, starts the import, and the job page shows the result."""
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_FOLDER": str(FORD_DEMO_FILE.parent)}
    site.login("operator")
    site.goto("/en/iati/import/")
    files = page.locator("#iati-folder-files")
    assert FORD_DEMO_FILE.name in files.inner_text()
    assert "__init__.py" not in files.inner_text()
    site.screenshot("iati-folder-listed")
    with page.expect_navigation():
        page.click("#iati-folder-submit")
    assert "/jobs/" in page.url
    page.wait_for_selector("#iati-import-result")
    job = Job.objects.get(kind="iati.import_folder")
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["activities"] >= 1
    result = page.locator("#iati-import-result").inner_text()
    assert f"{job.result['activities']} activit" in result
    # finding kinds in words, not their codes
    with translation.override("en"):
        assert str(Finding.Kind.AFTER_END.label) in result
    assert "after_end" not in result
    site.screenshot("iati-folder-import")
