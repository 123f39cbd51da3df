"""The signed-in user's dashboard: what is due next for their body."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.agreements import selectors as agreement_selectors
from mitra.agreements.models import RENEWAL_RULE, Agreement
from mitra.core.access import GOVERNMENT, MEMBER, AccessMixin
from mitra.core.charts import build_timeline
from mitra.core.dates import add_months, today
from mitra.deadlines import selectors as deadline_selectors
from mitra.deadlines.engine import period_in_force
from mitra.monitoring import selectors as monitoring_selectors
from mitra.organizations.models import ForeignOrganization
from mitra.regions.selectors import region_centroids
from mitra.workplans.models import SEX_LABELS

from . import compliance, home_cache, svg, work

# Agreement columns no dashboard panel shows.
LONG_TEXTS = ("search_text", "objective", "terminated_reason", "cover_problem")
DEADLINES_SHOWN = 10  # overdue first, then the next ones; the rest on "My deadlines"
EXPIRY_WINDOWS = [3, 6, 12]  # months shown as columns of "agreements by expiry window"
OVERDUE_SHOWN = 20  # overdue reports listed; the rest on the report list
TIMELINE_ROWS = 15  # the agreements ending soonest, drawn on the timeline
# What the expiry windows and the timeline show of an agreement.
EXPIRY_COLUMNS = ("id", "title", "partner_names", "start_date", "end_date")
IN_FORCE = (Agreement.Status.SIGNED, Agreement.Status.ACTIVE)
# From this many own agreements in force, the expiry windows walk the end-date index (see
# `body_context`); below it, the agency's access rows are fewer than the index's rows.
WALK_FROM = 500


class DashboardView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        now = today()
        # The body (everything but the page around it) for this user, day, language and data
        # generation, from the shared cache when it holds it (`home_cache`).
        body = home_cache.cached_body(request.user, now, lambda: self.render_body(request, now))
        return render(request, "dashboard/home.html", {"body": body})

    def render_body(self, request: AuthenticatedHttpRequest, now: date) -> str:
        return render_to_string(
            "dashboard/_home_body.html", self.body_context(request.user, now), request=request
        )

    def body_context(self, user: Any, now: date) -> dict[str, Any]:
        ending_qs = agreement_selectors.agreements_ending_within(
            viewer=user, months=EXPIRY_WINDOWS[-1]
        )
        bounds = []
        previous_months = 0
        for months in EXPIRY_WINDOWS:
            bounds.append((months, add_months(now, previous_months), add_months(now, months)))
            previous_months = months
        # Counted in the database (a big agency has hundreds), all windows in one query.
        counts_by_window = ending_qs.aggregate(
            **{
                f"within_{months}": Count("id", filter=Q(end_date__gte=lower, end_date__lte=upper))
                for months, lower, upper in bounds
            }
        )
        counts = agreement_selectors.agreement_counts(viewer=user)
        # Each window's first rows, LIMITed in the database: the first `TIMELINE_ROWS` of
        # each, so the timeline's first rows (of all three windows, in the same order) are
        # among them. Neither the owner nor its unit is shown, nor the long texts. A big
        # agency (thousands of own agreements, many of them in force) has its own access rows
        # probed per agreement along the end-date index (`owned_by_each`: the same rows, a
        # test compares them), which stops at the limit, instead of all its agreements read
        # and sorted for each window; a small one's few are read through its access rows.
        in_force = sum(counts["status"].get(s, 0) for s in IN_FORCE)
        scoped = (
            Agreement.objects.owned_by_each(user).filter(status__in=IN_FORCE)
            if in_force >= WALK_FROM
            else ending_qs.select_related(None)
        )
        windows = []
        shown: dict[int, Agreement] = {}
        for months, lower, upper in bounds:
            rows = list(
                scoped.filter(end_date__gte=lower, end_date__lte=upper)
                .order_by("end_date", "id")
                .only(*EXPIRY_COLUMNS)[:TIMELINE_ROWS]
            )
            shown.update((a.pk, a) for a in rows)
            count = counts_by_window[f"within_{months}"]
            windows.append({"months": months, "agreements": rows[:10], "count": count})
        ending = sorted(shown.values(), key=lambda a: (a.end_date, a.pk))[:TIMELINE_ROWS]
        # The same rows as "Your work" counts: worked out once (`work.renewals`).
        renewals = work.renewals(user, now, walk_index=in_force >= WALK_FROM)
        to_renew = list(renewals.defer(*LONG_TEXTS)[:20])
        status_rows: list[dict[str, Any]] = [
            {"value": v, "label": label, "count": counts["status"].get(v, 0)}
            for v, label in Agreement.Status.choices
        ]
        kind_rows: list[dict[str, Any]] = [
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
            for a in ending
        ]
        # The same set as "My deadlines" and the calendar feed (deadlines.selectors), counted.
        deadlines = deadline_selectors.user_deadline_summary(
            user=user, on=now, first=DEADLINES_SHOWN
        )
        # The overdue reports of the agency's own agreements: listed (the first ones) and
        # counted ("Your work") from one read of their ids, oldest deadline first, instead of a
        # count and a sorted list each going over them all.
        overdue = monitoring_selectors.overdue_reports(viewer=user, on=now, own=True)
        overdue_ids = list(overdue.values_list("pk", flat=True))
        return {
            "work_sections": work.your_work(
                user, now, to_renew=renewals, overdue_count=len(overdue_ids)
            ),
            "deadlines_overdue_count": deadlines.overdue,
            "deadlines_soon_count": deadlines.soon,
            "deadlines_total": deadlines.total,
            "deadlines_shown": deadlines.first,
            "windows": windows,
            "to_renew": to_renew,
            "status_rows": status_rows,
            "kind_rows": kind_rows,
            "timeline": build_timeline(timeline_rows, today=now),
            "timeline_title": _("Agreements ending in the next 12 months"),
            "timeline_id": "ending",
            # The renewal rule in force today (each agreement's window follows the
            # version in force on its own end date).
            "renewal_lead": period_in_force(RENEWAL_RULE, now),
            "overdue_reports": list(overdue.filter(pk__in=overdue_ids[:OVERDUE_SHOWN])),
            "today": now,
        }


class ComplianceView(AccessMixin, View):
    """Reports on time / late / missing, activities against plan, beneficiaries and disclosed
    funds, grouped by organization, agreement, partner ministry or region (issue 4 §4)."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        by = request.GET.get("by", compliance.DEFAULT_DIMENSION)
        if by not in compliance.DIMENSIONS:
            by = compliance.DEFAULT_DIMENSION
        # Own agreements by default: what the agency answers for. Supervisors (a visibility
        # grant: TPOA members, Polpum, Pusat Fasker, regions) switch to all they may read.
        scope = request.GET.get("scope", "own")
        if scope not in ("own", "all"):
            scope = "own"
        now = today()
        # An operator owns nothing and reads everything (`owned_agreement_ids` gives them all):
        # counted without a scope, not through an IN over every agreement id.
        own = scope == "own" and not request.user.is_operator
        overview = compliance.compliance_overview(viewer=request.user, by=by, on=now, own=own)
        charted = overview.rows[: compliance.CHART_ROWS]
        report_chart = svg.stacked_bars(
            [
                (r.label, [r.reports.get(k, 0) for k in ("on_time", "late", "missing")])
                for r in charted
            ],
            [
                ("chart-seg--ok", _("On time")),
                ("chart-seg--late", _("Late")),
                ("chart-seg--missing", _("Missing")),
            ],
        )
        activity_chart = svg.stacked_bars(
            [
                (
                    r.label,
                    [r.activities.get(k, 0) for k in ("completed", "started", "planned")],
                )
                for r in charted
            ],
            [
                ("chart-seg--ok", _("Completed")),
                ("chart-seg--started", _("Started")),
                ("chart-seg--planned", _("Planned")),
            ],
        )
        sexes = overview.beneficiaries
        beneficiary_chart = svg.stacked_bars(
            [
                (str(label), [sexes["planned"][sex], sexes["actual"][sex]])
                for sex, label in SEX_LABELS.items()
            ],
            [("chart-seg--planned", _("Planned")), ("chart-seg--ok", _("Reached"))],
            label_width=120,
        )
        return render(
            request,
            "dashboard/compliance.html",
            {
                "by": by,
                "scope": scope,
                "scopes": [
                    ("own", _("Our agreements")),
                    ("all", _("All we may read")),
                ]
                if not request.user.is_operator
                else [],
                "dimensions": list(compliance.DIMENSIONS.items()),
                "dimension_label": compliance.DIMENSIONS[by],
                "overview": overview,
                "report_chart": report_chart,
                "activity_chart": activity_chart,
                "beneficiary_chart": beneficiary_chart,
                "row_limit": compliance.ROW_LIMIT,
                "today": now,
            },
        )


class ActivityMapView(AccessMixin, View):
    """Activities by province or regency/city on a map (Leaflet, tiles optional) with the same
    numbers as an SVG drawing and a table, so the page reads without tiles or JavaScript."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        level = request.GET.get("level", "province")
        if level not in ("province", "regency"):
            level = "province"
        points = compliance.activity_map_points(viewer=request.user, level=level)
        # The 514 regencies' and cities' centres draw the archipelago better than 38 provinces'.
        context_dots = region_centroids(level="regency")
        return render(
            request,
            "dashboard/map.html",
            {
                "level": level,
                "points": points,
                "total": sum(p["count"] for p in points),
                "plain_map": svg.plain_map(points, context=context_dots),
                "map_data": {
                    "level": level,
                    "tileUrl": settings.MITRA.get("MAP_TILE_URL", ""),
                    "attribution": settings.MITRA.get("MAP_TILE_ATTRIBUTION", ""),
                    "labels": {"activities": _("activities")},
                    "context": context_dots,
                    "points": [
                        {k: p[k] for k in ("code", "name", "lat", "lon", "count")}
                        for p in points
                        if p["lat"] is not None and p["lon"] is not None
                    ],
                },
            },
        )


class WorkListView(AccessMixin, View):
    """The rows behind a "Your work" count that no domain list page shows (issue 10 §4): the
    same queryset as the count, so the page holds exactly the counted rows."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
        spec = work.WORK_LISTS.get(key)
        if spec is None:
            raise Http404
        now = today()
        page = Paginator(spec.rows(request.user, now), 25).get_page(request.GET.get("page"))
        return render(
            request,
            "dashboard/work_list.html",
            {
                "key": key,
                "title": spec.title,
                "kind": spec.template,
                "page_obj": page,
                "rows": page.object_list,
                "today": now,
            },
        )
