"""Notices pages: the list (with unread filter), read marks, and the email preference."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError

from . import selectors, services
from .forms import PreferenceForm

PAGE_SIZE = 25


class NoticeListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        unread_only = request.GET.get("unread") == "1"
        notices = selectors.notices_for(user=request.user).only(
            "id", "title", "body", "url", "created_at", "read_at", "event"
        )
        if unread_only:
            notices = notices.filter(read_at__isnull=True)
        page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "notifications/notice_list.html",
            {
                "page_obj": page,
                "notices": page.object_list,
                "unread_only": unread_only,
                "querystring_without_page": "unread=1&" if unread_only else "",
            },
        )


class NoticeReadView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        try:
            notice = services.notice_mark_read(notice_id=pk, actor=request.user)
        except ApplicationError:
            raise Http404 from None
        if request.POST.get("follow") and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts=None
        ):
            return redirect(notice.url)
        return redirect("notifications:list")


class NoticeReadAllView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        services.notice_mark_all_read(actor=request.user)
        return redirect("notifications:list")


class PreferenceView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = PreferenceForm(initial={"email": selectors.email_preference(user=request.user)})
        return render(request, "notifications/preferences.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.preference_set(actor=request.user, email=form.cleaned_data["email"])
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your notification settings were saved."))
                return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
