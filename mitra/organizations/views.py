"""Registry pages."""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.agreements.selectors import agreements_without_cover, organization_agreements
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError

from . import selectors, services
from .forms import OrganizationFilterForm, OrganizationForm

if TYPE_CHECKING:
    from mitra.accounts.http import AuthenticatedHttpRequest


class OrganizationListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        form = OrganizationFilterForm(request.GET or None)
        q = kind = ""
        if form.is_valid():
            q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        qs = selectors.organization_list(viewer=request.user, q=q, kind=kind)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "organizations/organization_list.html",
            {
                "form": form,
                "page_obj": page,
                "organizations": page.object_list,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
            },
        )


class OrganizationDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        # Those the user may open, and the public ones too (never poorer than the portal).
        agreements = organization_agreements(viewer=request.user, organization_id=org.pk)
        return render(
            request,
            "organizations/organization_detail.html",
            {
                "organization": org,
                "agreements": agreements,
                # N3/N4: its agreements in force without a valid izin prinsip (the same list
                # as the secretariat's home, narrowed to this organization).
                "uncovered": list(
                    agreements_without_cover(viewer=request.user, organization_id=org.pk)
                ),
                "history": audit_history(target=org),
                "can_edit": request.user.can_edit_records,
            },
        )


class OrganizationCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        return render(request, "organizations/organization_form.html", {"form": OrganizationForm()})

    def post(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        form = OrganizationForm(request.POST)
        if form.is_valid():
            try:
                org = services.organization_create(data=form.to_input(), actor=request.user)
            except ApplicationError as error:
                for name, errs in error.extra.items():
                    for e in errs:
                        form.add_error(name if name in form.fields else None, e)
            else:
                messages.success(request, _("The organization was registered."))
                return redirect("organizations:detail", pk=org.pk)
        return render(request, "organizations/organization_form.html", {"form": form}, status=400)


class OrganizationUpdateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        form = OrganizationForm(initial=OrganizationForm.initial_from(org))
        return render(
            request, "organizations/organization_form.html", {"form": form, "organization": org}
        )

    def post(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        form = OrganizationForm(request.POST)
        if form.is_valid():
            try:
                services.organization_update(
                    organization_id=org.pk, data=form.to_input(), actor=request.user
                )
            except ApplicationError as error:
                for name, errs in error.extra.items():
                    for e in errs:
                        form.add_error(name if name in form.fields else None, e)
            else:
                messages.success(request, _("The organization was saved."))
                return redirect("organizations:detail", pk=org.pk)
        return render(
            request,
            "organizations/organization_form.html",
            {"form": form, "organization": org},
            status=400,
        )
