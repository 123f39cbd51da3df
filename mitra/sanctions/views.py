"""Sanction case pages. Objects come only through scoped selectors; writes through services."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors
from mitra.core.pages import document_download, page_context, saved_or_shown_again

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
        return render(
            request,
            "sanctions/sanctioncase_list.html",
            {
                **page_context(request, qs, name="cases"),
                "status": status,
                "q": q,
                "statuses": SanctionCase.Status.choices,
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


class CaseFormPostView(AccessMixin, View):
    """A form posted from the case page (issue 18 §2: the one copy of this shape). A valid form
    goes to `save`; done, back to the case with `done` as the message; refused or invalid,
    the case page again (status 400) with this form, named `form_name`, showing why."""

    form_class: type[forms.Form]
    form_name: str
    done: Any  # the success message (lazy: translated when shown)

    def target(self, request: AuthenticatedHttpRequest, pk: int) -> Any:
        """What the form acts on, fetched through a scoped selector (404 outside the scope)."""
        return selectors.sanction_case_get_editable(user=request.user, pk=pk)

    def save(self, request: AuthenticatedHttpRequest, target: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def failed_context(self) -> dict[str, Any]:
        return {}

    def post(self, request: AuthenticatedHttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        target = self.target(request, pk)
        form = self.form_class(request.POST, request.FILES)
        return saved_or_shown_again(
            request,
            form,
            lambda data: self.save(request, target, data),
            done=self.done,
            then=redirect("sanctions:detail", pk=pk),
            template="sanctions/sanctioncase_detail.html",
            context=lambda: detail_context(
                request,
                selectors.sanction_case_get_for_user(user=request.user, pk=pk),
                **{self.form_name: form, **self.failed_context()},
            ),
        )


class SanctionCaseMoveView(CaseFormPostView):
    access = EDITOR
    form_class = MoveForm
    form_name = "move_form"
    done = gettext_lazy("The sanction case was updated.")

    def save(self, request: AuthenticatedHttpRequest, target: Any, data: dict[str, Any]) -> None:
        services.sanction_case_move(
            case_id=target.pk,
            data=services.MoveInput(
                action=self.kwargs["action"],
                legal_basis=data["legal_basis"],
                authority=data["authority"],
                issued_on=data["issued_on"],
                notes=data["notes"],
                notified_bodies=data["notified_bodies"],
                parties_notified=data["parties_notified"],
                immigration_referral=data["immigration_referral"],
                criminal_referral=data["criminal_referral"],
            ),
            actor=request.user,
        )

    def failed_context(self) -> dict[str, Any]:
        return {"failed_action": self.kwargs["action"]}


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


class SanctionEvidenceUploadView(CaseFormPostView):
    access = EDITOR
    form_class = EvidenceForm
    form_name = "evidence_form"
    done = gettext_lazy("The document was stored.")

    def save(self, request: AuthenticatedHttpRequest, target: Any, data: dict[str, Any]) -> None:
        services.sanction_evidence_upload(
            case_id=target.pk,
            upload=data["file"],
            title=data["title"],
            internal=data["internal"],
            actor=request.user,
        )


class SanctionEvidenceDownloadView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> FileResponse:
        evidence = selectors.sanction_evidence_get_for_user(
            user=request.user, pk=pk, evidence_pk=evidence_pk
        )
        return document_download(evidence)


class RepresentativeFormPostView(CaseFormPostView):
    """What the organization's representatives send on their case: a text (the form's
    `text_field`) with an optional document (file and title), through `submit`."""

    access = MEMBER
    text_field: str
    submit: Any  # the service (staticmethod)

    def target(self, request: AuthenticatedHttpRequest, pk: int) -> Any:
        return selectors.sanction_case_get_for_representative(user=request.user, pk=pk)

    def save(self, request: AuthenticatedHttpRequest, target: Any, data: dict[str, Any]) -> None:
        self.submit(
            case_id=target.pk,
            upload=data["file"],
            title=data["title"],
            actor=request.user,
            **{self.text_field: data[self.text_field]},
        )


class SanctionReplyView(RepresentativeFormPostView):
    """The organization's representatives answer the step their case stands at."""

    form_class = ReplyForm
    form_name = "reply_form"
    text_field = "text"
    submit = staticmethod(services.sanction_reply_submit)
    done = gettext_lazy("Your reply was sent to the secretariat.")


class SanctionObjectionView(RepresentativeFormPostView):
    """The organization's representatives object (keberatan) to the current step."""

    form_class = ObjectionForm
    form_name = "objection_form"
    text_field = "grounds"
    submit = staticmethod(services.sanction_objection_file)
    done = gettext_lazy("Your objection was filed.")


class SanctionObjectionDecideView(CaseFormPostView):
    """The deciding authority (settings.MITRA["SANCTION_OBJECTION"]) decides an objection."""

    access = EDITOR
    form_class = ObjectionDecisionForm
    form_name = "decision_form"
    done = gettext_lazy("The decision on the objection was recorded.")

    def target(self, request: AuthenticatedHttpRequest, pk: int) -> Any:
        return selectors.sanction_objection_get_decidable(
            user=request.user, pk=pk, objection_pk=self.kwargs["objection_pk"]
        )

    def save(self, request: AuthenticatedHttpRequest, target: Any, data: dict[str, Any]) -> None:
        services.sanction_objection_decide(
            objection_id=target.pk,
            outcome=data["outcome"],
            decision=data["decision"],
            decided_on=data["decided_on"],
            actor=request.user,
        )
