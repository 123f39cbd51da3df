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
from mitra.organizations.tests.factories import ForeignOrganizationFactory

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
    # Undone, a termination returns to what the dates give: active for these dates today.
    (S.TERMINATED, "undo_termination"): S.ACTIVE,
}
# Moves only the daily job (expire) or another transition (supersede) makes.
INTERNAL = ["expire", "supersede"]
MODEL_TRANSITIONS = [*TRANSITIONS, *INTERNAL]
MATRIX = [(state, name) for state in S.values for name in MODEL_TRANSITIONS]


def matrix_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-{pair[1]}"


def test_the_service_offers_every_transition_but_the_internal_ones():
    assert set(TRANSITIONS) == set(MODEL_TRANSITIONS) - set(INTERNAL)
    assert "expire" not in TRANSITIONS  # ending early is a termination; expiry the job's


@pytest.mark.parametrize(("state", "name"), MATRIX, ids=[matrix_id(p) for p in MATRIX])
def test_model_transition_matrix(state, name):
    agreement = Agreement(title="x", type="msp", status=state)
    method = getattr(agreement, name)
    # The service chooses the status an undone termination returns to.
    args = [S.ACTIVE] if name == "undo_termination" else []
    if (state, name) in ALLOWED:
        method(*args)
        assert agreement.status == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionNotAllowed):
            method(*args)
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
def test_service_transition_matrix(state, name, officer, operator, kemendagri):
    # Dates that satisfy every precondition, and a partner that needs no izin prinsip (N4 has
    # its own tests), so only the graph decides. Undoing a termination is an operator's.
    agreement = AgreementFactory(
        owner=kemendagri,
        status=state,
        signing_date=date(2024, 1, 10),
        start_date=date(2024, 1, 10),
        end_date=date(2027, 1, 9),
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
    )
    actor = operator if name == "undo_termination" else officer
    events = AuditEvent.objects.count()
    move = {"reason": "Because.", "confirmed": True}
    with freeze_today(TODAY):
        if (state, name) in ALLOWED:
            result = agreement_transition(
                agreement_id=agreement.pk, transition=name, actor=actor, **move
            )
            assert result.status == ALLOWED[(state, name)]
            event = AuditEvent.objects.get(target_id=agreement.pk, event=TRANSITIONS[name])
            assert event.data["old"]["status"] == state
            assert event.data["new"]["status"] == ALLOWED[(state, name)]
            assert event.actor == actor
        else:
            with pytest.raises(ApplicationError):
                agreement_transition(
                    agreement_id=agreement.pk, transition=name, actor=actor, **move
                )
            assert AuditEvent.objects.count() == events
    assert Agreement.objects.get(pk=agreement.pk).status == ALLOWED.get((state, name), state)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_activating_a_renewal_supersedes_its_predecessor_and_audits_both(officer, kemendagri):
    un = ForeignOrganizationFactory(un_agency=True)
    old = AgreementFactory(
        owner=kemendagri, active=True, end_date=date(2024, 3, 16), foreign_parties=[un]
    )
    new = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[un],
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
def test_terminate_needs_a_reason_and_a_confirmation(officer, kemendagri):
    agreement = AgreementFactory(owner=kemendagri, active=True)
    for reason, confirmed in (("", True), ("   ", True), ("Programme ended.", False)):
        with pytest.raises(ApplicationError):
            agreement_transition(
                agreement_id=agreement.pk,
                transition="terminate",
                actor=officer,
                reason=reason,
                confirmed=confirmed,
            )
    assert not AuditEvent.objects.filter(target_id=agreement.pk).exists()
    agreement_transition(
        agreement_id=agreement.pk,
        transition="terminate",
        actor=officer,
        reason="Programme ended.",
        confirmed=True,
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
    agreement = AgreementFactory(
        owner=kemendagri,
        signed=True,
        start_date=start,
        end_date=None,
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
    )
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
@pytest.mark.parametrize("name", ["supersede", "expire", "delete", "__init__", ""])
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


# --- ending early, and undoing a mistaken termination ------------------------------------


def terminated(kemendagri, **kwargs):
    values = {"foreign_parties": [ForeignOrganizationFactory(un_agency=True)], **kwargs}
    return AgreementFactory(
        owner=kemendagri, terminated=True, terminated_reason="Entered by mistake.", **values
    )


@pytestmark_db
def test_an_operator_undoes_a_termination_back_to_what_the_dates_give(operator, kemendagri):
    agreement = terminated(kemendagri)  # 2024-01-10 → 2027-01-09: active on TODAY
    with freeze_today(TODAY):
        result = agreement_transition(
            agreement_id=agreement.pk,
            transition="undo_termination",
            actor=operator,
            reason="Terminated on the wrong record.",
            confirmed=True,
        )
    assert (result.status, result.terminated_reason) == (S.ACTIVE, "")
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.termination_undone")
    assert event.data["reason"] == "Terminated on the wrong record."
    assert event.data["undone_reason"] == "Entered by mistake."
    assert (event.data["old"]["status"], event.data["new"]["status"]) == (S.TERMINATED, S.ACTIVE)


@pytestmark_db
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2027, 1, 1), date(2029, 1, 1), S.SIGNED),
        (date(2021, 1, 1), date(2024, 1, 1), S.EXPIRED),
    ],
)
def test_undoing_follows_the_dates(operator, kemendagri, start, end, expected):
    agreement = terminated(kemendagri, start_date=start, end_date=end)
    with freeze_today(TODAY):
        agreement_transition(
            agreement_id=agreement.pk, transition="undo_termination", actor=operator,
            reason="Mistake.", confirmed=True,
        )  # fmt: skip
    assert Agreement.objects.get(pk=agreement.pk).status == expected


@pytestmark_db
def test_undoing_when_the_renewal_has_started_supersedes(operator, kemendagri):
    agreement = terminated(kemendagri)
    AgreementFactory(owner=kemendagri, renews=agreement, active=True, start_date=date(2026, 1, 1))
    with freeze_today(TODAY):
        agreement_transition(
            agreement_id=agreement.pk, transition="undo_termination", actor=operator,
            reason="Mistake.", confirmed=True,
        )  # fmt: skip
    assert Agreement.objects.get(pk=agreement.pk).status == S.SUPERSEDED


@pytestmark_db
@pytest.mark.parametrize(
    ("who", "reason", "confirmed"),
    [("officer", "Mistake.", True), ("operator", " ", True), ("operator", "Mistake.", False)],
)
def test_undoing_needs_an_operator_a_reason_and_a_confirmation(
    request, kemendagri, who, reason, confirmed
):
    agreement = terminated(kemendagri)
    with freeze_today(TODAY), pytest.raises(ApplicationError):
        agreement_transition(
            agreement_id=agreement.pk,
            transition="undo_termination",
            actor=request.getfixturevalue(who),
            reason=reason,
            confirmed=confirmed,
        )
    assert Agreement.objects.get(pk=agreement.pk).status == S.TERMINATED
    assert not AuditEvent.objects.filter(target_id=agreement.pk).exists()


@pytestmark_db
def test_undoing_back_into_force_needs_the_izin_prinsip(operator, kemendagri):
    agreement = terminated(kemendagri, foreign_parties=[ForeignOrganizationFactory()])
    with freeze_today(TODAY), pytest.raises(ApplicationError) as error:
        agreement_transition(
            agreement_id=agreement.pk, transition="undo_termination", actor=operator,
            reason="Mistake.", confirmed=True,
        )  # fmt: skip
    assert "holds no izin prinsip" in error.value.extra["izin_prinsip"][0]
    assert Agreement.objects.get(pk=agreement.pk).status == S.TERMINATED


@pytestmark_db
def test_undo_is_offered_to_operators_only(officer, operator, kemendagri):
    from mitra.agreements.services import agreement_available_transitions

    agreement = terminated(kemendagri)
    assert agreement_available_transitions(agreement=agreement, actor=officer) == []
    assert agreement_available_transitions(agreement=agreement, actor=operator) == [
        "undo_termination"
    ]
    active = AgreementFactory(owner=kemendagri, active=True)
    assert "expire" not in agreement_available_transitions(agreement=active, actor=officer)


@pytestmark_db
def test_a_future_signing_date_cannot_be_signed(officer, kemendagri):
    agreement = AgreementFactory(
        owner=kemendagri,
        signing_date=date(2026, 11, 30),
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
    )
    with freeze_today(TODAY), pytest.raises(ApplicationError) as error:
        agreement_transition(agreement_id=agreement.pk, transition="sign", actor=officer)
    assert "2026-11-30 is in the future" in error.value.extra["signing_date"][0]
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT
