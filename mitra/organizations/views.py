"""Registry pages."""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.agreements.selectors import agreements_without_cover, organization_agreements
from mitra.audit.selectors import audit_history, audit_last_event
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError, StaleVersion
from mitra.core.forms import (
    already_submitted,
    apply_application_errors,
    create_once,
    form_token_for,
    stale_context,
    submitted_version,
)

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


CREATE_FORM = "organizations.create"


class OrganizationCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        context = {"form": OrganizationForm(), "form_token": form_token_for(request, CREATE_FORM)}
        return render(request, "organizations/organization_form.html", context)

    def post(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        form = OrganizationForm(request.POST)
        if form.is_valid():
            try:
                org, first = create_once(
                    request,
                    scope=CREATE_FORM,
                    create=lambda: services.organization_create(
                        data=form.to_input(), actor=request.user
                    ),
                    url_of=lambda o: reverse("organizations:detail", args=[o.pk]),
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                if org is None:  # a second submit of the same form
                    already_submitted(request)
                    return redirect(first or reverse("organizations:list"))
                messages.success(request, _("The organization was registered."))
                return redirect("organizations:detail", pk=org.pk)
        context = {"form": form, "form_token": form_token_for(request, CREATE_FORM)}
        return render(request, "organizations/organization_form.html", context, status=400)


class OrganizationUpdateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        form = OrganizationForm(initial=OrganizationForm.initial_from(org))
        return render(
            request,
            "organizations/organization_form.html",
            {"form": form, "organization": org, "version": org.version},
        )

    def post(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        form = OrganizationForm(request.POST)
        context: dict = {"form": form, "organization": org, "version": submitted_version(request)}
        if form.is_valid():
            try:
                services.organization_update(
                    organization_id=org.pk,
                    data=form.to_input(),
                    actor=request.user,
                    expected_version=context["version"],
                )
            except StaleVersion as error:
                current = error.current
                context |= stale_context(
                    form,
                    error=error,
                    current=OrganizationForm.initial_from(current),
                    last_event=audit_last_event(target=current),
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The organization was saved."))
                return redirect("organizations:detail", pk=org.pk)
        return render(request, "organizations/organization_form.html", context, status=400)
