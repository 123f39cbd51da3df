"""Deadlines: the caller's deadlines (from every app's provider) and the rules."""

from datetime import date
from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.core.access import MEMBER
from mitra.deadlines import selectors
from mitra.deadlines.engine import due_date, rule_in_force
from mitra.deadlines.models import DeadlineRule

from .base import READ_ERRORS, ApiView, DateField, Serializer, errors
from .generic import ListApi

TAGS = ["deadlines"]


@extend_schema_serializer(component_name="Deadline")
class DeadlineSerializer(Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    due = DateField()
    kind = serializers.ChoiceField(choices=["filer", "regulator"])
    url = serializers.CharField()
    description = serializers.CharField()
    source_ = serializers.CharField(help_text="The app that provided it.")


@extend_schema_serializer(component_name="DeadlineRule")
class DeadlineRuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=DeadlineRule.Kind.choices)
    amount = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=DeadlineRule.Direction.choices)
    anchor = serializers.CharField()
    valid_from = DateField()
    legal_basis = serializers.CharField()
    confidence = serializers.CharField()
    uncertain = serializers.BooleanField()
    active = serializers.BooleanField()


class DeadlineListApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="deadlines_list",
        tags=TAGS,
        summary="My deadlines",
        description="The unmet deadlines of records that concern the caller's agency or "
        "organization, from every app, sorted by due date: every overdue one however old, and "
        "those due in the next twelve months (the same set as the page, the dashboard and the "
        "calendar feed).",
        responses={200: DeadlineSerializer(many=True), **errors(*READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        items = selectors.user_deadlines(user=request.user)
        return Response(DeadlineSerializer(items, many=True).data)


class DeadlineRuleListApi(ListApi):
    access = MEMBER
    tags = TAGS
    operation_id = "deadlines_rules_list"
    summary = "Deadline rules (every version)"
    serializer_class = DeadlineRuleSerializer

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return DeadlineRule.objects.all()


class DeadlineComputeApi(ApiView):
    access = MEMBER

    class QuerySerializer(serializers.Serializer):
        rule = serializers.CharField(help_text="Rule code, e.g. review.member_opinion.")
        anchor = DateField()
        on = DateField(required=False, help_text="Version in force on (default today).")

    @extend_schema_serializer(component_name="DeadlineComputation")
    class OutputSerializer(serializers.Serializer):
        rule = DeadlineRuleSerializer()
        anchor = DateField()
        due = DateField()

    @extend_schema(
        operation_id="deadlines_compute",
        tags=TAGS,
        summary="Compute a due date",
        description="Counts calendar days, Indonesian working days (public holidays and "
        "collective leave) or months from the anchor by the rule version in force.",
        parameters=[QuerySerializer],
        responses={200: OutputSerializer, **errors(400, *READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = query.validated_data
        on: date | None = data.get("on")
        rule = rule_in_force(data["rule"], on)
        due = due_date(data["rule"], data["anchor"], on=on)
        return Response(
            self.OutputSerializer({"rule": rule, "anchor": data["anchor"], "due": due}).data
        )


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("deadlines/", DeadlineListApi.as_view(), name="api-deadline-list"),
    path("deadlines/rules/", DeadlineRuleListApi.as_view(), name="api-deadline-rules"),
    path("deadlines/compute/", DeadlineComputeApi.as_view(), name="api-deadline-compute"),
]
