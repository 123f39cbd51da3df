"""Issue 15 §6(d): Ford replies to a written warning with evidence and the secretariat sees it.

The demo's written warning against Ford Foundation was issued on 25 November 2026; with "today"
pinned to 29 November 2026 its 7 working days still run. A wrong file is refused with the reason
and nothing is stored; the reply with a PDF reaches the case history, the secretariat (Kemlu)
is told and sees the reply and downloads the evidence."""

from mitra.agreements.tests.files import PDF_BYTES
from mitra.notifications.models import Notice
from mitra.sanctions.models import SanctionCase, SanctionEvidence, SanctionReply

from .conftest import Site

REPLY = "Kesbangpol Jawa Tengah gave the recommendation for our partner on 27 November 2026."


def test_ford_replies_to_a_written_warning_with_evidence(site: Site) -> None:
    case = SanctionCase.objects.get(organization__legal_name="Ford Foundation")
    assert case.status == "written_warning"
    page = site.page

    site.login("ford")
    site.goto("/id/sanctions/")
    with page.expect_navigation():
        page.click(f"#sanction-cases a[href$='/sanctions/{case.pk}/']")
    assert page.locator("#case-answer").is_visible()
    page.click("details:has(#reply-form) > summary")
    # A picture named .pdf: refused with the reason (a 400 page), nothing stored.
    site.console.expect(r"status of 400 \(Bad Request\).*/sanctions/\d+/reply/")
    page.fill("#reply-form textarea[name=text]", REPLY)
    page.set_input_files(
        "#reply-form input[name=file]",
        files=[
            {
                "name": "scan.pdf",
                "mimeType": "application/pdf",
                "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 64,
            }
        ],
    )
    with page.expect_navigation():
        page.click("#reply-form button[type=submit]")
    assert page.locator("#reply-form [role=alert]").count() >= 1
    assert not SanctionReply.objects.exists()
    assert not SanctionEvidence.objects.filter(case=case).exists()
    # The reply with the recommendation letter.
    page.fill("#reply-form textarea[name=text]", REPLY)
    page.fill("#reply-form input[name=title]", "Surat rekomendasi Kesbangpol")
    page.set_input_files(
        "#reply-form input[name=file]",
        files=[{"name": "rekomendasi.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    with page.expect_navigation():
        page.click("#reply-form button[type=submit]")
    assert REPLY in page.locator("#case-timeline").inner_text()
    site.screenshot("sanction-reply-ford")
    page.click("form[action$='/accounts/logout/'] button")

    assert Notice.objects.filter(user__username="kemlu", event="sanctions.reply_received").exists()
    site.login("kemlu")
    site.goto(f"/id/sanctions/{case.pk}/")
    timeline = page.locator("#case-timeline")
    assert REPLY in timeline.inner_text()
    link = timeline.locator("li[data-kind=reply] a", has_text="Surat rekomendasi Kesbangpol")
    assert link.count() == 1
    response = page.request.get(site.url(link.get_attribute("href")))
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")
    site.screenshot("sanction-reply-secretariat")
