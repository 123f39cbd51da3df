"""Sanction services: who may do what, what each step records, and the effects."""

from datetime import date

import pytest

from mitra.agreements.services import AgreementInput, agreement_create
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.notifications.models import Notice
from mitra.organizations.models import ForeignOrganization
from mitra.sanctions import services
from mitra.sanctions.models import SanctionCase, SanctionEvidence

from .conftest import move

pytestmark = pytest.mark.django_db
S = SanctionCase.Status


def to_cessation(case, actor):
    case = move(case, "assess", actor, date(2026, 1, 6))
    case = move(case, "escalate", actor, date(2026, 1, 7))
    case = move(case, "escalate", actor, date(2026, 2, 2))
    return move(case, "escalate", actor, date(2026, 2, 12))


def test_open_records_the_report_and_audits(ford, officer, open_case):
    case = open_case(ford, actor=officer, articles="UU 17/2013 Ps 52")
    assert case.status == S.REPORTED
    assert case.reference.startswith("SC-2026-")
    assert case.reported_by_agency.key == "kemendagri"
    assert case.steps.get().action == "report"
    assert AuditEvent.objects.filter(event="sanction_case.opened", target_id=case.pk).exists()


def test_open_refuses_viewers_and_bad_input(ford, viewer, secretariat):
    with pytest.raises(ApplicationError):
        services.sanction_case_open(organization=ford, violation="x", source="public", actor=viewer)
    with pytest.raises(ApplicationError) as error:
        services.sanction_case_open(organization=ford, violation=" ", source="?", actor=secretariat)
    assert set(error.value.extra) == {"violation", "source"}
    assert not SanctionCase.objects.exists()


def test_open_from_a_monitoring_finding(ford, officer):
    case = services.sanction_case_open_from_finding(
        organization=ford, finding_text="Report overdue by 200 days.", actor=officer
    )
    assert case.source == SanctionCase.Source.MONITORING
    assert "200 days" in case.violation


@pytest.mark.parametrize("who", ["officer", "viewer", "other_officer", "ford_rep"])
def test_only_the_secretariat_moves_cases(request, ford, open_case, who):
    case = open_case(ford)
    actor = request.getfixturevalue(who)
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError):
        move(case, "assess", actor, date(2026, 1, 6))
    case.refresh_from_db()
    assert case.status == S.REPORTED
    assert AuditEvent.objects.count() == events


def test_operators_move_cases_too(ford, operator, open_case):
    assert move(open_case(ford), "assess", operator, date(2026, 1, 6)).status == S.ASSESSED


def test_a_sanction_step_needs_legal_basis_and_authority(ford, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    with pytest.raises(ApplicationError) as error:
        move(case, "escalate", secretariat, date(2026, 1, 8), legal_basis="", authority=None)
    assert set(error.value.extra) == {"legal_basis", "authority"}
    with pytest.raises(ApplicationError):
        move(case, "lift", secretariat, date(2026, 1, 8), notes="")
    with pytest.raises(ApplicationError):
        move(case, "escalate", secretariat, date(2099, 1, 1))
    case.refresh_from_db()
    assert case.status == S.PERSUASION
    assert case.steps.count() == 3


def test_each_step_records_basis_authority_dates_and_notified(
    ford, ford_rep, kemendagri, officer, secretariat, open_case
):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(
        case,
        "escalate",
        secretariat,
        date(2026, 1, 7),
        notified_bodies=[kemendagri],
        parties_notified="Ford Jakarta office",
        immigration_referral=True,
    )
    step = case.steps.last()
    assert (step.legal_basis, step.authority.key, step.issued_on) == (
        "UU 16/2017 Ps 62",
        "kemlu",
        date(2026, 1, 7),
    )
    assert list(step.notified_bodies.all()) == [kemendagri]
    assert step.parties_notified == "Ford Jakarta office"
    assert case.immigration_referral
    # The representative and the notified body's users (on a unit too) get a notice.
    told = Notice.objects.filter(event="sanctions.step_issued")
    assert told.filter(user=ford_rep).exists()
    assert told.filter(user=officer).exists()
    event = AuditEvent.objects.filter(event="sanction_case.escalated").last()
    assert event.data["old"]["status"] == "assessed"
    assert event.data["new"]["status"] == "persuasion"


def test_cessation_suspends_the_organization_and_blocks_new_agreements(
    ford, kemendagri, officer, secretariat, open_case
):
    case = to_cessation(open_case(ford), secretariat)
    assert case.status == S.CESSATION
    ford.refresh_from_db()
    assert ford.status == ForeignOrganization.Status.SUSPENDED
    assert AuditEvent.objects.filter(
        event="organization.status_changed", target_id=ford.pk
    ).exists()
    with pytest.raises(ApplicationError) as error:
        agreement_create(
            data=AgreementInput(
                title="New MSP", type="msp", owner=kemendagri, foreign_parties=[ford]
            ),
            actor=officer,
        )
    assert "suspended" in error.value.extra["foreign_parties"][0]
    # Lifting restores the previous status; agreements may start again.
    move(case, "lift", secretariat, date(2026, 2, 13))
    ford.refresh_from_db()
    assert ford.status == ForeignOrganization.Status.REGISTERED
    agreement_create(
        data=AgreementInput(title="New MSP", type="msp", owner=kemendagri, foreign_parties=[ford]),
        actor=officer,
    )


def test_revocation_revokes_the_organizations_izin_prinsip(ford, secretariat, open_case):
    """End to end: a case reaching revocation revokes every izin prinsip of the organization
    still in force, through the licensing service (audited per permit)."""
    from mitra.audit.models import AuditEvent
    from mitra.permits.models import Permit
    from mitra.permits.tests.factories import PermitFactory

    active = PermitFactory(organization=ford, status=Permit.Status.ACTIVE)
    ended = PermitFactory(organization=ford, status=Permit.Status.EXPIRED)
    case = move(
        to_cessation(open_case(ford), secretariat), "escalate", secretariat, date(2026, 2, 13)
    )
    assert case.status == S.REVOKED
    assert case.is_concluded
    active.refresh_from_db()
    ended.refresh_from_db()
    assert active.status == Permit.Status.REVOKED
    assert ended.status == Permit.Status.EXPIRED
    assert case.steps.last().effects == [{"effect": "permits_revoked", "done": True, "count": 1}]
    assert AuditEvent.objects.filter(event="permit.revoked").count() == 1


def test_dismiss_and_notes(ford, secretariat, viewer, open_case):
    case = move(open_case(ford), "dismiss", secretariat, date(2026, 1, 6), notes="Unfounded.")
    assert case.status == S.DISMISSED
    assert case.concluded_on == date(2026, 1, 6)
    services.sanction_case_update_notes(
        case_id=case.pk, assessment_notes="Internal.", public_outcome="", actor=secretariat
    )
    with pytest.raises(ApplicationError):
        services.sanction_case_update_notes(
            case_id=case.pk, assessment_notes="x", public_outcome="x", actor=viewer
        )
    case.refresh_from_db()
    assert case.assessment_notes == "Internal."


def test_evidence_is_checked_by_content(ford, secretariat, officer, open_case):
    from mitra.agreements.tests import files

    case = open_case(ford)
    evidence = services.sanction_evidence_upload(
        case_id=case.pk, upload=files.pdf(), title="Monitoring report", actor=secretariat
    )
    assert evidence.content_type == "application/pdf"
    assert evidence.step is not None
    with pytest.raises(ApplicationError):
        services.sanction_evidence_upload(
            case_id=case.pk, upload=files.png_named_pdf(), title="x", actor=secretariat
        )
    with pytest.raises(ApplicationError):
        services.sanction_evidence_upload(
            case_id=case.pk, upload=files.pdf(), title="x", actor=officer
        )
    assert SanctionEvidence.objects.count() == 1
