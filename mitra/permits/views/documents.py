"""The application's documents: the checklist rows, the applicant's confirmation of documents
carried over to an extension, and the scoped download/preview of every uploaded version."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csp import csp_override

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.pages import act_and_flash, refusal_in_one_message

from .. import forms, roles, selectors, services, validation
from ..conf import setting
from ..models import DOCUMENT_ITEMS, Application, ApplicationDocument

# A PDF opens in the browser's own viewer: the document may embed only itself (the viewer is
# a plugin frame of the same origin) and run nothing of ours; everything else stays closed.
PDF_CSP = {
    "default-src": [CSP.NONE],
    "object-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "style-src": [CSP.UNSAFE_INLINE],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
}


def checklist_rows(application: Application) -> list[dict[str, Any]]:
    """One row per checklist item: its latest version (`document`), every version newest
    first (`versions`, each a link for whoever sees the application), whether an extension
    must file it anew, and whether the latest counts (carried over and confirmed, or new)."""
    by_item: dict[str, list[ApplicationDocument]] = {}
    for document in application.documents.all():
        by_item.setdefault(document.item, []).append(document)
    always_new = set(setting("DOCUMENTS_ALWAYS_NEW"))
    extension = application.kind == Application.Kind.EXTENSION
    on = today()
    rows = []
    for code, label, required in DOCUMENT_ITEMS:
        versions = sorted(by_item.get(code, []), key=lambda d: d.version, reverse=True)
        latest = versions[0] if versions else None
        rows.append(
            {
                "code": code,
                "label": label,
                "required": required,
                "document": latest,
                "versions": versions,
                "always_new": extension and code in always_new,
                "counts": latest is not None and validation.document_counts(latest, on),
                "expired": latest is not None
                and latest.expires_on is not None
                and latest.expires_on < on,
            }
        )
    return rows


def change_rows(application: Application) -> list[dict[str, str]]:
    """An extension's "what changed" answers, by section, in task-list order."""
    answers = application.section_changes or {}
    return [
        {"name": name, "label": str(validation.SECTION_LABELS[name]), "text": answers[name]}
        for name in validation.CHANGE_SECTIONS
        if answers.get(name)
    ]


class ApplicationDocumentConfirmView(AccessMixin, View):
    """The applicant confirms the documents carried over from the current application."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        if not (
            request.user.is_operator
            or roles.is_applicant(request.user, application.organization_id)
        ):
            raise Http404
        form = forms.DocumentConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose at least one document to confirm."))
        else:
            act_and_flash(
                request,
                lambda: services.application_documents_confirm(
                    application_id=application.pk,
                    items=form.cleaned_data["items"],
                    actor=request.user,
                ),
                done=lambda confirmed: (
                    _("%(n)d documents were confirmed as still current.") % {"n": len(confirmed)}
                ),
                told=refusal_in_one_message,
            )
        return redirect("permits:application_detail", pk=application.pk)


@method_decorator(csp_override(PDF_CSP), name="get")
class ApplicationDocumentFileView(AccessMixin, View):
    """One uploaded version, for whoever may see the application (404 otherwise): a PDF
    inline (the browser's viewer), any other type as a download. Never sniffed."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> FileResponse:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        document = next((d for d in application.documents.all() if d.pk == document_pk), None)
        if document is None:
            raise Http404
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=not document.is_pdf,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
