"""`Authorization: Token <key>` against Mitra's own API tokens (named, expiring, revocable,
stored as hashes: mitra.accounts.models.ApiToken, ADR 0017)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import TokenScheme
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from mitra.accounts.services import api_token_authenticate


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        token = api_token_authenticate(key=key)
        if token is None:
            # One answer for unknown, expired, revoked and a deactivated user's tokens.
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(TokenScheme):
    """The OpenAPI security scheme: the same `tokenAuth` (Authorization: Token <key>) as before."""

    target_class = "mitra.api.authentication.ApiTokenAuthentication"
    priority = 0
