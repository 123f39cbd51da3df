"""Dates of decisions and signatures cannot lie in the future, in every service that records
one, with the one message of `core.validators.not_in_future` (issue 11 §3)."""

from datetime import date

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.services import AgreementInput, agreement_add_signatory, agreement_create
from mitra.agreements.tests.factories import AgreementFactory, lead_party
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.services import permit_record_existing
from mitra.sanctions.models import SanctionCase
from mitra.sanctions.services import MoveInput, sanction_case_move, sanction_case_open
from mitra.workplans import services as workplans
from mitra.workplans.tests.factories import WorkPlanFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
TOMORROW = date(2026, 11, 30)
MESSAGE = "2026-11-30 is in the future"


def refused(call, field, **kwargs):
    with freeze_today(TODAY), pytest.raises(ApplicationError) as error:
        call(**kwargs)
    messages = error.value.extra.get(field) or [error.value.message]
    assert any(MESSAGE in m for m in messages), error.value.extra


def test_an_agreement_signing_date(officer, kemendagri):
    data = AgreementInput(
        title="MoU",
        type="mou",
        owner=kemendagri,
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
        signing_date=TOMORROW,
    )
    refused(agreement_create, "signing_date", data=data, actor=officer)


def test_a_signatory(officer, kemendagri):
    agreement = AgreementFactory(owner=kemendagri)
    refused(
        agreement_add_signatory,
        "signed_on",
        agreement_id=agreement.pk,
        party_id=lead_party(agreement).pk,
        title="Kepala",
        signed_on=TOMORROW,
        actor=officer,
    )


def test_an_izin_prinsip_decision(operator):
    refused(
        permit_record_existing,
        "decision_date",
        organization=ForeignOrganizationFactory(),
        number="IP-X",
        decision_date=TOMORROW,
        valid_from=TODAY,
        valid_until=date(2029, 11, 28),
        actor=operator,
    )


def test_a_sanction_step(operator):
    GovernmentBodyFactory(key="kemlu")
    with freeze_today(TODAY):
        case = sanction_case_open(
            organization=ForeignOrganizationFactory(),
            violation="No report.",
            source=SanctionCase.Source.MONITORING,
            actor=operator,
        )
    refused(
        sanction_case_move,
        "issued_on",
        case_id=case.pk,
        data=MoveInput(action="assess", issued_on=TOMORROW, notes="Checked."),
        actor=operator,
    )


def test_a_work_plan_approval(kemendagri):
    operator = UserFactory(operator=True)
    rik = WorkPlanFactory(agreement=AgreementFactory(owner=kemendagri, active=True))
    refused(
        workplans.workplan_transition,
        "on",
        work_plan_id=rik.pk,
        transition="approve",
        actor=operator,
        on=TOMORROW,
    )
