"""The public licensing pages: an application's status by reference, and processing times."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from mitra.core.access import public_view
from mitra.core.cache import cache_public_page

from .. import selectors
from ..conf import setting


@public_view
@cache_public_page(query=("reference",), search=("reference",))
class PublicStatusView(View):
    """Reference number → stage and who holds it. Nothing confidential."""

    def get(self, request: HttpRequest) -> HttpResponse:
        reference = request.GET.get("reference", "").strip()[:30]
        status = selectors.public_status(reference=reference) if reference else None
        return render(
            request,
            "permits/public_status.html",
            {"reference": reference, "status": status, "searched": bool(reference)},
            status=404 if reference and status is None else 200,
        )


@public_view
@cache_public_page()
class PublicStatisticsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "permits/public_statistics.html",
            {
                "rows": selectors.public_processing_statistics(),
                "min_cases": setting("STATISTICS_MIN_CASES"),
            },
        )
