from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.PortalHomeView.as_view(), name="home"),
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("directory/<int:pk>/", views.PublicOrganizationView.as_view(), name="organization"),
]
