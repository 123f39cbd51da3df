from django.urls import path

from . import views

app_name = "sanctions"
urlpatterns = [
    path("", views.SanctionCaseListView.as_view(), name="list"),
    path("new/", views.SanctionCaseCreateView.as_view(), name="create"),
    path("<int:pk>/", views.SanctionCaseDetailView.as_view(), name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.SanctionCaseMoveView.as_view(), name="move"),
    path("<int:pk>/notes/", views.SanctionCaseNotesView.as_view(), name="notes"),
    path("<int:pk>/evidence/", views.SanctionEvidenceUploadView.as_view(), name="evidence_add"),
    path("<int:pk>/reply/", views.SanctionReplyView.as_view(), name="reply"),
    path("<int:pk>/objection/", views.SanctionObjectionView.as_view(), name="objection_add"),
    path(
        "<int:pk>/objections/<int:objection_pk>/decide/",
        views.SanctionObjectionDecideView.as_view(),
        name="objection_decide",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/",
        views.SanctionEvidenceDownloadView.as_view(),
        name="evidence_download",
    ),
]
