"""Hostile evidence for a sanction case is refused with a clear message and nothing is stored
(issue 13 §1; the checks are agreements.documents.check_upload)."""

import pytest
from django.urls import reverse

from mitra.agreements.tests import hostile
from mitra.sanctions.models import SanctionEvidence

from .test_url_matrix import cases
from .test_url_matrix import world as world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.pdf_with_launch_action, "active content"),
        (lambda: hostile.docx_bomb(20), "compressed more than"),
    ],
)
def test_evidence_upload_refuses_and_stores_nothing(
    client, settings, tmp_path, world, build, message
):  # noqa: E501, F811
    settings.MEDIA_ROOT = tmp_path
    case = cases(world)["ford_case"]
    before = SanctionEvidence.objects.count()
    stored = {p for p in tmp_path.rglob("*") if p.is_file()}
    client.force_login(world.users["secretariat"])
    response = client.post(
        reverse("sanctions:evidence_add", args=[case.pk]),
        {"title": "More", "file": build()},
        follow=True,
    )
    assert message in response.content.decode()
    assert SanctionEvidence.objects.count() == before
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == stored
