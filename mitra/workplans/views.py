"""Work plan pages. Objects come only through scoped selectors and the per-action checks of
permissions.py (404 outside them); writes only through services."""

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, GOVERNMENT, MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.forms import application_error_messages
from mitra.core.pages import (
    VersionedEditView,
    act_and_flash,
    create_form_page,
    create_or_form_page,
    page_context,
    saved_or_shown_again,
)

from . import selectors, services, validation
from .deadline_providers import acknowledgement_states
from .forms import (
    ActivityForm,
    ActivityTransitionForm,
    ActualsForm,
    N5InboxFilterForm,
    NotificationForm,
    WorkPlanFilterForm,
    WorkPlanForm,
)
from .models import Activity, WorkPlan
from .permissions import (
    activity_get_for_action,
    agreement_get_for_workplan_creation,
    workplan_can,
    workplan_get_for_action,
)


class WorkPlanListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = WorkPlanFilterForm(request.GET or None)
        # `?to_sign=1`: the approved RKTs the viewer's regional government signs (dashboard).
        to_sign = request.GET.get("to_sign") == "1"
        filters = selectors.WorkPlanFilters(to_sign=to_sign)
        if form.is_valid():
            d = form.cleaned_data
            filters = selectors.WorkPlanFilters(
                q=d["q"] or "",
                kind=d["kind"] or "",
                status=d["status"] or "",
                province=d["province"].pk if d["province"] else None,
                year=d["year"],
                to_sign=to_sign,
            )
        qs = selectors.workplan_list(viewer=request.user, filters=filters)
        context = {"form": form, **page_context(request, qs, name="work_plans")}
        return render(request, "workplans/workplan_list.html", context)


def detail_context(
    request: AuthenticatedHttpRequest, work_plan: WorkPlan, **extra: Any
) -> dict[str, Any]:
    user = request.user
    now = today()
    containment = selectors.workplan_containment_status(work_plan=work_plan, on=now)
    activities = list(work_plan.activities.all())
    can_implement = workplan_can(user=user, work_plan=work_plan, action="implement")
    waiting: dict[int, list[str]] = {}
    if work_plan.status in services.IMPLEMENTING:
        for activity in activities:
            if activity.status == Activity.Status.PLANNED:
                activity.work_plan = work_plan  # already loaded: no query per activity
                waiting[activity.pk] = validation.missing_notifications(activity=activity, on=now)
    rows = [(a, waiting.get(a.pk, [])) for a in activities]
    notifications = list(work_plan.notifications.all())
    acknowledgements = acknowledgement_states(notifications, on=now)
    return {
        "work_plan": work_plan,
        "agreement": work_plan.agreement,
        "activity_rows": rows,
        "notifications": notifications,
        "notification_rows": [(n, acknowledgements[n.pk]) for n in notifications],
        "containment": containment,
        "timeline": containment.timeline,
        "timeline_title": _("Containment: izin prinsip, agreement, RIK, RKT"),
        "timeline_id": "containment",
        "transitions": services.workplan_available_transitions(work_plan=work_plan, actor=user),
        "can_edit": workplan_can(user=user, work_plan=work_plan, action="edit")
        and work_plan.status == WorkPlan.Status.DRAFT,
        "can_implement": can_implement and work_plan.status != WorkPlan.Status.CLOSED,
        "history": audit_history(target=work_plan),
        **extra,
    }


class WorkPlanDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        work_plan = selectors.workplan_get_for_user(user=request.user, pk=pk)
        return render(request, "workplans/workplan_detail.html", detail_context(request, work_plan))


WORKPLAN_CREATE_FORM = "workplans.create"
ACTIVITY_CREATE_FORM = "workplans.activity_create"


class WorkPlanCreateView(AccessMixin, View):
    access = MEMBER  # organization representatives draft work plans too; the service decides

    def get(self, request: AuthenticatedHttpRequest, agreement_pk: int) -> HttpResponse:
        agreement = agreement_get_for_workplan_creation(user=request.user, pk=agreement_pk)
        initial = {"kind": request.GET.get("kind", WorkPlan.Kind.RKT)}
        form = WorkPlanForm(agreement=agreement, initial=initial)
        return create_form_page(
            request,
            "workplans/workplan_form.html",
            form,
            scope=WORKPLAN_CREATE_FORM,
            agreement=agreement,
        )

    def post(self, request: AuthenticatedHttpRequest, agreement_pk: int) -> HttpResponse:
        agreement = agreement_get_for_workplan_creation(user=request.user, pk=agreement_pk)
        form = WorkPlanForm(request.POST, agreement=agreement)
        return create_or_form_page(
            request,
            form,
            template="workplans/workplan_form.html",
            scope=WORKPLAN_CREATE_FORM,
            create=lambda: services.workplan_create(data=form.to_input(), actor=request.user),
            url_of=lambda w: reverse("workplans:detail", args=[w.pk]),
            fallback=reverse("workplans:list"),
            done=_("The work plan was saved."),
            extra={"agreement": agreement},
        )


class WorkPlanUpdateView(VersionedEditView):
    access = MEMBER
    template_name = "workplans/workplan_form.html"
    form_class = WorkPlanForm
    record_name = "work_plan"
    detail = "workplans:detail"
    done = gettext_lazy("The work plan was saved.")

    def get_record(self, request: AuthenticatedHttpRequest, pk: int) -> WorkPlan:
        return workplan_get_for_action(user=request.user, pk=pk, action="edit")

    def form_kwargs(self, record: WorkPlan) -> dict[str, Any]:
        # The initial values on POST too: the kind, disabled when editing, keeps its own.
        initial = WorkPlanForm.initial_from(record)
        return {"agreement": record.agreement, "instance": record, "initial": initial}

    def extra_context(self, record: WorkPlan) -> dict[str, Any]:
        return {"agreement": record.agreement}

    def save(self, record: WorkPlan, **edit: Any) -> object:
        return services.workplan_update(work_plan_id=record.pk, **edit)


class WorkPlanTransitionView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int, transition: str) -> HttpResponse:
        if transition not in services.WORKPLAN_TRANSITIONS:
            raise Http404
        work_plan = workplan_get_for_action(user=request.user, pk=pk, action=transition)
        act_and_flash(
            request,
            lambda: services.workplan_transition(
                work_plan_id=work_plan.pk, transition=transition, actor=request.user
            ),
            done=_("The work plan's status was changed."),
            told=application_error_messages,
        )
        return redirect("workplans:detail", pk=work_plan.pk)


class ActivityCreateView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        work_plan = workplan_get_for_action(user=request.user, pk=pk, action="edit")
        form = ActivityForm(work_plan=work_plan)
        return create_form_page(
            request,
            "workplans/activity_form.html",
            form,
            scope=ACTIVITY_CREATE_FORM,
            work_plan=work_plan,
        )

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        work_plan = workplan_get_for_action(user=request.user, pk=pk, action="edit")
        form = ActivityForm(request.POST, work_plan=work_plan)
        return create_or_form_page(
            request,
            form,
            template="workplans/activity_form.html",
            scope=ACTIVITY_CREATE_FORM,
            create=lambda: services.activity_create(
                work_plan_id=work_plan.pk, data=form.to_input(), actor=request.user
            ),
            url_of=lambda a: reverse("workplans:activity_detail", args=[a.pk]),
            fallback=reverse("workplans:detail", args=[work_plan.pk]),
            done=_("The activity was saved."),
            extra={"work_plan": work_plan},
        )


class ActivityUpdateView(VersionedEditView):
    access = MEMBER
    template_name = "workplans/activity_form.html"
    form_class = ActivityForm
    record_name = "activity"
    detail = "workplans:activity_detail"
    done = gettext_lazy("The activity was saved.")

    def get_record(self, request: AuthenticatedHttpRequest, pk: int) -> Activity:
        return activity_get_for_action(user=request.user, pk=pk, action="edit")

    def form_kwargs(self, record: Activity) -> dict[str, Any]:
        return {"work_plan": record.work_plan}

    def extra_context(self, record: Activity) -> dict[str, Any]:
        return {"work_plan": record.work_plan}

    def save(self, record: Activity, **edit: Any) -> object:
        return services.activity_update(activity_id=record.pk, **edit)


def activity_context(
    request: AuthenticatedHttpRequest, activity: Activity, **extra: Any
) -> dict[str, Any]:
    user = request.user
    work_plan = activity.work_plan
    can_implement = workplan_can(user=user, work_plan=work_plan, action="implement")
    waiting = []
    if activity.status == Activity.Status.PLANNED and work_plan.status in services.IMPLEMENTING:
        waiting = validation.missing_notifications(activity=activity, on=today())
    actuals_form = extra.pop("actuals_form", None) or ActualsForm(
        initial={
            "realised_budget": activity.realised_budget,
            **{
                f"actual_{sex}_{group}": count
                for sex, groups in activity.actual_beneficiaries.items()
                for group, count in groups.items()
            },
        }
    )
    return {
        "activity": activity,
        "work_plan": work_plan,
        "waiting": waiting,
        "transitions": services.activity_available_transitions(activity=activity, actor=user),
        "transition_form": ActivityTransitionForm(initial={"on": today()}),
        "can_edit": workplan_can(user=user, work_plan=work_plan, action="edit")
        and work_plan.status == WorkPlan.Status.DRAFT,
        "can_record_actuals": can_implement
        and activity.status in (Activity.Status.STARTED, Activity.Status.COMPLETED),
        "actuals_form": actuals_form,
        "history": audit_history(target=activity),
        **extra,
    }


class ActivityDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        activity = selectors.activity_get_for_user(user=request.user, pk=pk)
        return render(
            request, "workplans/activity_detail.html", activity_context(request, activity)
        )


class ActivityTransitionView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int, transition: str) -> HttpResponse:
        if transition not in services.ACTIVITY_TRANSITIONS:
            raise Http404
        activity = activity_get_for_action(user=request.user, pk=pk, action="implement")
        form = ActivityTransitionForm(request.POST)
        on = form.cleaned_data.get("on") if form.is_valid() else None
        act_and_flash(
            request,
            lambda: services.activity_transition(
                activity_id=activity.pk, transition=transition, actor=request.user, on=on
            ),
            done=_("The activity's status was changed."),
            told=application_error_messages,
        )
        return redirect("workplans:activity_detail", pk=activity.pk)


class ActivityActualsView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        activity = activity_get_for_action(user=request.user, pk=pk, action="implement")
        form = ActualsForm(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.activity_record_actuals(
                activity_id=activity.pk,
                actual_beneficiaries=form.actual_beneficiaries(),
                realised_budget=data["realised_budget"],
                actor=request.user,
            ),
            done=_("The actuals were saved."),
            then=redirect("workplans:activity_detail", pk=activity.pk),
            template="workplans/activity_detail.html",
            context=lambda: activity_context(
                request,
                selectors.activity_get_for_user(user=request.user, pk=pk),
                actuals_form=form,
            ),
        )


class NotificationCreateView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        work_plan = workplan_get_for_action(user=request.user, pk=pk, action="implement")
        initial: dict[str, Any] = {"notified_on": today()}
        if work_plan.is_rkt:
            initial |= {"province": work_plan.province_id, "regency": work_plan.regency_id}
        form = NotificationForm(work_plan=work_plan, initial=initial)
        return render(
            request, "workplans/notification_form.html", {"form": form, "work_plan": work_plan}
        )

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        work_plan = workplan_get_for_action(user=request.user, pk=pk, action="implement")
        form = NotificationForm(request.POST, work_plan=work_plan)
        return saved_or_shown_again(
            request,
            form,
            lambda _data: services.notification_record(
                work_plan_id=work_plan.pk, data=form.to_input(), actor=request.user
            ),
            done=_("The notification was recorded."),
            then=redirect("workplans:detail", pk=work_plan.pk),
            template="workplans/notification_form.html",
            context=lambda: {"form": form, "work_plan": work_plan},
        )


# --- the N5 inbox ---------------------------------------------------------------------------


class N5InboxView(AccessMixin, View):
    """The N5 notices addressed to the viewer's government (issue 9 §3), each acknowledged or
    awaited (overdue past the `n5.acknowledgement` period). Officers acknowledge from here."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = N5InboxFilterForm(request.GET or None)
        state = form.cleaned_data["state"] if form.is_valid() else ""
        qs = selectors.n5_inbox(viewer=request.user, state=state)
        paged = page_context(request, qs)
        notices = list(paged["page_obj"].object_list)
        states = acknowledgement_states(notices)
        openable = selectors.visible_work_plan_ids_among(
            viewer=request.user, ids=[n.work_plan_id for n in notices]
        )
        return render(
            request,
            "workplans/n5_inbox.html",
            {
                "form": form,
                **paged,
                "rows": [(n, states[n.pk], n.work_plan_id in openable) for n in notices],
                # Every row is addressed to a government viewer's body (or its units or
                # agency), so its officers may acknowledge each; operators only read here.
                "can_acknowledge": request.user.is_government and request.user.can_edit_records,
            },
        )


class N5AcknowledgeView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        notice = selectors.n5_notice_get_for_user(user=request.user, pk=pk)
        act_and_flash(
            request,
            lambda: services.regional_notification_acknowledge(
                notification_id=notice.pk, actor=request.user
            ),
            done=_("You acknowledged the N5 notice %(reference)s.")
            % {"reference": notice.reference},
        )
        return redirect("workplans:n5_inbox")
