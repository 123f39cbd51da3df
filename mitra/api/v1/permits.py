"""Licensing after the decision: izin prinsip (permits), izin operasional and foreign staff,
with their actions (suspend, reinstate, revoke; end). The same scoped selectors and services as
the HTML pages; outside scope → 404. Applications and reviews: mitra.api.v1.permit_applications.
"""

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mitra.core.access import EDITOR, MEMBER
from mitra.permits import lifecycle, selectors, services
from mitra.permits.models import ForeignStaffAssignment, IzinOperasional, Permit

from .base import (
    DateField,
    route,
)
from .generic import (
    ActionApi,
    DetailApi,
    ListApi,
    NestedCreateApi,
    NestedListApi,
    ShownApi,
    actions,
)
from .organizations import OrganizationRefSerializer
from .reference import BodyRefSerializer

TAGS = ["permits"]


# --- output shapes ------------------------------------------------------------------------


@extend_schema_serializer(component_name="Permit")
class PermitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    kind = serializers.CharField()
    organization = OrganizationRefSerializer()
    application = serializers.CharField(
        source="application.reference", allow_null=True, default=None
    )
    previous = serializers.CharField(source="previous.number", allow_null=True, default=None)
    partner_ministry = BodyRefSerializer(allow_null=True)
    decision_date = DateField()
    valid_from = DateField()
    valid_until = DateField()
    conditions = serializers.CharField()
    legal_basis = serializers.CharField()
    status = serializers.ChoiceField(
        choices=Permit.Status.choices, help_text="Stored: what was decided (active, or an end)."
    )
    effective_status = serializers.ChoiceField(
        choices=Permit.EffectiveStatus.choices,
        help_text="As everyone sees it: `suspended` while the holder is suspended.",
    )
    status_reason = serializers.CharField(help_text="Why it last changed (end or suspension).")
    status_legal_basis = serializers.CharField()
    status_changed_on = DateField(allow_null=True)


@extend_schema_serializer(component_name="IzinOperasional")
class OperationalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    permit = serializers.CharField(source="permit.number")
    agreement = serializers.IntegerField(source="agreement_id")
    issuer = BodyRefSerializer()
    valid_from = DateField()
    valid_until = DateField()
    status = serializers.ChoiceField(choices=IzinOperasional.Status.choices)
    flag = serializers.CharField()
    ended_on = DateField(allow_null=True)
    end_reason = serializers.CharField()
    end_legal_basis = serializers.CharField()


@extend_schema_serializer(component_name="ForeignStaffAssignment")
class StaffSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    nationality = serializers.CharField()
    position = serializers.CharField()
    start_date = DateField()
    end_date = DateField()
    ktln_approval_number = serializers.CharField()
    ktln_approved_on = DateField()
    status = serializers.ChoiceField(choices=ForeignStaffAssignment.Status.choices)
    flag = serializers.CharField()
    ended_on = DateField(allow_null=True)
    end_reason = serializers.CharField()
    end_legal_basis = serializers.CharField()


# --- permits -------------------------------------------------------------------------------


class PermitApi(ShownApi):
    access = MEMBER
    tags = TAGS
    output = PermitSerializer
    read = fetch = staticmethod(selectors.permit_get_for_user)


class PermitListApi(PermitApi, ListApi):
    operation_id = "permits_list"
    summary = "List izin prinsip"
    serializer_class = PermitSerializer

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.permit_list(viewer=request.user).select_related("application", "previous")


class PermitDetailApi(PermitApi, DetailApi):
    operation_id = "permits_retrieve"
    summary = "An izin prinsip"


class PermitPartListApi(NestedListApi):
    # Records of the permit's organization, for anyone who may see the permit.
    access = MEMBER
    tags = TAGS
    fetch = staticmethod(selectors.permit_get_for_user)


class PermitPartCreateApi(NestedCreateApi):
    # A record of the permit's organization; the service decides who may add it.
    access = EDITOR
    tags = TAGS
    fetch = staticmethod(selectors.permit_get_for_user)


class OperationalListApi(PermitPartListApi):
    operation_id = "permits_operational_list"
    summary = "The organization's izin operasional"
    serializer_class = OperationalSerializer

    def rows(self, permit: Permit) -> Any:
        return IzinOperasional.objects.filter(
            permit__organization_id=permit.organization_id
        ).select_related("permit", "issuer")


class OperationalCreateApi(PermitPartCreateApi):
    operation_id = "permits_operational_create"
    summary = "Record an izin operasional"
    description = (
        "By the MSP's partner ministry. Needs a valid izin prinsip and may not outlast it."
    )
    serializer_class = OperationalSerializer

    @extend_schema_serializer(component_name="IzinOperasionalInput")
    class InputSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=60)
        agreement = serializers.IntegerField(help_text="Id of an MSP your agency owns.")
        valid_from = DateField()
        valid_until = DateField()

    def perform(self, request: Any, permit: Permit, d: dict[str, Any]) -> Any:
        from mitra.agreements.models import Agreement

        agreement = Agreement.objects.editable_by(request.user).filter(pk=d["agreement"]).first()
        if agreement is None:
            raise Http404
        return services.izin_operasional_create(
            permit_id=permit.pk,
            data=services.OperationalInput(
                number=d["number"],
                agreement=agreement,
                valid_from=d["valid_from"],
                valid_until=d["valid_until"],
            ),
            actor=request.user,
        )


class StaffListApi(PermitPartListApi):
    operation_id = "permits_staff_list"
    summary = "The organization's foreign staff assignments"
    serializer_class = StaffSerializer
    related = "organization.foreign_staff"


class StaffCreateApi(PermitPartCreateApi):
    operation_id = "permits_staff_create"
    summary = "Record a KTLN-approved foreign staff assignment"
    description = "By Biro KTLN. At most 3 active per organization, each at most 5 years."
    serializer_class = StaffSerializer

    @extend_schema_serializer(component_name="ForeignStaffAssignmentInput")
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=255)
        nationality = serializers.CharField(max_length=2)
        position = serializers.CharField(max_length=255)
        start_date = DateField()
        end_date = DateField()
        ktln_approval_number = serializers.CharField(max_length=80)
        ktln_approved_on = DateField()

    def perform(self, request: Any, permit: Permit, d: dict[str, Any]) -> Any:
        return services.staff_assignment_create(
            organization_id=permit.organization_id,
            data=services.StaffInput(**d),
            actor=request.user,
        )


# --- after issue: suspend, reinstate, revoke; end an izin operasional or an assignment ----


@extend_schema_serializer(component_name="PermitLifecycleInput")
class LifecycleInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why (kept in the record and the history).")
    legal_basis = serializers.CharField(max_length=300, help_text="The decree or article.")


class PermitActionApi(PermitApi, ActionApi):
    # By the TPOA secretariat, for the Minister; each action needs a reason and a legal basis.
    access = EDITOR
    InputSerializer = LifecycleInputSerializer
    record_id = "permit_id"


class PermitSuspendApi(PermitActionApi):
    operation_id = "permits_suspend"
    summary = "Suspend an izin prinsip"
    description = (
        "By the TPOA secretariat, for the Minister. Suspends the holder (the one source of "
        "`suspended`: no new agreements or work plans). Reason and legal basis are required."
    )
    service = staticmethod(lifecycle.permit_suspend)


class PermitReinstateApi(PermitActionApi):
    operation_id = "permits_reinstate"
    summary = "Lift the suspension of an izin prinsip"
    description = (
        "By the TPOA secretariat, for the Minister; refused while a sanction case holds the "
        "holder in cessation. Reason and legal basis are required."
    )
    service = staticmethod(lifecycle.permit_reinstate)


class PermitRevokeApi(PermitActionApi):
    operation_id = "permits_revoke"
    summary = "Revoke an izin prinsip"
    description = (
        "By the TPOA secretariat, for the Minister. Ends the permit for good, with the "
        "cascade: izin operasional ended, staff and agreements flagged, everyone N14 names "
        "told. Reason and legal basis are required."
    )
    service = staticmethod(lifecycle.permit_revoke)


# `POST permits/permits/<id>/actions/<name>/`: the actions served by one URL.
PERMIT_ACTIONS: dict[str, type[ActionApi]] = {
    "suspend": PermitSuspendApi,
    "reinstate": PermitReinstateApi,
    "revoke": PermitRevokeApi,
}


class RecordEndApi(ActionApi):
    # Ends a record held under an izin prinsip; the answer is the record as `output` shows it.
    access = EDITOR
    tags = TAGS
    InputSerializer = LifecycleInputSerializer
    answers_result = True


class OperationalEndApi(RecordEndApi):
    operation_id = "permits_operational_end"
    summary = "End an izin operasional"
    description = (
        "By the ministry or regional government that issued it. Reason and legal basis are "
        "required; the izin prinsip and the MSP stay as they are."
    )
    output = OperationalSerializer
    fetch = staticmethod(selectors.izin_operasional_get_for_user)
    service = staticmethod(lifecycle.izin_operasional_end)
    record_id = "operational_id"


class StaffEndApi(RecordEndApi):
    operation_id = "permits_staff_end"
    summary = "End a foreign staff assignment"
    description = (
        "By Biro KTLN, which approved it. Reason and legal basis are required; the assignment "
        "no longer counts towards the limit of 3."
    )
    output = StaffSerializer
    fetch = staticmethod(selectors.staff_assignment_get_for_user)
    service = staticmethod(lifecycle.staff_assignment_end)
    record_id = "assignment_id"


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("permits/permits/", PermitListApi.as_view(), name="api-permit-list"),
    path("permits/permits/<id:pk>/", PermitDetailApi.as_view(), name="api-permit-detail"),
    path(
        "permits/permits/<id:pk>/operational/",
        route(get=OperationalListApi, post=OperationalCreateApi),
        name="api-permit-operational",
    ),
    path(
        "permits/permits/<id:pk>/staff/",
        route(get=StaffListApi, post=StaffCreateApi),
        name="api-permit-staff",
    ),
    path(
        "permits/permits/<id:pk>/actions/<slug:name>/",
        actions(**PERMIT_ACTIONS),
        name="api-permit-action",
    ),
    path(
        "permits/operational/<id:pk>/actions/end/",
        OperationalEndApi.as_view(),
        name="api-permit-operational-end",
    ),
    path("permits/staff/<id:pk>/actions/end/", StaffEndApi.as_view(), name="api-permit-staff-end"),
]
