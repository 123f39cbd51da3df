"""Issue 13 §2 in the registry's HTML forms: a one-time token on create, the version on edit."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mitra.core.models import IdempotencyRecord
from mitra.organizations import services
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
NEW = {
    "legal_name": "Stichting Voorbeeld",
    "kind": "foreign_ngo",
    "legal_type": "a",
    "country": "NL",
}


def hidden(response: Any, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', response.content.decode())
    assert found, f"no hidden {name}"
    return found.group(1)


@pytest.fixture
def client(officer: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(officer)
    return client


def test_the_create_form_is_saved_once_per_token(client: Client) -> None:
    token = hidden(client.get(reverse("organizations:create")), "form_token")
    first = client.post(reverse("organizations:create"), {**NEW, "form_token": token})
    org = ForeignOrganization.objects.get(legal_name="Stichting Voorbeeld")
    assert first.status_code == 302
    assert first["Location"] == reverse("organizations:detail", args=[org.pk])
    second = client.post(reverse("organizations:create"), {**NEW, "form_token": token}, follow=True)
    assert second.redirect_chain == [(reverse("organizations:detail", args=[org.pk]), 302)]
    assert "This form was already submitted; here is the record it saved." in (
        second.content.decode()
    )
    assert ForeignOrganization.objects.filter(legal_name="Stichting Voorbeeld").count() == 1


def test_a_refused_create_keeps_its_token_for_the_corrected_submit(client: Client) -> None:
    token = hidden(client.get(reverse("organizations:create")), "form_token")
    refused = client.post(
        reverse("organizations:create"), {**NEW, "legal_name": "", "form_token": token}
    )
    assert refused.status_code == 400
    assert hidden(refused, "form_token") == token
    saved = client.post(reverse("organizations:create"), {**NEW, "form_token": token})
    assert saved.status_code == 302


def test_an_unknown_token_is_refused_and_a_new_one_is_given(client: Client) -> None:
    response = client.post(reverse("organizations:create"), {**NEW, "form_token": "forged"})
    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    assert hidden(response, "form_token") != "forged"
    assert not ForeignOrganization.objects.filter(legal_name="Stichting Voorbeeld").exists()


def test_another_users_token_is_refused(client: Client, operator: Any) -> None:
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(operator)
    token = hidden(other.get(reverse("organizations:create")), "form_token")
    response = client.post(reverse("organizations:create"), {**NEW, "form_token": token})
    assert response.status_code == 400
    assert IdempotencyRecord.objects.get(key=token).used_at is None


def _edit_data(org: ForeignOrganization, **changes: Any) -> dict[str, Any]:
    return {
        "legal_name": org.legal_name,
        "kind": org.kind,
        "legal_type": org.legal_type,
        "country": str(org.country),
        **changes,
    }


def test_the_edit_form_carries_the_version(client: Client) -> None:
    org = ForeignOrganizationFactory()
    response = client.get(reverse("organizations:update", args=[org.pk]))
    assert hidden(response, "version") == "1"


def test_an_edit_of_a_changed_record_shows_both_values_and_saves_nothing(
    client: Client, operator: Any
) -> None:
    org = ForeignOrganizationFactory(legal_name="Yayasan Contoh", phone="+62 1")
    url = reverse("organizations:update", args=[org.pk])
    version = hidden(client.get(url), "version")
    # Meanwhile an operator changes the phone number.
    data = services.OrganizationInput(
        legal_name="Yayasan Contoh", kind=org.kind, country="US", legal_type="a", phone="+62 2"
    )
    services.organization_update(organization_id=org.pk, data=data, actor=operator)
    response = client.post(url, _edit_data(org, phone="+62 3", version=version))
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Changed meanwhile by {operator.get_full_name() or operator.username}" in page
    assert re.search(r"Contact phone</th><td>\+62 2</td><td>\+62 3</td>", page)
    assert hidden(response, "version") == "2"  # saving again is a deliberate choice
    org.refresh_from_db()
    assert (org.phone, org.version) == ("+62 2", 2)
    again = client.post(url, _edit_data(org, phone="+62 3", version="2"))
    assert again.status_code == 302
    org.refresh_from_db()
    assert (org.phone, org.version) == ("+62 3", 3)
