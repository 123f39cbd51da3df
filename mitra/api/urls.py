"""API v1: the schema, the docs, the token, and one URL list per resource (its API module).

`route()` serves one URL by one API class per HTTP method; every action on a record is
`POST <resource>/<id>/actions/<name>/` (ADR 0022)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from .v1 import auth

# The API modules that each end with the URL list of their resource (`urlpatterns`).
RESOURCES = (
    "organizations",
    "reference",
    "agreements",
    "workplans",
    "permit_applications",
    "permits",
    "meetings",
    "intake",
    "monitoring",
    "sanctions",
    "deadlines",
    "notifications",
    "register",
    "opendata",
)

schema_view = login_not_required(SpectacularAPIView.as_view())
schema_view.access = "public"  # type: ignore[attr-defined]
# Redoc renders with inline styles and a blob: worker; this one page relaxes those two
# directives (scripts still need our nonce) instead of weakening the site-wide policy.
docs_view = csp_override(
    {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:"],
        "font-src": [CSP.SELF, "data:"],
        "worker-src": [CSP.SELF, "blob:"],
        "object-src": [CSP.NONE],
        "frame-ancestors": [CSP.NONE],
    }
)(login_not_required(SpectacularRedocView.as_view(url_name="api-schema")))
docs_view.access = "public"  # type: ignore[attr-defined]

urlpatterns = [
    path("schema/", schema_view, name="api-schema"),
    path("docs/", docs_view, name="api-docs"),
    path("auth/token/", auth.TokenObtainApi.as_view(), name="api-auth-token"),
    *[path("", include(f"mitra.api.v1.{resource}")) for resource in RESOURCES],
]
