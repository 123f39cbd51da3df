from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path(
        "requests/<int:pk>/<slug:action>/",
        views.RequestActionView.as_view(),
        name="request_action",
    ),
    path("persons/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "persons/<int:pk>/documents/",
        views.PersonDocumentsView.as_view(),
        name="person_documents",
    ),
]
