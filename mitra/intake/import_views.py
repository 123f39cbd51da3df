"""Import of activities and reports (mitra/intake/imports.py): upload, job, files.

The POST only checks the size and stores the upload as a job (mitra/jobs), queued for the task
worker, and redirects to the job page, which shows the progress and then the result. Nothing
is parsed in the request.

Access: MEMBER declared, then narrowed here: officers and operators (owners of agreements) and
organization representatives (their own agreements) may import; viewers get 403. The services
called for each row re-check the actor on every object.
"""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import BootstrapFormMixin
from mitra.jobs.selectors import job_get_for_user, job_latest
from mitra.jobs.services import job_create

from . import imports
from .import_limits import ImportLimits


def may_import(user: Any) -> bool:
    """SECURITY: officers and operators, and foreign organizations' representatives."""
    return bool(
        user.can_edit_records
        or (user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id)
    )


class ImportForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=[("activities", _("Activities")), ("reports", _("Reports and disclosures"))],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))


class _ImportAccess(AccessMixin):
    access = MEMBER

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _form_context(form: "ImportForm") -> dict[str, Any]:
    limits = ImportLimits.from_settings()
    return {"form": form, "max_mb": limits.max_bytes // (1024 * 1024), "max_rows": limits.max_rows}


class ImportView(_ImportAccess, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, "intake/import_form.html", _form_context(ImportForm()))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "intake/import_form.html", _form_context(form), status=400)
        upload = form.cleaned_data["file"]
        try:
            imports.check_size(upload)  # the only look at the file here: its size
            job = job_create(
                kind=imports.JOB_KIND,
                owner=request.user,
                upload=upload,
                params={"kind": form.cleaned_data["kind"]},
                language=translation.get_language() or "",
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
            return render(request, "intake/import_form.html", _form_context(form), status=400)
        return redirect("jobs:detail", pk=job.pk)


class ImportErrorsView(_ImportAccess, View):
    """The errors of one of the user's imports as CSV (row, column, message): `?job=<id>`, or
    the user's latest import. Someone else's job is 404."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        job_id = request.GET.get("job", "")
        if job_id:
            if not job_id.isdigit():
                raise Http404
            job = job_get_for_user(user=request.user, job_id=int(job_id))
            if job is None or job.kind != imports.JOB_KIND:
                raise Http404
        else:
            job = job_latest(user=request.user, kind=imports.JOB_KIND)
        errors = (job.result or {}).get("errors", []) if job is not None else []
        response = HttpResponse(imports.errors_csv(errors), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mitra-import-errors.csv"'
        return response


class ImportTemplateView(_ImportAccess, View):
    """A sample file: the columns and one example row."""

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        if kind not in imports.KINDS:
            raise Http404
        response = HttpResponse(imports.template_csv(kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="mitra-import-{kind}.csv"'
        return response
