"""OpenAPI generation that understands `route()` (one URL, one API class per HTTP method) and
tells the truth about who may call an operation (issue 13 §4)."""

from typing import Any

from django.urls import URLPattern
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import EndpointEnumerator, SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from mitra.api.v1.base import ErrorSerializer
from mitra.core import bounds
from mitra.core.access import PUBLIC

PAGE_ERRORS = {
    400: "Invalid input (a filter, or `page` outside 1..1,000,000); nothing was read.",
    404: "`page` is past the last page.",
}


class MethodRouteEnumerator(EndpointEnumerator):
    """Expands a `route(get=ListApi, post=CreateApi)` URL into one endpoint per operation, and
    an `actions(submit=SubmitApi, …)` URL (`…/actions/<slug:name>/`) into one path per action."""

    def _get_api_endpoints(self, patterns: Any, prefix: str) -> list[Any]:
        if patterns is None:
            patterns = self.patterns
        endpoints: list[Any] = []
        for pattern in patterns:
            callback = getattr(pattern, "callback", None)
            actions = getattr(callback, "action_views", None)
            operations = getattr(callback, "method_views", None)
            if not isinstance(pattern, URLPattern) or operations is None:
                endpoints.extend(super()._get_api_endpoints([pattern], prefix))
                continue
            path_regex = prefix + str(pattern.pattern)
            if actions is not None:
                for name, action in actions.items():
                    action_regex = path_regex.replace("<slug:name>", name)
                    path = self.get_path_from_regex(action_regex)
                    if self.should_include_endpoint(path, action):
                        endpoints.append((path, action_regex, "POST", action))
                continue
            path = self.get_path_from_regex(path_regex)
            for method, view in operations.items():
                if self.should_include_endpoint(path, view):
                    endpoints.append((path, path_regex, method, view))
        return endpoints


class MitraSchemaGenerator(SchemaGenerator):
    endpoint_inspector_cls = MethodRouteEnumerator


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <key>` (mitra.api.authentication), documented as DRF's own token
    scheme was: drf-spectacular knows only the classes it ships extensions for."""

    target_class = "mitra.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106 (the header's keyword, not a secret)
        )
        return dict(scheme)


def access_level(view: Any, method: str) -> str:
    """The level HasAccessLevel checks for `method` on `view` (mitra.api.permissions)."""
    level = getattr(view, "access", "")
    if method.upper() not in SAFE_METHODS:
        level = getattr(view, "write_access", level)
    return str(level)


class MitraAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, telling three more truths (issue 13 §4):

    - an operation open to anyone (access PUBLIC) has `security: []` (OpenAPI: no
      requirement): DRF's authenticators are listed on every operation, so open data and the
      token endpoint read as needing a login;
    - an id in the path is 1..2**63-1 (any other answers 404);
    - a paginated list (the view declares `pagination_class`) answers 400 for a `page` out of
      range and 404 for a page past the last, in the one error shape.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and access_level(self.view, self.method) == PUBLIC:
            operation["security"] = []
        return operation

    def _resolve_path_parameters(self, variables: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if schema.get("type") == "integer":
                schema.setdefault("minimum", bounds.ID_MIN)
                schema.setdefault("maximum", bounds.ID_MAX)
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        # Not get_response_serializers: @extend_schema(responses=...) replaces that method.
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if self.method == "GET" and self._get_paginator() is not None and self._is_list_view():
            for code, text in PAGE_ERRORS.items():
                if str(code) not in responses:
                    error = OpenApiResponse(ErrorSerializer, description=text)
                    responses[str(code)] = self._get_response_for_code(
                        error, str(code), None, direction
                    )
        return responses
