"""Sign in and out."""

from django.contrib.auth import views as auth_views

from mitra.core.access import MEMBER, public_view


@public_view
class MitraLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class MitraLogoutView(auth_views.LogoutView):
    access = MEMBER
