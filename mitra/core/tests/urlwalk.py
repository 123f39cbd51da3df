"""Walk the URLconf: every HTML route with its view, for the security suite."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from mitra.core.access import LEVELS, PUBLIC

# Covered elsewhere: the Django admin (its own permissions), the API (DRF permission classes,
# tested in mitra/api/tests) and Django's set_language view.
SKIPPED_PREFIXES = ("api/",)
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"set_language"}


@dataclass(frozen=True)
class Route:
    name: str  # "agreements:detail"
    route: str  # "id/agreements/<int:pk>/"
    callback: Callable[..., Any]

    @property
    def view(self) -> Any:
        """The view class for class-based views, else the function."""
        return getattr(self.callback, "view_class", None) or getattr(
            self.callback, "cls", self.callback
        )

    @property
    def access(self) -> str | None:
        level = getattr(self.view, "access", None)
        if level is None:
            level = getattr(self.callback, "access", None)
        return level

    @property
    def is_public(self) -> bool:
        return self.access == PUBLIC

    @property
    def kwarg_names(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)

    def path(self, kwargs: dict[str, Any] | None = None) -> str:
        kwargs = kwargs or {}
        missing = set(self.kwarg_names) - set(kwargs)
        assert not missing, f"{self.name}: give a value for {sorted(missing)}"
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), self.route)


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        piece = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in SKIPPED_NAMESPACES or (prefix + piece).startswith(SKIPPED_PREFIXES):
                continue
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + piece, full_ns)
        elif isinstance(pattern, URLPattern):
            if pattern.name in SKIPPED_NAMES or (prefix + piece).startswith(SKIPPED_PREFIXES):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or piece)
            route = (prefix + piece).lstrip("^").rstrip("$")
            yield Route(name=name, route=route, callback=pattern.callback)


def html_routes() -> list[Route]:
    """Every route outside the admin and the API, under the active language's prefix."""
    routes = list(_walk(get_resolver().url_patterns, "", ""))
    assert routes, "the URL walk found nothing"
    return routes


__all__ = ["LEVELS", "Route", "html_routes"]
