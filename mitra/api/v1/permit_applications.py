"""Licensing: izin prinsip applications, their actions, the Minister's decision and member
reviews. The same scoped selectors and services as the HTML pages; outside scope → 404.
Permits, izin operasional and foreign staff: mitra.api.v1.permits."""

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mitra.core.access import GOVERNMENT, MEMBER
from mitra.core.dates import today
from mitra.permits import selectors, services
from mitra.permits.models import (
    AgencyReview,
    Application,
    Deliberation,
    QueryReason,
    RejectionReason,
)

from .base import (
    WRITE_DETAIL_ERRORS,
    BodyField,
    CodeField,
    DateField,
    DateTimeField,
    ProvinceField,
    route,
)
from .generic import (
    ActionApi,
    CreateApi,
    DetailApi,
    ListApi,
    ShownApi,
    UpdateApi,
    actions,
)
from .organizations import OrganizationRefSerializer
from .reference import BodyRefSerializer

TAGS = ["permits"]


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


# --- applications ------------------------------------------------------------------------


@extend_schema_serializer(component_name="PermitApplicationInput")
class ApplicationInputSerializer(serializers.Serializer):
    profile = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    programmes = serializers.CharField(required=False, allow_blank=True)
    provinces = ProvinceField(many=True, required=False)
    partner_ministry = BodyField(required=False, allow_null=True)
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


class ApplicationApi(ShownApi):
    # The application resource: answers with the application as its GET shows it.
    access = MEMBER
    tags = TAGS
    output = ApplicationDetailSerializer
    read = fetch = staticmethod(selectors.application_get_for_user)
    record_id = "application_id"


class ApplicationListApi(ApplicationApi, ListApi):
    operation_id = "permit_applications_list"
    summary = "List izin prinsip applications"
    description = (
        "The applicant sees its own; the secretariat its track's submitted applications; a "
        "member agency those it reviews or that propose it as partner."
    )
    serializer_class = ApplicationSummarySerializer

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Application.Status.choices, required=False)
        track = serializers.ChoiceField(choices=["tpoa", "multilateral_clearance"], required=False)

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.application_list(viewer=request.user, **filters)


class ApplicationCreateApi(ApplicationApi, CreateApi):
    operation_id = "permit_applications_create"
    summary = "Start an application (draft)"
    description = (
        "By the organization's representative. An extension (`extends`) is pre-filled from the "
        "current record when no sections are sent. A second open application of the same kind "
        "is refused (409). Send an `Idempotency-Key` so that a retry cannot start it twice."
    )
    create_errors = WRITE_DETAIL_ERRORS

    @extend_schema_serializer(component_name="PermitApplicationCreate")
    class InputSerializer(ApplicationInputSerializer):
        extends = serializers.IntegerField(
            required=False, help_text="Id of the izin prinsip to extend (an extension)."
        )
        organization = serializers.IntegerField(
            required=False, help_text="Operators only: the applying organization's id."
        )

    def perform(self, request: Any, data: dict[str, Any]) -> Any:
        from mitra.organizations.selectors import organization_get_for_user

        extends_id = data.pop("extends", None)
        organization_id = data.pop("organization", None) or request.user.organization_id
        if organization_id is None:
            raise Http404
        organization = organization_get_for_user(user=request.user, pk=organization_id)
        extends = (
            selectors.permit_get_for_user(user=request.user, pk=extends_id) if extends_id else None
        )
        sections = services.ApplicationInput(**data) if data else None
        return services.application_create(
            organization=organization, extends=extends, data=sections, actor=request.user
        )


class ApplicationDetailApi(ApplicationApi, DetailApi):
    operation_id = "permit_applications_retrieve"
    summary = "An application with its task list and reviews"
    versioned = True


class ApplicationUpdateApi(ApplicationApi, UpdateApi):
    operation_id = "permit_applications_partial_update"
    summary = "Save task-list sections (draft or returned)"
    InputSerializer = ApplicationInputSerializer

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        services.application_update(
            application_id=record.pk,
            data=services.ApplicationInput(**{**_input_from(record), **values}),
            actor=request.user,
            expected_version=expected,
        )


# --- actions: one class and one input per action (ADR 0022) ---------------------------------


class ApplicationActionApi(ApplicationApi, ActionApi):
    pass


class ApplicationSubmitApi(ApplicationActionApi):
    operation_id = "permit_applications_submit"
    summary = "Submit an application (applicant)"
    description = "The task list must be complete; the application goes to the secretariat."
    service = staticmethod(services.application_submit)


class ApplicationWithdrawApi(ApplicationActionApi):
    operation_id = "permit_applications_withdraw"
    summary = "Withdraw an application (applicant)"
    service = staticmethod(services.application_withdraw)

    @extend_schema_serializer(component_name="PermitApplicationWithdraw")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, help_text="Why.")


class ApplicationAnswerApi(ApplicationActionApi):
    operation_id = "permit_applications_answer"
    summary = "Answer the secretariat's query (applicant; resubmits)"

    @extend_schema_serializer(component_name="PermitApplicationAnswer")
    class InputSerializer(serializers.Serializer):
        response_text = serializers.CharField(
            required=False, allow_blank=True, help_text="The answer to the query."
        )

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.application_resubmit(
            application_id=record.pk,
            actor=request.user,
            response_text=data.get("response_text", ""),
        )


class ApplicationOpenVerificationApi(ApplicationActionApi):
    operation_id = "permit_applications_open_verification"
    summary = "Start verifying a submitted application (secretariat)"
    service = staticmethod(services.application_open_verification)


class ApplicationReturnApi(ApplicationActionApi):
    operation_id = "permit_applications_return"
    summary = "Return an application with a query (secretariat)"
    description = "Coded reasons, a text and a deadline (default: 15 working days)."

    @extend_schema_serializer(component_name="PermitApplicationReturn")
    class InputSerializer(serializers.Serializer):
        reasons = serializers.ListField(
            child=serializers.ChoiceField(choices=QueryReason.choices), required=False
        )
        text = serializers.CharField(required=False, allow_blank=True)
        deadline = DateField(required=False, allow_null=True)

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.application_return(
            application_id=record.pk,
            reasons=data.get("reasons", []),
            text=data.get("text", ""),
            deadline=data.get("deadline"),
            actor=request.user,
        )


class ApplicationCirculateApi(ApplicationActionApi):
    operation_id = "permit_applications_circulate"
    summary = "Circulate an application to the member agencies (secretariat)"
    service = staticmethod(services.application_circulate)

    @extend_schema_serializer(component_name="PermitApplicationCirculate")
    class InputSerializer(serializers.Serializer):
        technical_ministries = BodyField(
            many=True,
            required=False,
            help_text="Keys of technical ministries asked besides the members.",
        )
        due_date = DateField(required=False, allow_null=True)


class ApplicationShareOpinionsApi(ApplicationActionApi):
    operation_id = "permit_applications_share_opinions"
    summary = "Share the member agencies' opinions with each other (secretariat)"
    service = staticmethod(services.application_share_opinions)


class ApplicationOpenDeliberationApi(ApplicationActionApi):
    operation_id = "permit_applications_open_deliberation"
    summary = "Open the deliberation (secretariat)"
    service = staticmethod(services.application_open_deliberation)


class ApplicationDeliberateApi(ApplicationActionApi):
    operation_id = "permit_applications_deliberate"
    summary = "Record the deliberation meeting and its recommendation (secretariat)"

    @extend_schema_serializer(component_name="PermitApplicationDeliberation")
    class InputSerializer(serializers.Serializer):
        held_on = DateField(required=False, help_text="Default: today.")
        agencies_present = BodyField(many=True, required=False)
        recommendation = serializers.ChoiceField(
            choices=Deliberation.Recommendation.choices, required=False
        )
        notes = serializers.CharField(required=False, allow_blank=True)
        override_reason = serializers.CharField(required=False, allow_blank=True)

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.deliberation_record(
            application_id=record.pk,
            held_on=data.get("held_on") or today(),
            agencies_present=data.get("agencies_present", []),
            recommendation=data.get("recommendation", ""),
            notes=data.get("notes", ""),
            override_reason=data.get("override_reason", ""),
            actor=request.user,
        )


class ApplicationDecideApi(ApplicationActionApi):
    operation_id = "permit_applications_decide"
    summary = "Record the Minister's decision"
    description = (
        "Secretariat only, when the application awaits the decision. Approval issues the izin "
        "prinsip (TPOA track); an unresolved objection blocks approval unless `override_reason` "
        "is given (configurable rule). Rejection needs coded reasons."
    )
    service = staticmethod(services.application_decide)

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


# `POST permits/applications/<id>/actions/<name>/`: the actions served by one URL.
APPLICATION_ACTIONS: dict[str, type[ActionApi]] = {
    "submit": ApplicationSubmitApi,
    "withdraw": ApplicationWithdrawApi,
    "answer": ApplicationAnswerApi,
    "open_verification": ApplicationOpenVerificationApi,
    "return": ApplicationReturnApi,
    "circulate": ApplicationCirculateApi,
    "share_opinions": ApplicationShareOpinionsApi,
    "open_deliberation": ApplicationOpenDeliberationApi,
    "deliberate": ApplicationDeliberateApi,
    "decide": ApplicationDecideApi,
}


# --- reviews -------------------------------------------------------------------------------


class ReviewApi(ShownApi):
    access = GOVERNMENT
    tags = TAGS
    output = ReviewSerializer
    read = fetch = staticmethod(selectors.review_get_for_user)


class ReviewListApi(ReviewApi, ListApi):
    operation_id = "permit_reviews_list"
    summary = "Open reviews of my agency"
    serializer_class = ReviewSerializer

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.review_inbox(viewer=request.user)


class ReviewDetailApi(ReviewApi, DetailApi):
    operation_id = "permit_reviews_retrieve"
    summary = "A member review"


class ReviewDecideApi(ReviewApi, ActionApi):
    operation_id = "permit_reviews_decide"
    summary = "Give my agency's opinion"
    description = (
        "By an officer of the review's agency. Once given, an opinion never changes (400); a "
        "revised opinion is a new review."
    )

    @extend_schema_serializer(component_name="PermitReviewDecision")
    class InputSerializer(serializers.Serializer):
        state = serializers.ChoiceField(
            choices=["no_objection", "objection", "information_requested"]
        )
        reason_code = serializers.ChoiceField(choices=AgencyReview.Reason.choices)
        text = serializers.CharField(required=False, allow_blank=True)

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.review_decide(
            review_id=record.pk,
            actor=request.user,
            state=data["state"],
            reason_code=data["reason_code"],
            text=data.get("text", ""),
        )


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "permits/applications/",
        route(get=ApplicationListApi, post=ApplicationCreateApi),
        name="api-permit-application-list",
    ),
    path(
        "permits/applications/<id:pk>/",
        route(get=ApplicationDetailApi, patch=ApplicationUpdateApi),
        name="api-permit-application-detail",
    ),
    path(
        "permits/applications/<id:pk>/actions/<slug:name>/",
        actions(**APPLICATION_ACTIONS),
        name="api-permit-application-action",
    ),
    path("permits/reviews/", ReviewListApi.as_view(), name="api-permit-review-list"),
    path("permits/reviews/<id:pk>/", ReviewDetailApi.as_view(), name="api-permit-review-detail"),
    path(
        "permits/reviews/<id:pk>/actions/decide/",
        ReviewDecideApi.as_view(),
        name="api-permit-review-decision",
    ),
]
