"""agreement_create: validation of the period and the renewal chain; nothing written on error."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.services import agreement_create
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def row_counts() -> tuple[int, int, int]:
    return Agreement.objects.count(), AgreementParty.objects.count(), AuditEvent.objects.count()


def assert_refused(data, actor, field: str) -> ApplicationError:
    before = row_counts()
    with pytest.raises(ApplicationError) as caught:
        agreement_create(data=data, actor=actor)
    assert field in caught.value.extra, caught.value.extra
    assert row_counts() == before, "a refused agreement must write nothing"
    return caught.value


def test_creates_a_draft_with_parties_and_one_audit_event(officer, make_input, kemendagri, ford):
    agreement = agreement_create(data=make_input(), actor=officer)

    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.owner == kemendagri
    parties = list(agreement.parties.order_by("side"))
    assert [(p.side, p.role) for p in parties] == [("foreign", "lead"), ("government", "lead")]
    assert parties[1].agency == kemendagri
    assert agreement.partner_names == "Ford Foundation"
    assert "the ford foundation" in agreement.search_text
    events = AuditEvent.objects.filter(target_id=agreement.pk, event="agreement.created")
    assert events.count() == 1
    assert events.get().actor == officer
    assert events.get().data["new"]["title"] == agreement.title


def test_a_unit_given_as_owner_records_its_ministry(officer, make_input, kemendagri, fasker):
    agreement = agreement_create(data=make_input(owner=fasker), actor=officer)
    assert agreement.owner == kemendagri


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2024, 4, 4), 36, date(2027, 4, 3)),
        (date(2024, 4, 4), 60, date(2029, 4, 3)),
        (date(2024, 1, 31), 1, date(2024, 2, 28)),  # clamped to the month's end, minus a day
    ],
)
def test_a_stated_duration_computes_the_end(officer, make_input, start, months, end):
    data = make_input(start_date=start, end_date=None, duration_months=months)
    agreement = agreement_create(data=data, actor=officer)
    assert agreement.end_date == end
    assert agreement.duration_months == months


def test_end_before_start_is_refused(officer, make_input):
    data = make_input(start_date=date(2024, 4, 4), end_date=date(2024, 4, 3))
    assert_refused(data, officer, "end_date")


def test_a_zero_duration_is_refused(officer, make_input):
    data = make_input(end_date=None, duration_months=0)
    assert_refused(data, officer, "duration_months")


def test_an_msp_without_a_foreign_party_is_refused(officer, make_input):
    assert_refused(make_input(foreign_parties=[]), officer, "foreign_parties")


def test_a_blank_title_is_refused(officer, make_input):
    assert_refused(make_input(title="   "), officer, "title")


def test_an_unknown_type_is_refused(officer, make_input):
    assert_refused(make_input(type="treaty"), officer, "type")


def test_a_renewal_keeps_the_chain_root(officer, make_input, kemendagri):
    first = AgreementFactory(owner=kemendagri, expired=True)
    second = AgreementFactory(
        owner=kemendagri,
        renews=first,
        superseded=True,
        start_date=date(2027, 1, 10),
        end_date=date(2028, 1, 9),
    )
    third = agreement_create(
        data=make_input(renews=second, start_date=date(2028, 1, 10), end_date=date(2029, 1, 9)),
        actor=officer,
    )
    assert third.renews == second
    assert third.chain_root == first
    assert second.chain_root == first


def test_a_renewal_starting_before_its_predecessor_is_refused(officer, make_input, kemendagri):
    predecessor = AgreementFactory(owner=kemendagri, active=True, start_date=date(2024, 1, 10))
    for start in (date(2024, 1, 10), date(2023, 12, 1)):
        data = make_input(renews=predecessor, start_date=start, end_date=date(2028, 1, 1))
        assert_refused(data, officer, "start_date")


def test_a_predecessor_already_renewed_is_refused(officer, make_input, kemendagri):
    predecessor = AgreementFactory(owner=kemendagri, superseded=True)
    AgreementFactory(
        owner=kemendagri, renews=predecessor, start_date=date(2027, 1, 10), end_date=None
    )
    data = make_input(renews=predecessor, start_date=date(2027, 2, 1), end_date=date(2028, 1, 1))
    error = assert_refused(data, officer, "renews")
    assert "already renewed" in str(error.extra["renews"])


@pytest.mark.parametrize(
    ("start", "warning"),
    [
        (date(2027, 1, 10), None),  # the day after the predecessor ends: no warning
        (date(2027, 3, 1), "gap of 50 days"),
        (date(2026, 12, 1), "overlaps the previous agreement by 40 days"),
    ],
)
def test_gaps_and_overlaps_are_saved_as_warnings(officer, make_input, kemendagri, start, warning):
    predecessor = AgreementFactory(owner=kemendagri, active=True)  # ends 2027-01-09
    un = ForeignOrganizationFactory(un_agency=True)  # no izin prinsip warning (N4) in the way
    data = make_input(
        renews=predecessor, start_date=start, end_date=date(2030, 1, 1), foreign_parties=[un]
    )
    agreement = agreement_create(data=data, actor=officer)

    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.created")
    if warning is None:
        assert event.data["warnings"] == []
    else:
        assert len(event.data["warnings"]) == 1
        assert warning in event.data["warnings"][0].lower()


def test_a_viewer_may_not_create(viewer, make_input):
    before = row_counts()
    with pytest.raises(ApplicationError):
        agreement_create(data=make_input(), actor=viewer)
    assert row_counts() == before


def test_an_officer_may_not_record_for_another_agency(other_officer, make_input):
    before = row_counts()
    with pytest.raises(ApplicationError):
        agreement_create(data=make_input(), actor=other_officer)
    assert row_counts() == before


def test_an_operator_records_for_any_agency(operator, make_input, kemendagri):
    assert agreement_create(data=make_input(), actor=operator).owner == kemendagri


def test_a_party_named_twice_is_refused_and_the_database_refuses_it_too(officer, make_input, ford):
    assert_refused(make_input(foreign_parties=[ford, ford]), officer, "foreign_parties")
    agreement = agreement_create(data=make_input(), actor=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementParty.objects.create(
            agreement=agreement, side=AgreementParty.Side.FOREIGN, organization=ford
        )
