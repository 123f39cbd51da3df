"""Token authentication for integrators: POST a username and password (and the one-time code
when the account has a second factor), get a new named token that expires (ADR 0017)."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.accounts.services import LoginRefused, api_token_obtain
from mitra.core.access import PUBLIC

from .base import ApiView, errors


class TokenObtainApi(ApiView):
    """Throttled per username and per client address in the shared cache, like the web
    sign-in (mitra.accounts.throttle): a lock answers 429 with the same message whether the
    account exists or not."""

    access = PUBLIC
    authentication_classes: list[Any] = []  # credentials are in the body, not a session
    throttle_classes: list[Any] = []  # the account throttle below replaces DRF's per process

    @extend_schema_serializer(component_name="AuthToken")
    class InputSerializer(serializers.Serializer):
        username = serializers.CharField()
        password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
        otp = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=32,
            help_text="The current code of the account's authenticator app, or one of its "
            "recovery codes; required when the account has a second factor.",
        )
        name = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=100,
            help_text="A name for the token, shown on the account page (default: the date).",
        )

    @extend_schema_serializer(component_name="AuthToken")
    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
        name = serializers.CharField()
        expires_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="auth_token_create",
        tags=["auth"],
        summary="Obtain an API token",
        description=(
            "Every call issues a new token, valid for `MITRA_API_TOKEN_DAYS` days (90 by "
            "default); its owner lists and revokes tokens on their account page, and signing "
            "out everywhere revokes them all. Wrong credentials answer 400 with one message "
            "whatever was wrong; repeated failures lock the username or the client address for "
            "a while (429)."
        ),
        auth=[],
        request=InputSerializer,
        responses={200: OutputSerializer, **errors(400, 429)},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token, key = api_token_obtain(**serializer.validated_data, request=request._request)
        except LoginRefused as error:
            if not error.locked:
                raise
            return Response({"message": error.message, "extra": {}}, status=429)
        data = {"token": key, "name": token.name, "expires_at": token.expires_at}
        return Response(self.OutputSerializer(data).data)
