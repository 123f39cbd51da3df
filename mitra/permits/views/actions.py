"""The moves of an application (submit, answer, withdraw; the secretariat's verification,
circulation, deliberation and decision), each through its service."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import application_error_text

from .. import forms, roles, selectors, services
from ..models import Application

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


def _checked(form: Any) -> dict[str, Any]:
    """The form's cleaned data; an invalid form is refused like a service refuses (its field
    messages in `extra`), shown as the move's error message."""
    if not form.is_valid():
        raise ApplicationError(
            _("Check the form."), {k: [str(m) for m in v] for k, v in form.errors.items()}
        )
    return form.cleaned_data


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
            messages.error(request, application_error_text(error))
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
            d = _checked(form_class(request.POST))
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
        d = _checked(form)
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
