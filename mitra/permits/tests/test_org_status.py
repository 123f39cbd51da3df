"""The organization's status follows its licensing (issue 15 §5): the one rule, case by case,
and its refresh from the licensing services."""

import pytest

from mitra.audit.models import AuditEvent
from mitra.organizations.models import ForeignOrganization
from mitra.permits.org_status import LicensingFacts, derive_status, organization_status_refresh

from .factories import PermitFactory

ORG = ForeignOrganization.Status


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # applied
        (LicensingFacts(ORG.REGISTERED, False, True), ORG.APPLICANT),
        (LicensingFacts(ORG.PROSPECTIVE, False, True), ORG.APPLICANT),
        # holding a valid izin prinsip (an extension pending too)
        (LicensingFacts(ORG.APPLICANT, True, False), ORG.LICENSED),
        (LicensingFacts(ORG.LICENSED, True, True), ORG.LICENSED),
        # suspended: kept while it lasts
        (LicensingFacts(ORG.SUSPENDED, True, False), ORG.SUSPENDED),
        (LicensingFacts(ORG.SUSPENDED, False, False, "expired"), ORG.SUSPENDED),
        # revoked (also of a suspended holder)
        (LicensingFacts(ORG.LICENSED, False, False, "revoked"), ORG.REVOKED),
        (LicensingFacts(ORG.SUSPENDED, False, False, "revoked"), ORG.REVOKED),
        # lapsed
        (LicensingFacts(ORG.LICENSED, False, False, "expired"), ORG.LAPSED),
        # a new application after a revoked or lapsed one
        (LicensingFacts(ORG.REVOKED, False, True, "revoked"), ORG.APPLICANT),
        (LicensingFacts(ORG.LAPSED, False, True, "expired"), ORG.APPLICANT),
        # rejected or withdrawn without a permit: registered again
        (LicensingFacts(ORG.APPLICANT, False, False), ORG.REGISTERED),
        # no licensing at all: unchanged
        (LicensingFacts(ORG.PROSPECTIVE, False, False), ORG.PROSPECTIVE),
        (LicensingFacts(ORG.REGISTERED, False, False), ORG.REGISTERED),
        # closed by hand: never overridden
        (LicensingFacts(ORG.ARCHIVED, True, False), ORG.ARCHIVED),
        (LicensingFacts(ORG.INACTIVE, False, True), ORG.INACTIVE),
    ],
)
def test_derive_status(facts, expected):
    assert derive_status(facts) == expected


@pytest.mark.django_db
def test_refresh_stores_and_audits_only_a_change():
    permit = PermitFactory()
    org = permit.organization
    assert organization_status_refresh(organization_id=org.pk) == ORG.LICENSED
    org.refresh_from_db()
    assert org.status == ORG.LICENSED
    events = AuditEvent.objects.filter(event="organization.status_changed", target_id=org.pk)
    assert events.count() == 1
    organization_status_refresh(organization_id=org.pk)
    assert events.count() == 1


@pytest.mark.django_db
def test_the_daily_job_refreshes_statuses():
    from datetime import timedelta

    from mitra.permits import services

    permit = PermitFactory()
    org = permit.organization
    assert org.status == ORG.REGISTERED  # recorded before the rule ran
    counts = services.permits_daily(on=permit.valid_from)
    org.refresh_from_db()
    assert (org.status, counts["statuses"]) == (ORG.LICENSED, 1)
    # The permit runs out: the job expires it, and the holder has lapsed.
    services.permits_daily(on=permit.valid_until + timedelta(days=1))
    org.refresh_from_db()
    assert org.status == ORG.LAPSED
