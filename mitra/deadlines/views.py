"""Deadline pages: my deadlines (agenda + timeline) and the private calendar feed."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin, public_view
from mitra.core.charts import build_timeline
from mitra.core.dates import today

from . import selectors, services
from .ics import build_calendar

TIMELINE_ROWS = 15


class MyDeadlinesView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        now = today()
        deadlines = selectors.user_deadlines(user=request.user, on=now)
        # A window that has opened (renewal preparation, extension filing) is open, not overdue.
        opened = [d for d in deadlines if d.window and d.due <= now]
        overdue = [d for d in deadlines if d.due < now and not d.window]
        upcoming = [d for d in deadlines if d.due >= now and not (d.window and d.due <= now)]
        # Overdue bars run red from the missed day to today; upcoming ones from today to the day.
        rows = [
            {
                "label": d.title,
                "sublabel": f"· {date_format(d.due, 'j M Y')}",
                "start": min(now, d.due),
                "end": max(now, d.due),
                "css": "timeline__bar--outside" if d.due < now else "",
                "url": d.url,
            }
            for d in (overdue[:TIMELINE_ROWS] + upcoming)[:TIMELINE_ROWS]
        ]
        token = selectors.calendar_token_for(user=request.user)
        feed_url = (
            request.build_absolute_uri(reverse("deadlines:calendar_feed", args=[token.token]))
            if token
            else ""
        )
        months: dict[str, list] = {}
        for deadline in upcoming:
            months.setdefault(deadline.due.strftime("%Y-%m"), []).append(deadline)
        return render(
            request,
            "deadlines/deadline_list.html",
            {
                "deadlines": deadlines,
                "overdue": [(d, (now - d.due).days) for d in overdue],
                "opened": opened,
                "months": [(items[0].due, items) for items in months.values()],
                "today": now,
                "timeline": build_timeline(rows, today=now),
                "timeline_title": _("Overdue and upcoming deadlines"),
                "timeline_id": "deadlines",
                "feed_url": feed_url,
            },
        )


class CalendarTokenRegenerateView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
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
