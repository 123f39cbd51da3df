from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="reports"),
    path("agreements/<int:pk>/", views.AgreementReportsView.as_view(), name="agreement_reports"),
    path("agreements/<int:pk>/schedule/", views.ScheduleSetView.as_view(), name="schedule_set"),
    path("agreements/<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/submit/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/accept/", views.ReportAcceptView.as_view(), name="report_accept"),
    path("reports/<int:pk>/revision/", views.ReportRevisionView.as_view(), name="report_revision"),
    path("reports/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("visits/", views.VisitListView.as_view(), name="visits"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/findings/", views.FindingAddView.as_view(), name="finding_add"),
    path("findings/<int:pk>/follow-ups/", views.FollowUpAddView.as_view(), name="follow_up_add"),
    path(
        "findings/<int:pk>/escalate/",
        views.FindingEscalateView.as_view(),
        name="finding_escalate",
    ),
    path(
        "follow-ups/<int:pk>/status/",
        views.FollowUpStatusView.as_view(),
        name="follow_up_status",
    ),
]
