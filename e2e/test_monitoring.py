"""Issue 4 §7(c): a report becomes overdue and shows on the dashboard and the public directory.

The demo's Ford Foundation activity report for 2026-04-04 → 2026-10-03 was due on 2026-11-02
and never submitted; with "today" pinned to 2026-11-29 the daily job records it overdue.
"""

from datetime import date

from django.core.management import call_command

from mitra.monitoring.models import Report

from .conftest import DEMO_TODAY, Site


def test_an_overdue_report_on_the_dashboard_and_the_public_directory(site: Site) -> None:
    report = Report.objects.get(
        agreement__reference="DEMO-KEMENDAGRI-FORD-2024",
        kind="activity_report",
        period_start=date(2026, 4, 4),
    )
    assert report.status == "due"
    assert report.due_date < DEMO_TODAY
    assert report.overdue_recorded_on is None
    call_command("refresh_report_statuses", verbosity=0)  # the daily job, on the pinned day
    report.refresh_from_db()
    assert report.overdue_recorded_on == DEMO_TODAY
    page = site.page

    site.login("kemendagri")
    overdue = page.locator("#overdue-reports")
    link = overdue.locator(f"a[href$='/monitoring/reports/{report.pk}/']")
    assert link.count() == 1, overdue.inner_text()
    assert "Ford Foundation" in overdue.inner_text()
    with page.expect_navigation():
        link.click()
    assert page.locator("#report-status .report-overdue").count() == 1
    assert page.locator("strong[title='report.overdue']").count() == 1
    site.screenshot("monitoring-overdue-report")
    page.click("form[action$='/accounts/logout/'] button")

    site.goto("/id/directory/?q=Ford")
    results = page.locator("#directory-results")
    assert results.locator(".reports-overdue-flag").count() == 1, results.inner_text()
    site.goto("/id/directory/?q=UCLG")
    assert page.locator("#directory-results .reports-overdue-flag").count() == 0
    site.goto("/id/non-filers/")
    assert "Ford Foundation" in page.locator("#non-filers").inner_text()
    assert "UCLG" not in page.locator("#non-filers").inner_text()
