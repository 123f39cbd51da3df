from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="list"),
    path("new/", views.OrganizationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrganizationUpdateView.as_view(), name="update"),
    path("<int:pk>/changes/", views.ChangeListView.as_view(), name="change_list"),
    path("<int:pk>/changes/new/", views.ChangeCreateView.as_view(), name="change_create"),
    path(
        "<int:pk>/changes/<int:notice_pk>/",
        views.ChangeDetailView.as_view(),
        name="change_detail",
    ),
]
