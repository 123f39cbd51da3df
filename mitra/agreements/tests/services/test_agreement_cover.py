"""N3/N4 on the agreements' side: an agreement with an ormas asing comes into force only
within a valid izin prinsip (refused by default, flagged in "warn" mode), and every violation is
on one list (`agreements_without_cover`), on the secretariat's home and the organization's page.

The izin prinsip come from the real licensing app through the hook registry
(`agreements.licensing`, filled in `PermitsConfig.ready`)."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements.licensing import WARN, izin_prinsip_covers
from mitra.agreements.models import Agreement
from mitra.agreements.selectors import agreements_without_cover
from mitra.agreements.services import (
    agreement_refresh_statuses,
    agreement_transition,
    agreement_update,
    agreements_recheck_cover,
)
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory

from ..test_access_property import agreement_input

pytestmark = pytest.mark.django_db
S = Agreement.Status
TODAY = date(2026, 11, 29)
# AgreementFactory's period: 2024-01-10 → 2027-01-09.


@pytest.fixture
def ngo(db):
    return ForeignOrganizationFactory(legal_name="Yayasan Contoh")


def msp(kemendagri, ngo, **kwargs):
    return AgreementFactory(owner=kemendagri, foreign_parties=[ngo], **kwargs)


def sign(agreement, actor):
    with freeze_today(TODAY):
        return agreement_transition(agreement_id=agreement.pk, transition="sign", actor=actor)


def test_the_registry_is_filled_by_the_licensing_app(ngo):
    PermitFactory(organization=ngo, number="IP-1", valid_from=date(2024, 1, 1))
    PermitFactory(organization=ngo, number="IP-R", status="revoked")
    covers = izin_prinsip_covers([ngo.pk])
    assert [c.number for c in covers[ngo.pk]] == ["IP-1"]  # revoked ones count for nothing


def test_signing_without_an_izin_prinsip_is_refused_naming_its_absence(officer, kemendagri, ngo):
    agreement = msp(kemendagri, ngo)
    with pytest.raises(ApplicationError) as error:
        sign(agreement, officer)
    assert error.value.extra["izin_prinsip"] == [
        "Yayasan Contoh holds no izin prinsip valid on 2024-01-10 (domain rule N4)."
    ]
    assert "cannot be signed" in error.value.message
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT
    assert not AuditEvent.objects.filter(target_id=agreement.pk).exists()


def test_signing_beyond_the_izin_prinsip_is_refused_naming_the_permit(officer, kemendagri, ngo):
    PermitFactory(
        organization=ngo, number="IP-2024-0001", valid_from=date(2024, 1, 1),
        valid_until=date(2026, 12, 31),
    )  # fmt: skip
    agreement = msp(kemendagri, ngo)
    with pytest.raises(ApplicationError) as error:
        sign(agreement, officer)
    assert error.value.extra["izin_prinsip"] == [
        "The agreement ends on 2027-01-09, after the izin prinsip IP-2024-0001 of Yayasan "
        "Contoh ends (2026-12-31)."
    ]
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT


def test_a_permit_valid_only_later_is_named(officer, kemendagri, ngo):
    PermitFactory(organization=ngo, number="IP-LATE", valid_from=date(2025, 1, 1))
    with pytest.raises(ApplicationError) as error:
        sign(msp(kemendagri, ngo), officer)
    assert "IP-LATE is valid only from 2025-01-01" in error.value.extra["izin_prinsip"][0]


def test_an_extension_without_a_gap_covers_as_one_chain(officer, kemendagri, ngo):
    PermitFactory(organization=ngo, number="IP-A", valid_from=date(2023, 6, 1),
                  valid_until=date(2026, 5, 31), status="expired")  # fmt: skip
    PermitFactory(organization=ngo, number="IP-B", valid_from=date(2026, 6, 1),
                  valid_until=date(2029, 5, 31))  # fmt: skip
    agreement = sign(msp(kemendagri, ngo), officer)
    assert agreement.status == S.SIGNED
    assert agreement.cover_problem == ""


def test_activating_after_the_permit_was_revoked_is_refused(officer, kemendagri, ngo):
    permit = PermitFactory(organization=ngo, valid_from=date(2024, 1, 1))
    agreement = msp(kemendagri, ngo, signed=True)
    permit_status = type(permit).Status
    type(permit).objects.filter(pk=permit.pk).update(status=permit_status.REVOKED)
    with freeze_today(TODAY), pytest.raises(ApplicationError) as error:
        agreement_transition(agreement_id=agreement.pk, transition="activate", actor=officer)
    assert "cannot become active" in error.value.message
    assert Agreement.objects.get(pk=agreement.pk).status == S.SIGNED


def test_partners_that_need_no_izin_prinsip_are_not_asked(officer, kemendagri):
    un = ForeignOrganizationFactory(un_agency=True)
    assert sign(msp(kemendagri, un), officer).status == S.SIGNED


def test_a_suspended_holder_gives_no_cover(officer, kemendagri, ngo):
    PermitFactory(organization=ngo, valid_from=date(2024, 1, 1))
    type(ngo).objects.filter(pk=ngo.pk).update(status="suspended")
    with pytest.raises(ApplicationError) as error:
        sign(msp(kemendagri, ngo), officer)
    assert "Yayasan Contoh is suspended" in error.value.extra["izin_prinsip"][0]


def test_a_draft_may_be_negotiated_before_the_izin_prinsip_with_a_warning(officer, kemendagri, ngo):
    agreement = msp(kemendagri, ngo)
    updated = agreement_update(
        agreement_id=agreement.pk, data=agreement_input(agreement), actor=officer
    )
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.updated")
    assert "holds no izin prinsip" in event.data["warnings"][0]
    assert updated.cover_problem == ""  # a draft is not a violation


def test_an_agreement_in_force_cannot_be_edited_out_of_its_cover(officer, kemendagri, ngo):
    PermitFactory(organization=ngo, number="IP-9", valid_from=date(2024, 1, 1),
                  valid_until=date(2027, 1, 31))  # fmt: skip
    agreement = msp(kemendagri, ngo, active=True)
    data = agreement_input(agreement, end_date=date(2027, 6, 30))
    with pytest.raises(ApplicationError) as error:
        agreement_update(agreement_id=agreement.pk, data=data, actor=officer)
    assert (
        "after the izin prinsip IP-9 of Yayasan Contoh ends" in error.value.extra["izin_prinsip"][0]
    )
    assert Agreement.objects.get(pk=agreement.pk).end_date == date(2027, 1, 9)


def test_warn_mode_lets_legacy_records_through_flagged_and_listed(
    settings, officer, operator, kemendagri, ngo
):
    settings.MITRA = {**settings.MITRA, "IZIN_PRINSIP_COVER": WARN}
    agreement = sign(msp(kemendagri, ngo), officer)
    assert agreement.status == S.SIGNED
    assert agreement.cover_problem == (
        "Yayasan Contoh holds no izin prinsip valid on 2024-01-10 (domain rule N4)."
    )
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.signed")
    assert event.data["warnings"] == [agreement.cover_problem]
    assert list(agreements_without_cover(viewer=operator)) == [agreement]


def test_the_recheck_flags_and_clears_as_permits_change_and_audits(operator, kemendagri, ngo):
    permit = PermitFactory(organization=ngo, valid_from=date(2024, 1, 1))
    covered = msp(kemendagri, ngo, active=True)
    draft = msp(kemendagri, ngo)
    assert agreements_recheck_cover(organization_ids=[ngo.pk]) == []

    type(permit).objects.filter(pk=permit.pk).update(status="revoked")
    lost = agreements_recheck_cover(organization_ids=[ngo.pk], actor=operator)
    assert lost == [covered]
    covered.refresh_from_db()
    assert "holds no izin prinsip" in covered.cover_problem
    assert Agreement.objects.get(pk=draft.pk).cover_problem == ""  # not in force
    event = AuditEvent.objects.get(target_id=covered.pk, event="agreement.cover_lost")
    assert event.data["new"]["cover_problem"] == covered.cover_problem
    assert list(agreements_without_cover(viewer=operator)) == [covered]
    assert agreements_recheck_cover(organization_ids=[ngo.pk]) == []  # nothing new to say
    assert AuditEvent.objects.filter(event="agreement.cover_lost").count() == 1

    PermitFactory(organization=ngo, valid_from=date(2024, 1, 1))
    agreements_recheck_cover(organization_ids=[ngo.pk], actor=operator)
    assert Agreement.objects.get(pk=covered.pk).cover_problem == ""
    assert AuditEvent.objects.filter(target_id=covered.pk, event="agreement.cover_restored")
    assert not agreements_without_cover(viewer=operator).exists()


def test_the_list_is_scoped_to_what_the_viewer_sees(operator, other_officer, kemendagri, ngo):
    agreement = msp(kemendagri, ngo, active=True)
    agreements_recheck_cover(organization_ids=[ngo.pk])
    assert list(agreements_without_cover(viewer=operator)) == [agreement]
    assert list(agreements_without_cover(viewer=operator, organization_id=ngo.pk)) == [agreement]
    other = ForeignOrganizationFactory()
    assert not agreements_without_cover(viewer=operator, organization_id=other.pk).exists()
    assert not agreements_without_cover(viewer=other_officer).exists()


def test_the_daily_job_does_not_activate_without_cover_and_rechecks(operator, kemendagri, ngo):
    waiting = msp(kemendagri, ngo, signed=True, start_date=date(2026, 11, 1))
    running = msp(kemendagri, ngo, active=True)
    counts = agreement_refresh_statuses(on=TODAY)
    assert counts == {"activated": 0, "expired": 0, "held": 1}
    assert Agreement.objects.get(pk=waiting.pk).status == S.SIGNED
    # The safety net: every agreement in force with an ormas asing is re-checked daily.
    assert set(agreements_without_cover(viewer=operator)) == {waiting, running}


def test_the_organization_page_flags_its_agreements_without_cover(
    client, operator, kemendagri, ngo
):
    agreement = msp(kemendagri, ngo, active=True)
    agreements_recheck_cover(organization_ids=[ngo.pk])
    client.force_login(operator)
    page = client.get(reverse("organizations:detail", args=[ngo.pk])).content.decode()
    assert 'id="cover-violations"' in page
    assert agreement.title in page
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert 'id="cover-problem"' in page
