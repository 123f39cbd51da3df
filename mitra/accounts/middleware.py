"""Session policy for signed-in users (issue 14 §2–3, ADR 0017), in one middleware:

- a session ends after MITRA["SESSION_IDLE_MINUTES"] without a request, and at the latest
  SESSION_COOKIE_AGE seconds after sign-in however active (Django's own expiry moves forward
  with every save, so the start is kept in the session and checked here);
- a user with a second factor whose session was not verified with it (the Django admin's own
  login form, a session from before they set one up) is signed out;
- a user whose role requires a second factor and who has none is sent to set one up, and can
  do nothing else until then;
- the Django admin's login page sends to Mitra's, so every sign-in is throttled and asks for
  the second factor.
"""

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

STARTED_KEY = "mitra_session_started"
LAST_SEEN_KEY = "mitra_session_last_seen"
# Recording the last request at most once a minute keeps session writes rare.
TOUCH_SECONDS = 60
# Where a user who must set up a second factor may still go.
SETUP_VIEWS = {"accounts:mfa_setup", "accounts:logout", "set_language"}


def idle_seconds() -> int:
    return int(getattr(settings, "MITRA", {}).get("SESSION_IDLE_MINUTES", 30)) * 60


def session_start(request: HttpRequest) -> None:
    """Stamp a fresh sign-in (called by the login views right after `login`)."""
    now = time.time()
    request.session[STARTED_KEY] = now
    request.session[LAST_SEEN_KEY] = now


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Anonymous visitors without a session cookie are left alone (no session access, so
        # public pages keep no Vary: Cookie of ours).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self._check_session(request)
        return self.get_response(request)

    def _check_session(self, request: HttpRequest) -> None:
        session = request.session
        now = time.time()
        started = session.get(STARTED_KEY)
        last = session.get(LAST_SEEN_KEY)
        if started is None:  # a session from before this policy, or a test's force_login
            session[STARTED_KEY] = started = now
        if now - started > settings.SESSION_COOKIE_AGE:
            self._end(request, _("Your session has ended. Please sign in again."))
            return
        if last is not None and now - last > idle_seconds():
            self._end(request, _("You were signed out after a period without activity."))
            return
        user: Any = request.user
        if user.mfa_enabled and DEVICE_ID_SESSION_KEY not in session:
            self._end(request, _("Please sign in with your second factor."))
            return
        if last is None or now - last > TOUCH_SECONDS:
            session[LAST_SEEN_KEY] = now

    @staticmethod
    def _end(request: HttpRequest, message: str) -> None:
        logout(request)
        messages.info(request, message)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if name == "admin:login":
            query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
            return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
        user: Any = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or user.mfa_enabled
            or name in SETUP_VIEWS
            or not user.mfa_required
        ):
            return None
        message = _("Your role requires a second factor. Set it up before you go on.")
        if request.path_info.startswith("/api/"):
            return JsonResponse({"message": message, "extra": {}}, status=403)
        messages.warning(request, message)
        return HttpResponseRedirect(reverse("accounts:mfa_setup"))
