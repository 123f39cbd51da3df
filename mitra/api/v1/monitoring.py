"""Reports, funding disclosures and monitoring visits. Rules live in mitra.monitoring's services.

Objects come only through the scoped selectors the HTML views use; outside scope → 404.
"""

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mitra.agreements.permissions import agreement_is_editable_by
from mitra.core.access import EDITOR, GOVERNMENT, MEMBER
from mitra.core.exceptions import ApplicationError
from mitra.monitoring import selectors, services
from mitra.monitoring.models import Finding, FollowUpItem, Report
from mitra.monitoring.services import ReportInput
from mitra.monitoring.validation import LineInput

from .base import (
    CodeField,
    DateField,
    IdField,
    ProvinceField,
    RegencyField,
)
from .generic import ActionApi, DetailApi, ListApi, ShownApi, actions
from .reference import BodyRefSerializer

TAGS = ["monitoring"]


# --- output shapes ------------------------------------------------------------------------


@extend_schema_serializer(component_name="DisclosureLine")
class LineSerializer(serializers.Serializer):
    donor_name = serializers.CharField(help_text="The original donor.")
    donor_country = serializers.CharField(help_text="ISO 3166 alpha-2 code.")
    intermediaries = serializers.ListField(
        source="chain", child=serializers.CharField(), help_text="Who passed the funds on."
    )
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    currency = serializers.CharField(help_text="ISO 4217 code.")
    programme = serializers.CharField()
    province = CodeField(slug_field="code", read_only=True, allow_null=True)
    regency = CodeField(slug_field="code", read_only=True, allow_null=True)
    local_partner = serializers.CharField()


@extend_schema_serializer(component_name="ReportSummary")
class ReportSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    agreement_title = serializers.CharField(source="agreement.title")
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    period_start = DateField()
    period_end = DateField()
    due_date = DateField()
    resubmit_by = DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Report.Status.choices)
    overdue = serializers.BooleanField(help_text="The deadline passed and it was not submitted.")
    first_submitted_on = DateField(allow_null=True)


@extend_schema_serializer(component_name="Report")
class ReportDetailSerializer(ReportSummarySerializer):
    activities = serializers.CharField()
    outputs = serializers.CharField()
    problems = serializers.CharField()
    staffing = serializers.CharField()
    media_name = serializers.CharField()
    published_on = DateField(allow_null=True)
    publication_url = serializers.CharField()
    review_reason = serializers.CharField()
    lines = LineSerializer(many=True)


@extend_schema_serializer(component_name="FollowUpItem")
class FollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    owner = serializers.CharField()
    due_date = DateField(allow_null=True)
    status = serializers.ChoiceField(choices=FollowUpItem.Status.choices)


@extend_schema_serializer(component_name="Finding")
class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    severity = serializers.ChoiceField(choices=Finding.Severity.choices)
    sanction_case = serializers.IntegerField(source="sanction_case_id", allow_null=True)
    follow_ups = FollowUpSerializer(many=True)


@extend_schema_serializer(component_name="MonitoringVisitSummary")
class VisitSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.legal_name")
    start_date = DateField()
    end_date = DateField(allow_null=True)
    province = CodeField(slug_field="code", read_only=True, allow_null=True)
    regency = CodeField(slug_field="code", read_only=True, allow_null=True)
    finding_count = serializers.IntegerField()
    open_follow_ups = serializers.IntegerField()


@extend_schema_serializer(component_name="MonitoringVisit")
class VisitDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    organization = serializers.IntegerField(source="organization_id")
    start_date = DateField()
    end_date = DateField(allow_null=True)
    province = CodeField(slug_field="code", read_only=True, allow_null=True)
    regency = CodeField(slug_field="code", read_only=True, allow_null=True)
    team_bodies = BodyRefSerializer(many=True)
    summary = serializers.CharField()
    findings = FindingSerializer(many=True)


# --- reports ------------------------------------------------------------------------------


class ReportApi(ShownApi):
    # The report resource: answers with the report as its GET shows it (not versioned).
    access = MEMBER
    tags = TAGS
    output = ReportDetailSerializer
    read = staticmethod(selectors.report_get_for_user)
    fetch = staticmethod(selectors.report_get_for_user)
    record_id = "report_id"


class ReportListApi(ReportApi, ListApi):
    operation_id = "reports_list"
    summary = "List the reports and disclosures you may see"
    description = (
        "Scoped as agreements: government users see their agency's, an organization's "
        "representative its own. `overdue` is computed against today."
    )
    serializer_class = ReportSummarySerializer

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Report.Status.choices, required=False)
        kind = serializers.ChoiceField(choices=Report.Kind.choices, required=False)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
        agreement = IdField(required=False)
        period_from = DateField(required=False, help_text="Periods ending on/after.")
        period_to = DateField(required=False, help_text="Periods starting on/before.")

    def get_queryset(self, request: Any, d: dict[str, Any]) -> Any:
        filters = selectors.ReportFilters(
            status=d.get("status", ""),
            kind=d.get("kind", ""),
            overdue=d.get("overdue"),
            agreement=d.get("agreement"),
            period_from=d.get("period_from"),
            period_to=d.get("period_to"),
        )
        return selectors.report_list(viewer=request.user, filters=filters)


class ReportDetailApi(ReportApi, DetailApi):
    operation_id = "reports_retrieve"
    summary = "One report with its disclosure lines"


class ReportSubmitApi(ReportApi, ActionApi):
    # MEMBER: the service admits only the organization's representative.
    operation_id = "reports_submit"
    summary = "Submit (or resubmit) a report or funding disclosure"
    description = (
        "For the representative of the organization party to the agreement. A closed period, "
        "missing content or a malformed line is refused and nothing is written."
    )

    @extend_schema_serializer(component_name="DisclosureLineInput")
    class LineInputSerializer(serializers.Serializer):
        donor_name = serializers.CharField(max_length=255)
        donor_country = serializers.CharField(max_length=2, min_length=2)
        intermediaries = serializers.CharField(max_length=500, required=False, allow_blank=True)
        amount = serializers.DecimalField(max_digits=18, decimal_places=2)
        currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
        programme = serializers.CharField(max_length=255)
        province = ProvinceField(required=False, allow_null=True)
        regency = RegencyField(required=False, allow_null=True)
        local_partner = serializers.CharField(max_length=255, required=False, allow_blank=True)

    @extend_schema_serializer(component_name="ReportSubmission")
    class InputSerializer(serializers.Serializer):
        activities = serializers.CharField(required=False, allow_blank=True)
        outputs = serializers.CharField(required=False, allow_blank=True)
        problems = serializers.CharField(required=False, allow_blank=True)
        staffing = serializers.CharField(required=False, allow_blank=True)
        media_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
        published_on = DateField(required=False, allow_null=True)
        publication_url = serializers.URLField(required=False, allow_blank=True)
        lines = serializers.ListField(child=serializers.DictField(), required=False)

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        raw_lines = data.pop("lines", [])
        lines = []
        line_errors: dict[str, Any] = {}
        for index, raw in enumerate(raw_lines):
            parsed = self.LineInputSerializer(data=raw)
            if parsed.is_valid():
                lines.append(LineInput(**parsed.validated_data))
            else:
                for name, messages in parsed.errors.items():
                    line_errors[f"lines.{index}.{name}"] = messages
        if line_errors:
            raise ApplicationError(_("The report was not submitted."), extra=line_errors)
        return services.report_submit(
            report_id=record.pk, data=ReportInput(**data, lines=lines), actor=request.user
        )


class ReportReviewApi(ReportApi, ActionApi):
    # For the partner ministry's officers (the agreement's owner agency).
    access = EDITOR

    def get_object(self, request: Any, pk: int) -> Report:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        if not agreement_is_editable_by(user=request.user, agreement=report.agreement):
            raise Http404
        return report


class ReportAcceptApi(ReportReviewApi):
    operation_id = "reports_accept"
    summary = "Accept a submitted report"
    description = "For the partner ministry's officers (the agreement's owner agency)."
    service = staticmethod(services.report_accept)


class ReportRequestRevisionApi(ReportReviewApi):
    operation_id = "reports_request_revision"
    summary = "Send a submitted report back for revision"
    description = (
        "For the partner ministry's officers (the agreement's owner agency), with the reason; "
        "the organization gets a new deadline."
    )

    @extend_schema_serializer(component_name="ReportRevision")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, help_text="What needs to change (required)."
        )

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return services.report_request_revision(
            report_id=record.pk, reason=data.get("reason", ""), actor=request.user
        )


# `POST reports/<id>/actions/<name>/`: the actions served by one URL.
REPORT_ACTIONS: dict[str, type[ActionApi]] = {
    "submit": ReportSubmitApi,
    "accept": ReportAcceptApi,
    "request_revision": ReportRequestRevisionApi,
}


# --- monitoring visits --------------------------------------------------------------------


class MonitoringVisitListApi(ListApi):
    access = GOVERNMENT
    tags = TAGS
    operation_id = "monitoring_visits_list"
    summary = "List monitoring visits (government users)"
    serializer_class = VisitSummarySerializer

    class FilterSerializer(serializers.Serializer):
        agreement = IdField(required=False)

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.visit_list(viewer=request.user, agreement=filters.get("agreement"))


class MonitoringVisitDetailApi(DetailApi):
    access = GOVERNMENT
    tags = TAGS
    operation_id = "monitoring_visits_retrieve"
    summary = "One monitoring visit with its findings and follow-up items"
    output = VisitDetailSerializer
    read = staticmethod(selectors.visit_get_for_user)


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("reports/", ReportListApi.as_view(), name="api-report-list"),
    path("reports/<id:pk>/", ReportDetailApi.as_view(), name="api-report-detail"),
    path(
        "reports/<id:pk>/actions/<slug:name>/",
        actions(**REPORT_ACTIONS),
        name="api-report-action",
    ),
    path(
        "monitoring-visits/",
        MonitoringVisitListApi.as_view(),
        name="api-monitoring-visit-list",
    ),
    path(
        "monitoring-visits/<id:pk>/",
        MonitoringVisitDetailApi.as_view(),
        name="api-monitoring-visit-detail",
    ),
]
