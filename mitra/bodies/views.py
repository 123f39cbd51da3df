"""Government bodies (reference data, readable by every signed-in user)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from mitra.core.access import MEMBER, AccessMixin

from .models import GovernmentBody


class BodyListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip().lower()
        kind = request.GET.get("kind", "")
        qs = GovernmentBody.objects.select_related("parent").order_by("name")
        if q:
            qs = qs.filter(search_text__contains=q)
        if kind in GovernmentBody.Kind.values:
            qs = qs.filter(kind=kind)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "bodies/body_list.html",
            {
                "page_obj": page,
                "bodies": page.object_list,
                "q": request.GET.get("q", ""),
                "kind": kind,
                "kinds": GovernmentBody.Kind.choices,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
            },
        )


class BodyDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        body = (
            GovernmentBody.objects.select_related("parent", "province", "regency")
            .prefetch_related("units", "successors", "predecessors", "people")
            .filter(pk=pk)
            .first()
        )
        if body is None:
            raise Http404
        return render(request, "bodies/body_detail.html", {"body": body})


__all__ = ["BodyDetailView", "BodyListView", "Q"]
