"""agreement_update: self-renewal, cycles, scope; nothing written on error."""

from datetime import date

import pytest

from mitra.agreements.models import Agreement
from mitra.agreements.services import agreement_update
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(kemendagri, ford):
    return AgreementFactory(owner=kemendagri, foreign_parties=[ford], title="Old title")


def assert_refused(agreement, data, actor, field: str | None = None) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        agreement_update(agreement_id=agreement.pk, data=data, actor=actor)
    if field:
        assert field in caught.value.extra, caught.value.extra
    assert AuditEvent.objects.count() == events
    fresh = Agreement.objects.get(pk=agreement.pk)
    assert (fresh.title, fresh.renews_id, fresh.start_date, fresh.end_date) == (
        agreement.title,
        agreement.renews_id,
        agreement.start_date,
        agreement.end_date,
    )


def test_update_changes_fields_and_audits_the_difference(agreement, officer, make_input):
    data = make_input(title="New title", start_date=agreement.start_date, end_date=date(2027, 6, 1))
    agreement_update(agreement_id=agreement.pk, data=data, actor=officer)

    agreement.refresh_from_db()
    assert agreement.title == "New title"
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.updated")
    assert event.data["old"]["title"] == "Old title"
    assert event.data["new"]["title"] == "New title"
    assert event.data["new"]["end_date"] == "2027-06-01"
    assert "status" not in event.data["new"]


def test_a_renewal_pointing_at_itself_is_refused(agreement, officer, make_input):
    data = make_input(renews=agreement, start_date=agreement.start_date)
    assert_refused(agreement, data, officer, "renews")


def test_a_cycle_is_refused(kemendagri, officer, make_input):
    first = AgreementFactory(owner=kemendagri, signed=True)
    second = AgreementFactory(
        owner=kemendagri, renews=first, signed=True, start_date=date(2027, 1, 10), end_date=None
    )
    third = AgreementFactory(
        owner=kemendagri, renews=second, start_date=date(2028, 1, 10), end_date=None
    )
    data = make_input(renews=third, start_date=date(2029, 1, 1), end_date=None)
    assert_refused(first, data, officer, "renews")


def test_end_before_start_is_refused(agreement, officer, make_input):
    data = make_input(start_date=date(2025, 1, 1), end_date=date(2024, 1, 1))
    assert_refused(agreement, data, officer, "end_date")


def test_a_superseded_agreement_can_no_longer_change(kemendagri, officer, make_input):
    old = AgreementFactory(owner=kemendagri, superseded=True)
    assert_refused(old, make_input(title="Changed"), officer)


@pytest.mark.parametrize("who", ["viewer", "other_officer"])
def test_only_the_owner_agency_may_change(request, agreement, make_input, who):
    actor = request.getfixturevalue(who)
    assert_refused(agreement, make_input(title="Changed"), actor)


def test_an_officer_may_not_hand_the_agreement_to_another_agency(
    agreement, officer, make_input, kemenkes
):
    assert_refused(agreement, make_input(owner=kemenkes, title="Changed"), officer)
