"""IATI pages: the upload (a job in the task worker), the review queue, the findings.

Access: the upload, the review queue and every decision are OPERATOR; the findings are
GOVERNMENT, fetched through `findings_visible_to` (404 outside it)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import GOVERNMENT, OPERATOR, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import BootstrapFormMixin
from mitra.jobs.services import job_create
from mitra.organizations.selectors import organization_get_for_user

from . import selectors, services
from .models import Finding
from .services import max_bytes

PAGE = 50


class UploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("IATI activity file (XML)"))


class UploadView(AccessMixin, View):
    access = OPERATOR

    def _page(self, request: AuthenticatedHttpRequest, form: UploadForm, status: int = 200) -> Any:
        return render(
            request,
            "iati/upload.html",
            {"form": form, "runs": selectors.import_runs(), "max_mb": max_bytes() // 2**20},
            status=status,
        )

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._page(request, UploadForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid() and form.cleaned_data["file"].size > max_bytes():
            form.add_error(
                "file", _("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // 2**20}
            )
        if not form.is_valid():
            return self._page(request, form, status=400)
        job = job_create(
            kind="iati.import",
            owner=request.user,
            upload=form.cleaned_data["file"],
            language=translation.get_language() or "",
        )
        return redirect("jobs:detail", pk=job.pk)


class FindingListView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        status = request.GET.get("status", Finding.Status.OPEN)
        kind = request.GET.get("kind", "")
        rows = selectors.finding_list(viewer=request.user, status=status, kind=kind)
        page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "iati/finding_list.html",
            {
                "page": page,
                "status": status,
                "kind": kind,
                "statuses": Finding.Status.choices,
                "kinds": Finding.Kind.choices,
            },
        )


class OrganizationFindingsView(AccessMixin, View):
    """The findings on one organization: a fragment the organization's page loads (and a page
    of its own without JavaScript)."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        organization = organization_get_for_user(user=request.user, pk=pk)
        rows = selectors.finding_list(viewer=request.user, organization_id=organization.pk)[:100]
        template = (
            "iati/_organization_findings.html"
            if request.headers.get("HX-Request")
            else "iati/organization_findings.html"
        )
        return render(request, template, {"organization": organization, "findings": rows})


class SummaryView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        counts = selectors.finding_summary(viewer=request.user)
        rows = [(label, counts.get(value, 0), value) for value, label in Finding.Kind.choices]
        return render(request, "iati/_summary.html", {"rows": rows, "total": sum(counts.values())})


class FindingDismissView(AccessMixin, View):
    access = OPERATOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = selectors.finding_get_for_user(user=request.user, pk=pk)
        if finding is None:
            raise Http404
        try:
            services.finding_dismiss(
                finding_id=finding.pk, reason=request.POST.get("reason", ""), actor=request.user
            )
        except ApplicationError as exc:
            context = {"finding": finding, "error": exc.message, "details": _flat(exc.extra)}
            return render(request, "iati/dismiss_error.html", context, status=400)
        messages.success(request, _("The finding was dismissed."))
        return redirect("iati:findings")


def _flat(extra: Any) -> list[str]:
    return [str(m) for msgs in (extra or {}).values() for m in msgs]


class ReviewView(AccessMixin, View):
    access = OPERATOR

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        orgs, activities = selectors.review_queue()
        return render(
            request,
            "iati/review.html",
            {"org_matches": orgs[:100], "activity_matches": activities[:100]},
        )


class _Decide(AccessMixin, View):
    access = OPERATOR
    decide: Any = None

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        confirm = request.POST.get("decision") == "confirm"
        try:
            type(self).decide(match_id=pk, confirm=confirm, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("iati:review")
        messages.success(
            request, _("The match was confirmed.") if confirm else _("The match was rejected.")
        )
        return redirect("iati:review")


class OrgMatchDecideView(_Decide):
    decide = services.organization_match_decide


class ActivityMatchDecideView(_Decide):
    decide = services.activity_match_decide
