"""The public register of izin prinsip, the licensing status lookup and the processing times
as JSON (issue 16 §2): no login (access PUBLIC).

The same rows as the portal's register page (mitra.portal.selectors.public_register), each
organization's standing decided by the permits app's one rule (`register_standing`)."""

from datetime import date
from typing import Any

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.core.access import PUBLIC
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization
from mitra.permits import selectors as permit_selectors
from mitra.permits.selectors import REGISTER_STATES, register_standing
from mitra.portal import selectors

from .base import ApiView, errors


class RegisterEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="The organization's id (public page: /<lang>/portal/directory/<id>/)."
    )
    legal_name = serializers.CharField()
    acronym = serializers.CharField()
    state = serializers.ChoiceField(
        choices=REGISTER_STATES,
        help_text="valid: holds an izin prinsip in force whose period covers today; suspended "
        "(its holder is suspended), revoked, expired: the latest one and why it is not valid; "
        "none: never held one.",
    )
    state_label = serializers.CharField(help_text="The state in the request's language.")
    since = serializers.DateField(
        allow_null=True,
        help_text="suspended/revoked: the date of that decision; expired: the end date.",
    )
    permit_number = serializers.CharField(allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    regions = serializers.ListField(
        child=serializers.CharField(), help_text="Provinces of the izin prinsip."
    )
    partner_ministry = serializers.CharField(help_text="Empty when none is recorded.")

    def to_representation(self, instance: ForeignOrganization) -> dict[str, Any]:
        standing = getattr(instance, "register_standing", None) or register_standing(
            getattr(instance, "register_permits", [])
        )
        permit = standing.permit
        return {
            "id": instance.pk,
            "legal_name": instance.legal_name,
            "acronym": instance.acronym,
            "state": standing.state,
            "state_label": str(selectors.REGISTER_STATE_LABELS[standing.state]),
            "since": standing.since.isoformat() if standing.since else None,
            "permit_number": permit.number if permit else None,
            "valid_from": permit.valid_from.isoformat() if permit else None,
            "valid_until": permit.valid_until.isoformat() if permit else None,
            "regions": standing.regions,
            "partner_ministry": standing.partner_ministry,
        }


class RegisterListApi(ApiView):
    access = PUBLIC
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            help_text="Words of a legal name, acronym or alias, in any order; misspellings "
            "are found too. Empty: every published organization.",
        )
        as_of = serializers.DateField(
            required=False,
            help_text="A past day: each standing as it was then, replayed from the permits' "
            "recorded history (suspensions, reinstatements, revocations). Default: today.",
        )

        def validate_as_of(self, value: date) -> date:
            if value > today():
                raise serializers.ValidationError("A day after today: “as of” is for past days.")
            return value

    @extend_schema(
        operation_id="register_list",
        tags=["register"],
        summary="Public register of izin prinsip",
        description="Public data only; no login. For each published foreign organization "
        "found: whether it holds a valid izin prinsip today, its number, period, regions and "
        "partner ministry, or since when it is suspended, revoked or expired.",
        parameters=[FilterSerializer],
        responses={200: RegisterEntrySerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.public_register(q=filters.validated_data.get("q", "").strip()),
            request,
            view=self,
        )
        entries = selectors.register_entries(page or [], on=filters.validated_data.get("as_of"))
        for organization, standing in entries:
            organization.register_standing = standing  # type: ignore[attr-defined]
        data = RegisterEntrySerializer([org for org, _ in entries], many=True).data
        return paginator.get_paginated_response(data)


# --- the public licensing status and processing times (issue 16 §2) ----------------------


class PublicStatusSerializer(serializers.Serializer):
    reference = serializers.CharField()
    kind_label = serializers.CharField()
    track_label = serializers.CharField()
    stage = serializers.CharField(help_text="The application's stage (status code).")
    stage_label = serializers.CharField()
    submitted_on = serializers.DateField(allow_null=True)
    stage_since = serializers.DateField(allow_null=True)
    holder = serializers.CharField(help_text="Who holds the application now.")
    waiting_on = serializers.ListField(
        child=serializers.CharField(), help_text="Member agencies whose opinion is still open."
    )
    decided_on = serializers.DateField(allow_null=True)


class PublicStatusApi(ApiView):
    access = PUBLIC

    class FilterSerializer(serializers.Serializer):
        reference = serializers.CharField(
            max_length=30, help_text="The application's reference number, e.g. TPOA-2026-0001."
        )

    @extend_schema(
        operation_id="permits_public_status",
        tags=["register"],
        summary="Public status of a licensing application",
        description="Public data only; no login. The stage of the application with this "
        "reference number and who holds it; never names, texts, documents or opinions.",
        parameters=[FilterSerializer],
        responses={200: PublicStatusSerializer, **errors(400, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        status = permit_selectors.public_status(reference=filters.validated_data["reference"])
        if status is None:
            raise NotFound(_("No application has this reference number."))
        return Response(PublicStatusSerializer(status).data)


class StatisticsRowSerializer(serializers.Serializer):
    track = serializers.CharField()
    kind = serializers.CharField()
    stage = serializers.CharField()
    count = serializers.IntegerField(help_text="Finished cases (stage visits left).")
    enough = serializers.BooleanField(
        help_text='False: fewer cases than the minimum; median and p90 are null ("not '
        'enough cases yet").'
    )
    median = serializers.FloatField(allow_null=True, help_text="Median calendar days.")
    p90 = serializers.FloatField(allow_null=True, help_text="90th percentile, calendar days.")


class PublicStatisticsApi(ApiView):
    access = PUBLIC

    @extend_schema(
        operation_id="permits_public_statistics",
        tags=["register"],
        summary="Licensing processing times",
        description="Public data only; no login. The calendar days an application spent in "
        "each stage, from entering it to leaving it, over stages already left (drafts not "
        "counted), by track, case type and stage: the median and the 90th percentile, null "
        "for a row with fewer finished cases than the minimum (MITRA STATISTICS_MIN_CASES, "
        "default 5).",
        responses={200: StatisticsRowSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = permit_selectors.public_processing_statistics()
        return Response(StatisticsRowSerializer(rows, many=True).data)


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("register/", RegisterListApi.as_view(), name="api-register"),
    path("permits/status/", PublicStatusApi.as_view(), name="api-register-status"),
    path("permits/statistics/", PublicStatisticsApi.as_view(), name="api-register-statistics"),
]
