"""Agreement pages. Objects come only through scoped selectors; writes only through services."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.charts import build_timeline
from mitra.core.dates import today
from mitra.core.forms import (
    CHECK_CHANGE,
    CHECK_CONFIRM,
    carried_entries,
    check_step,
    form_answers,
)
from mitra.core.pages import (
    VersionedEditView,
    act_and_flash,
    create_form_page,
    create_or_form_page,
    document_download,
    page_context,
    saved_or_shown_again,
)

from . import selectors, services
from .forms import AgreementFilterForm, AgreementForm, DocumentForm, SignatoryForm, TransitionForm
from .models import Agreement
from .permissions import agreement_get_editable, agreement_is_editable_by
from .renewal import renewal_initial
from .validation import chain_warnings


class AgreementListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = AgreementFilterForm(request.GET or None)
        filters = selectors.AgreementFilters()
        if form.is_valid():
            d = form.cleaned_data
            filters = selectors.AgreementFilters(
                q=d["q"] or "",
                status=d["status"] or "",
                type=d["type"] or "",
                partner_kind=d["partner_kind"] or "",
                body=d["body"].pk if d["body"] else None,
                province=d["province"].pk if d["province"] else None,
                sector=d["sector"].pk if d["sector"] else None,
                period_from=d["period_from"],
                period_to=d["period_to"],
                sort=request.GET.get("sort", "-start_date"),
            )
        qs = selectors.agreement_list(viewer=request.user, filters=filters)
        context = {"form": form, **page_context(request, qs, name="agreements"), "today": today()}
        template = "agreements/agreement_list.html"
        if request.htmx:
            template += "#results"
        return render(request, template, context)


class AgreementDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
        return render(
            request, "agreements/agreement_detail.html", detail_context(request, agreement)
        )


def detail_context(
    request: AuthenticatedHttpRequest, agreement: Agreement, **extra: Any
) -> dict[str, Any]:
    now = today()
    chain = selectors.agreement_chain(agreement=agreement, viewer=request.user)
    rows = [
        {
            "label": f"{a.get_type_display().split(' ')[0]} {a.period_label}",
            "sublabel": f"· {a.get_status_display()}",
            "start": a.start_date,
            "end": a.end_date,
            "css": "timeline__bar--current" if a.pk == agreement.pk else "",
            "url": a.pk != agreement.pk and f"../{a.pk}/" or "",
            "window_start": a.renewal_window_start
            if a.pk == agreement.pk and a.status in ("signed", "active")
            else None,
        }
        for a in chain
    ]
    return {
        "agreement": agreement,
        "chain": chain,
        "chain_warnings": chain_warnings(chain),
        "timeline": build_timeline(rows, today=now, label_width=0),
        "timeline_title": _("Renewal chain"),
        "timeline_id": "chain",
        "history": audit_history(target=agreement),
        "transitions": services.agreement_available_transitions(
            agreement=agreement, actor=request.user
        ),
        "can_edit": agreement_is_editable_by(user=request.user, agreement=agreement),
        "days_to_expiry": agreement.days_to_expiry(now),
        "in_renewal_window": agreement.in_renewal_window(now),
        "signatory_form": extra.get("signatory_form") or SignatoryForm(agreement=agreement),
        "document_form": extra.get("document_form") or DocumentForm(),
        "transition_form": TransitionForm(),
        **extra,
    }


def _get_editable(request: HttpRequest, pk: int) -> Agreement:
    return agreement_get_editable(user=request.user, pk=pk)


CREATE_FORM = "agreements.create"
FORM_PAGE = "agreements/agreement_form.html"


class AgreementCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {}
        renews_id = request.GET.get("renews", "")
        if renews_id:
            # "Record renewal": start from the predecessor (parties, signatory roles, sectors,
            # regions, objective copied; dates moved on). SECURITY: only an agreement the user
            # may renew (editable, renewable status); anything else 404.
            if not (renews_id.isascii() and renews_id.isdigit()):
                raise Http404
            predecessor = (
                AgreementForm(user=request.user)
                .fields["renews"]
                .queryset.filter(pk=int(renews_id))  # type: ignore[attr-defined]
                .first()
            )
            if predecessor is None:
                raise Http404
            initial = renewal_initial(predecessor)
        form = AgreementForm(user=request.user, initial=initial)
        return create_form_page(request, FORM_PAGE, form, scope=CREATE_FORM)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = AgreementForm(request.POST, user=request.user)
        step = check_step(request)
        if form.is_valid() and step != CHECK_CONFIRM:
            # Check your answers first; "Change" comes back to the filled-in form (issue 16 §1).
            if step == CHECK_CHANGE:
                return create_form_page(request, FORM_PAGE, form, scope=CREATE_FORM)
            context = {
                "sections": [{"title": "", "answers": form_answers(form)}],
                "carry": carried_entries(request),
                "action": reverse("agreements:create"),
            }
            return render(request, "agreements/agreement_check.html", context)
        return create_or_form_page(
            request,
            form,
            template=FORM_PAGE,
            scope=CREATE_FORM,
            create=lambda: services.agreement_create(data=form.to_input(), actor=request.user),
            url_of=lambda a: reverse("agreements:detail", args=[a.pk]),
            fallback=reverse("agreements:list"),
            landing=lambda a: reverse("agreements:detail", args=[a.pk]) + "?registered=1",
        )


class AgreementUpdateView(VersionedEditView):
    access = EDITOR
    template_name = FORM_PAGE
    form_class = AgreementForm
    record_name = "agreement"
    detail = "agreements:detail"
    done = gettext_lazy("The agreement was saved.")

    def get_record(self, request: AuthenticatedHttpRequest, pk: int) -> Agreement:
        return _get_editable(request, pk)

    def form_kwargs(self, record: Agreement) -> dict[str, Any]:
        return {"user": self.request.user, "instance": record}

    def save(self, record: Agreement, **edit: Any) -> object:
        return services.agreement_update(agreement_id=record.pk, **edit)


class AgreementTransitionView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int, transition: str) -> HttpResponse:
        agreement = _get_editable(request, pk)
        form = TransitionForm(request.POST)
        valid = form.is_valid()
        act_and_flash(
            request,
            lambda: services.agreement_transition(
                agreement_id=agreement.pk,
                transition=transition,
                actor=request.user,
                reason=form.cleaned_data["reason"] if valid else "",
                confirmed=bool(valid and form.cleaned_data["confirmed"]),
            ),
            done=_("The agreement's status was changed."),
        )
        return redirect("agreements:detail", pk=agreement.pk)


class AgreementSignatoryAddView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = _get_editable(request, pk)
        form = SignatoryForm(request.POST, agreement=agreement)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.agreement_add_signatory(
                agreement_id=agreement.pk,
                party_id=data["party"],
                title=data["title"],
                name=data["name"],
                signed_on=data["signed_on"],
                actor=request.user,
            ),
            done=_("The signatory was added."),
            then=redirect("agreements:detail", pk=agreement.pk),
            template="agreements/agreement_detail.html",
            context=lambda: _detail_again(request, pk, signatory_form=form),
        )


class AgreementDocumentUploadView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = _get_editable(request, pk)
        form = DocumentForm(request.POST, request.FILES)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.agreement_document_upload(
                agreement_id=agreement.pk,
                upload=data["file"],
                title=data["title"],
                kind=data["kind"],
                actor=request.user,
            ),
            done=_("The document was stored."),
            then=redirect("agreements:detail", pk=agreement.pk),
            template="agreements/agreement_detail.html",
            context=lambda: _detail_again(request, pk, document_form=form),
        )


def _detail_again(request: AuthenticatedHttpRequest, pk: int, **forms: Any) -> dict[str, Any]:
    """The agreement's page again, read afresh, with a form that was not saved."""
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    return detail_context(request, agreement, **forms)


class AgreementDocumentDownloadView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> FileResponse:
        document = selectors.agreement_document_get_for_user(
            user=request.user, pk=pk, document_pk=document_pk
        )
        return document_download(document)
