from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    path("read-all/", views.NoticeReadAllView.as_view(), name="read_all"),
    path("<int:pk>/read/", views.NoticeReadView.as_view(), name="read"),
    path("settings/", views.PreferenceView.as_view(), name="preferences"),
]
