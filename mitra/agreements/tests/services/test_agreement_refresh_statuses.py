"""The daily job: activate what has started, expire what has ended."""

from datetime import date

import pytest

from mitra.agreements.models import Agreement
from mitra.agreements.services import agreement_refresh_statuses
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db
S = Agreement.Status
ON = date(2026, 11, 29)


def test_refresh_activates_expires_and_supersedes(kemendagri):
    # A partner that needs no izin prinsip: N4 in the job has its own test below.
    un = [ForeignOrganizationFactory(un_agency=True)]
    started = AgreementFactory(
        owner=kemendagri, signed=True, start_date=date(2026, 11, 29), foreign_parties=un
    )
    future = AgreementFactory(
        owner=kemendagri, signed=True, start_date=date(2026, 11, 30), end_date=None
    )
    ended = AgreementFactory(owner=kemendagri, active=True, end_date=date(2026, 11, 28))
    running = AgreementFactory(owner=kemendagri, active=True, end_date=date(2026, 11, 29))
    draft = AgreementFactory(owner=kemendagri, start_date=date(2020, 1, 1))
    signed_ended = AgreementFactory(
        owner=kemendagri, signed=True, start_date=date(2020, 1, 1), end_date=date(2021, 1, 1)
    )
    predecessor = AgreementFactory(
        owner=kemendagri, active=True, start_date=date(2023, 1, 1), end_date=date(2026, 6, 1)
    )
    renewal = AgreementFactory(
        owner=kemendagri,
        foreign_parties=un,
        renews=predecessor,
        signed=True,
        start_date=date(2026, 6, 2),
        end_date=date(2029, 6, 1),
    )

    counts = agreement_refresh_statuses(on=ON)

    assert counts == {"activated": 2, "expired": 2}
    status = dict(Agreement.objects.values_list("pk", "status"))
    assert status[started.pk] == S.ACTIVE
    assert status[future.pk] == S.SIGNED
    assert status[ended.pk] == S.EXPIRED
    assert status[running.pk] == S.ACTIVE
    assert status[draft.pk] == S.DRAFT
    assert status[signed_ended.pk] == S.EXPIRED  # never activated: straight to expired
    assert status[renewal.pk] == S.ACTIVE
    # Activated first, so it is superseded by its renewal rather than expired.
    assert status[predecessor.pk] == S.SUPERSEDED
    events = AuditEvent.objects.filter(event__in=["agreement.activated", "agreement.expired"])
    assert events.count() == 4
    assert {e.actor_name for e in events} == {"system"}
    assert AuditEvent.objects.filter(
        target_id=predecessor.pk, event="agreement.superseded"
    ).exists()

    assert agreement_refresh_statuses(on=ON) == {"activated": 0, "expired": 0}


def test_refresh_uses_today_by_default(kemendagri):
    agreement = AgreementFactory(
        owner=kemendagri,
        signed=True,
        start_date=date(2026, 11, 29),
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
    )
    with freeze_today(date(2026, 11, 28)):
        assert agreement_refresh_statuses() == {"activated": 0, "expired": 0}
    with freeze_today(ON):
        assert agreement_refresh_statuses() == {"activated": 1, "expired": 0}
    assert Agreement.objects.get(pk=agreement.pk).status == S.ACTIVE
