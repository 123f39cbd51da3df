from django.urls import path

from . import views

app_name = "workplans"
urlpatterns = [
    path("", views.WorkPlanListView.as_view(), name="list"),
    path("agreement/<int:agreement_pk>/new/", views.WorkPlanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.WorkPlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.WorkPlanUpdateView.as_view(), name="update"),
    path(
        "<int:pk>/transitions/<slug:transition>/",
        views.WorkPlanTransitionView.as_view(),
        name="transition",
    ),
    path("<int:pk>/activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path(
        "<int:pk>/notifications/new/",
        views.NotificationCreateView.as_view(),
        name="notification_create",
    ),
    path("n5/", views.N5InboxView.as_view(), name="n5_inbox"),
    path("n5/<int:pk>/acknowledge/", views.N5AcknowledgeView.as_view(), name="n5_acknowledge"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path(
        "activities/<int:pk>/transitions/<slug:transition>/",
        views.ActivityTransitionView.as_view(),
        name="activity_transition",
    ),
    path(
        "activities/<int:pk>/actuals/",
        views.ActivityActualsView.as_view(),
        name="activity_actuals",
    ),
]
