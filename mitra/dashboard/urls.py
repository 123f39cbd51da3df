from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("map/", views.ActivityMapView.as_view(), name="activity_map"),
    path("work/<slug:key>/", views.WorkListView.as_view(), name="work_list"),
]
