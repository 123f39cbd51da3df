"""Sanction cases: list, open, read, move. Rules and scoping live in the sanctions app."""

from typing import Any, ClassVar

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from mitra.core.access import EDITOR, MEMBER
from mitra.organizations.models import ForeignOrganization
from mitra.sanctions import selectors, services
from mitra.sanctions.models import SanctionCase

from .base import (
    WRITE_ERRORS,
    ApiView,
    AuthenticatedRequest,
    BodyField,
    CodeField,
    DateField,
    Serializer,
    errors,
    route,
)
from .generic import ActionApi, DetailApi, ListApi, ShownApi, actions

TAGS = ["sanctions"]


@extend_schema_serializer(component_name="SanctionStep")
class SanctionStepSerializer(Serializer):
    action = serializers.CharField()
    label_ = serializers.CharField()
    status_from = serializers.CharField()
    status_to = serializers.CharField()
    legal_basis = serializers.CharField()
    authority = CodeField(slug_field="key", read_only=True, allow_null=True)
    issued_on = DateField()
    compliance_due = DateField(allow_null=True)
    notified_bodies = CodeField(slug_field="key", many=True, read_only=True)
    parties_notified = serializers.CharField()


@extend_schema_serializer(component_name="SanctionCase")
class SanctionCaseSerializer(Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.display_name")
    status = serializers.ChoiceField(choices=SanctionCase.Status.choices)
    ladder = serializers.CharField()
    violation = serializers.CharField()
    articles = serializers.CharField()
    source_ = serializers.ChoiceField(choices=SanctionCase.Source.choices)
    reported_on = DateField()
    compliance_due = DateField(allow_null=True)
    immigration_referral = serializers.BooleanField()
    criminal_referral = serializers.BooleanField()
    public_outcome = serializers.CharField()
    concluded_on = DateField(allow_null=True)


@extend_schema_serializer(component_name="SanctionCaseDetail")
class SanctionCaseDetailSerializer(SanctionCaseSerializer):
    assessment_notes = serializers.CharField(
        help_text="Internal: empty for the organization's representatives."
    )
    steps = SanctionStepSerializer(many=True)
    available_actions = serializers.ListField(child=serializers.CharField())


def case_detail_data(*, user: Any, pk: int) -> dict[str, Any]:
    case = selectors.sanction_case_get_for_user(user=user, pk=pk)
    data = dict(SanctionCaseSerializer(case).data)
    # SECURITY: internal notes never leave the government.
    data["assessment_notes"] = case.assessment_notes if selectors.sees_internal(user) else ""
    data["steps"] = SanctionStepSerializer(case.steps.all(), many=True).data
    data["available_actions"] = services.sanction_case_available_actions(case=case, actor=user)
    return data


class SanctionCaseApi(ShownApi):
    # The sanction case resource: answers with the case as its GET shows it (not versioned).
    access = MEMBER
    tags = TAGS
    output = SanctionCaseDetailSerializer
    detail = staticmethod(case_detail_data)
    fetch = staticmethod(selectors.sanction_case_get_editable)


class SanctionCaseListApi(SanctionCaseApi, ListApi):
    operation_id = "sanctions_list"
    summary = "List sanction cases"
    description = (
        "The TPOA secretariat, Kemendagri and operators see every case; another agency sees "
        "the cases of organizations it has agreements with; a representative sees their own "
        "organization's cases from persuasion on."
    )
    serializer_class = SanctionCaseSerializer

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=SanctionCase.Status.choices, required=False)
        q = serializers.CharField(required=False, help_text="Organization name.")

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.sanction_case_list(
            viewer=request.user, status=filters.get("status", ""), q=filters.get("q", "")
        )


class SanctionCaseCreateApi(ApiView):
    access = EDITOR

    @extend_schema_serializer(component_name="SanctionCaseInput")
    class InputSerializer(Serializer):
        organization = serializers.PrimaryKeyRelatedField(
            queryset=ForeignOrganization.objects.all()
        )
        violation = serializers.CharField()
        articles = serializers.CharField(required=False, allow_blank=True, max_length=300)
        source_ = serializers.ChoiceField(choices=SanctionCase.Source.choices)
        source_detail = serializers.CharField(required=False, allow_blank=True, max_length=300)
        reported_on = DateField(required=False, allow_null=True)

    @extend_schema(
        operation_id="sanctions_create",
        tags=TAGS,
        summary="Report a violation (open a sanction case)",
        request=InputSerializer,
        responses={201: SanctionCaseSerializer, **errors(*WRITE_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.sanction_case_open(actor=request.user, **serializer.validated_data)
        return Response(SanctionCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class SanctionCaseDetailApi(SanctionCaseApi, DetailApi):
    operation_id = "sanctions_retrieve"
    summary = "A sanction case with its steps"


# --- actions: one class and one input per action (ADR 0022) ---------------------------------


@extend_schema_serializer(component_name="SanctionStepInput")
class StepInputSerializer(serializers.Serializer):
    # What every step of a case records; each action's serializer adds or requires more.
    issued_on = DateField(
        required=False, allow_null=True, help_text="The step's date; default today."
    )
    notes = serializers.CharField(required=False, allow_blank=True)
    notified_bodies = BodyField(many=True, required=False)
    parties_notified = serializers.CharField(required=False, allow_blank=True, max_length=500)
    immigration_referral = serializers.BooleanField(required=False, default=False)
    criminal_referral = serializers.BooleanField(required=False, default=False)


@extend_schema_serializer(component_name="SanctionReasonedStepInput")
class ReasonedStepInputSerializer(StepInputSerializer):
    # Lifting and dismissing end the case's current step: they say why.
    notes = serializers.CharField(allow_blank=True, help_text="Why (required).")


class SanctionActionApi(SanctionCaseApi, ActionApi):
    # Only the TPOA secretariat and operators move cases (the service checks).
    access = EDITOR
    InputSerializer = StepInputSerializer
    move: ClassVar[str]  # the name services.sanction_case_move knows

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.sanction_case_move(
            case_id=record.pk,
            data=services.MoveInput(action=self.move, **data),
            actor=request.user,
        )


class SanctionAssessApi(SanctionActionApi):
    move = "assess"
    operation_id = "sanctions_assess"
    summary = "Assess a reported violation (reported → assessed)"


class SanctionEscalateApi(SanctionActionApi):
    move = "escalate"
    operation_id = "sanctions_escalate"
    summary = "Escalate a case one step up its ladder"
    description = (
        "persuasion → written warning → cessation of activities → revocation (the legacy "
        "ladder has three warnings). Needs a legal basis, an authority (after persuasion), and "
        "the compliance period of the current step to have run out."
    )

    @extend_schema_serializer(component_name="SanctionEscalation")
    class InputSerializer(StepInputSerializer):
        legal_basis = serializers.CharField(
            allow_blank=True, max_length=300, help_text="The article this step rests on."
        )
        authority = BodyField(
            required=False,
            allow_null=True,
            help_text="Key of the issuing body (required after persuasion).",
        )


class SanctionLiftApi(SanctionActionApi):
    move = "lift"
    operation_id = "sanctions_lift"
    summary = "Lift the sanction (the organization complied)"

    InputSerializer = ReasonedStepInputSerializer


class SanctionDismissApi(SanctionActionApi):
    move = "dismiss"
    operation_id = "sanctions_dismiss"
    summary = "Dismiss a case"

    InputSerializer = ReasonedStepInputSerializer


# `POST sanctions/<id>/actions/<name>/`: the actions served by one URL.
SANCTION_ACTIONS: dict[str, type[ActionApi]] = {
    "assess": SanctionAssessApi,
    "escalate": SanctionEscalateApi,
    "lift": SanctionLiftApi,
    "dismiss": SanctionDismissApi,
}


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "sanctions/",
        route(get=SanctionCaseListApi, post=SanctionCaseCreateApi),
        name="api-sanction-list",
    ),
    path("sanctions/<id:pk>/", SanctionCaseDetailApi.as_view(), name="api-sanction-detail"),
    path(
        "sanctions/<id:pk>/actions/<slug:name>/",
        actions(**SANCTION_ACTIONS),
        name="api-sanction-move",
    ),
]
