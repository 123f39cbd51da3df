"""Import of activities and reports (mitra/intake/imports.py): upload, result, files.

Access: MEMBER declared, then narrowed here: officers and operators (owners of agreements) and
organization representatives (their own agreements) may import; viewers get 403. The services
called for each row re-check the actor on every object.
"""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.forms import BootstrapFormMixin

from . import imports

SESSION_KEY = "intake_import_errors"
MAX_KEPT_ERRORS = 2000


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


class ImportView(_ImportAccess, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, "intake/import_form.html", {"form": ImportForm()})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "intake/import_form.html", {"form": form}, status=400)
        try:
            result = imports.import_file(
                upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"], actor=request.user
            )
        except imports.ImportFileError as error:
            form.add_error("file", error.message)
            return render(request, "intake/import_form.html", {"form": form}, status=400)
        request.session[SESSION_KEY] = [
            {"row": e.row, "column": e.column, "message": e.message}
            for e in result.errors[:MAX_KEPT_ERRORS]
        ]
        return render(
            request,
            "intake/import_result.html",
            {"result": result, "form": ImportForm(initial={"kind": result.kind})},
            status=200 if result.ok else 400,
        )


class ImportErrorsView(_ImportAccess, View):
    """The errors of the user's last import as CSV (row, column, message)."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        errors = request.session.get(SESSION_KEY) or []
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
