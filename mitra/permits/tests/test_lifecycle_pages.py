"""The pages of the acts after issue: the permit page offers each act to its authority only;
the confirmation page lists the consequences; without the confirmation (or the grounds)
nothing happens."""

from datetime import date
from typing import Any

import pytest

from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit

from .factories import PermitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(ngo: Any, agencies: dict[str, Any]) -> Permit:
    permit = PermitFactory(organization=ngo, partner_ministry=agencies["kemendagri"])
    msp = AgreementFactory(owner=agencies["kemendagri"], foreign_parties=[ngo], active=True)
    IzinOperasional.objects.create(
        number="IO-PAGE",
        permit=permit,
        agreement=msp,
        issuer=agencies["kemendagri"],
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
    )
    ForeignStaffAssignment.objects.create(
        organization=ngo,
        name="A. Expert",
        nationality="US",
        position="Adviser",
        start_date=date(2024, 6, 1),
        end_date=date(2026, 6, 1),
        ktln_approval_number="B-1/KTLN",
        ktln_approved_on=date(2024, 5, 1),
    )
    return permit


def test_the_permit_page_offers_each_act_to_its_authority(client, permit, officers):
    detail = f"/en/permits/permits/{permit.pk}/"
    client.force_login(officers["kemlu"])
    body = client.get(detail).content.decode()
    assert 'id="permit-suspend"' in body
    assert 'id="permit-revoke"' in body
    assert "/operational/" not in body.split('id="io-heading"')[1].split("</section>")[0]
    client.force_login(officers["kemendagri"])  # the issuer of the izin operasional
    body = client.get(detail).content.decode()
    assert 'id="permit-suspend"' not in body
    assert f"/en/permits/operational/{permit.operational.get().pk}/end/" in body
    client.force_login(officers["kemensetneg"])  # Biro KTLN's ministry
    staff = ForeignStaffAssignment.objects.get()
    assert f"/en/permits/staff/{staff.pk}/end/" in client.get(detail).content.decode()


def test_the_confirmation_lists_the_consequences_and_needs_the_confirmation(
    client, permit, officers
):
    client.force_login(officers["kemlu"])
    url = f"/en/permits/permits/{permit.pk}/revoke/"
    page = client.get(url).content.decode()
    assert "Izin operasional ended with it: 1." in page
    assert "Foreign staff assignments flagged for Biro KTLN to close: 1." in page
    assert "Agreements flagged, each owner asked to decide whether it continues: 1." in page
    events = AuditEvent.objects.count()
    unconfirmed = client.post(url, {"reason": "Sanction.", "legal_basis": "UU 17/2013 Ps 62"})
    assert unconfirmed.status_code == 400
    assert Permit.objects.get(pk=permit.pk).status == "active"
    assert AuditEvent.objects.count() == events
    done = client.post(
        url, {"reason": "Sanction.", "legal_basis": "UU 17/2013 Ps 62", "confirm": "on"}
    )
    assert done.status_code == 302
    assert Permit.objects.get(pk=permit.pk).status == "revoked"
    assert "Revoked" in client.get(f"/en/permits/permits/{permit.pk}/").content.decode()


def test_reinstating_a_holder_that_is_not_suspended_is_not_offered(client, permit, officers):
    client.force_login(officers["kemlu"])
    page = client.get(f"/en/permits/permits/{permit.pk}/reinstate/").content.decode()
    assert 'id="blockers"' in page
    assert "This izin prinsip is not suspended." in page
    client.post(
        f"/en/permits/permits/{permit.pk}/suspend/",
        {"reason": "r", "legal_basis": "b", "confirm": "on"},
    )
    assert ForeignOrganization.objects.get(pk=permit.organization_id).status == "suspended"
    body = client.get(f"/en/permits/permits/{permit.pk}/").content.decode()
    assert 'id="permit-reinstate"' in body
    assert ">Suspended<" in body
