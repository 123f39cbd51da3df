"""Licensing pages. Objects come only through scoped selectors; writes only through services."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history, audit_last_event
from mitra.core.access import EDITOR, GOVERNMENT, MEMBER, AccessMixin, public_view
from mitra.core.cache import cache_public_page
from mitra.core.charts import build_timeline
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError, StaleVersion
from mitra.core.forms import (
    already_submitted,
    apply_application_errors,
    create_once,
    form_token_for,
    stale_context,
    submitted_version,
)
from mitra.core.templatetags.mitra_format import country_name, money
from mitra.deadlines.engine import period_in_force
from mitra.organizations.selectors import organization_get_for_user

from . import document_views, forms, roles, selectors, services, validation
from .conf import RULE_EXTENSION_FILING, setting
from .models import (
    DOCUMENT_ITEMS,
    AgencyReview,
    Application,
    IzinOperasional,
    Permit,
    QueryReason,
    Track,
)


def _error_message(error: ApplicationError) -> str:
    parts = [error.message]
    for messages_ in error.extra.values():
        parts.extend(str(m) for m in (messages_ if isinstance(messages_, list) else [messages_]))
    return " ".join(parts)


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

    def _context(
        self, request: AuthenticatedHttpRequest, organization: Any, form: Any
    ) -> dict[str, Any]:
        on_behalf = None if organization.pk == request.user.organization_id else organization
        token = form_token_for(request, APPLICATION_CREATE_FORM)
        return {"form": form, "on_behalf_of": on_behalf, "form_token": token}

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organization = self._organization(request)
        initial = services.initial_from_organization(organization)
        form = forms.ApplicationForm(initial=initial.profile)
        context = self._context(request, organization, form)
        return render(request, "permits/application_form.html", context)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organization = self._organization(request)
        form = forms.ApplicationForm(request.POST)
        if form.is_valid():
            try:
                application, first = create_once(
                    request,
                    scope=APPLICATION_CREATE_FORM,
                    create=lambda: services.application_create(
                        organization=organization, data=form.to_input(), actor=request.user
                    ),
                    url_of=lambda a: reverse("permits:application_detail", args=[a.pk]),
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                if application is None:  # a second submit of the same form
                    already_submitted(request)
                    return redirect(first or reverse("permits:application_list"))
                messages.success(request, _("The draft was saved."))
                return redirect("permits:application_detail", pk=application.pk)
        context = self._context(request, organization, form)
        return render(request, "permits/application_form.html", context, status=400)


def _get_own_application(request: AuthenticatedHttpRequest, pk: int) -> Application:
    """SECURITY: visible and the user's own organization's (or an operator): else 404."""
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if not (
        request.user.is_operator or roles.is_applicant(request.user, application.organization_id)
    ):
        raise Http404
    return application


class ApplicationEditView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = _get_own_application(request, pk)
        form = forms.ApplicationForm(
            initial=forms.ApplicationForm.initial_from(application),
            extension=application.kind == Application.Kind.EXTENSION,
        )
        context = {"form": form, "application": application, "version": application.version}
        return render(request, "permits/application_form.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        application = _get_own_application(request, pk)
        form = forms.ApplicationForm(
            request.POST, extension=application.kind == Application.Kind.EXTENSION
        )
        context: dict[str, Any] = {
            "form": form,
            "application": application,
            "version": submitted_version(request),
        }
        if form.is_valid():
            try:
                services.application_update(
                    application_id=application.pk,
                    data=form.to_input(),
                    actor=request.user,
                    expected_version=context["version"],
                )
            except StaleVersion as error:
                current = error.current
                context |= stale_context(
                    form,
                    error=error,
                    current=forms.ApplicationForm.initial_from(current),
                    last_event=audit_last_event(target=current),
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("permits:application_detail", pk=application.pk)
        return render(request, "permits/application_form.html", context, status=400)


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
    checklist = document_views.checklist_rows(application)
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
        "change_rows": document_views.change_rows(application),
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
            try:
                services.application_document_upload(
                    application_id=application.pk,
                    item=form.cleaned_data["item"],
                    upload=form.cleaned_data["file"],
                    expires_on=form.cleaned_data["expires_on"],
                    actor=request.user,
                )
            except ApplicationError as error:
                messages.error(request, _error_message(error))
            else:
                messages.success(request, _("The document was stored."))
        else:
            messages.error(request, _("Choose a checklist item and a file."))
        return redirect("permits:application_detail", pk=application.pk)


APPLICANT_ACTIONS = {"submit", "answer", "withdraw"}
SECRETARIAT_ACTIONS = {
    "open_verification",
    "return",
    "circulate",
    "share_opinions",
    "schedule_presentation",
    "record_presentation",
    "open_deliberation",
    "deliberate",
    "decide",
}


ACTION_DONE = {
    "answer": lambda: _("Your answer was sent and the application resubmitted."),
    "withdraw": lambda: _("The application was withdrawn."),
    "open_verification": lambda: _("Verification started."),
    "return": lambda: _("The application was returned for revision."),
    "circulate": lambda: _("The application was circulated to the members."),
    "share_opinions": lambda: _("The opinions were shared with all members."),
    "open_deliberation": lambda: _("The application went to deliberation."),
    "deliberate": lambda: _("The deliberation was recorded."),
    "decide": lambda: _("The decision was recorded."),
}


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


class ApplicationActionView(AccessMixin, View):
    """One POST endpoint per move; the service re-checks the actor and the state."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
        application = selectors.application_get_for_user(user=request.user, pk=pk)
        user = request.user
        if action in APPLICANT_ACTIONS:
            if not (user.is_operator or roles.is_applicant(user, application.organization_id)):
                raise Http404
        elif action in SECRETARIAT_ACTIONS:
            if not roles.can_act_for_secretariat(user, application.track):
                raise Http404
        else:
            raise Http404
        if action == "submit" and request.POST.get("checked") != "1":
            # Submitted only from the check-your-answers page (issue 16 §1).
            return redirect("permits:application_check", pk=application.pk)
        try:
            self._run(request, application, action)
        except ApplicationError as error:
            messages.error(request, _error_message(error))
            if action == "submit":
                return redirect("permits:application_check", pk=application.pk)
        else:
            if action == "submit":
                return redirect("permits:application_submitted", pk=application.pk)
            messages.success(request, ACTION_DONE.get(action, lambda: _("Saved."))())
        return redirect("permits:application_detail", pk=application.pk)

    def _run(
        self, request: AuthenticatedHttpRequest, application: Application, action: str
    ) -> None:
        user, pk = request.user, application.pk
        if action == "submit":
            services.application_submit(application_id=pk, actor=user)
        elif action == "withdraw":
            services.application_withdraw(
                application_id=pk, actor=user, reason=request.POST.get("reason", "")
            )
        elif action == "answer":
            services.application_resubmit(
                application_id=pk, actor=user, response_text=request.POST.get("response_text", "")
            )
        elif action == "open_verification":
            services.application_open_verification(application_id=pk, actor=user)
        elif action == "share_opinions":
            services.application_share_opinions(application_id=pk, actor=user)
        elif action == "open_deliberation":
            services.application_open_deliberation(application_id=pk, actor=user)
        elif action in ("schedule_presentation", "record_presentation"):
            self._presentation(request, application, action)
        else:
            form_class = {
                "return": forms.ReturnForm,
                "circulate": forms.CirculateForm,
                "deliberate": forms.DeliberationForm,
                "decide": forms.DecisionForm,
            }[action]
            form = form_class(request.POST)
            if not form.is_valid():
                raise ApplicationError(
                    _("Check the form."),
                    {k: [str(m) for m in v] for k, v in form.errors.items()},
                )
            d = form.cleaned_data
            if action == "return":
                services.application_return(
                    application_id=pk,
                    reasons=d["reasons"],
                    text=d["text"],
                    deadline=d["deadline"],
                    actor=user,
                )
            elif action == "circulate":
                services.application_circulate(
                    application_id=pk,
                    technical_ministries=d["technical_ministries"],
                    due_date=d["due_date"],
                    actor=user,
                )
            elif action == "deliberate":
                services.deliberation_record(
                    application_id=pk,
                    held_on=d["held_on"],
                    agencies_present=d["agencies_present"],
                    recommendation=d["recommendation"],
                    notes=d["notes"],
                    override_reason=d["override_reason"],
                    actor=user,
                )
            else:
                services.application_decide(
                    application_id=pk,
                    approve=d["decision"] == "approve",
                    valid_from=d["valid_from"],
                    valid_until=d["valid_until"],
                    conditions=d["conditions"],
                    legal_basis=d["legal_basis"],
                    reasons=d["reasons"],
                    text=d["text"],
                    override_reason=d["override_reason"],
                    decided_on=d["decided_on"],
                    actor=user,
                )

    def _presentation(
        self, request: AuthenticatedHttpRequest, application: Application, action: str
    ) -> None:
        user, pk = request.user, application.pk
        if action == "schedule_presentation":
            form: Any = forms.PresentationScheduleForm(request.POST, user=user)
        else:
            form = forms.PresentationRecordForm(request.POST)
        if not form.is_valid():
            raise ApplicationError(
                _("Check the form."), {k: [str(m) for m in v] for k, v in form.errors.items()}
            )
        d = form.cleaned_data
        if action == "schedule_presentation":
            services.presentation_schedule(
                application_id=pk,
                scheduled_for=d["scheduled_for"],
                place=d["place"],
                meeting=d["meeting"],
                actor=user,
            )
        else:
            services.presentation_record(
                application_id=pk,
                held_on=d["held_on"],
                agencies_present=d["agencies_present"],
                notes=d["notes"],
                actor=user,
            )


class ReviewInboxView(AccessMixin, View):
    """A member agency's open reviews with their due dates."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        # `?overdue=1`: a secretariat's overdue member reviews (its tracks, every agency).
        overdue = request.GET.get("overdue") == "1"
        track = request.GET.get("track", "")
        track = track if track in Track.values else ""
        if overdue:
            qs = selectors.overdue_member_reviews(viewer=request.user, track=track)
        else:
            qs = selectors.review_inbox(viewer=request.user)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "permits/review_inbox.html",
            {
                "page_obj": page,
                "reviews": page.object_list,
                "today": today(),
                "overdue": overdue,
                "querystring": urlencode({"overdue": 1, "track": track}) if overdue else "",
            },
        )


class ReviewDetailView(AccessMixin, View):
    access = GOVERNMENT

    def _context(
        self, request: AuthenticatedHttpRequest, review: AgencyReview, form: Any = None
    ) -> Any:
        application = review.application
        own = request.user.is_operator or (
            request.user.agency is not None and request.user.agency.pk == review.agency_id
        )
        return {
            "review": review,
            "application": application,
            "text_visible": selectors.review_text_visible(
                review=review, user=request.user, application=application
            ),
            "can_decide": own and request.user.can_edit_records and not review.is_decided,
            "can_reopen": review.is_decided
            and not hasattr(review, "superseded_by")
            and request.user.can_edit_records
            and (own or roles.can_act_for_secretariat(request.user, application.track)),
            "form": form or forms.ReviewForm(),
            "today": today(),
        }

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        return render(request, "permits/review_detail.html", self._context(request, review))

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        operation = request.POST.get("operation", "decide")
        try:
            if operation == "start":
                services.review_start(review_id=review.pk, actor=request.user)
            elif operation == "reopen":
                new = services.review_reopen(review_id=review.pk, actor=request.user)
                messages.success(request, _("A new review was opened."))
                return redirect("permits:review_detail", pk=new.pk)
            else:
                form = forms.ReviewForm(request.POST)
                if not form.is_valid():
                    return render(
                        request,
                        "permits/review_detail.html",
                        self._context(request, review, form),
                        status=400,
                    )
                services.review_decide(review_id=review.pk, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, _error_message(error))
        else:
            messages.success(request, _("The opinion was recorded."))
        return redirect("permits:review_detail", pk=review.pk)


class OrganizationPermitsView(AccessMixin, View):
    """The organization's izin prinsip with their izin operasional, as a fragment the
    registry's organization page loads (htmx): an official reads at least what the public
    directory shows of an organization (issue 10 §1), and this app owns the licensing rows."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permits = (
            selectors.permit_list(viewer=request.user)
            .filter(organization_id=pk)
            .prefetch_related("operational__issuer")
            .order_by("-valid_from", "-id")
        )
        return render(request, "permits/_organization_permits.html", {"permits": permits})


class PermitListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        if status not in Permit.EffectiveStatus.values:
            status = ""
        # `?extension_window=1`: the permits whose extension window is open (dashboard).
        window = request.GET.get("extension_window") == "1"
        qs = selectors.permit_list(viewer=request.user, status=status, extension_window=window)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "permits/permit_list.html",
            {
                "page_obj": page,
                "permits": page.object_list,
                "status": status,
                "extension_window": window,
                "querystring": params.urlencode(),
                "today": today(),
            },
        )


def _permit_context(
    request: AuthenticatedHttpRequest, permit: Permit, **extra: Any
) -> dict[str, Any]:
    from mitra.agreements.models import Agreement

    now = today()
    chain = [permit]
    node = permit
    while node.previous is not None and len(chain) < 20:
        node = node.previous
        chain.insert(0, node)
    node = permit
    while hasattr(node, "extended_by") and len(chain) < 20:
        node = node.extended_by
        chain.append(node)
    rows = [
        {
            "label": p.number,
            "sublabel": f"· {p.get_status_display()}",
            "start": p.valid_from,
            "end": p.valid_until,
            "css": "timeline__bar--current" if p.pk == permit.pk else "",
            "url": "",
            "window_start": validation.extension_deadline(p.valid_until)
            if p.pk == permit.pk and p.status == Permit.Status.ACTIVE
            else None,
        }
        for p in chain
    ]
    operational: list[Any] = list(  # each also told whether the user may end it (`can_end`)
        IzinOperasional.objects.filter(permit__organization_id=permit.organization_id)
        .select_related("agreement", "issuer")
        .order_by("-valid_from")
    )
    for io in operational:
        io.can_end = io.status == IzinOperasional.Status.ACTIVE and roles.can_end_operational(
            request.user, io.issuer
        )
    rows += [
        {
            "label": io.number,
            "sublabel": f"· {io.get_status_display()}",
            "start": io.valid_from,
            "end": io.valid_until,
            "css": "",
            "url": "",
        }
        for io in operational
    ]
    user = request.user
    msps = Agreement.objects.none()
    if user.can_edit_records:
        msps = Agreement.objects.editable_by(user).filter(
            type=Agreement.Type.MSP, parties__organization_id=permit.organization_id
        )
    extension_open = Application.objects.filter(extends=permit, status__in=Application.OPEN).first()
    return {
        "permit": permit,
        "timeline": build_timeline(rows, today=now),
        "timeline_title": _("Izin prinsip and izin operasional"),
        "timeline_id": "permit-timeline",
        "operational": operational,
        "staff": list(permit.organization.foreign_staff.all()),
        "extension_deadline": validation.extension_deadline(permit.valid_until),
        "extension_late": validation.extension_is_late(permit.valid_until, now),
        "extension_open": extension_open,
        "can_extend": roles.is_applicant(user, permit.organization_id)
        and permit.in_force
        and not hasattr(permit, "extended_by")
        and extension_open is None,
        "operational_form": extra.get("operational_form") or forms.OperationalForm(agreements=msps),
        "can_add_operational": msps.exists() and permit.status == Permit.Status.ACTIVE,
        "staff_form": extra.get("staff_form") or forms.StaffForm(),
        # The acts after issue (lifecycle_views.py), each for its issuing authority.
        "can_act_for_minister": roles.can_act_for_minister(user) and permit.in_force,
        "can_end_staff": roles.can_end_staff(user),
        "can_add_staff": user.is_operator
        or (user.can_edit_records and roles.agency_key(user) == setting("STAFF_APPROVER")),
        "history": audit_history(target=permit),
        "today": now,
    }


class PermitDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        return render(request, "permits/permit_detail.html", _permit_context(request, permit))


class PermitLetterView(AccessMixin, View):
    """The decision letter, styled for printing."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        context = {
            "permit": permit,
            # The filing rule in force on the permit's end date, as the services enforce it.
            "extension_deadline": validation.extension_deadline(permit.valid_until),
            "extension_period": period_in_force(RULE_EXTENSION_FILING, permit.valid_until),
        }
        return render(request, "permits/permit_letter.html", context)


class PermitExtendView(AccessMixin, View):
    """The applicant starts an extension, pre-filled from the current record."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        if not roles.is_applicant(request.user, permit.organization_id):
            raise Http404
        try:
            application = services.application_create(
                organization=permit.organization, extends=permit, actor=request.user
            )
        except ApplicationError as error:
            messages.error(request, _error_message(error))
            return redirect("permits:permit_detail", pk=permit.pk)
        messages.success(request, _("The extension was started from the current record."))
        return redirect("permits:application_edit", pk=application.pk)


class OperationalCreateView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        from mitra.agreements.models import Agreement

        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        msps = Agreement.objects.editable_by(request.user).filter(type=Agreement.Type.MSP)
        form = forms.OperationalForm(request.POST, agreements=msps)
        if form.is_valid():
            agreement = msps.filter(pk=form.cleaned_data["agreement"]).first()
            if agreement is None:
                raise Http404
            try:
                services.izin_operasional_create(
                    permit_id=permit.pk,
                    data=services.OperationalInput(
                        number=form.cleaned_data["number"],
                        agreement=agreement,
                        valid_from=form.cleaned_data["valid_from"],
                        valid_until=form.cleaned_data["valid_until"],
                    ),
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The izin operasional was recorded."))
                return redirect("permits:permit_detail", pk=permit.pk)
        return render(
            request,
            "permits/permit_detail.html",
            _permit_context(request, permit, operational_form=form),
            status=400,
        )


class StaffCreateView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        form = forms.StaffForm(request.POST)
        if form.is_valid():
            try:
                services.staff_assignment_create(
                    organization_id=permit.organization_id,
                    data=services.StaffInput(**form.cleaned_data),
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The assignment was recorded."))
                return redirect("permits:permit_detail", pk=permit.pk)
        return render(
            request,
            "permits/permit_detail.html",
            _permit_context(request, permit, staff_form=form),
            status=400,
        )


@public_view
@cache_public_page(query=("reference",), search=("reference",))
class PublicStatusView(View):
    """Reference number → stage and who holds it. Nothing confidential."""

    def get(self, request: HttpRequest) -> HttpResponse:
        reference = request.GET.get("reference", "").strip()[:30]
        status = selectors.public_status(reference=reference) if reference else None
        return render(
            request,
            "permits/public_status.html",
            {"reference": reference, "status": status, "searched": bool(reference)},
            status=404 if reference and status is None else 200,
        )


@public_view
@cache_public_page()
class PublicStatisticsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "permits/public_statistics.html",
            {
                "rows": selectors.public_processing_statistics(),
                "min_cases": setting("STATISTICS_MIN_CASES"),
            },
        )
