"""The public portal: no login, published data only."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from mitra.core.access import public_view
from mitra.organizations.models import ForeignOrganization

from . import selectors


@public_view
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
class PublicOrganizationView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        org = selectors.public_organization_get(pk=pk)
        return render(request, "portal/organization.html", {"organization": org})
