"""Notifications: the caller's own notices, read marks and email preference."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.core.access import MEMBER
from mitra.core.exceptions import ApplicationError
from mitra.notifications import selectors, services
from mitra.notifications.models import NotificationPreference

from .base import (
    READ_ERRORS,
    WRITE_DETAIL_ERRORS,
    WRITE_ERRORS,
    ApiView,
    AuthenticatedRequest,
    DateTimeField,
    errors,
    paginated_response,
)

TAGS = ["notifications"]


@extend_schema_serializer(component_name="Notice")
class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField(
        help_text="The registered event, e.g. permits.application_submitted."
    )
    title = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    created_at = DateTimeField()
    read_at = DateTimeField(allow_null=True)


class NoticeListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, help_text="Only unread notices.")

    @extend_schema(
        operation_id="notifications_list",
        tags=TAGS,
        summary="My notifications",
        description="The caller's own notices, newest first.",
        parameters=[FilterSerializer],
        responses={200: NoticeSerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        notices = selectors.notices_for(user=request.user)
        if filters.validated_data.get("unread"):
            notices = notices.filter(read_at__isnull=True)
        return paginated_response(
            queryset=notices, serializer_class=NoticeSerializer, request=request, view=self
        )


class NoticeReadApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="notifications_read",
        tags=TAGS,
        summary="Mark one of my notifications read",
        request=None,
        responses={200: NoticeSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        try:
            notice = services.notice_mark_read(notice_id=pk, actor=request.user)
        except ApplicationError:
            raise Http404 from None
        return Response(NoticeSerializer(notice).data)


class PreferenceSerializer(serializers.Serializer):
    email = serializers.ChoiceField(choices=NotificationPreference.Email.choices)


class PreferenceGetApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="notifications_preference_get",
        tags=TAGS,
        summary="My email preference",
        responses={200: PreferenceSerializer, **errors(*READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response({"email": selectors.email_preference(user=request.user)})


class PreferenceSetApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="notifications_preference_set",
        tags=TAGS,
        summary="Set my email preference",
        description="immediate: each notice by email at once; digest: one email a day; off: "
        "notices in Mitra only.",
        request=PreferenceSerializer,
        responses={200: PreferenceSerializer, **errors(*WRITE_ERRORS)},
    )
    def put(self, request: AuthenticatedRequest) -> Response:
        data = PreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preference = services.preference_set(actor=request.user, email=data.validated_data["email"])
        return Response({"email": preference.email})
