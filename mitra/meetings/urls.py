from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("new/", views.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="update"),
    path("<int:pk>/print/", views.MeetingPrintView.as_view(), name="print"),
    path("<int:pk>/calendar.ics", views.MeetingIcsView.as_view(), name="ics"),
    path(
        "<int:pk>/transitions/<slug:transition>/",
        views.MeetingTransitionView.as_view(),
        name="transition",
    ),
    path("<int:pk>/invited/", views.MeetingInviteView.as_view(), name="invite"),
    path("<int:pk>/invitations/", views.MeetingSendInvitationsView.as_view(), name="send"),
    path("<int:pk>/attendees/", views.MeetingAttendeeAddView.as_view(), name="attendee_add"),
    path("<int:pk>/attendance/", views.MeetingAttendanceView.as_view(), name="attendance"),
    path("<int:pk>/agenda/", views.MeetingAgendaItemAddView.as_view(), name="agenda_add"),
    path("<int:pk>/minutes/", views.MeetingMinutesAddView.as_view(), name="minutes_add"),
    path("<int:pk>/positions/", views.MeetingPositionAddView.as_view(), name="position_add"),
    path("<int:pk>/decisions/", views.MeetingDecisionAddView.as_view(), name="decision_add"),
    path(
        "<int:pk>/action-items/", views.MeetingActionItemAddView.as_view(), name="action_item_add"
    ),
    path(
        "<int:pk>/action-items/<int:item_pk>/status/",
        views.MeetingActionItemStatusView.as_view(),
        name="action_item_status",
    ),
    path("<int:pk>/signings/", views.MeetingSigningView.as_view(), name="signing"),
]
