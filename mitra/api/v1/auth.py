"""Token authentication for integrators: POST a username and password, get a token."""

from typing import Any

from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from mitra.audit.services import audit_event_record
from mitra.core.access import PUBLIC
from mitra.core.exceptions import ApplicationError

from .base import ApiView, errors


@transaction.atomic
def api_token_obtain(*, username: str, password: str, request: Any = None) -> Token:
    """The user's API token (created on first use, audited then).

    Raises ApplicationError for wrong credentials or an inactive account (one message for
    both, so the answer does not tell which usernames exist).
    """
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise ApplicationError(_("Unable to log in with the given username and password."))
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit_event_record(event="user.api_token_issued", target=user, actor=user)
    return token


class TokenObtainThrottle(AnonRateThrottle):
    """Slows down password guessing: a few attempts per minute per client address."""

    scope = "api_token"
    rate = "20/min"


class TokenObtainApi(ApiView):
    access = PUBLIC
    authentication_classes: list[Any] = []  # credentials are in the body, not a session
    throttle_classes = [TokenObtainThrottle]

    @extend_schema_serializer(component_name="AuthToken")
    class InputSerializer(serializers.Serializer):
        username = serializers.CharField()
        password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    @extend_schema_serializer(component_name="AuthToken")
    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")

    @extend_schema(
        operation_id="auth_token_create",
        tags=["auth"],
        summary="Obtain an API token",
        auth=[],
        request=InputSerializer,
        responses={200: OutputSerializer, **errors(400)},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = api_token_obtain(**serializer.validated_data, request=request._request)
        return Response(self.OutputSerializer({"token": token.key}).data)
