"""A hostile document uploaded to a licensing application is refused with a clear message and
nothing is stored (issue 13 §1; the checks are agreements.documents.check_upload)."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.agreements.tests import hostile
from mitra.permits.models import REQUIRED_DOCUMENTS, ApplicationDocument

pytestmark = pytest.mark.django_db


def stored_files(root: Any) -> set:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.pdf_with_attachment, "active content"),
        (hostile.pdf_with_zip_appended, "not a plain PDF"),
    ],
)
def test_application_document_refuses_and_stores_nothing(
    client, settings, draft, rep, build, message
):
    before = ApplicationDocument.objects.count()
    stored = stored_files(settings.MEDIA_ROOT)
    client.force_login(rep)
    response = client.post(
        reverse("permits:application_document", args=[draft.pk]),
        {"item": REQUIRED_DOCUMENTS[0], "file": build()},
        follow=True,
    )
    assert message in response.content.decode()
    assert ApplicationDocument.objects.count() == before
    assert stored_files(settings.MEDIA_ROOT) == stored
