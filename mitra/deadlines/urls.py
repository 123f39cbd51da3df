from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.MyDeadlinesView.as_view(), name="mine"),
    path("calendar/token/", views.CalendarTokenRegenerateView.as_view(), name="calendar_token"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]
