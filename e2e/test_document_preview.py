"""Issue 16 §1 (a) in a browser: Kemlu, the TPOA secretariat, opens an applicant's uploaded
PDF from the documents checklist: the checklist shows each version with its SHA-256 hash, and
the link serves the PDF inline (the browser's viewer), never sniffed."""

from mitra.permits.models import Application

from .conftest import Site


def test_kemlu_opens_an_uploaded_pdf_from_the_checklist(site: Site) -> None:
    application = Application.objects.get(organization__legal_name="The Asia Foundation")
    deed = application.documents.get(item="deed")
    page = site.page
    site.login("kemlu")
    site.goto(f"/en/permits/applications/{application.pk}/")
    row = page.locator("#doc-deed")
    assert "Version 1" in row.inner_text()
    assert deed.sha256 in row.locator(".doc-hash").inner_text()
    link = row.get_by_role("link", name="Version 1")
    href = link.get_attribute("href")
    assert href == f"/en/permits/applications/{application.pk}/documents/{deed.pk}/"
    response = page.request.get(site.url(href))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body().startswith(b"%PDF")
    site.screenshot("document-preview-checklist")
