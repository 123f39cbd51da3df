from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("new/", views.IntakeNewView.as_view(), name="new"),
    path("<int:pk>/review/", views.IntakeReviewView.as_view(), name="review"),
    path("<int:pk>/", views.IntakeDetailView.as_view(), name="detail"),
]
