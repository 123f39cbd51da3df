"""Issue 4 §7(b): an RKT that breaks containment is refused with a clear error, nothing saved."""

from typing import Any

from mitra.agreements.models import Agreement
from mitra.regions.models import Province
from mitra.workplans.models import WorkPlan


def test_an_rkt_outside_its_rik_shows_the_error_and_saves_nothing(site: Any) -> None:
    msp = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
    rik = WorkPlan.objects.get(agreement=msp, kind="rik")
    jateng = Province.objects.get(code="33")
    before = WorkPlan.objects.count()

    site.console.expect(r"status of 400")  # the refused form answers 400 Bad Request
    site.login("kemendagri")
    site.goto(f"/id/agreements/{msp.pk}/")
    page = site.page
    assert page.locator("#agreement-workplans").get_by_text("RKT 2026 Jawa Tengah").count() == 1
    with page.expect_navigation():
        page.click("#new-workplan")
    page.select_option("#id_kind", "rkt")
    page.fill("#id_title", "RKT 2028 Jawa Tengah")
    page.select_option("#id_parent", str(rik.pk))
    page.fill("#id_start_date", "2028-01-01")
    page.fill("#id_end_date", "2028-12-31")
    page.select_option("#id_province", str(jateng.pk))
    with page.expect_navigation():
        page.click("#workplan-form button[type=submit]")

    errors = page.locator("#form-errors")
    assert errors.is_visible()
    text = errors.inner_text()
    assert "2028-12-31" in text, text  # the RKT's end
    assert "2027-04-03" in text, text  # the RIK's end
    assert WorkPlan.objects.count() == before
    site.screenshot("workplan-containment-error")

    # The demo's RKT in Jawa Tengah shows its frame as a timeline and its activities.
    rkt = WorkPlan.objects.get(agreement=msp, kind="rkt", year=2026, province=jateng)
    site.goto(f"/id/workplans/{rkt.pk}/")
    # (izin prinsip when the permits app knows it,) agreement, RIK, RKT
    assert page.locator("svg.timeline rect.timeline__bar").count() >= 3
    assert page.locator("#containment-ok").is_visible()
    assert page.locator("#activity-table").get_by_text("Kota Semarang").count() >= 1
