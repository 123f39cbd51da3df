"""Licensing API after issue: suspend, reinstate, revoke an izin prinsip; end an izin
operasional; end a staff assignment — each by its authority, with reason and legal basis;
outside scope 404, the wrong authority or missing grounds 400, and nothing written."""

from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit
from mitra.permits.tests.factories import PermitFactory, members

pytestmark = pytest.mark.django_db
GROUNDS = {"reason": "Political activity.", "legal_basis": "UU 17/2013 Ps 52"}


@pytest.fixture
def cast(kemendagri: Any, ford: Any) -> dict[str, Any]:
    agencies = members()
    permit = PermitFactory(organization=ford, partner_ministry=kemendagri)
    msp = AgreementFactory(owner=kemendagri, foreign_parties=[ford], active=True)
    return {
        "kemlu": UserFactory(username="kemlu", officer=True, body=agencies["kemlu"]),
        "ktln": UserFactory(username="ktln", officer=True, body=agencies["kemensetneg"]),
        "permit": permit,
        "other_permit": PermitFactory(),
        "io": IzinOperasional.objects.create(
            number="IO-API",
            permit=permit,
            agreement=msp,
            issuer=kemendagri,
            valid_from=permit.valid_from,
            valid_until=permit.valid_until,
        ),
        "staff": ForeignStaffAssignment.objects.create(
            organization=ford,
            name="A. Expert",
            nationality="US",
            position="Adviser",
            start_date=date(2024, 6, 1),
            end_date=date(2026, 6, 1),
            ktln_approval_number="B-1/KTLN",
            ktln_approved_on=date(2024, 5, 1),
        ),
    }


def url(permit: Permit, action: str) -> str:
    return f"/api/v1/permits/permits/{permit.pk}/actions/{action}/"


def test_the_secretariat_suspends_reinstates_and_revokes(client_for, cast, officer):
    permit, kemlu = cast["permit"], client_for(cast["kemlu"])
    suspended = kemlu.post(url(permit, "suspend"), GROUNDS, format="json")
    assert suspended.status_code == 200, suspended.json()
    assert (suspended.json()["status"], suspended.json()["effective_status"]) == (
        "active",
        "suspended",
    )
    assert suspended.json()["status_legal_basis"] == "UU 17/2013 Ps 52"
    reinstated = kemlu.post(url(permit, "reinstate"), GROUNDS, format="json")
    assert reinstated.json()["effective_status"] == "active"
    revoked = kemlu.post(url(permit, "revoke"), GROUNDS, format="json")
    assert revoked.json()["status"] == "revoked"
    # The cascade: its izin operasional ended with it.
    listed = client_for(officer).get(f"/api/v1/permits/permits/{permit.pk}/operational/")
    assert listed.json()[0]["status"] == "ended_by_parent"


def test_refusals_write_nothing(client_for, cast, officer, ford_rep):
    permit = cast["permit"]
    events = AuditEvent.objects.count()
    missing = client_for(cast["kemlu"]).post(url(permit, "revoke"), {}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()["extra"]) == {"reason", "legal_basis"}
    wrong = client_for(officer).post(url(permit, "revoke"), GROUNDS, format="json")
    assert wrong.status_code == 400  # a ministry that is not the secretariat
    assert client_for(ford_rep).post(url(permit, "revoke"), GROUNDS).status_code == 403
    other = cast["other_permit"]
    assert client_for(ford_rep).post(url(other, "suspend"), GROUNDS).status_code == 403
    assert client_for(cast["kemlu"]).post(url(permit, "delete"), GROUNDS).status_code == 404
    assert Permit.objects.get(pk=permit.pk).status == "active"
    assert AuditEvent.objects.count() == events


def test_the_issuer_ends_an_izin_operasional(client_for, cast, officer, other_officer):
    io = cast["io"]
    end = f"/api/v1/permits/operational/{io.pk}/actions/end/"
    assert client_for(other_officer).post(end, GROUNDS, format="json").status_code == 400
    response = client_for(officer).post(end, GROUNDS, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["end_legal_basis"]) == ("ended", "UU 17/2013 Ps 52")


def test_biro_ktln_ends_an_assignment(client_for, cast, officer, ford_rep):
    staff = cast["staff"]
    end = f"/api/v1/permits/staff/{staff.pk}/actions/end/"
    assert client_for(officer).post(end, GROUNDS, format="json").status_code == 400
    response = client_for(cast["ktln"]).post(end, GROUNDS, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "ended"
    # Writes need an officer: a representative is refused before any lookup.
    assert client_for(ford_rep).post(end, GROUNDS, format="json").status_code == 403
