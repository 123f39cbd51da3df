"""Licensing pages for applications: the applicant's list, form, task list, documents and
check-your-answers page, and the secretariat's list (issue 18 §4: `views/` by responsibility)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.pages import (
    VersionedEditView,
    act_and_flash,
    create_form_page,
    create_or_form_page,
    refusal_in_one_message,
)
from mitra.core.templatetags.mitra_format import country_name, money
from mitra.organizations.selectors import organization_get_for_user

from .. import forms, roles, selectors, services, validation
from ..conf import setting
from ..models import DOCUMENT_ITEMS, Application, QueryReason, Track
from . import documents


class HomeView(AccessMixin, View):
    """Licensing: what concerns the signed-in user (applicant, secretariat or member)."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        user = request.user
        context = {
            "is_applicant": user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id,
            "secretariat_tracks": roles.secretariat_tracks(user),
            "applications": selectors.application_list(viewer=user)[:10],
            "reviews": selectors.review_inbox(viewer=user)[:10],
            "permits": selectors.permit_list(viewer=user)[:10],
            "today": today(),
        }
        return render(request, "permits/home.html", context)


class ApplicationListView(AccessMixin, View):
    """The secretariat queue (and everyone's list of the applications they may see)."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        # `status` may repeat (the dashboard's verification queue: submitted and verification);
        # `track` and `opinions` narrow further, so a dashboard count opens exactly its rows.
        statuses = [s for s in request.GET.getlist("status") if s in Application.Status.values]
        status = statuses[0] if len(statuses) == 1 else ""
        track = request.GET.get("track", "")
        track = track if track in Track.values else ""
        opinions = request.GET.get("opinions", "")
        opinions = opinions if opinions in selectors.OPINIONS else ""
        if statuses or track or opinions:
            qs = selectors.application_list(
                viewer=request.user, statuses=statuses, track=track, opinions=opinions
            )
        else:
            qs = selectors.secretariat_queue(viewer=request.user)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "permits/application_list.html",
            {
                "page_obj": page,
                "applications": page.object_list,
                "status": status,
                "statuses": Application.Status.choices,
                "querystring": params.urlencode(),
            },
        )


APPLICATION_CREATE_FORM = "permits.application_create"
FORM_PAGE = "permits/application_form.html"


class ApplicationCreateView(AccessMixin, View):
    """An organization's representative starts an application (draft) for their organization;
    an operator (the secretariat, entering an application that came on paper) for the
    organization named by `?organization=<pk>`, as the organization detail page links it."""

    access = MEMBER

    def _organization(self, request: AuthenticatedHttpRequest) -> Any:
        """SECURITY: a representative only ever their own organization (any `organization`
        parameter is ignored); an operator the one named; everyone else 403."""
        user = request.user
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            return user.organization
        if not user.is_operator:
            raise PermissionDenied
        pk = request.POST.get("organization") or request.GET.get("organization") or ""
        if not (pk.isascii() and pk.isdigit()):  # "²" is a digit that int() refuses
            raise Http404
        return organization_get_for_user(user=user, pk=int(pk))

    def _on_behalf_of(self, request: AuthenticatedHttpRequest, organization: Any) -> Any:
        return None if organization.pk == request.user.organization_id else organization

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organization = self._organization(request)
        initial = services.initial_from_organization(organization)
        form = forms.ApplicationForm(initial=initial.profile)
        return create_form_page(
            request,
            FORM_PAGE,
            form,
            scope=APPLICATION_CREATE_FORM,
            on_behalf_of=self._on_behalf_of(request, organization),
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organization = self._organization(request)
        form = forms.ApplicationForm(request.POST)
        return create_or_form_page(
            request,
            form,
            template=FORM_PAGE,
            scope=APPLICATION_CREATE_FORM,
            create=lambda: services.application_create(
                organization=organization, data=form.to_input(), actor=request.user
            ),
            url_of=lambda a: reverse("permits:application_detail", args=[a.pk]),
            fallback=reverse("permits:application_list"),
            done=_("The draft was saved."),
            extra={"on_behalf_of": self._on_behalf_of(request, organization)},
        )


def _get_own_application(request: AuthenticatedHttpRequest, pk: int) -> Application:
    """SECURITY: visible and the user's own organization's (or an operator): else 404."""
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if not (
        request.user.is_operator or roles.is_applicant(request.user, application.organization_id)
    ):
        raise Http404
    return application


class ApplicationEditView(VersionedEditView):
    access = MEMBER
    template_name = FORM_PAGE
    form_class = forms.ApplicationForm
    record_name = "application"
    detail = "permits:application_detail"
    done = gettext_lazy("The draft was saved.")

    def get_record(self, request: AuthenticatedHttpRequest, pk: int) -> Application:
        return _get_own_application(request, pk)

    def form_kwargs(self, record: Application) -> dict[str, Any]:
        return {"extension": record.kind == Application.Kind.EXTENSION}

    def save(self, record: Application, **edit: Any) -> object:
        return services.application_update(application_id=record.pk, **edit)


def section_label(name: str) -> str:
    return {
        "profile": _("Organization profile"),
        "documents": _("Documents"),
        "programmes": _("Programmes and regions"),
        "partner_ministry": _("Proposed partner ministry"),
        "funds": _("Sources and amounts of funds"),
        "local_partners": _("Local partners"),
        "changes": _("What changed"),
    }.get(name, name)


def section_url(application: Application, name: str) -> str:
    """Where a task-list item or a "Change" link opens: the section of the edit page (the
    documents: the checklist with its upload form on the application page)."""
    if name == "documents":
        return reverse("permits:application_detail", args=[application.pk]) + "#documents"
    return reverse("permits:application_edit", args=[application.pk]) + f"#section-{name}"


PROGRESS_LABELS = {
    "completed": lambda: _("Completed"),
    "in_progress": lambda: _("In progress"),
    "not_started": lambda: _("Not started"),
}


def task_rows(application: Application, *, editable: bool) -> list[dict[str, Any]]:
    """The task list (issue 16 §1): one item per section, a link to it while the applicant can
    still change it, and its tag: Completed, In progress or Not started."""
    can_change = editable and application.status in (
        Application.Status.DRAFT,
        Application.Status.RETURNED,
    )
    return [
        {
            "name": name,
            "label": section_label(name),
            "state": state,
            "state_label": PROGRESS_LABELS[state](),
            "url": section_url(application, name) if can_change else "",
        }
        for name, state in validation.section_progress(application).items()
    ]


def detail_context(request: AuthenticatedHttpRequest, application: Application) -> dict[str, Any]:
    user = request.user
    secretariat = roles.can_act_for_secretariat(user, application.track)
    applicant = user.is_operator or roles.is_applicant(user, application.organization_id)
    reviews = list(application.reviews.all())
    checklist = documents.checklist_rows(application)
    review_rows = [
        {
            "review": r,
            "text_visible": selectors.review_text_visible(
                review=r, user=user, application=application
            ),
        }
        for r in reviews
    ]
    return {
        "application": application,
        "sections": validation.section_status(application),
        "tasks": task_rows(application, editable=applicant),
        "query_reason_labels": [
            QueryReason(code).label if code in QueryReason.values else code
            for code in application.query_reasons or []
        ],
        "checklist": checklist,
        "review_rows": review_rows,
        "is_secretariat": secretariat,
        "is_applicant": applicant,
        "sees_reviews": user.is_government or user.is_operator,
        "document_form": forms.DocumentForm(),
        "confirm_form": forms.DocumentConfirmForm(),
        "change_rows": documents.change_rows(application),
        "unconfirmed": [
            row for row in checklist if row["document"] and row["document"].needs_confirmation
        ],
        "return_form": forms.ReturnForm(),
        "answer_form": forms.AnswerForm(),
        "circulate_form": forms.CirculateForm(),
        "deliberation_form": forms.DeliberationForm(initial={"held_on": today()}),
        "presentation": services.latest_presentation(application),
        "presentation_form": forms.PresentationScheduleForm(user=user),
        "presentation_record_form": forms.PresentationRecordForm(initial={"held_on": today()}),
        "decision_form": forms.DecisionForm(),
        "withdraw_form": forms.WithdrawForm(),
        "objections": services.unresolved_objections(application),
        "history": audit_history(target=application),
        "today": today(),
    }


class ApplicationDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        return render(
            request, "permits/application_detail.html", detail_context(request, application)
        )


class ApplicationDocumentView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = _get_own_application(request, pk)
        form = forms.DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            act_and_flash(
                request,
                lambda: services.application_document_upload(
                    application_id=application.pk,
                    item=form.cleaned_data["item"],
                    upload=form.cleaned_data["file"],
                    expires_on=form.cleaned_data["expires_on"],
                    actor=request.user,
                ),
                done=_("The document was stored."),
                told=refusal_in_one_message,
            )
        else:
            messages.error(request, _("Choose a checklist item and a file."))
        return redirect("permits:application_detail", pk=application.pk)


def _shown(value: Any) -> str:
    text = str(value if value is not None else "").strip()
    return text or "—"


def check_sections(application: Application) -> list[dict[str, Any]]:
    """Every answer of the application by section, as the check-your-answers page lists them,
    each section with its "Change" link."""
    profile = application.profile or {}
    labels = {name: field.label for name, field in forms.ApplicationForm().fields.items()}
    labels["changes_summary"] = _("What changed since the current izin prinsip")
    docs: dict[str, Any] = {}
    for document in application.documents.all():
        current = docs.get(document.item)
        if current is None or document.version > current.version:
            docs[document.item] = document
    rows: dict[str, list[tuple[str, Any]]] = {
        "profile": [
            (str(labels[k]), country_name(profile.get(k)) if k == "country" else profile.get(k))
            for k in services.PROFILE_FIELDS
        ],
        "documents": [
            (
                str(label),
                f"{docs[code].original_name} (v{docs[code].version})"
                if code in docs
                else (_("Missing") if required else _("Not provided")),
            )
            for code, label, required in DOCUMENT_ITEMS
        ],
        "programmes": [
            (str(labels["programmes"]), application.programmes),
            (str(labels["provinces"]), ", ".join(str(p) for p in application.provinces.all())),
        ],
        "partner_ministry": [(str(labels["partner_ministry"]), application.partner_ministry)],
        "funds": [
            (str(labels["funding_sources"]), application.funding_sources),
            (
                str(labels["funding_amount"]),
                money(application.funding_amount, application.funding_currency),
            ),
        ],
        "local_partners": [
            (str(labels["local_partners"]), ", ".join(application.local_partner_list))
        ],
        "changes": [(str(labels["changes_summary"]), application.changes_summary)],
    }
    return [
        {
            "name": name,
            "label": section_label(name),
            "url": section_url(application, name),
            "rows": [(label, _shown(value)) for label, value in rows[name]],
        }
        for name in validation.section_status(application)
    ]


class ApplicationCheckView(AccessMixin, View):
    """Check your answers: every answer with a "Change" link to its section, and the only
    place an application is submitted from (issue 16 §1)."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = _get_own_application(request, pk)
        if application.status != Application.Status.DRAFT:
            return redirect("permits:application_detail", pk=application.pk)
        missing = validation.missing_sections(application)
        problems = [
            {"text": f"{section_label(name)}: {' '.join(texts)}", "anchor": f"check-{name}"}
            for name, texts in missing.items()
        ]
        context = {
            "application": application,
            "sections": check_sections(application),
            "problems": problems,
        }
        return render(request, "permits/application_check.html", context)


class ApplicationSubmittedView(AccessMixin, View):
    """The confirmation panel after submitting: the reference, what happens next and the
    expected time from the processing-time statistics."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = _get_own_application(request, pk)
        if application.status == Application.Status.DRAFT:
            return redirect("permits:application_check", pk=application.pk)
        context = {
            "application": application,
            "expected_days": selectors.expected_processing_days(
                kind=application.kind, track=application.track
            ),
            "min_cases": setting("STATISTICS_MIN_CASES"),
        }
        return render(request, "permits/application_submitted.html", context)
