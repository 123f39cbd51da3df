from django.urls import path

from . import views

app_name = "iati"
urlpatterns = [
    path("", views.FindingListView.as_view(), name="findings"),
    path("import/", views.UploadView.as_view(), name="upload"),
    path("import/folder/", views.FolderImportView.as_view(), name="import_folder"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("review/org/<int:pk>/", views.OrgMatchDecideView.as_view(), name="org_match_decide"),
    path(
        "review/activity/<int:pk>/",
        views.ActivityMatchDecideView.as_view(),
        name="activity_match_decide",
    ),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("findings/<int:pk>/dismiss/", views.FindingDismissView.as_view(), name="finding_dismiss"),
    path(
        "findings/<int:pk>/follow-up/",
        views.FindingFollowUpView.as_view(),
        name="finding_follow_up",
    ),
    path(
        "findings/<int:pk>/escalate/",
        views.FollowUpEscalateView.as_view(),
        name="follow_up_escalate",
    ),
    path(
        "organization/<int:pk>/",
        views.OrganizationFindingsView.as_view(),
        name="organization_findings",
    ),
    path("summary/", views.SummaryView.as_view(), name="summary"),
]
