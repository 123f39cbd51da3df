"""The agreement state graph: a transition matrix on the model and through the service."""

from datetime import date

import pytest
from django_fsm import TransitionNotAllowed

from mitra.agreements.models import Agreement
from mitra.agreements.services import TRANSITIONS, agreement_transition
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today

S = Agreement.Status
TODAY = date(2026, 11, 29)

# The whole graph: (state, transition) → target state. Every pair not listed is refused.
ALLOWED = {
    (S.DRAFT, "submit_for_review"): S.UNDER_REVIEW,
    (S.DRAFT, "sign"): S.SIGNED,
    (S.UNDER_REVIEW, "return_to_draft"): S.DRAFT,
    (S.UNDER_REVIEW, "sign"): S.SIGNED,
    (S.SIGNED, "activate"): S.ACTIVE,
    (S.SIGNED, "expire"): S.EXPIRED,  # signed but its end passed before it ever started
    (S.SIGNED, "terminate"): S.TERMINATED,
    (S.SIGNED, "supersede"): S.SUPERSEDED,
    (S.ACTIVE, "expire"): S.EXPIRED,
    (S.ACTIVE, "terminate"): S.TERMINATED,
    (S.ACTIVE, "supersede"): S.SUPERSEDED,
    (S.EXPIRED, "supersede"): S.SUPERSEDED,
}
MODEL_TRANSITIONS = [*TRANSITIONS, "supersede"]
MATRIX = [(state, name) for state in S.values for name in MODEL_TRANSITIONS]


def matrix_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-{pair[1]}"


def test_the_service_offers_every_transition_but_supersede():
    assert set(TRANSITIONS) == set(MODEL_TRANSITIONS) - {"supersede"}


@pytest.mark.parametrize(("state", "name"), MATRIX, ids=[matrix_id(p) for p in MATRIX])
def test_model_transition_matrix(state, name):
    agreement = Agreement(title="x", type="msp", status=state)
    method = getattr(agreement, name)
    if (state, name) in ALLOWED:
        method()
        assert agreement.status == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionNotAllowed):
            method()
        assert agreement.status == state


def test_the_status_cannot_be_assigned_directly():
    agreement = Agreement(title="x", type="msp")
    with pytest.raises(AttributeError):
        agreement.status = S.ACTIVE


SERVICE_MATRIX = [(state, name) for state in S.values for name in TRANSITIONS]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "name"), SERVICE_MATRIX, ids=[matrix_id(p) for p in SERVICE_MATRIX]
)
def test_service_transition_matrix(state, name, officer, kemendagri):
    # Dates that satisfy every precondition, so only the graph decides.
    agreement = AgreementFactory(
        owner=kemendagri,
        status=state,
        signing_date=date(2024, 1, 10),
        start_date=date(2024, 1, 10),
        end_date=date(2027, 1, 9),
    )
    events = AuditEvent.objects.count()
    with freeze_today(TODAY):
        if (state, name) in ALLOWED:
            result = agreement_transition(
                agreement_id=agreement.pk, transition=name, actor=officer, reason="Because."
            )
            assert result.status == ALLOWED[(state, name)]
            event = AuditEvent.objects.get(target_id=agreement.pk, event=TRANSITIONS[name])
            assert event.data["old"]["status"] == state
            assert event.data["new"]["status"] == ALLOWED[(state, name)]
            assert event.actor == officer
        else:
            with pytest.raises(ApplicationError):
                agreement_transition(
                    agreement_id=agreement.pk, transition=name, actor=officer, reason="Because."
                )
            assert AuditEvent.objects.count() == events
    assert Agreement.objects.get(pk=agreement.pk).status == ALLOWED.get((state, name), state)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_activating_a_renewal_supersedes_its_predecessor_and_audits_both(officer, kemendagri):
    old = AgreementFactory(owner=kemendagri, active=True, end_date=date(2024, 3, 16))
    new = AgreementFactory(
        owner=kemendagri,
        renews=old,
        signed=True,
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
    )
    with freeze_today(TODAY):
        agreement_transition(agreement_id=new.pk, transition="activate", actor=officer)

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (S.SUPERSEDED, S.ACTIVE)
    superseded = AuditEvent.objects.get(target_id=old.pk, event="agreement.superseded")
    assert superseded.data["renewed_by"] == new.pk
    assert superseded.data["old"]["status"] == S.ACTIVE
    assert AuditEvent.objects.filter(target_id=new.pk, event="agreement.activated").count() == 1


@pytestmark_db
def test_terminate_needs_a_reason(officer, kemendagri):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    for reason in ("", "   "):
        with pytest.raises(ApplicationError):
            agreement_transition(
                agreement_id=agreement.pk, transition="terminate", actor=officer, reason=reason
            )
    agreement_transition(
        agreement_id=agreement.pk, transition="terminate", actor=officer, reason="Programme ended."
    )
    agreement.refresh_from_db()
    assert agreement.status == S.TERMINATED
    assert agreement.terminated_reason == "Programme ended."


@pytestmark_db
def test_sign_needs_a_signing_date(officer, kemendagri):
    agreement = AgreementFactory(owner=kemendagri, signing_date=None)
    with pytest.raises(ApplicationError):
        agreement_transition(agreement_id=agreement.pk, transition="sign", actor=officer)
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT


@pytestmark_db
@pytest.mark.parametrize(
    ("start", "allowed"),
    [(None, False), (date(2026, 11, 30), False), (date(2026, 11, 29), True)],
)
def test_activate_needs_the_start_to_have_come(officer, kemendagri, start, allowed):
    agreement = AgreementFactory(owner=kemendagri, signed=True, start_date=start, end_date=None)
    with freeze_today(TODAY):
        if allowed:
            agreement_transition(agreement_id=agreement.pk, transition="activate", actor=officer)
        else:
            with pytest.raises(ApplicationError):
                agreement_transition(
                    agreement_id=agreement.pk, transition="activate", actor=officer
                )
    expected = S.ACTIVE if allowed else S.SIGNED
    assert Agreement.objects.get(pk=agreement.pk).status == expected


@pytestmark_db
@pytest.mark.parametrize("name", ["supersede", "delete", "__init__", ""])
def test_unknown_or_internal_transitions_are_refused(officer, kemendagri, name):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    with pytest.raises(ApplicationError):
        agreement_transition(agreement_id=agreement.pk, transition=name, actor=officer)
    assert Agreement.objects.get(pk=agreement.pk).status == S.ACTIVE


@pytestmark_db
@pytest.mark.parametrize("who", ["viewer", "other_officer"])
def test_only_the_owner_agency_moves_the_status(request, kemendagri, who):
    actor = request.getfixturevalue(who)
    agreement = AgreementFactory(owner=kemendagri)
    with pytest.raises(ApplicationError):
        agreement_transition(agreement_id=agreement.pk, transition="sign", actor=actor)
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT
    assert not AuditEvent.objects.filter(target_id=agreement.pk).exists()
