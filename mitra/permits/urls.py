from django.urls import path

from . import document_views, lifecycle_views, views

app_name = "permits"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/new/", views.ApplicationCreateView.as_view(), name="application_create"),
    path(
        "applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"
    ),
    path(
        "applications/<int:pk>/edit/", views.ApplicationEditView.as_view(), name="application_edit"
    ),
    path(
        "applications/<int:pk>/check/",
        views.ApplicationCheckView.as_view(),
        name="application_check",
    ),
    path(
        "applications/<int:pk>/submitted/",
        views.ApplicationSubmittedView.as_view(),
        name="application_submitted",
    ),
    path(
        "applications/<int:pk>/documents/",
        views.ApplicationDocumentView.as_view(),
        name="application_document",
    ),
    path(
        "applications/<int:pk>/documents/confirm/",
        document_views.ApplicationDocumentConfirmView.as_view(),
        name="application_document_confirm",
    ),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        document_views.ApplicationDocumentFileView.as_view(),
        name="application_document_file",
    ),
    path(
        "applications/<int:pk>/actions/<slug:action>/",
        views.ApplicationActionView.as_view(),
        name="application_action",
    ),
    path("reviews/", views.ReviewInboxView.as_view(), name="review_inbox"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("permits/", views.PermitListView.as_view(), name="permit_list"),
    path("permits/<int:pk>/", views.PermitDetailView.as_view(), name="permit_detail"),
    path(
        "organizations/<int:pk>/permits/",
        views.OrganizationPermitsView.as_view(),
        name="organization_permits",
    ),
    path("permits/<int:pk>/letter/", views.PermitLetterView.as_view(), name="permit_letter"),
    path("permits/<int:pk>/extend/", views.PermitExtendView.as_view(), name="permit_extend"),
    path(
        "permits/<int:pk>/operational/",
        views.OperationalCreateView.as_view(),
        name="operational_create",
    ),
    path("permits/<int:pk>/staff/", views.StaffCreateView.as_view(), name="staff_create"),
    path(
        "permits/<int:pk>/suspend/",
        lifecycle_views.PermitLifecycleView.as_view(),
        {"action": "suspend"},
        name="permit_suspend",
    ),
    path(
        "permits/<int:pk>/reinstate/",
        lifecycle_views.PermitLifecycleView.as_view(),
        {"action": "reinstate"},
        name="permit_reinstate",
    ),
    path(
        "permits/<int:pk>/revoke/",
        lifecycle_views.PermitLifecycleView.as_view(),
        {"action": "revoke"},
        name="permit_revoke",
    ),
    path(
        "operational/<int:pk>/end/",
        lifecycle_views.OperationalEndView.as_view(),
        name="operational_end",
    ),
    path("staff/<int:pk>/end/", lifecycle_views.StaffEndView.as_view(), name="staff_end"),
    path("status/", views.PublicStatusView.as_view(), name="public_status"),
    path("statistics/", views.PublicStatisticsView.as_view(), name="public_statistics"),
]
