"""Licensing: applications, member reviews, decisions, permits, izin operasional, foreign
staff. The same scoped selectors and services as the HTML pages; outside scope → 404."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.bodies.models import GovernmentBody
from mitra.core.access import EDITOR, GOVERNMENT, MEMBER
from mitra.permits import lifecycle, selectors, services
from mitra.permits.models import (
    AgencyReview,
    Application,
    Deliberation,
    ForeignStaffAssignment,
    IzinOperasional,
    Permit,
    QueryReason,
    RejectionReason,
)
from mitra.regions.models import Province

from .base import (
    DETAIL_ERRORS,
    ETAG_HEADER,
    IDEMPOTENCY_KEY,
    IDEMPOTENT_REPLAYED,
    IF_MATCH,
    READ_ERRORS,
    WRITE_DETAIL_ERRORS,
    ApiView,
    AuthenticatedRequest,
    CodeField,
    DateField,
    DateTimeField,
    VersionedUpdateMixin,
    create_responses,
    errors,
    idempotent,
    paginated_response,
    update_responses,
    with_etag,
)
from .organizations import OrganizationRefSerializer
from .reference import BodyRefSerializer

TAGS = ["permits"]
UNKNOWN_BODY: dict[str, Any] = {"does_not_exist": _("Unknown government body key: {value}.")}
UNKNOWN_PROVINCE: dict[str, Any] = {"does_not_exist": _("Unknown province code: {value}.")}


# --- output shapes ------------------------------------------------------------------------


@extend_schema_serializer(component_name="PermitReview")
class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.CharField(source="application.reference")
    agency = BodyRefSerializer()
    due_date = DateField()
    state = serializers.ChoiceField(choices=AgencyReview.State.choices)
    reason_code = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    deemed = serializers.BooleanField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    decided_at = DateTimeField(allow_null=True)

    def _visible(self, review: AgencyReview) -> bool:
        request = self.context["request"]
        return selectors.review_text_visible(
            review=review, user=request.user, application=review.application
        )

    def get_reason_code(self, review: AgencyReview) -> str | None:
        """Null when the opinion is not shared with the viewer."""
        return review.reason_code if self._visible(review) else None

    def get_text(self, review: AgencyReview) -> str | None:
        """Null when the opinion is not shared with the viewer."""
        return review.text if self._visible(review) else None


@extend_schema_serializer(component_name="PermitApplicationSummary")
class ApplicationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    organization = OrganizationRefSerializer()
    kind = serializers.ChoiceField(choices=Application.Kind.choices)
    track = serializers.CharField()
    status = serializers.ChoiceField(choices=Application.Status.choices)
    submitted_on = DateField(allow_null=True)
    late_filing = serializers.BooleanField()
    stage_since = DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="PermitApplication")
class ApplicationDetailSerializer(ApplicationSummarySerializer):
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )
    extends = serializers.CharField(source="extends.number", allow_null=True, default=None)
    profile = serializers.DictField(child=serializers.CharField())
    programmes = serializers.CharField()
    provinces = CodeField(slug_field="code", many=True, read_only=True)
    partner_ministry = BodyRefSerializer(allow_null=True)
    funding_sources = serializers.CharField()
    funding_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    funding_currency = serializers.CharField()
    local_partners = serializers.ListField(
        child=serializers.CharField(), source="local_partner_list"
    )
    changes_summary = serializers.CharField()
    documents = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    query_reasons = serializers.ListField(child=serializers.CharField())
    query_text = serializers.CharField()
    query_deadline = DateField(allow_null=True)
    response_text = serializers.CharField()
    reviews = serializers.SerializerMethodField()
    decided_on = DateField(allow_null=True)
    decision_reasons = serializers.ListField(child=serializers.CharField())

    def get_documents(self, application: Application) -> dict[str, int]:
        """Checklist item → latest version uploaded."""
        latest: dict[str, int] = {}
        for d in application.documents.all():
            latest[d.item] = max(latest.get(d.item, 0), d.version)
        return latest

    def get_sections(self, application: Application) -> dict[str, bool]:
        """Task-list section → complete."""
        from mitra.permits.validation import section_status

        return section_status(application)

    def get_reviews(self, application: Application) -> list[dict[str, Any]]:
        """Member reviews (government users only; opinion texts only where shared)."""
        user = self.context["request"].user
        if not (user.is_government or user.is_operator):
            return []
        return ReviewSerializer(application.reviews.all(), many=True, context=self.context).data  # type: ignore[return-value]


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


# --- applications ------------------------------------------------------------------------


@extend_schema_serializer(component_name="PermitApplicationInput")
class ApplicationInputSerializer(serializers.Serializer):
    profile = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    programmes = serializers.CharField(required=False, allow_blank=True)
    provinces = CodeField(
        slug_field="code",
        queryset=Province.objects.all(),
        many=True,
        required=False,
        error_messages=UNKNOWN_PROVINCE,
    )
    partner_ministry = CodeField(
        slug_field="key",
        queryset=GovernmentBody.objects.all(),
        required=False,
        allow_null=True,
        error_messages=UNKNOWN_BODY,
    )
    funding_sources = serializers.CharField(required=False, allow_blank=True)
    funding_amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    funding_currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    local_partners = serializers.CharField(
        required=False, allow_blank=True, help_text="One per line."
    )
    changes_summary = serializers.CharField(required=False, allow_blank=True)


def _input_from(application: Application) -> dict[str, Any]:
    return {
        "profile": dict(application.profile),
        "programmes": application.programmes,
        "provinces": list(application.provinces.all()),
        "partner_ministry": application.partner_ministry,
        "funding_sources": application.funding_sources,
        "funding_amount": application.funding_amount,
        "funding_currency": application.funding_currency,
        "local_partners": application.local_partners,
        "changes_summary": application.changes_summary,
    }


def _detail(request: Request, pk: int) -> Response:
    """The application as GET shows it, with its ETag."""
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    data = ApplicationDetailSerializer(application, context={"request": request}).data
    return with_etag(Response(data), application.version)


class ApplicationListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Application.Status.choices, required=False)
        track = serializers.ChoiceField(choices=["tpoa", "multilateral_clearance"], required=False)

    @extend_schema(
        operation_id="permit_applications_list",
        tags=TAGS,
        summary="List izin prinsip applications",
        description="The applicant sees its own; the secretariat its track's submitted "
        "applications; a member agency those it reviews or that propose it as partner.",
        parameters=[FilterSerializer],
        responses={200: ApplicationSummarySerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.application_list(viewer=request.user, **filters.validated_data)
        return paginated_response(
            queryset=qs, serializer_class=ApplicationSummarySerializer, request=request, view=self
        )


class ApplicationCreateApi(ApiView):
    access = MEMBER

    @extend_schema_serializer(component_name="PermitApplicationCreate")
    class InputSerializer(ApplicationInputSerializer):
        extends = serializers.IntegerField(
            required=False, help_text="Id of the izin prinsip to extend (an extension)."
        )
        organization = serializers.IntegerField(
            required=False, help_text="Operators only: the applying organization's id."
        )

    @extend_schema(
        operation_id="permit_applications_create",
        tags=TAGS,
        summary="Start an application (draft)",
        description="By the organization's representative. An extension (`extends`) is "
        "pre-filled from the current record when no sections are sent. A second open "
        "application of the same kind is refused (409). Send an `Idempotency-Key` so that a "
        "retry cannot start it twice.",
        request=InputSerializer,
        parameters=[IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, ETAG_HEADER],
        responses=create_responses(ApplicationDetailSerializer, *WRITE_DETAIL_ERRORS),
    )
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        from mitra.organizations.selectors import organization_get_for_user

        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        extends_id = data.pop("extends", None)
        organization_id = data.pop("organization", None) or request.user.organization_id
        if organization_id is None:
            raise Http404
        organization = organization_get_for_user(user=request.user, pk=organization_id)
        extends = (
            selectors.permit_get_for_user(user=request.user, pk=extends_id) if extends_id else None
        )
        sections = services.ApplicationInput(**data) if data else None
        application = services.application_create(
            organization=organization, extends=extends, data=sections, actor=request.user
        )
        response = _detail(request, application.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class ApplicationDetailApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="permit_applications_retrieve",
        tags=TAGS,
        summary="An application with its task list and reviews",
        parameters=[ETAG_HEADER],
        responses={200: ApplicationDetailSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return _detail(request, pk)


class ApplicationUpdateApi(VersionedUpdateMixin, ApiView):
    # PATCH needs If-Match (the ETag read); see docs/dev/concurrency.md.
    access = MEMBER

    def current_state(self, request: Any, **kwargs: Any) -> tuple[Any, int]:
        application = selectors.application_get_for_user(user=request.user, pk=kwargs["pk"])
        data = ApplicationDetailSerializer(application, context={"request": request}).data
        return data, application.version

    @extend_schema(
        operation_id="permit_applications_partial_update",
        tags=TAGS,
        summary="Save task-list sections (draft or returned)",
        request=ApplicationInputSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses=update_responses(ApplicationDetailSerializer),
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        expected = self.check_version(request, application)
        serializer = ApplicationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = _input_from(application)
        values.update(serializer.validated_data)
        services.application_update(
            application_id=application.pk,
            data=services.ApplicationInput(**values),
            actor=request.user,
            expected_version=expected,
        )
        return _detail(request, pk)


ACTIONS = [
    "submit",
    "withdraw",
    "answer",
    "open_verification",
    "return",
    "circulate",
    "share_opinions",
    "open_deliberation",
    "deliberate",
]


class ApplicationActionApi(ApiView):
    access = MEMBER

    @extend_schema_serializer(component_name="PermitApplicationAction")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, help_text="withdraw")
        response_text = serializers.CharField(required=False, allow_blank=True, help_text="answer")
        reasons = serializers.ListField(
            child=serializers.ChoiceField(choices=QueryReason.choices),
            required=False,
            help_text="return",
        )
        text = serializers.CharField(required=False, allow_blank=True, help_text="return")
        deadline = DateField(required=False, allow_null=True, help_text="return")
        technical_ministries = CodeField(
            slug_field="key",
            queryset=GovernmentBody.objects.all(),
            many=True,
            required=False,
            error_messages=UNKNOWN_BODY,
            help_text="circulate",
        )
        due_date = DateField(required=False, allow_null=True, help_text="circulate")
        held_on = DateField(required=False, help_text="deliberate")
        agencies_present = CodeField(
            slug_field="key",
            queryset=GovernmentBody.objects.all(),
            many=True,
            required=False,
            error_messages=UNKNOWN_BODY,
            help_text="deliberate",
        )
        recommendation = serializers.ChoiceField(
            choices=Deliberation.Recommendation.choices, required=False, help_text="deliberate"
        )
        notes = serializers.CharField(required=False, allow_blank=True, help_text="deliberate")
        override_reason = serializers.CharField(
            required=False, allow_blank=True, help_text="deliberate"
        )

    @extend_schema(
        operation_id="permit_applications_action",
        tags=TAGS,
        summary="Move an application",
        description="Applicant: submit, answer (a query; resubmits), withdraw. Secretariat: "
        "open_verification, return (coded reasons, text, deadline — default 15 working "
        "days), circulate (to the member agencies), share_opinions, open_deliberation, "
        "deliberate (meeting record and recommendation). The decision has its own endpoint.",
        parameters=[
            OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=ACTIONS)
        ],
        request=InputSerializer,
        responses={200: ApplicationDetailSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        if name not in ACTIONS:
            raise Http404
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        user, app_id = request.user, application.pk
        if name == "submit":
            services.application_submit(application_id=app_id, actor=user)
        elif name == "withdraw":
            services.application_withdraw(
                application_id=app_id, actor=user, reason=d.get("reason", "")
            )
        elif name == "answer":
            services.application_resubmit(
                application_id=app_id, actor=user, response_text=d.get("response_text", "")
            )
        elif name == "open_verification":
            services.application_open_verification(application_id=app_id, actor=user)
        elif name == "return":
            services.application_return(
                application_id=app_id,
                reasons=d.get("reasons", []),
                text=d.get("text", ""),
                deadline=d.get("deadline"),
                actor=user,
            )
        elif name == "circulate":
            services.application_circulate(
                application_id=app_id,
                technical_ministries=d.get("technical_ministries", []),
                due_date=d.get("due_date"),
                actor=user,
            )
        elif name == "share_opinions":
            services.application_share_opinions(application_id=app_id, actor=user)
        elif name == "open_deliberation":
            services.application_open_deliberation(application_id=app_id, actor=user)
        else:
            from mitra.core.dates import today

            services.deliberation_record(
                application_id=app_id,
                held_on=d.get("held_on") or today(),
                agencies_present=d.get("agencies_present", []),
                recommendation=d.get("recommendation", ""),
                notes=d.get("notes", ""),
                override_reason=d.get("override_reason", ""),
                actor=user,
            )
        return _detail(request, pk)


class ApplicationDecisionApi(ApiView):
    access = MEMBER

    @extend_schema_serializer(component_name="PermitDecision")
    class InputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        decided_on = DateField(required=False, allow_null=True)
        valid_from = DateField(required=False, allow_null=True)
        valid_until = DateField(
            required=False, allow_null=True, help_text="At most 3 years after valid_from."
        )
        conditions = serializers.CharField(required=False, allow_blank=True)
        legal_basis = serializers.CharField(required=False, allow_blank=True)
        reasons = serializers.ListField(
            child=serializers.ChoiceField(choices=RejectionReason.choices), required=False
        )
        text = serializers.CharField(required=False, allow_blank=True)
        override_reason = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        operation_id="permit_applications_decide",
        tags=TAGS,
        summary="Record the Minister's decision",
        description="Secretariat only, when the application awaits the decision. Approval "
        "issues the izin prinsip (TPOA track); an unresolved objection blocks approval unless "
        "`override_reason` is given (configurable rule). Rejection needs coded reasons.",
        request=InputSerializer,
        responses={200: ApplicationDetailSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.application_decide(
            application_id=application.pk, actor=request.user, **serializer.validated_data
        )
        return _detail(request, pk)


# --- reviews -------------------------------------------------------------------------------


class ReviewListApi(ApiView):
    access = GOVERNMENT
    pagination_class = StandardPagination

    @extend_schema(
        operation_id="permit_reviews_list",
        tags=TAGS,
        summary="Open reviews of my agency",
        responses={200: ReviewSerializer(many=True), **errors(*READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        return paginated_response(
            queryset=selectors.review_inbox(viewer=request.user),
            serializer_class=ReviewSerializer,
            request=request,
            view=self,
        )


class ReviewDetailApi(ApiView):
    access = GOVERNMENT

    @extend_schema(
        operation_id="permit_reviews_retrieve",
        tags=TAGS,
        summary="A member review",
        responses={200: ReviewSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        return Response(ReviewSerializer(review, context={"request": request}).data)


class ReviewDecisionApi(ApiView):
    access = GOVERNMENT

    @extend_schema_serializer(component_name="PermitReviewDecision")
    class InputSerializer(serializers.Serializer):
        state = serializers.ChoiceField(
            choices=["no_objection", "objection", "information_requested"]
        )
        reason_code = serializers.ChoiceField(choices=AgencyReview.Reason.choices)
        text = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        operation_id="permit_reviews_decide",
        tags=TAGS,
        summary="Give my agency's opinion",
        description="By an officer of the review's agency. Once given, an opinion never "
        "changes (400); a revised opinion is a new review.",
        request=InputSerializer,
        responses={200: ReviewSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.review_decide(
            review_id=review.pk,
            actor=request.user,
            state=serializer.validated_data["state"],
            reason_code=serializer.validated_data["reason_code"],
            text=serializer.validated_data.get("text", ""),
        )
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        return Response(ReviewSerializer(review, context={"request": request}).data)


# --- permits, izin operasional, staff -------------------------------------------------------


class PermitListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    @extend_schema(
        operation_id="permits_list",
        tags=TAGS,
        summary="List izin prinsip",
        responses={200: PermitSerializer(many=True), **errors(*READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        return paginated_response(
            queryset=selectors.permit_list(viewer=request.user).select_related(
                "application", "previous"
            ),
            serializer_class=PermitSerializer,
            request=request,
            view=self,
        )


class PermitDetailApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="permits_retrieve",
        tags=TAGS,
        summary="An izin prinsip",
        responses={200: PermitSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(
            PermitSerializer(selectors.permit_get_for_user(user=request.user, pk=pk)).data
        )


class OperationalListApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="permits_operational_list",
        tags=TAGS,
        summary="The organization's izin operasional",
        responses={200: OperationalSerializer(many=True), **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        rows = IzinOperasional.objects.filter(
            permit__organization_id=permit.organization_id
        ).select_related("permit", "issuer")
        return Response(OperationalSerializer(rows, many=True).data)


class OperationalCreateApi(ApiView):
    access = EDITOR

    @extend_schema_serializer(component_name="IzinOperasionalInput")
    class InputSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=60)
        agreement = serializers.IntegerField(help_text="Id of an MSP your agency owns.")
        valid_from = DateField()
        valid_until = DateField()

    @extend_schema(
        operation_id="permits_operational_create",
        tags=TAGS,
        summary="Record an izin operasional",
        description="By the MSP's partner ministry. Needs a valid izin prinsip and may not "
        "outlast it.",
        request=InputSerializer,
        responses={201: OperationalSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        from mitra.agreements.models import Agreement

        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        agreement = Agreement.objects.editable_by(request.user).filter(pk=d["agreement"]).first()
        if agreement is None:
            raise Http404
        io = services.izin_operasional_create(
            permit_id=permit.pk,
            data=services.OperationalInput(
                number=d["number"],
                agreement=agreement,
                valid_from=d["valid_from"],
                valid_until=d["valid_until"],
            ),
            actor=request.user,
        )
        return Response(OperationalSerializer(io).data, status=status.HTTP_201_CREATED)


class StaffListApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="permits_staff_list",
        tags=TAGS,
        summary="The organization's foreign staff assignments",
        responses={200: StaffSerializer(many=True), **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        return Response(StaffSerializer(permit.organization.foreign_staff.all(), many=True).data)


class StaffCreateApi(ApiView):
    access = EDITOR

    @extend_schema_serializer(component_name="ForeignStaffAssignmentInput")
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=255)
        nationality = serializers.CharField(max_length=2)
        position = serializers.CharField(max_length=255)
        start_date = DateField()
        end_date = DateField()
        ktln_approval_number = serializers.CharField(max_length=80)
        ktln_approved_on = DateField()

    @extend_schema(
        operation_id="permits_staff_create",
        tags=TAGS,
        summary="Record a KTLN-approved foreign staff assignment",
        description="By Biro KTLN. At most 3 active per organization, each at most 5 years.",
        request=InputSerializer,
        responses={201: StaffSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        staff = services.staff_assignment_create(
            organization_id=permit.organization_id,
            data=services.StaffInput(**serializer.validated_data),
            actor=request.user,
        )
        return Response(StaffSerializer(staff).data, status=status.HTTP_201_CREATED)


# --- after issue: suspend, reinstate, revoke; end an izin operasional or an assignment ----


@extend_schema_serializer(component_name="PermitLifecycleInput")
class LifecycleInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why (kept in the record and the history).")
    legal_basis = serializers.CharField(max_length=300, help_text="The decree or article.")


PERMIT_ACTIONS = {
    "suspend": lifecycle.permit_suspend,
    "reinstate": lifecycle.permit_reinstate,
    "revoke": lifecycle.permit_revoke,
}


class PermitActionApi(ApiView):
    access = EDITOR

    @extend_schema(
        operation_id="permits_action",
        tags=TAGS,
        summary="Suspend, reinstate or revoke an izin prinsip",
        description="By the TPOA secretariat, for the Minister. `suspend` suspends the holder "
        "(the one source of `suspended`: no new agreements or work plans); `reinstate` lifts "
        "it, refused while a sanction case holds it in cessation; `revoke` ends the permit "
        "for good, with the cascade: izin operasional ended, staff and agreements flagged, "
        "everyone N14 names told. Reason and legal basis are required.",
        parameters=[
            OpenApiParameter(
                "name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(PERMIT_ACTIONS)
            )
        ],
        request=LifecycleInputSerializer,
        responses={200: PermitSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        if name not in PERMIT_ACTIONS:
            raise Http404
        serializer = LifecycleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        PERMIT_ACTIONS[name](permit_id=permit.pk, actor=request.user, **serializer.validated_data)
        return Response(
            PermitSerializer(selectors.permit_get_for_user(user=request.user, pk=pk)).data
        )


class OperationalEndApi(ApiView):
    access = EDITOR

    @extend_schema(
        operation_id="permits_operational_end",
        tags=TAGS,
        summary="End an izin operasional",
        description="By the ministry or regional government that issued it. Reason and legal "
        "basis are required; the izin prinsip and the MSP stay as they are.",
        request=LifecycleInputSerializer,
        responses={200: OperationalSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        io = selectors.izin_operasional_get_for_user(user=request.user, pk=pk)
        serializer = LifecycleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        io = lifecycle.izin_operasional_end(
            operational_id=io.pk, actor=request.user, **serializer.validated_data
        )
        return Response(OperationalSerializer(io).data)


class StaffEndApi(ApiView):
    access = EDITOR

    @extend_schema(
        operation_id="permits_staff_end",
        tags=TAGS,
        summary="End a foreign staff assignment",
        description="By Biro KTLN, which approved it. Reason and legal basis are required; "
        "the assignment no longer counts towards the limit of 3.",
        request=LifecycleInputSerializer,
        responses={200: StaffSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        staff = selectors.staff_assignment_get_for_user(user=request.user, pk=pk)
        serializer = LifecycleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        staff = lifecycle.staff_assignment_end(
            assignment_id=staff.pk, actor=request.user, **serializer.validated_data
        )
        return Response(StaffSerializer(staff).data)
