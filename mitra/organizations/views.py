"""Registry pages."""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.agreements.selectors import agreements_without_cover, organization_agreements
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors
from mitra.core.pages import (
    VersionedEditView,
    create_form_page,
    create_or_form_page,
    page_context,
)

from . import selectors, services
from .forms import ChangeDecisionForm, ChangeNoticeForm, OrganizationFilterForm, OrganizationForm
from .models import ChangeNotice, ForeignOrganization

if TYPE_CHECKING:
    from mitra.accounts.http import AuthenticatedHttpRequest


class OrganizationListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        form = OrganizationFilterForm(request.GET or None)
        q = kind = status = ""
        if form.is_valid():
            q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
            status = form.cleaned_data["status"]
        qs = selectors.organization_list(viewer=request.user, q=q, kind=kind, status=status)
        context = {"form": form, **page_context(request, qs, name="organizations")}
        return render(request, "organizations/organization_list.html", context)


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
                "can_report_change": services.change_notice_can_file(
                    actor=request.user, organization_id=org.pk
                ),
                "change_notices": list(selectors.change_notices_for(organization=org)[:10]),
                "change_kinds": ChangeNotice.Kind.choices,
            },
        )


CREATE_FORM = "organizations.create"
FORM_PAGE = "organizations/organization_form.html"


class OrganizationCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        return create_form_page(request, FORM_PAGE, OrganizationForm(), scope=CREATE_FORM)

    def post(self, request: "AuthenticatedHttpRequest") -> HttpResponse:
        form = OrganizationForm(request.POST)
        return create_or_form_page(
            request,
            form,
            template=FORM_PAGE,
            scope=CREATE_FORM,
            create=lambda: services.organization_create(data=form.to_input(), actor=request.user),
            url_of=lambda o: reverse("organizations:detail", args=[o.pk]),
            fallback=reverse("organizations:list"),
            done=_("The organization was registered."),
        )


class OrganizationUpdateView(VersionedEditView):
    access = EDITOR
    template_name = FORM_PAGE
    form_class = OrganizationForm
    record_name = "organization"
    detail = "organizations:detail"
    done = gettext_lazy("The organization was saved.")

    def get_record(self, request: "AuthenticatedHttpRequest", pk: int) -> ForeignOrganization:
        return selectors.organization_get_for_user(user=request.user, pk=pk)

    def save(self, record: ForeignOrganization, **edit: Any) -> object:
        return services.organization_update(organization_id=record.pk, **edit)


# --- change notices (issue 15 §1) -------------------------------------------------------------


class ChangeListView(AccessMixin, View):
    """The organization's change notices with their outcome (its internal history)."""

    access = MEMBER

    def get(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        page = Paginator(selectors.change_notices_for(organization=org), 25).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "organizations/change_list.html",
            {
                "organization": org,
                "page_obj": page,
                "notices": page.object_list,
                "can_report_change": services.change_notice_can_file(
                    actor=request.user, organization_id=org.pk
                ),
                "change_kinds": ChangeNotice.Kind.choices,
            },
        )


class ChangeCreateView(AccessMixin, View):
    """The representative reports a change of one kind (`?kind=`); address and contact details
    take effect at once, the others wait for the secretariat (conf.change_rule)."""

    access = MEMBER

    def _setup(self, request: "AuthenticatedHttpRequest", pk: int) -> tuple[Any, str]:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        if not services.change_notice_can_file(actor=request.user, organization_id=org.pk):
            raise PermissionDenied
        kind = request.POST.get("kind") or request.GET.get("kind") or ""
        return org, kind

    def _render(
        self, request: "AuthenticatedHttpRequest", org: Any, kind: str, form: Any, status: int = 200
    ) -> HttpResponse:
        from .conf import change_rule

        return render(
            request,
            "organizations/change_form.html",
            {
                "organization": org,
                "kind": kind,
                "kind_label": ChangeNotice.Kind(kind).label if kind else "",
                "needs_acceptance": bool(kind) and change_rule(kind) == "acceptance",
                "form": form,
                "change_kinds": ChangeNotice.Kind.choices,
            },
            status=status,
        )

    def get(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org, kind = self._setup(request, pk)
        if kind not in ChangeNotice.Kind.values:
            return self._render(request, org, "", None)
        form = ChangeNoticeForm(kind=kind, initial=ChangeNoticeForm.initial_for(org, kind))
        return self._render(request, org, kind, form)

    def post(self, request: "AuthenticatedHttpRequest", pk: int) -> HttpResponse:
        org, kind = self._setup(request, pk)
        if kind not in ChangeNotice.Kind.values:
            messages.error(request, _("Choose what changes."))
            return self._render(request, org, "", None, status=400)
        form = ChangeNoticeForm(request.POST, kind=kind)
        if form.is_valid():
            try:
                notice = services.change_notice_file(
                    organization_id=org.pk,
                    kind=kind,
                    values=form.values(),
                    explanation=form.cleaned_data["explanation"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                if notice.status == ChangeNotice.Status.NOTED:
                    messages.success(
                        request, _("The change is in effect; the secretariat is told.")
                    )
                else:
                    messages.success(
                        request, _("The change was filed; it takes effect once accepted.")
                    )
                return redirect("organizations:change_detail", pk=org.pk, notice_pk=notice.pk)
        return self._render(request, org, kind, form, status=400)


class ChangeDetailView(AccessMixin, View):
    """One change notice: before and after, its outcome; the secretariat decides here."""

    access = MEMBER

    def _context(self, request: "AuthenticatedHttpRequest", pk: int, notice_pk: int) -> dict:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        notice = selectors.change_notice_get(organization=org, pk=notice_pk)
        return {
            "organization": org,
            "notice": notice,
            "before": selectors.change_values_display(notice, notice.previous),
            "after": selectors.change_values_display(notice, notice.proposed),
            "can_decide": notice.status == ChangeNotice.Status.PENDING
            and services.change_notice_can_decide(actor=request.user),
        }

    def get(self, request: "AuthenticatedHttpRequest", pk: int, notice_pk: int) -> HttpResponse:
        context = self._context(request, pk, notice_pk)
        context["form"] = ChangeDecisionForm()
        return render(request, "organizations/change_detail.html", context)

    def post(self, request: "AuthenticatedHttpRequest", pk: int, notice_pk: int) -> HttpResponse:
        context = self._context(request, pk, notice_pk)
        if not services.change_notice_can_decide(actor=request.user):
            raise PermissionDenied
        form = ChangeDecisionForm(request.POST)
        context["form"] = form
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    services.change_notice_accept(
                        notice_id=context["notice"].pk,
                        reason=form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    messages.success(request, _("The change was accepted and is in effect."))
                else:
                    services.change_notice_refuse(
                        notice_id=context["notice"].pk,
                        reason=form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    messages.success(request, _("The change was refused."))
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                return redirect("organizations:change_detail", pk=pk, notice_pk=notice_pk)
        return render(request, "organizations/change_detail.html", context, status=400)
