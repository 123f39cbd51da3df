"""Meeting pages. Objects come only through scoped selectors; writes only through services."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.pages import (
    VersionedEditView,
    act_and_flash,
    create_form_page,
    create_or_form_page,
    page_context,
    saved_or_shown_again,
)

from . import selectors, services
from .forms import (
    ActionItemForm,
    ActionItemStatusForm,
    AgendaItemForm,
    AttendeeForm,
    DecisionForm,
    InviteForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    PositionForm,
    SigningForm,
    TransitionForm,
)
from .ics import meeting_ics
from .models import Meeting
from .permissions import meeting_get_editable, meeting_is_editable_by


class MeetingListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = MeetingFilterForm(request.GET or None)
        # `?attended=1`: the meetings the viewer's agency attended (dashboard).
        attended = request.GET.get("attended") == "1"
        filters = selectors.MeetingFilters(attended=attended)
        if form.is_valid():
            d = form.cleaned_data
            filters = selectors.MeetingFilters(
                q=d["q"] or "",
                kind=d["kind"] or "",
                status=d["status"] or "",
                period_from=d["period_from"],
                period_to=d["period_to"],
                attended=attended,
            )
        qs = selectors.meeting_list(viewer=request.user, filters=filters)
        context = {"form": form, **page_context(request, qs, name="meetings")}
        return render(request, "meetings/meeting_list.html", context)


def detail_context(
    request: AuthenticatedHttpRequest, meeting: Meeting, **extra: Any
) -> dict[str, Any]:
    can_edit = meeting_is_editable_by(user=request.user, meeting=meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "can_edit": can_edit,
        "agreements": selectors.meeting_agreements(meeting=meeting, viewer=request.user),
        "history": audit_history(target=meeting),
        "transitions": services.meeting_available_transitions(meeting=meeting, actor=request.user),
    }
    if can_edit:
        context.update(
            invite_form=InviteForm(),
            attendee_form=AttendeeForm(),
            agenda_form=AgendaItemForm(),
            minutes_form=MinutesForm(),
            position_form=PositionForm(meeting=meeting),
            decision_form=DecisionForm(meeting=meeting),
            action_item_form=ActionItemForm(),
            signing_form=SigningForm(user=request.user, meeting=meeting),
        )
    context.update(extra)
    return context


class MeetingDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
        return render(request, "meetings/meeting_detail.html", detail_context(request, meeting))


class MeetingPrintView(AccessMixin, View):
    """The minutes and outcomes, laid out for printing (or saving as PDF from the browser)."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "meetings/meeting_print.html",
            {
                "meeting": meeting,
                "minutes": next(iter(meeting.minutes.all()), None),
                "agreements": selectors.meeting_agreements(meeting=meeting, viewer=request.user),
            },
        )


class MeetingIcsView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
        response = HttpResponse(
            meeting_ics(meeting, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
        return response


CREATE_FORM = "meetings.create"


class MeetingCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = MeetingForm(user=request.user)
        return create_form_page(request, "meetings/meeting_form.html", form, scope=CREATE_FORM)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = MeetingForm(request.POST, user=request.user)
        return create_or_form_page(
            request,
            form,
            template="meetings/meeting_form.html",
            scope=CREATE_FORM,
            create=lambda: services.meeting_create(data=form.to_input(), actor=request.user),
            url_of=meeting_url,
            fallback=reverse("meetings:list"),
            done=_("The meeting was saved."),
        )


class MeetingUpdateView(VersionedEditView):
    access = EDITOR
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm
    record_name = "meeting"
    detail = "meetings:detail"
    done = gettext_lazy("The meeting was saved.")

    def get_record(self, request: AuthenticatedHttpRequest, pk: int) -> Meeting:
        return meeting_get_editable(user=request.user, pk=pk)

    def form_kwargs(self, record: Meeting) -> dict[str, Any]:
        return {"user": self.request.user}

    def save(self, record: Meeting, **edit: Any) -> object:
        return services.meeting_update(meeting_id=record.pk, **edit)


class MeetingTransitionView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int, transition: str) -> HttpResponse:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        form = TransitionForm(request.POST)
        reason = form.data.get("reason", "") if form.is_valid() else ""
        act_and_flash(
            request,
            lambda: services.meeting_transition(
                meeting_id=meeting.pk, transition=transition, actor=request.user, reason=reason
            ),
            done=_("The meeting's status was changed."),
        )
        return redirect("meetings:detail", pk=meeting.pk)


class _MeetingFormPostView(AccessMixin, View):
    """POST one of the detail page's forms; on an error, the page again with the messages."""

    access = EDITOR
    form_name = ""
    success = ""
    anchor = ""

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        raise NotImplementedError

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        raise NotImplementedError

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        form = self.make_form(request, meeting)
        return saved_or_shown_again(
            request,
            form,
            lambda data: self.perform(request, meeting, data),
            done=self.success_message(),
            then=redirect(f"{meeting_url(meeting)}#{self.anchor}"),
            template="meetings/meeting_detail.html",
            context=lambda: detail_context(
                request,
                selectors.meeting_get_for_user(user=request.user, pk=pk),
                **{self.form_name: form, "open_form": self.form_name},
            ),
        )

    def success_message(self) -> str:
        return _("Saved.")


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def _agenda_id(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


class MeetingInviteView(_MeetingFormPostView):
    form_name, anchor = "invite_form", "invited-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return InviteForm(request.POST)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_invite_body(
            meeting_id=meeting.pk,
            body=data["body"],
            description=data["description"],
            email=data["email"],
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The body was invited.")


class MeetingAttendeeAddView(_MeetingFormPostView):
    form_name, anchor = "attendee_form", "attendees-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return AttendeeForm(request.POST)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_attendee_add(
            meeting_id=meeting.pk,
            name=data["name"],
            title=data["title"],
            body=data["body"],
            organization=data["organization"],
            role=data["role"],
            represents=data["represents"],
            email=data["email"],
            attended=True if data["attended"] else None,
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The attendee was added.")


class MeetingAttendanceView(AccessMixin, View):
    """Record who attended: one checkbox per attendee (`attended` = the ids present)."""

    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        present = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
        act_and_flash(
            request,
            lambda: services.meeting_attendance_record(
                meeting_id=meeting.pk,
                attended={a.pk: a.pk in present for a in meeting.attendees.all()},
                actor=request.user,
            ),
            done=_("The attendance was recorded."),
        )
        return redirect(meeting_url(meeting) + "#attendees-heading")


class MeetingAgendaItemAddView(_MeetingFormPostView):
    form_name, anchor = "agenda_form", "agenda-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return AgendaItemForm(request.POST)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_agenda_item_add(
            meeting_id=meeting.pk,
            title=data["title"],
            description=data["description"],
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The agenda item was added.")


class MeetingMinutesAddView(_MeetingFormPostView):
    form_name, anchor = "minutes_form", "minutes-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return MinutesForm(request.POST)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_minutes_add(meeting_id=meeting.pk, text=data["text"], actor=request.user)

    def success_message(self) -> str:
        return _("A new version of the minutes was saved.")


class MeetingPositionAddView(_MeetingFormPostView):
    form_name, anchor = "position_form", "positions-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return PositionForm(request.POST, meeting=meeting)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_position_record(
            meeting_id=meeting.pk,
            agenda_item_id=_agenda_id(data["agenda_item"]),
            body=data["body"],
            stance=data["stance"],
            note=data["note"],
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The position was recorded.")


class MeetingDecisionAddView(_MeetingFormPostView):
    form_name, anchor = "decision_form", "decisions-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return DecisionForm(request.POST, meeting=meeting)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_decision_add(
            meeting_id=meeting.pk,
            agenda_item_id=_agenda_id(data["agenda_item"]),
            text=data["text"],
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The decision was recorded.")


class MeetingActionItemAddView(_MeetingFormPostView):
    form_name, anchor = "action_item_form", "action-items-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return ActionItemForm(request.POST)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_action_item_add(
            meeting_id=meeting.pk,
            text=data["text"],
            owner_body=data["owner_body"],
            owner_person=data["owner_person"],
            due_date=data["due_date"],
            actor=request.user,
        )

    def success_message(self) -> str:
        return _("The action item was added.")


class MeetingActionItemStatusView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        item = meeting.action_items.filter(pk=item_pk).first()
        form = ActionItemStatusForm(request.POST)
        if item is None:
            from django.http import Http404

            raise Http404
        if not form.is_valid():
            messages.error(request, _("Unknown status."))
        else:
            act_and_flash(
                request,
                lambda: services.meeting_action_item_set_status(
                    action_item_id=item.pk, status=form.cleaned_data["status"], actor=request.user
                ),
                done=_("The action item was updated."),
            )
        return redirect(meeting_url(meeting) + "#action-items-heading")


class MeetingSigningView(_MeetingFormPostView):
    form_name, anchor = "signing_form", "outcomes-heading"

    def make_form(self, request: AuthenticatedHttpRequest, meeting: Meeting) -> forms.Form:
        return SigningForm(request.POST, user=request.user, meeting=meeting)

    def perform(
        self, request: AuthenticatedHttpRequest, meeting: Meeting, data: dict[str, Any]
    ) -> None:
        services.meeting_record_signing(
            meeting=meeting, agreements=list(data["agreements"]), actor=request.user
        )

    def success_message(self) -> str:
        return _("The signing was recorded on the agreements.")


class MeetingSendInvitationsView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        act_and_flash(
            request,
            lambda: services.meeting_send_invitations(meeting_id=meeting.pk, actor=request.user),
            done=lambda recipients: (
                _("Invitations were sent to %(n)d recipients.") % {"n": len(recipients)}
            ),
        )
        return redirect(meeting_url(meeting) + "#invited-heading")
