from django.urls import path

from .views import actions, applications, documents, lifecycle, permits, public, reviews

app_name = "permits"
urlpatterns = [
    path("", applications.HomeView.as_view(), name="home"),
    path("applications/", applications.ApplicationListView.as_view(), name="application_list"),
    path(
        "applications/new/", applications.ApplicationCreateView.as_view(), name="application_create"
    ),
    path(
        "applications/<int:pk>/",
        applications.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<int:pk>/edit/",
        applications.ApplicationEditView.as_view(),
        name="application_edit",
    ),
    path(
        "applications/<int:pk>/check/",
        applications.ApplicationCheckView.as_view(),
        name="application_check",
    ),
    path(
        "applications/<int:pk>/submitted/",
        applications.ApplicationSubmittedView.as_view(),
        name="application_submitted",
    ),
    path(
        "applications/<int:pk>/documents/",
        applications.ApplicationDocumentView.as_view(),
        name="application_document",
    ),
    path(
        "applications/<int:pk>/documents/confirm/",
        documents.ApplicationDocumentConfirmView.as_view(),
        name="application_document_confirm",
    ),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        documents.ApplicationDocumentFileView.as_view(),
        name="application_document_file",
    ),
    path(
        "applications/<int:pk>/actions/<slug:action>/",
        actions.ApplicationActionView.as_view(),
        name="application_action",
    ),
    path("reviews/", reviews.ReviewInboxView.as_view(), name="review_inbox"),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review_detail"),
    path("permits/", permits.PermitListView.as_view(), name="permit_list"),
    path("permits/<int:pk>/", permits.PermitDetailView.as_view(), name="permit_detail"),
    path(
        "organizations/<int:pk>/permits/",
        permits.OrganizationPermitsView.as_view(),
        name="organization_permits",
    ),
    path("permits/<int:pk>/letter/", permits.PermitLetterView.as_view(), name="permit_letter"),
    path("permits/<int:pk>/extend/", permits.PermitExtendView.as_view(), name="permit_extend"),
    path(
        "permits/<int:pk>/operational/",
        permits.OperationalCreateView.as_view(),
        name="operational_create",
    ),
    path("permits/<int:pk>/staff/", permits.StaffCreateView.as_view(), name="staff_create"),
    path(
        "permits/<int:pk>/suspend/",
        lifecycle.PermitLifecycleView.as_view(),
        {"action": "suspend"},
        name="permit_suspend",
    ),
    path(
        "permits/<int:pk>/reinstate/",
        lifecycle.PermitLifecycleView.as_view(),
        {"action": "reinstate"},
        name="permit_reinstate",
    ),
    path(
        "permits/<int:pk>/revoke/",
        lifecycle.PermitLifecycleView.as_view(),
        {"action": "revoke"},
        name="permit_revoke",
    ),
    path(
        "operational/<int:pk>/end/",
        lifecycle.OperationalEndView.as_view(),
        name="operational_end",
    ),
    path("staff/<int:pk>/end/", lifecycle.StaffEndView.as_view(), name="staff_end"),
    path("status/", public.PublicStatusView.as_view(), name="public_status"),
    path("statistics/", public.PublicStatisticsView.as_view(), name="public_statistics"),
]
