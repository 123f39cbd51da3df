"""Sanction case pages. Objects come only through scoped selectors; writes through services."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors

from . import ladder, selectors, services
from .forms import (
    EvidenceForm,
    MoveForm,
    NotesForm,
    ObjectionDecisionForm,
    ObjectionForm,
    ReplyForm,
    SanctionCaseForm,
)
from .models import SanctionCase


class SanctionCaseListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        q = request.GET.get("q", "")[:200]
        active = request.GET.get("active") == "1"  # cases on a sanction step (dashboard)
        qs = selectors.sanction_case_list(viewer=request.user, status=status, q=q, active=active)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "sanctions/sanctioncase_list.html",
            {
                "page_obj": page,
                "cases": page.object_list,
                "status": status,
                "q": q,
                "statuses": SanctionCase.Status.choices,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
                "can_report": request.user.can_edit_records,
            },
        )


class SanctionCaseCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        initial = {}
        org = request.GET.get("organization", "")
        if org.isdigit():
            initial["organization"] = int(org)
        return render(
            request, "sanctions/sanctioncase_form.html", {"form": SanctionCaseForm(initial=initial)}
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = SanctionCaseForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                case = services.sanction_case_open(
                    organization=d["organization"],
                    violation=d["violation"],
                    articles=d["articles"],
                    source=d["source"],
                    source_detail=d["source_detail"],
                    reported_on=d["reported_on"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The sanction case was recorded."))
                if SanctionCase.objects.visible_to(request.user).filter(pk=case.pk).exists():
                    return redirect("sanctions:detail", pk=case.pk)
                return redirect("sanctions:list")
        return render(request, "sanctions/sanctioncase_form.html", {"form": form}, status=400)


def detail_context(
    request: AuthenticatedHttpRequest, case: SanctionCase, **extra: Any
) -> dict[str, Any]:
    internal = selectors.sees_internal(request.user)
    steps = case.steps.all()
    replies = selectors.sanction_case_replies(case=case)
    objections = selectors.sanction_case_objections(case=case)
    step = services.current_step(case)
    representative = selectors.is_representative_of(request.user, case)
    today_ = today()
    reply_due = services.reply_due(step) if step is not None else None
    objection_due = (
        services.objection_due(step)
        if step is not None and services.objection_possible(case, step)
        else None
    )
    objected = step is not None and any(o.step_id == step.pk for o in objections)
    side = {
        "current_step": step,
        "reply_due": reply_due,
        "objection_due": objection_due,
        "replies": replies,
        "objections": objections,
        "timeline": selectors.sanction_case_timeline(
            steps=steps, replies=replies, objections=objections
        ),
        "can_reply": representative and reply_due is not None and today_ <= reply_due,
        "can_object": representative
        and objection_due is not None
        and today_ <= objection_due
        and not objected,
        "can_decide": services.can_decide_objections(request.user),
        "reply_form": extra.get("reply_form") or ReplyForm(),
        "objection_form": extra.get("objection_form") or ObjectionForm(),
        "decision_form": extra.get("decision_form") or ObjectionDecisionForm(),
    }
    return {
        **side,
        "case": case,
        "internal": internal,
        "steps": steps,
        "ladder_steps": ladder.steps(case.ladder),
        "evidence": selectors.sanction_evidence_for_user(user=request.user, case=case),
        "actions": services.sanction_case_available_actions(case=case, actor=request.user),
        "move_form": extra.get("move_form") or MoveForm(),
        "notes_form": extra.get("notes_form")
        or NotesForm(
            initial={
                "assessment_notes": case.assessment_notes,
                "public_outcome": case.public_outcome,
            }
        ),
        "evidence_form": extra.get("evidence_form") or EvidenceForm(),
        "can_move": selectors.can_move(request.user),
        "history": audit_history(target=case) if internal else [],
        **extra,
    }


class SanctionCaseDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(request, "sanctions/sanctioncase_detail.html", detail_context(request, case))


class SanctionCaseMoveView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
        case = selectors.sanction_case_get_editable(user=request.user, pk=pk)
        form = MoveForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.sanction_case_move(
                    case_id=case.pk,
                    data=services.MoveInput(
                        action=action,
                        legal_basis=d["legal_basis"],
                        authority=d["authority"],
                        issued_on=d["issued_on"],
                        notes=d["notes"],
                        notified_bodies=d["notified_bodies"],
                        parties_notified=d["parties_notified"],
                        immigration_referral=d["immigration_referral"],
                        criminal_referral=d["criminal_referral"],
                    ),
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The sanction case was updated."))
                return redirect("sanctions:detail", pk=case.pk)
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "sanctions/sanctioncase_detail.html",
            detail_context(request, case, move_form=form, failed_action=action),
            status=400,
        )


class SanctionCaseNotesView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = selectors.sanction_case_get_editable(user=request.user, pk=pk)
        form = NotesForm(request.POST)
        if form.is_valid():
            services.sanction_case_update_notes(
                case_id=case.pk,
                assessment_notes=form.cleaned_data["assessment_notes"],
                public_outcome=form.cleaned_data["public_outcome"],
                actor=request.user,
            )
            messages.success(request, _("The notes were saved."))
        return redirect("sanctions:detail", pk=case.pk)


class SanctionEvidenceUploadView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = selectors.sanction_case_get_editable(user=request.user, pk=pk)
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.sanction_evidence_upload(
                    case_id=case.pk,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    internal=form.cleaned_data["internal"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The document was stored."))
                return redirect("sanctions:detail", pk=case.pk)
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "sanctions/sanctioncase_detail.html",
            detail_context(request, case, evidence_form=form),
            status=400,
        )


class SanctionEvidenceDownloadView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> FileResponse:
        evidence = selectors.sanction_evidence_get_for_user(
            user=request.user, pk=pk, evidence_pk=evidence_pk
        )
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )


class SanctionReplyView(AccessMixin, View):
    """The organization's representatives answer the step their case stands at."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = selectors.sanction_case_get_for_representative(user=request.user, pk=pk)
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.sanction_reply_submit(
                    case_id=case.pk,
                    text=form.cleaned_data["text"],
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("Your reply was sent to the secretariat."))
                return redirect("sanctions:detail", pk=case.pk)
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "sanctions/sanctioncase_detail.html",
            detail_context(request, case, reply_form=form),
            status=400,
        )


class SanctionObjectionView(AccessMixin, View):
    """The organization's representatives object (keberatan) to the current step."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = selectors.sanction_case_get_for_representative(user=request.user, pk=pk)
        form = ObjectionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.sanction_objection_file(
                    case_id=case.pk,
                    grounds=form.cleaned_data["grounds"],
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("Your objection was filed."))
                return redirect("sanctions:detail", pk=case.pk)
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "sanctions/sanctioncase_detail.html",
            detail_context(request, case, objection_form=form),
            status=400,
        )


class SanctionObjectionDecideView(AccessMixin, View):
    """The deciding authority (settings.MITRA["SANCTION_OBJECTION"]) decides an objection."""

    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
        objection = selectors.sanction_objection_get_decidable(
            user=request.user, pk=pk, objection_pk=objection_pk
        )
        form = ObjectionDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.sanction_objection_decide(
                    objection_id=objection.pk,
                    outcome=form.cleaned_data["outcome"],
                    decision=form.cleaned_data["decision"],
                    decided_on=form.cleaned_data["decided_on"],
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The decision on the objection was recorded."))
                return redirect("sanctions:detail", pk=pk)
        case = selectors.sanction_case_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "sanctions/sanctioncase_detail.html",
            detail_context(request, case, decision_form=form),
            status=400,
        )
