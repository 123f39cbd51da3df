from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.MitraLoginView.as_view(), name="login"),
    path("logout/", views.MitraLogoutView.as_view(), name="logout"),
]
