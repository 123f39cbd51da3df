"""Registering an agreement: check your answers first (nothing saved), "Change" returns to the
filled-in form, "Confirm" saves and shows the confirmation panel; errors come as a summary
linked to each field (issue 16 §1)."""

import pytest
from django.urls import reverse

from mitra.agreements.models import Agreement
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def test_check_change_confirm(client, officer):
    partner = ForeignOrganizationFactory(un_agency=True)
    client.force_login(officer)
    url = reverse("agreements:create")
    form = client.get(url).context["form"]
    data = {
        "title": "MoU on forms",
        "type": Agreement.Type.choices[0][0],
        "owner": form.fields["owner"].queryset.first().pk,
        "foreign_parties": [partner.pk],
        "form_token": client.get(url).context["form_token"],
    }
    before = Agreement.objects.count()
    check = client.post(url, data)
    assert check.status_code == 200, check.content.decode()[:2000]
    html = check.content.decode()
    assert "Check your answers" in html
    assert "MoU on forms" in html
    assert f'formaction="{url}#id_title"' in html
    assert Agreement.objects.count() == before
    back = client.post(url, {**data, "change": "1"})
    assert back.status_code == 200
    assert 'value="MoU on forms"' in back.content.decode()
    saved = client.post(url, {**data, "confirm": "1"})
    assert saved.status_code == 302
    assert saved.url.endswith("?registered=1")
    assert Agreement.objects.count() == before + 1
    panel = client.get(saved.url).content.decode()
    assert 'id="confirmation-panel"' in panel
    assert "What happens next" in panel


def test_errors_come_as_a_summary_linked_to_each_field(client, officer):
    client.force_login(officer)
    response = client.post(reverse("agreements:create"), {"title": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_title"' in html
    assert 'id="id_title-error"' in html  # and at the field
