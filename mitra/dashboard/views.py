"""The signed-in user's dashboard: what is due next for their body."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.agreements import selectors as agreement_selectors
from mitra.agreements.models import Agreement
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.charts import build_timeline
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization

EXPIRY_WINDOWS = [3, 6, 12]  # months shown as columns of "agreements by expiry window"


class DashboardView(AccessMixin, View):
    access = MEMBER

    def get(self, request: HttpRequest) -> HttpResponse:
        now = today()
        user = request.user
        ending = list(agreement_selectors.agreements_ending_within(viewer=user, months=12)[:200])
        windows = []
        previous_months = 0
        for months in EXPIRY_WINDOWS:
            from mitra.core.dates import add_months

            lower, upper = add_months(now, previous_months), add_months(now, months)
            rows = [a for a in ending if a.end_date and lower <= a.end_date <= upper]
            # Count in the database: `ending` is capped, a big agency has more than the cap.
            count = (
                agreement_selectors.agreements_ending_within(viewer=user, months=months)
                .filter(end_date__gte=lower)
                .count()
            )
            windows.append({"months": months, "agreements": rows[:10], "count": count})
            previous_months = months
        to_renew = list(agreement_selectors.agreements_to_renew(viewer=user)[:20])
        counts = agreement_selectors.agreement_counts(viewer=user)
        status_rows = [
            {"value": v, "label": label, "count": counts["status"].get(v, 0)}
            for v, label in Agreement.Status.choices
        ]
        kind_rows = [
            {"value": v, "label": label, "count": counts["partner_kind"].get(v, 0)}
            for v, label in ForeignOrganization.Kind.choices
        ]
        max_count = max([r["count"] for r in status_rows + kind_rows] + [1])
        for r in status_rows + kind_rows:
            r["width"] = round(r["count"] / max_count * 100, 1)
        timeline_rows = [
            {
                "label": a.partner_names or a.title,
                "sublabel": f"({a.period_label})",
                "start": a.start_date,
                "end": a.end_date,
                "css": "timeline__bar--current" if a in to_renew else "",
                "url": reverse("agreements:detail", args=[a.pk]),
                "window_start": a.renewal_window_start,
            }
            for a in ending[:15]
        ]
        return render(
            request,
            "dashboard/home.html",
            {
                "windows": windows,
                "to_renew": to_renew,
                "status_rows": status_rows,
                "kind_rows": kind_rows,
                "timeline": build_timeline(timeline_rows, today=now),
                "timeline_title": _("Agreements ending in the next 12 months"),
                "timeline_id": "ending",
                "lead_months": settings.MITRA["RENEWAL_LEAD_MONTHS"],
                "today": now,
            },
        )
