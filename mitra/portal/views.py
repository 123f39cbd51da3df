"""The public portal: no login, published data only."""

from datetime import date

from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from mitra.core.access import public_view
from mitra.core.cache import cache_public_page
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization

from . import selectors


@public_view
@cache_public_page()
class PortalHomeView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "portal/home.html",
            {
                "organization_count": ForeignOrganization.objects.public().count(),
                "agreement_count": selectors.public_active_agreements().count(),
            },
        )


@public_view
@cache_public_page(query=("q", "kind", "page"), search=("q",))
class DirectoryView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:200]
        kind = request.GET.get("kind", "")
        qs = selectors.public_organization_list(q=q, kind=kind)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "portal/directory.html",
            {
                "page_obj": page,
                "organizations": page.object_list,
                "q": q,
                "kind": kind,
                "kinds": ForeignOrganization.Kind.choices,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
            },
        )


@public_view
@cache_public_page()
class PublicOrganizationView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        org = selectors.public_organization_get(pk=pk)
        # The organization held an izin prinsip and holds none in force now (revoked or
        # expired): its agreements listed below run without one.
        permits = getattr(org, "public_permits", [])  # the selector's prefetch
        lost = bool(permits) and not any(p.in_force for p in permits)
        return render(
            request, "portal/organization.html", {"organization": org, "izin_prinsip_lost": lost}
        )


@public_view
@cache_public_page(query=("q", "page", "as_of"), search=("q",))
class RegisterView(View):
    """The public register of izin prinsip: does an organization hold a valid one? Found by
    name (no reference number needed)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:200].strip()
        as_of, as_of_error = _as_of(request.GET.get("as_of", ""))
        page = Paginator(selectors.public_register(q=q), 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "portal/register.html",
            {
                "page_obj": page,
                "entries": selectors.register_entries(page.object_list, on=as_of),
                "state_labels": selectors.REGISTER_STATE_LABELS,
                "q": q,
                "as_of": as_of,
                "as_of_error": as_of_error,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
            },
        )


def _as_of(raw: str) -> tuple[date | None, str]:
    """A register "as of" day from the query string: (day, "") or (None, the error)."""
    raw = raw.strip()[:20]
    if not raw:
        return None, ""
    try:
        on = date.fromisoformat(raw)
    except ValueError:
        return None, str(_("Give the day as YYYY-MM-DD."))
    if on > today():
        return None, str(_("“As of” is for past days."))
    return on, ""


@public_view
@cache_public_page(query=("page",))
class NonFilersView(View):
    """Organizations with activity reports or funding disclosures past their deadline."""

    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(selectors.public_non_filers_list(), 50).get_page(request.GET.get("page"))
        return render(
            request,
            "portal/non_filers.html",
            {"page_obj": page, "organizations": page.object_list, "querystring_without_page": ""},
        )


# --- open data (mitra/portal/opendata.py) -------------------------------------------------


@public_view
@cache_public_page()
class OpenDataView(View):
    """The list of open datasets, their columns and download links."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from . import opendata

        return render(
            request,
            "portal/opendata.html",
            {"datasets": opendata.published_datasets(), "formats": opendata.FORMATS},
        )


@public_view
class OpenDataDownloadView(View):
    """One dataset in one format, streamed in constant memory (public data only)."""

    def get(self, request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
        from . import opendata

        dataset = opendata.dataset_get(slug)
        if dataset is None or fmt not in opendata.FORMATS:
            raise Http404
        try:
            on = opendata.parse_as_of(request.GET.get("as_of", ""), dataset)
        except ApplicationError as error:
            details = [str(m) for messages in (error.extra or {}).values() for m in messages]
            return HttpResponseBadRequest(
                " ".join([str(error.message), *details]), content_type="text/plain; charset=utf-8"
            )
        rows = (
            opendata.iter_rows(dataset, dataset.as_of_rows(on))
            if on and dataset.as_of_rows
            else None
        )
        response = StreamingHttpResponse(
            opendata.stream(dataset, fmt, rows), content_type=opendata.CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{opendata.filename(dataset, fmt)}"'
        )
        return response
