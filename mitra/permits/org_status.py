"""The organization's status follows its licensing (issue 15 §5; domain.md §3.1): one rule.

`derive_status` is the rule, on plain facts (unit-tested case by case);
`organization_status_refresh` reads the facts of one organization and stores the result
through `organizations.services.organization_set_status` (audited
`organization.status_changed`, actor None: the rule). The licensing services call it whenever
an application or an izin prinsip changes state (`_common._move`, the decision, the recorded
permit, the end of a permit and its reinstatement) and the daily job for lapses (expiries run
through `cascade_end`).
"""

from dataclasses import dataclass

from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import organization_set_status

from .models import Application, Permit

ORG = ForeignOrganization.Status
# Statuses the rule never overrides: set by hand (an operator) for a closed record.
MANUAL = {ORG.INACTIVE, ORG.ARCHIVED}
# Statuses that only licensing gives: without licensing facts they fall back to REGISTERED.
DERIVED = {ORG.APPLICANT, ORG.LICENSED, ORG.REVOKED, ORG.LAPSED}


@dataclass(frozen=True)
class LicensingFacts:
    current: str  # the stored status
    permit_in_force: bool  # an izin prinsip neither expired nor revoked
    application_open: bool  # an application submitted and not yet decided or withdrawn
    last_permit_end: str = ""  # the latest izin prinsip's end when it ended: expired / revoked


def derive_status(facts: LicensingFacts) -> str:
    """The rule, first match wins:

    1. INACTIVE or ARCHIVED stay (closed by hand).
    2. SUSPENDED stays while it lasts: a suspension (of the izin prinsip, or a sanction's
       cessation of activities) is lifted only through its own route, which restores —
       unless the izin prinsip was revoked meanwhile and none is left in force (§3.1: "any
       → revoked → REVOKED").
    3. An izin prinsip in force → LICENSED (an extension pending does not change that).
    4. An application submitted and open → APPLICANT (also after a revoked or lapsed one:
       §3.1 "EXPIRED|REVOKED → new application → APPLICANT").
    5. The latest izin prinsip ended: revoked → REVOKED, expired → LAPSED.
    6. No licensing: PROSPECTIVE stays; a licensing status left over (an application
       rejected or withdrawn) → REGISTERED; otherwise the current one.
    """
    if facts.current in MANUAL:
        return facts.current
    if facts.current == ORG.SUSPENDED:
        revoked = not facts.permit_in_force and facts.last_permit_end == Permit.Status.REVOKED
        return ORG.REVOKED if revoked else facts.current
    if facts.permit_in_force:
        return ORG.LICENSED
    if facts.application_open:
        return ORG.APPLICANT
    if facts.last_permit_end == Permit.Status.REVOKED:
        return ORG.REVOKED
    if facts.last_permit_end == Permit.Status.EXPIRED:
        return ORG.LAPSED
    if facts.current in DERIVED:
        return ORG.REGISTERED
    return facts.current


def licensing_facts(organization: ForeignOrganization) -> LicensingFacts:
    permits = Permit.objects.filter(organization_id=organization.pk)
    latest = permits.order_by("-valid_from", "-id").values_list("status", flat=True).first()
    open_statuses = [s for s in Application.OPEN if s != Application.Status.DRAFT]
    return LicensingFacts(
        current=organization.status,
        permit_in_force=permits.filter(status=Permit.Status.ACTIVE).exists(),
        application_open=Application.objects.filter(
            organization_id=organization.pk, status__in=open_statuses
        ).exists(),
        last_permit_end=latest if latest and latest != Permit.Status.ACTIVE else "",
    )


def organization_status_refresh(*, organization_id: int, reason: str = "") -> str:
    """Derive and store the organization's status; returns it. Runs inside the caller's
    transaction; writes (and audits) only when the status changes."""
    organization = ForeignOrganization.objects.get(pk=organization_id)
    status = derive_status(licensing_facts(organization))
    if status != organization.status:
        organization_set_status(
            organization_id=organization_id,
            status=status,
            actor=None,
            reason=reason or "licensing",
        )
    return status


def organization_statuses_refresh() -> int:
    """The daily job's sweep: refresh every organization with licensing records (or a
    licensing status), so a status set before this rule, or a lapse not seen by a service,
    comes right. Returns how many changed. Each in its own transaction."""
    from django.db import transaction
    from django.db.models import Q

    candidates = (
        ForeignOrganization.objects.filter(
            Q(permits__isnull=False)
            | Q(permit_applications__isnull=False)
            | Q(status__in=sorted(DERIVED))
        )
        .distinct()
        .values_list("pk", "status")
    )
    changed = 0
    for pk, status in list(candidates):
        with transaction.atomic():
            if organization_status_refresh(organization_id=pk, reason="daily") != status:
                changed += 1
    return changed
