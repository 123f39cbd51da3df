"""OpenAPI generation that understands `route()`: one URL, one API class per HTTP method."""

from typing import Any

from django.urls import URLPattern
from drf_spectacular.generators import EndpointEnumerator, SchemaGenerator


class MethodRouteEnumerator(EndpointEnumerator):
    """Expands a `route(get=ListApi, post=CreateApi)` URL into one endpoint per operation."""

    def _get_api_endpoints(self, patterns: Any, prefix: str) -> list[Any]:
        if patterns is None:
            patterns = self.patterns
        endpoints: list[Any] = []
        for pattern in patterns:
            operations = getattr(getattr(pattern, "callback", None), "method_views", None)
            if not isinstance(pattern, URLPattern) or operations is None:
                endpoints.extend(super()._get_api_endpoints([pattern], prefix))
                continue
            path_regex = prefix + str(pattern.pattern)
            path = self.get_path_from_regex(path_regex)
            for method, callback in operations.items():
                if self.should_include_endpoint(path, callback):
                    endpoints.append((path, path_regex, method, callback))
        return endpoints


class MitraSchemaGenerator(SchemaGenerator):
    endpoint_inspector_cls = MethodRouteEnumerator
