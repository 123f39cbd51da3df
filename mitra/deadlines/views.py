"""Deadline pages: my deadlines (agenda + timeline), notifications, the private calendar feed."""

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.core.access import MEMBER, AccessMixin, public_view
from mitra.core.charts import build_timeline
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError

from . import selectors, services
from .ics import build_calendar

TIMELINE_ROWS = 15


class MyDeadlinesView(AccessMixin, View):
    access = MEMBER

    def get(self, request: HttpRequest) -> HttpResponse:
        now = today()
        deadlines = selectors.user_deadlines(
            user=request.user, start=now - timedelta(days=30), end=now + timedelta(days=366)
        )
        upcoming = [d for d in deadlines if d.due >= now]
        rows = [
            {
                "label": d.title,
                "sublabel": f"· {d.due:%d-%m-%Y}",
                "start": min(now, d.due),
                "end": max(now, d.due),
                "css": "timeline__bar--other" if d.due < now else "",
                "url": d.url,
            }
            for d in (upcoming[:TIMELINE_ROWS])
        ]
        token = selectors.calendar_token_for(user=request.user)
        feed_url = (
            request.build_absolute_uri(reverse("deadlines:calendar_feed", args=[token.token]))
            if token
            else ""
        )
        months: dict[str, list] = {}
        for deadline in deadlines:
            months.setdefault(deadline.due.strftime("%Y-%m"), []).append(deadline)
        return render(
            request,
            "deadlines/deadline_list.html",
            {
                "deadlines": deadlines,
                "months": [(items[0].due, items) for items in months.values()],
                "today": now,
                "timeline": build_timeline(rows, today=now),
                "timeline_title": _("Upcoming deadlines"),
                "timeline_id": "deadlines",
                "feed_url": feed_url,
            },
        )


class CalendarTokenRegenerateView(AccessMixin, View):
    access = MEMBER

    def post(self, request: HttpRequest) -> HttpResponse:
        services.calendar_token_regenerate(actor=request.user)
        messages.success(
            request, _("Your calendar link was created. Any earlier link no longer works.")
        )
        return redirect("deadlines:mine")


@public_view
class CalendarFeedView(View):
    """PUBLIC by design: calendar clients cannot sign in. The secret token is the key."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = selectors.calendar_feed_owner(token=token)
        deadlines = selectors.user_deadlines(user=user)
        body = build_calendar(
            deadlines,
            name=_("Mitra deadlines"),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="mitra-deadlines.ics"'
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
        return response


class NotificationListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: HttpRequest) -> HttpResponse:
        qs = selectors.notifications_for(user=request.user)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "deadlines/notification_list.html",
            {"page_obj": page, "notifications": page.object_list, "querystring_without_page": ""},
        )


class NotificationReadView(AccessMixin, View):
    access = MEMBER

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            notification = services.notification_mark_read(notification_id=pk, actor=request.user)
        except ApplicationError:
            from django.http import Http404

            raise Http404 from None
        if request.POST.get("follow") and notification.url.startswith("/"):
            return redirect(notification.url)
        return redirect("deadlines:notifications")


class NotificationReadAllView(AccessMixin, View):
    access = MEMBER

    def post(self, request: HttpRequest) -> HttpResponse:
        services.notification_mark_all_read(actor=request.user)
        return redirect("deadlines:notifications")
