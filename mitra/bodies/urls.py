from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("", views.BodyListView.as_view(), name="list"),
    path("<int:pk>/", views.BodyDetailView.as_view(), name="detail"),
]
