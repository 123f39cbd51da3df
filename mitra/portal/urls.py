from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.PortalHomeView.as_view(), name="home"),
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("directory/<int:pk>/", views.PublicOrganizationView.as_view(), name="organization"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("non-filers/", views.NonFilersView.as_view(), name="non_filers"),
    path("open-data/", views.OpenDataView.as_view(), name="opendata"),
    path(
        "open-data/<slug:slug>.<str:fmt>",
        views.OpenDataDownloadView.as_view(),
        name="opendata_download",
    ),
]
