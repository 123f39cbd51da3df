"""A sanction's cessation of activities stops new work plans (domain.md §3.9), as it stops new
agreements: one rule, organizations.selectors.organization_suspension_message."""

import pytest

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization
from mitra.workplans import services
from mitra.workplans.models import WorkPlan

from .conftest import rkt_input

pytestmark = pytest.mark.django_db


def test_a_suspended_partner_cannot_start_a_work_plan(cast):
    ForeignOrganization.objects.filter(pk=cast.ford.pk).update(
        status=ForeignOrganization.Status.SUSPENDED
    )
    plans, events = WorkPlan.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"])
    assert "suspended" in str(refused.value.extra["agreement"][0])
    assert (WorkPlan.objects.count(), AuditEvent.objects.count()) == (plans, events)


def test_a_registered_partner_can(cast):
    plan = services.workplan_create(data=rkt_input(cast), actor=cast.users["operator"])
    assert plan.pk is not None
