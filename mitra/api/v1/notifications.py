"""Notifications: the caller's own notices, read marks and email preference."""

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from mitra.core.access import MEMBER
from mitra.notifications import selectors, services
from mitra.notifications.models import NotificationPreference

from .base import (
    READ_ERRORS,
    WRITE_ERRORS,
    ApiView,
    AuthenticatedRequest,
    DateTimeField,
    errors,
    route,
)
from .generic import ActionApi, ListApi

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


class NoticeListApi(ListApi):
    access = MEMBER
    tags = TAGS
    operation_id = "notifications_list"
    summary = "My notifications"
    description = "The caller's own notices, newest first."
    serializer_class = NoticeSerializer

    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, help_text="Only unread notices.")

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        notices = selectors.notices_for(user=request.user)
        if filters.get("unread"):
            notices = notices.filter(read_at__isnull=True)
        return notices


class NoticeReadApi(ActionApi):
    access = MEMBER
    tags = TAGS
    operation_id = "notifications_read"
    summary = "Mark one of my notifications read"
    output = NoticeSerializer
    answers_result = True
    service = staticmethod(services.notice_mark_read)
    record_id = "notice_id"

    def get_object(self, request: Any, pk: int) -> Any:
        notice = selectors.notices_for(user=request.user).filter(pk=pk).first()
        if notice is None:  # someone else's: as if it did not exist
            raise Http404
        return notice


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


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("notifications/", NoticeListApi.as_view(), name="api-notice-list"),
    path(
        "notifications/<id:pk>/actions/read/",
        NoticeReadApi.as_view(),
        name="api-notice-read",
    ),
    path(
        "notifications/preference/",
        route(get=PreferenceGetApi, put=PreferenceSetApi),
        name="api-notice-preference",
    ),
]
