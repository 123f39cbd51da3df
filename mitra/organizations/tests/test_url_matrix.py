"""Every change-notice URL × every role (GET), and POSTs: refused writes change nothing."""

from typing import Any

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.organizations import services
from mitra.organizations.models import ChangeNotice, ForeignOrganization

from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> tuple[World, dict[str, Any]]:
    w = build_world()
    notice = services.change_notice_file(
        organization_id=w.ford.pk,
        kind="country_director",
        values={"country_director": "Ada Lovelace"},
        actor=w.users["org_representative"],
    )
    return w, {"ford": w.ford, "other_org": w.other_org, "ford_notice": notice}


def kwargs_for(objects: dict[str, Any], target: str) -> dict[str, Any]:
    if target == "ford_notice":
        notice = objects[target]
        return {"pk": notice.organization_id, "notice_pk": notice.pk}
    return {"pk": objects[target].pk}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    w, objects = world
    login(client, w, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(objects, target))


def snapshot() -> dict[str, Any]:
    return {
        "notices": sorted(ChangeNotice.objects.values_list("pk", "status", "decision_reason")),
        "orgs": sorted(
            ForeignOrganization.objects.values_list("pk", "country_director", "indonesian_office")
        ),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("role", ["anonymous", "officer", "viewer", "other_officer"])
def test_refused_filing_writes_nothing(client, world, role):
    w, _objects = world
    login(client, w, role)
    before = snapshot()
    response = client.post(
        reverse("organizations:change_create", args=[w.ford.pk]),
        {"kind": "address", "indonesian_office": "Jl. Baru 1"},
    )
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert snapshot() == before


@pytest.mark.parametrize(
    "role", ["anonymous", "officer", "viewer", "other_officer", "org_representative"]
)
def test_only_the_secretariat_decides(client, world, role):
    w, objects = world
    login(client, w, role)
    before = snapshot()
    response = client.post(
        reverse("organizations:change_detail", args=[w.ford.pk, objects["ford_notice"].pk]),
        {"decision": "accept"},
    )
    assert response.status_code == (302 if role == "anonymous" else 403)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    assert snapshot() == before


def test_the_secretariat_accepts_over_the_web(client, world):
    w, objects = world
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri")
    client.force_login(UserFactory(officer=True, body=kemlu))
    url = reverse("organizations:change_detail", args=[w.ford.pk, objects["ford_notice"].pk])
    assert client.get(url).status_code == 200
    # Refusing without a reason: the error on the field, nothing written.
    before = snapshot()
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 400
    assert "Give the reason for refusing." in response.content.decode()
    assert snapshot() == before
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    w.ford.refresh_from_db()
    assert w.ford.country_director == "Ada Lovelace"


def test_bad_input_in_the_filing_form(client, world):
    w, _objects = world
    client.force_login(w.users["org_representative"])
    url = reverse("organizations:change_create", args=[w.ford.pk])
    before = snapshot()
    for data, message in [
        ({"kind": "nonsense"}, "Choose what changes."),
        ({"kind": "contact", "email": "not-an-email"}, "Enter a valid email address."),
        ({"kind": "country_director", "country_director": ""}, "This field is required."),
        ({"kind": "regions", "regions": ["999999"]}, "Select a valid choice"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert snapshot() == before
    # A representative edits the address at once (it was 403 on the registry form).
    response = client.post(url, {"kind": "address", "indonesian_office": "Jl. Sudirman 1"})
    assert response.status_code == 302
    w.ford.refresh_from_db()
    assert w.ford.indonesian_office == "Jl. Sudirman 1"
