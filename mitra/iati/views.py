"""IATI pages: the upload (a job in the task worker), the review queue, the findings and
their follow-up.

Access: the upload, the review queue, the match decisions and dismissing are OPERATOR; the
findings (list, detail) are GOVERNMENT, fetched through `findings_visible_to` (404 outside
it); the follow-up and its escalation are GOVERNMENT pages that `selectors.follow_up_allowed`
narrows (operators, the TPOA secretariat, the agreement's partner ministry; 403 for the
others), and the services check the same rule again."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from mitra.core.forms import BootstrapFormMixin, apply_application_errors
from mitra.jobs.services import job_create
from mitra.organizations.selectors import organization_get_for_user

from . import folder, selectors, services
from .models import Finding
from .services import import_scope, max_bytes

PAGE = 50
FOLDER_FILES_SHOWN = 50


class UploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("IATI activity file (XML)"))


class UploadView(AccessMixin, View):
    access = OPERATOR

    def _page(self, request: AuthenticatedHttpRequest, form: UploadForm, status: int = 200) -> Any:
        return render(
            request,
            "iati/upload.html",
            {
                "form": form,
                "runs": selectors.import_runs(),
                "max_mb": max_bytes() // 2**20,
                "indonesia_only": import_scope() == services.SCOPE_INDONESIA,
                **_folder_context(),
            },
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


def _folder_context() -> dict[str, Any]:
    """The configured folder's section of the import page: its files, or why it cannot be
    imported from."""
    path = folder.configured_folder()
    if path is None:
        return {"folder": None}
    try:
        files = folder.folder_files(path)
    except ApplicationError as exc:
        return {"folder": path, "folder_files": [], "folder_problems": [exc.message]}
    return {
        "folder": path,
        "folder_files": files[:FOLDER_FILES_SHOWN],
        "folder_more": max(0, len(files) - FOLDER_FILES_SHOWN),
        "folder_count": len(files),
        "folder_bytes": sum(f.size for f in files),
        "folder_problems": folder.folder_problems(files),
    }


class FolderImportView(AccessMixin, View):
    """Queue the import of the configured folder's XML files (the ones listed now)."""

    access = OPERATOR

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        path = folder.configured_folder()
        if path is None:
            raise Http404
        try:
            files = folder.folder_files(path)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("iati:upload")
        problems = folder.folder_problems(files)
        if problems:
            messages.error(request, " ".join(problems))
            return redirect("iati:upload")
        job = job_create(
            kind="iati.import_folder",
            owner=request.user,
            params=folder.job_params(path, files),
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


def _visible_finding(request: AuthenticatedHttpRequest, pk: int) -> Finding:
    finding = selectors.finding_get_for_user(user=request.user, pk=pk)
    if finding is None:
        raise Http404
    return finding


class FindingDetailView(AccessMixin, View):
    """One finding with both sides linked (organization, agreement, IATI activity) and what
    became of it: the follow-up, its monitoring item and its sanction case."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = _visible_finding(request, pk)
        record = selectors.follow_up_for(finding=finding)
        return render(
            request,
            "iati/finding_detail.html",
            {
                "finding": finding,
                "record": record,
                "may_follow_up": selectors.follow_up_allowed(request.user, finding),
            },
        )


class FollowUpForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note: what is to be done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    owner = forms.CharField(label=gettext_lazy("Responsible"), max_length=255)
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    monitoring_finding = forms.TypedChoiceField(
        label=gettext_lazy("Also add it to a monitoring finding's follow-up items"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, choices: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["monitoring_finding"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("No, the follow-up only")), *choices.items()]


class FindingFollowUpView(AccessMixin, View):
    """Turn a finding into a follow-up: a form with a note (and, optionally, a monitoring
    finding to attach it to)."""

    access = GOVERNMENT

    def _finding(self, request: AuthenticatedHttpRequest, pk: int) -> Finding:
        finding = _visible_finding(request, pk)
        if not selectors.follow_up_allowed(request.user, finding):
            raise PermissionDenied
        return finding

    def _page(self, request: Any, finding: Finding, form: FollowUpForm, status: int = 200) -> Any:
        return render(
            request, "iati/follow_up_form.html", {"finding": finding, "form": form}, status=status
        )

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = self._finding(request, pk)
        if finding.status != Finding.Status.OPEN:
            return redirect("iati:finding_detail", pk=finding.pk)
        choices = selectors.monitoring_finding_choices(user=request.user, finding=finding)
        return self._page(request, finding, FollowUpForm(choices=choices))

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = self._finding(request, pk)
        choices = selectors.monitoring_finding_choices(user=request.user, finding=finding)
        form = FollowUpForm(request.POST, choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.finding_follow_up(
                    finding_id=finding.pk,
                    note=data["note"],
                    owner=data["owner"],
                    due_date=data["due_date"],
                    monitoring_finding_id=data["monitoring_finding"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The finding was turned into a follow-up."))
                return redirect("iati:finding_detail", pk=finding.pk)
        return self._page(request, finding, form, status=400)


class FollowUpEscalateView(AccessMixin, View):
    """Escalate the follow-up to a sanction case (POST only)."""

    access = GOVERNMENT

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = _visible_finding(request, pk)
        if not selectors.follow_up_allowed(request.user, finding):
            raise PermissionDenied
        try:
            record = services.follow_up_escalate(finding_id=finding.pk, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("iati:finding_detail", pk=finding.pk)
        messages.success(
            request,
            _("Sanction case %(reference)s was opened.")
            % {"reference": record.sanction_case.reference if record.sanction_case else ""},
        )
        return redirect("iati:finding_detail", pk=finding.pk)


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
