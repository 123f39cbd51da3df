"""API v1: one list of routes. `route()` serves one URL by one API class per HTTP method."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from mitra.intake import apis as intake_apis

from .v1 import agreements, auth, organizations, reference
from .v1.base import route

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
    # registry
    path(
        "organizations/",
        route(get=organizations.OrganizationListApi, post=organizations.OrganizationCreateApi),
        name="api-organization-list",
    ),
    path(
        "organizations/<int:pk>/",
        route(
            get=organizations.OrganizationDetailApi,
            put=organizations.OrganizationUpdateApi,
            patch=organizations.OrganizationUpdateApi,
        ),
        name="api-organization-detail",
    ),
    # reference data
    path("bodies/", reference.BodyListApi.as_view(), name="api-body-list"),
    path("bodies/<int:pk>/", reference.BodyDetailApi.as_view(), name="api-body-detail"),
    path("regions/provinces/", reference.ProvinceListApi.as_view(), name="api-province-list"),
    path("regions/regencies/", reference.RegencyListApi.as_view(), name="api-regency-list"),
    # agreements
    path(
        "agreements/",
        route(get=agreements.AgreementListApi, post=agreements.AgreementCreateApi),
        name="api-agreement-list",
    ),
    path(
        "agreements/<int:pk>/",
        route(
            get=agreements.AgreementDetailApi,
            put=agreements.AgreementUpdateApi,
            patch=agreements.AgreementUpdateApi,
        ),
        name="api-agreement-detail",
    ),
    path(
        "agreements/<int:pk>/transitions/<slug:name>/",
        agreements.AgreementTransitionApi.as_view(),
        name="api-agreement-transition",
    ),
    path(
        "agreements/<int:pk>/signatories/",
        agreements.AgreementSignatoryCreateApi.as_view(),
        name="api-agreement-signatories",
    ),
    path(
        "agreements/<int:pk>/documents/",
        route(get=agreements.AgreementDocumentListApi, post=agreements.AgreementDocumentUploadApi),
        name="api-agreement-documents",
    ),
    path(
        "agreements/<int:pk>/documents/<int:document_id>/download/",
        agreements.AgreementDocumentDownloadApi.as_view(),
        name="api-agreement-document-download",
    ),
    # intake (press items → proposed records)
    path("intake/extract/", intake_apis.IntakeExtractApi.as_view(), name="api-intake-extract"),
    path("intake/confirm/", intake_apis.IntakeConfirmApi.as_view(), name="api-intake-confirm"),
]
