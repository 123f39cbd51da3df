"""A hostile attachment to a monitoring report is refused with a clear message and nothing is
stored (issue 13 §1; the checks are agreements.documents.check_upload)."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements.tests import hostile
from mitra.core.tests.world import build_world
from mitra.monitoring.models import ReportAttachment

from .factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.pdf_with_javascript, "active content"),
        (hostile.pdf_after_other_bytes, "not a plain PDF"),
    ],
)
def test_report_attachment_refuses_and_stores_nothing(client, settings, tmp_path, build, message):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    report = ReportFactory(agreement=world.kemendagri_active, due_date=date(2026, 11, 1))
    stored = {p for p in tmp_path.rglob("*") if p.is_file()}
    client.force_login(world.users["org_representative"])
    response = client.post(
        reverse("monitoring:attachment_add", args=[report.pk]),
        {"title": "Annex", "file": build()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportAttachment.objects.exists()
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == stored
