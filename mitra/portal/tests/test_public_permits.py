"""The public organization page shows the izin prinsip and izin operasional: public columns
only, the effective status (suspended from the organization's status), in a fixed number of
queries."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.models import IzinOperasional, Permit
from mitra.permits.tests.factories import PermitFactory

pytestmark = pytest.mark.django_db


def page(client, org) -> str:
    response = client.get(reverse("portal:organization", args=[org.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_permits_show_public_columns_and_the_derived_suspension(client):
    org = ForeignOrganizationFactory(legal_name="Plan International")
    ministry = GovernmentBodyFactory(name="Kementerian Sosial", acronym="Kemensos")
    permit = PermitFactory(
        organization=org,
        number="IP-2025-0100",
        valid_from=date(2025, 1, 1),
        valid_until=date(2027, 12, 31),
        conditions="INTERNAL-CONDITION",
        status_reason="INTERNAL-REASON",
    )
    msp = AgreementFactory(owner=ministry, foreign_parties=[org], active=True)
    IzinOperasional.objects.create(
        number="IO-KEMENSOS-7",
        permit=permit,
        agreement=msp,
        issuer=ministry,
        valid_from=date(2025, 1, 1),
        valid_until=date(2027, 12, 31),
    )
    body = page(client, org)
    assert "IP-2025-0100" in body
    assert "IO-KEMENSOS-7 (Kemensos" in body
    assert 'text-bg-success">Active</span>' in body
    assert "INTERNAL-CONDITION" not in body
    assert "INTERNAL-REASON" not in body
    assert 'id="izin-prinsip-lost"' not in body
    ForeignOrganization.objects.filter(pk=org.pk).update(status="suspended")
    assert 'text-bg-danger">Suspended</span>' in page(client, org)
    Permit.objects.filter(pk=permit.pk).update(
        status="revoked", status_changed_on=date(2026, 3, 1), status_legal_basis="Kepmenlu 3/2026"
    )
    body = page(client, org)
    assert 'text-bg-danger">Revoked</span> since 1 Mar 2026' in body
    assert "Kepmenlu 3/2026" in body
    assert 'id="izin-prinsip-lost"' in body


def test_the_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = ForeignOrganizationFactory()
    PermitFactory(organization=org)
    with CaptureQueriesContext(connection) as few:
        page(client, org)
    ministry = GovernmentBodyFactory()
    for n in range(4):
        permit = PermitFactory(organization=org, number=f"IP-X-{n}")
        IzinOperasional.objects.create(
            number=f"IO-X-{n}",
            permit=permit,
            agreement=AgreementFactory(owner=ministry, foreign_parties=[org], active=True),
            issuer=GovernmentBodyFactory(),
            valid_from=permit.valid_from,
            valid_until=permit.valid_until,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, org)
