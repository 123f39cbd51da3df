from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="list"),
    path("new/", views.AgreementCreateView.as_view(), name="create"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="update"),
    path(
        "<int:pk>/transitions/<slug:transition>/",
        views.AgreementTransitionView.as_view(),
        name="transition",
    ),
    path("<int:pk>/signatories/", views.AgreementSignatoryAddView.as_view(), name="signatory_add"),
    path("<int:pk>/documents/", views.AgreementDocumentUploadView.as_view(), name="document_add"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        views.AgreementDocumentDownloadView.as_view(),
        name="document_download",
    ),
]
