"""Foreign staff pages (issue 15 §2): requests for each role, person records. Objects come
only through scoped selectors (404 outside the scope); writes only through services, which
re-check the actor (403 here when the viewer may not act at all)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import MEMBER, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors
from mitra.core.pages import saved_or_shown_again
from mitra.permits.conf import setting

from . import forms, selectors, services
from .models import StaffRequest

LIST_SIZE = 100


class HomeView(AccessMixin, View):
    """The requests and persons the viewer may see; the representative's request button."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        user = request.user
        status = request.GET.get("status", "")
        return render(
            request,
            "staff/home.html",
            {
                "requests": list(selectors.request_list(viewer=user, status=status)[:LIST_SIZE]),
                "persons": list(selectors.person_list(viewer=user)[:LIST_SIZE]),
                "statuses": StaffRequest.Status.choices,
                "status": status,
                "can_request": user.organization_id is not None
                and services.can_request(user, user.organization_id),
                "cap": setting("STAFF_MAX_ACTIVE"),
                "years": setting("STAFF_MAX_YEARS"),
            },
        )


class RequestCreateView(AccessMixin, View):
    """A representative asks for the approval of a foreign staff member."""

    access = MEMBER

    def _organization_id(self, request: AuthenticatedHttpRequest) -> int:
        user = request.user
        if not user.organization_id or not services.can_request(user, user.organization_id):
            raise PermissionDenied
        return int(user.organization_id)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        self._organization_id(request)
        return render(request, "staff/request_form.html", {"form": forms.StaffRequestForm()})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organization_id = self._organization_id(request)
        form = forms.StaffRequestForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            ministry = data.pop("partner_ministry")
            try:
                created = services.staff_request_create(
                    organization_id=organization_id,
                    data=services.StaffRequestInput(partner_ministry_id=ministry.pk, **data),
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The request was filed."))
                return redirect("staff:request_detail", pk=created.pk)
        return render(request, "staff/request_form.html", {"form": form}, status=400)


def _request_context(
    request: AuthenticatedHttpRequest, staff_request: StaffRequest, **forms_: Any
) -> dict[str, Any]:
    user = request.user
    status = StaffRequest.Status
    can_recommend = staff_request.status == status.REQUESTED and services.can_recommend(
        user, staff_request
    )
    can_decide = staff_request.status in StaffRequest.OPEN_STATES and services.can_decide(user)
    return {
        "object": staff_request,
        "person": staff_request.person,
        "private": selectors.sees_private_data(user, staff_request.person),
        "can_recommend": can_recommend,
        "can_approve": can_decide and staff_request.status == status.RECOMMENDED,
        "can_refuse": can_recommend or can_decide,
        "can_record_stay_permit": staff_request.status == status.APPROVED
        and services.can_record_stay_permit(user, staff_request.organization_id),
        "recommend_form": forms_.get("recommend") or forms.RecommendForm(),
        "refuse_form": forms_.get("refuse") or forms.RefuseForm(),
        "approve_form": forms_.get("approve") or forms.ApproveForm(),
        "stay_permit_form": forms_.get("stay_permit") or forms.StayPermitForm(),
        "history": audit_history(target=staff_request),
    }


class RequestDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        staff_request = selectors.request_get_for_user(user=request.user, pk=pk)
        return render(
            request, "staff/request_detail.html", _request_context(request, staff_request)
        )


ACTIONS: dict[str, Any] = {
    "recommend": (forms.RecommendForm, _("The recommendation was recorded.")),
    "refuse": (forms.RefuseForm, _("The request was refused.")),
    "approve": (forms.ApproveForm, _("The request was approved and the assignment recorded.")),
    "stay_permit": (forms.StayPermitForm, _("The stay permit was recorded.")),
}


class RequestActionView(AccessMixin, View):
    """POST only: recommend, refuse, approve, record the stay permit."""

    access = MEMBER

    def _allowed(self, request: AuthenticatedHttpRequest, item: StaffRequest, action: str) -> bool:
        user = request.user
        if action == "recommend":
            return services.can_recommend(user, item)
        if action == "refuse":
            return services.can_decide(user) or services.can_recommend(user, item)
        if action == "approve":
            return services.can_decide(user)
        return services.can_record_stay_permit(user, item.organization_id)

    def _save(
        self, request: AuthenticatedHttpRequest, pk: int, action: str, data: dict[str, Any]
    ) -> None:
        if action == "recommend":
            services.staff_request_recommend(request_id=pk, note=data["note"], actor=request.user)
        elif action == "refuse":
            services.staff_request_refuse(request_id=pk, reason=data["reason"], actor=request.user)
        elif action == "approve":
            services.staff_request_approve(request_id=pk, actor=request.user, **data)
        else:
            services.staff_request_record_stay_permit(
                request_id=pk, data=services.StayPermitInput(**data), actor=request.user
            )

    def post(self, request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
        if action not in ACTIONS:
            raise Http404
        staff_request = selectors.request_get_for_user(user=request.user, pk=pk)
        if not self._allowed(request, staff_request, action):
            raise PermissionDenied
        form_class, done = ACTIONS[action]
        form = form_class(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: self._save(request, pk, action, data),
            done=done,
            then=redirect("staff:request_detail", pk=pk),
            template="staff/request_detail.html",
            context=lambda: _request_context(
                request, selectors.request_get_for_user(user=request.user, pk=pk), **{action: form}
            ),
        )


class PersonDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        return render(request, "staff/person_detail.html", _person_context(request, person))


def _person_context(
    request: AuthenticatedHttpRequest, person: Any, form: Any = None
) -> dict[str, Any]:
    summary = selectors.person_summary(person=person, viewer=request.user)
    can_edit = summary["private"] and services.can_edit_documents(request.user, person)
    if form is None and can_edit:
        form = forms.DocumentsForm(
            initial={name: getattr(person, name) for name in services.PRIVATE_FIELDS}
        )
    return {
        "person": person,
        **summary,
        "years": setting("STAFF_MAX_YEARS"),
        "can_edit": can_edit,
        "form": form,
        "requests": list(selectors.request_list(viewer=request.user).filter(person=person)),
    }


class PersonDocumentsView(AccessMixin, View):
    """POST only: a renewed passport or stay permit."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        if not (
            selectors.sees_private_data(request.user, person)
            and services.can_edit_documents(request.user, person)
        ):
            raise PermissionDenied
        form = forms.DocumentsForm(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.staff_person_update_documents(
                person_id=person.pk,
                data=services.PersonDocumentsInput(**data),
                actor=request.user,
            ),
            done=_("The documents were saved."),
            then=redirect("staff:person_detail", pk=pk),
            template="staff/person_detail.html",
            context=lambda: _person_context(request, person, form),
        )
