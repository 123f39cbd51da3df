"""Issue 9 in a browser: Ford submits its extension and Kemlu (the TPOA secretariat) is told in
the app and by email; after the decision Ford has the notice in Indonesian; Pemerintah Provinsi
Jawa Tengah acknowledges an N5 notice in its inbox and Ford sees the acknowledgement."""

import re
from dataclasses import replace
from datetime import date

from django.core import mail

from mitra.accounts.models import User
from mitra.accounts.tests.factories import UserFactory
from mitra.notifications.models import Notice
from mitra.permits import services
from mitra.permits.models import REQUIRED_DOCUMENTS, AgencyReview, Application
from mitra.permits.tests.factories import pdf, present_and_deliberate
from mitra.workplans.models import RegionalNotification

from .conftest import DEMO_TODAY, Site


def complete_the_demo_extension(ford: User) -> Application:
    """Ford's extension draft of the demo, with what the browser test does not type: the
    required documents uploaded again and the summary of changes."""
    extension = Application.objects.get(extends__number="IP-2024-0007")
    data = services.ApplicationInput(
        profile=extension.profile,
        programmes=extension.programmes,
        provinces=list(extension.provinces.all()),
        partner_ministry=extension.partner_ministry,
        funding_sources=extension.funding_sources,
        funding_amount=extension.funding_amount,
        funding_currency=extension.funding_currency,
        local_partners=extension.local_partners,
        changes_summary="Same programmes, continued in DKI Jakarta and Jawa Tengah.",
    )
    services.application_update(
        application_id=extension.pk, data=replace(data, profile=dict(data.profile)), actor=ford
    )
    for item in REQUIRED_DOCUMENTS:
        services.application_document_upload(
            application_id=extension.pk, item=item, upload=pdf(f"{item}.pdf"), actor=ford
        )
    return extension


def decide(extension: Application, kemlu: User) -> None:
    """The secretariat verifies and circulates, each member agency gives no objection, the
    team deliberates and the Minister's decision is entered (through the services)."""
    services.application_open_verification(application_id=extension.pk, actor=kemlu)
    services.application_circulate(application_id=extension.pk, actor=kemlu)
    for review in AgencyReview.objects.filter(application=extension).select_related("agency"):
        reviewer = User.objects.filter(body=review.agency, role="officer").first() or UserFactory(
            officer=True, body=review.agency
        )
        services.review_decide(
            review_id=review.pk, state="no_objection", reason_code="none", text="", actor=reviewer
        )
    present_and_deliberate(extension.pk, kemlu)
    services.deliberation_record(
        application_id=extension.pk,
        held_on=DEMO_TODAY,
        agencies_present=[r.agency for r in extension.reviews.all()],
        recommendation="approve",
        actor=kemlu,
    )
    services.application_decide(
        application_id=extension.pk,
        approve=True,
        valid_from=date(2027, 4, 4),
        valid_until=date(2030, 4, 3),
        decided_on=DEMO_TODAY,
        actor=kemlu,
    )


def test_an_extension_tells_the_secretariat_and_the_decision_tells_ford(site: Site) -> None:
    ford = User.objects.get(username="ford")
    kemlu = User.objects.get(username="kemlu")
    extension = complete_the_demo_extension(ford)
    mail.outbox.clear()
    page = site.page

    site.login("ford")
    site.goto(f"/id/permits/applications/{extension.pk}/")
    with page.expect_navigation():
        page.click("#application-check")  # check your answers first (issue 16 §1)
    with page.expect_navigation():
        page.click("#application-submit")
    extension.refresh_from_db()
    assert extension.status == Application.Status.SUBMITTED

    # Kemlu: the bell counts the notice, the list shows it in Indonesian, the email went out.
    page.context.clear_cookies()
    site.login("kemlu")
    site.goto("/id/dashboard/")
    assert int(page.locator("#notification-count").inner_text().split()[0]) >= 1
    page.click("#notification-bell")
    page.wait_for_load_state("load")
    notice = page.locator('#notifications li[data-event="permits.application_submitted"]')
    assert "Ford Foundation mengajukan permohonan" in notice.first.inner_text()
    emailed = [m for m in mail.outbox if kemlu.email in m.to]
    assert [m.subject for m in emailed] == [
        # Kemlu's bell also holds the demo's earlier submission (The Asia Foundation's).
        Notice.objects.get(
            user=kemlu, event="permits.application_submitted", target_id=str(extension.pk)
        ).title
    ]
    assert f"/id/permits/applications/{extension.pk}/" in emailed[0].body
    site.screenshot("notifications-kemlu")

    decide(extension, kemlu)

    # Ford (Indonesian is the default language of the demo users): the decision, in Indonesian.
    page.context.clear_cookies()
    site.login("ford")
    site.goto("/id/notifications/")
    approved = page.locator('#notifications li[data-event="permits.application_approved"]')
    text = approved.first.inner_text()
    assert re.search(rf"Permohonan {extension.reference} dari Ford Foundation disetujui", text)
    with page.expect_navigation():
        approved.first.get_by_role("button", name="Buka").click()
    assert f"/id/permits/applications/{extension.pk}/" in page.url
    site.screenshot("notifications-ford-decision")


def test_jateng_acknowledges_an_n5_notice_and_ford_sees_it(site: Site) -> None:
    notice = RegionalNotification.objects.get(reference="DEMO/FORD/2026/PEMPROV-33")
    assert notice.acknowledged_at is None
    page = site.page
    site.login("jateng")
    # The inbox is in the navbar's Cooperation menu for government users.
    assert page.locator("#nav-n5-inbox").count() == 1
    site.goto(page.locator("#nav-n5-inbox").get_attribute("href"))
    row = page.locator(f"#n5-{notice.pk}")
    assert re.search("Menunggu konfirmasi|Belum dikonfirmasi", row.inner_text())
    with page.expect_navigation():
        row.get_by_role("button", name="Konfirmasi").click()
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None
    assert "Telah dikonfirmasi" in page.locator(f"#n5-{notice.pk}").inner_text()

    page.context.clear_cookies()
    site.login("ford")
    site.goto(f"/id/workplans/{notice.work_plan_id}/")
    row = page.locator(f"#notification-{notice.pk}").inner_text()
    assert "Telah dikonfirmasi" in row
    assert "Pemerintah Provinsi Jawa Tengah" in row
    site.goto("/id/notifications/")
    told = page.locator('#notifications li[data-event="workplans.n5_acknowledged"]')
    assert told.count() >= 1
    site.screenshot("notifications-n5-acknowledged")
