"""Sanction cases: list, open, read, move. Rules and scoping live in the sanctions app."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.bodies.models import GovernmentBody
from mitra.core.access import EDITOR, MEMBER
from mitra.organizations.models import ForeignOrganization
from mitra.sanctions import selectors, services
from mitra.sanctions.models import SanctionCase

from .base import (
    DETAIL_ERRORS,
    READ_ERRORS,
    WRITE_DETAIL_ERRORS,
    WRITE_ERRORS,
    ApiView,
    AuthenticatedRequest,
    CodeField,
    DateField,
    Serializer,
    errors,
    paginated_response,
)

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


class SanctionCaseListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=SanctionCase.Status.choices, required=False)
        q = serializers.CharField(required=False, help_text="Organization name.")

    @extend_schema(
        operation_id="sanctions_list",
        tags=TAGS,
        summary="List sanction cases",
        description="The TPOA secretariat, Kemendagri and operators see every case; another "
        "agency sees the cases of organizations it has agreements with; a representative sees "
        "their own organization's cases from persuasion on.",
        parameters=[FilterSerializer],
        responses={200: SanctionCaseSerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.sanction_case_list(
            viewer=request.user,
            status=filters.validated_data.get("status", ""),
            q=filters.validated_data.get("q", ""),
        )
        return paginated_response(
            queryset=qs, serializer_class=SanctionCaseSerializer, request=request, view=self
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


class SanctionCaseDetailApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="sanctions_retrieve",
        tags=TAGS,
        summary="A sanction case with its steps",
        responses={200: SanctionCaseDetailSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(case_detail_data(user=request.user, pk=pk))


class SanctionCaseMoveApi(ApiView):
    access = EDITOR

    @extend_schema_serializer(component_name="SanctionMove")
    class InputSerializer(serializers.Serializer):
        legal_basis = serializers.CharField(required=False, allow_blank=True, max_length=300)
        authority = CodeField(
            slug_field="key",
            queryset=GovernmentBody.objects.all(),
            required=False,
            allow_null=True,
            help_text="Key of the issuing body.",
        )
        issued_on = DateField(required=False, allow_null=True)
        notes = serializers.CharField(required=False, allow_blank=True)
        notified_bodies = CodeField(
            slug_field="key", queryset=GovernmentBody.objects.all(), many=True, required=False
        )
        parties_notified = serializers.CharField(required=False, allow_blank=True, max_length=500)
        immigration_referral = serializers.BooleanField(required=False, default=False)
        criminal_referral = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="sanctions_move",
        tags=TAGS,
        summary="Move a sanction case",
        description="assess (reported → assessed), escalate (one step up the case's ladder: "
        "persuasion → written warning → cessation of activities → revocation; the legacy "
        "ladder has three warnings), lift (complied), dismiss. Escalation needs a legal basis, "
        "an authority, and the compliance period to have run out. Only the TPOA secretariat "
        "and operators move cases.",
        parameters=[
            OpenApiParameter(
                "action",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(services.ACTIONS),
                description="The move.",
            )
        ],
        request=InputSerializer,
        responses={200: SanctionCaseDetailSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int, action: str) -> Response:
        case = selectors.sanction_case_get_editable(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sanction_case_move(
            case_id=case.pk,
            data=services.MoveInput(action=action, **serializer.validated_data),
            actor=request.user,
        )
        return Response(case_detail_data(user=request.user, pk=pk))
