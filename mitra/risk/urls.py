from django.urls import path

from . import views

app_name = "risk"
urlpatterns = [
    path("", views.RiskListView.as_view(), name="list"),
    path("configuration/", views.RiskConfigurationView.as_view(), name="configuration"),
    path("refresh/", views.RiskRefreshView.as_view(), name="refresh"),
    path("<int:pk>/", views.RiskDetailView.as_view(), name="detail"),
]
