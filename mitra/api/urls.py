"""API v1: one list of routes, each app contributing its own."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

schema_view = login_not_required(SpectacularAPIView.as_view())
schema_view.access = "public"  # type: ignore[attr-defined]
docs_view = login_not_required(SpectacularRedocView.as_view(url_name="api-schema"))
docs_view.access = "public"  # type: ignore[attr-defined]

urlpatterns = [
    path("schema/", schema_view, name="api-schema"),
    path("docs/", docs_view, name="api-docs"),
]
