"""Every import URL × every role (url_matrix.GET); a refused import POST writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.world import ROLES, build_world

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, role):
    world = build_world()
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: {"kind": target} if target else {})


@pytest.mark.parametrize("role", ["anonymous", "viewer"])
def test_refused_import_writes_nothing(client, role):
    world = build_world()
    login(client, world, role)
    before = AuditEvent.objects.count()
    upload = SimpleUploadedFile("a.csv", b"agreement_reference,work_plan,title\n", "text/csv")
    response = client.post(reverse("intake:import"), {"kind": "activities", "file": upload})
    assert response.status_code in (302, 403)
    assert AuditEvent.objects.count() == before
