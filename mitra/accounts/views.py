"""Sign in (password, then the second factor), sign out (here or everywhere), passwords, the
second factor's set-up and the user's account page with their API tokens (ADR 0017)."""

import time
from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from mitra.core.access import MEMBER, AccessMixin, public_view
from mitra.core.exceptions import ApplicationError

from . import selectors, services
from .forms import CodeForm, MitraPasswordResetForm, ThrottledAuthenticationForm, TokenCreateForm
from .http import AuthenticatedHttpRequest
from .middleware import session_start
from .models import User

PENDING_KEY = "mitra_mfa_pending"
PENDING_SECONDS = 5 * 60


def _safe_next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("dashboard:home")


@public_view
class MitraLoginView(auth_views.LoginView):
    """First step: username and password (throttled). A user with a second factor goes on to
    `LoginCodeView`; the session holds who passed the first step for five minutes."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = ThrottledAuthenticationForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if user.mfa_enabled:
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:login_code")
        response = super().form_valid(form)
        session_start(self.request)
        return response


@public_view
class LoginCodeView(View):
    """Second step: a code from the authenticator app, or a recovery code (used up)."""

    template_name = "accounts/login_code.html"

    def _pending(self, request: HttpRequest) -> tuple[User | None, dict[str, Any]]:
        pending = request.session.get(PENDING_KEY) or {}
        if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
            return None, {}
        user = User.objects.filter(pk=pending.get("user") or 0, is_active=True).first()
        return user, pending

    def get(self, request: HttpRequest) -> HttpResponse:
        user, _pending = self._pending(request)
        # Without a first step (or after five minutes) the page says to start again.
        return render(request, self.template_name, {"form": CodeForm(), "expired": user is None})

    def post(self, request: HttpRequest) -> HttpResponse:
        user, pending = self._pending(request)
        if user is None:
            messages.info(request, _("Please sign in again."))
            return redirect("accounts:login")
        form = CodeForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        try:
            device = services.second_factor_verify(
                user=user, code=form.cleaned_data["code"], request=request
            )
        except services.LoginRefused as error:
            if error.locked:
                request.session.pop(PENDING_KEY, None)
            form.add_error(None, error.message)
            return render(request, self.template_name, {"form": form})
        request.session.pop(PENDING_KEY, None)
        login(request, user, backend=pending["backend"])
        django_otp.login(request, device)
        session_start(request)
        return HttpResponseRedirect(_safe_next(request, pending.get("next", "")))


class MitraLogoutView(auth_views.LogoutView):
    access = MEMBER


class LogoutEverywhereView(AccessMixin, View):
    """End every session of the user (this one too) and revoke their API tokens."""

    access = MEMBER
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        revoked = services.user_logout_everywhere(user=request.user)
        logout(request)
        messages.success(
            request,
            _("You are signed out everywhere; %(count)d API tokens were revoked.")
            % {"count": revoked},
        )
        return redirect("accounts:login")


class AccountView(AccessMixin, View):
    """The signed-in user's page: password, second factor, API tokens, sessions."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, "accounts/account.html", account_context(request))


def account_context(request: AuthenticatedHttpRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "tokens": selectors.api_token_list(user=user),
        "token_form": extra.pop("token_form", None) or TokenCreateForm(),
        "recovery_codes_left": services.mfa_recovery_codes_left(user=user)
        if user.mfa_enabled
        else 0,
        **extra,
    }


class TokenCreateView(AccessMixin, View):
    access = MEMBER
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = TokenCreateForm(request.POST)
        if form.is_valid():
            try:
                token, key = services.api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                # The key is shown in this answer only; it is stored as a hash.
                context = account_context(request, new_token=token, new_key=key)
                return render(request, "accounts/account.html", context)
        context = account_context(request, token_form=form)
        return render(request, "accounts/account.html", context, status=400)


class TokenRevokeView(AccessMixin, View):
    access = MEMBER
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        try:
            token = services.api_token_revoke(token_id=pk, actor=request.user)
        except ApplicationError as error:
            raise Http404(error.message) from error
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("accounts:account")


class MfaSetupView(AccessMixin, View):
    """Scan a code (or type the key), confirm with the first code: the recovery codes are
    shown once, in the answer."""

    access = MEMBER

    def _render(self, request: AuthenticatedHttpRequest, form: CodeForm, status: int = 200):
        device = services.mfa_pending_device(user=request.user) or services.mfa_device_start(
            user=request.user
        )
        secret = b32encode(device.bin_key).decode()
        qr = segno.make(device.config_url, error="m")
        context = {
            "form": form,
            "qr_data_uri": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        }
        return render(request, "accounts/mfa_setup.html", context, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(request, CodeForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                codes = services.mfa_device_confirm(
                    user=request.user, code=form.cleaned_data["code"]
                )
            except ApplicationError as error:
                form.add_error("code", error.message)
            else:
                # This session was verified by the confirmation code: it stays signed in.
                device = django_otp.devices_for_user(request.user)
                django_otp.login(request, next(iter(device)))
                return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes})
        return self._render(request, form, status=400)


class MfaRecoveryCodesView(AccessMixin, View):
    access = MEMBER
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        try:
            codes = services.mfa_recovery_codes_regenerate(user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("accounts:account")
        return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes})


class MfaDisableView(AccessMixin, View):
    access = MEMBER
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        try:
            services.mfa_disable(user=request.user, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("The second factor is turned off."))
        return redirect("accounts:account")


class PasswordChangeView(AccessMixin, auth_views.PasswordChangeView):
    access = MEMBER
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        messages.success(
            self.request, _("Your password was changed. Your other sessions have ended.")
        )
        return response


@public_view
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = MitraPasswordResetForm
    email_template_name = "accounts/emails/password_reset_body.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@public_view
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@public_view
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Works while the username is locked; a successful reset lifts the lock and revokes the
    user's API tokens (services.password_reset_completed)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_reset_completed(user=form.user)
        return response


@public_view
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
