"""Reports, disclosures and monitoring visits. Objects only through scoped selectors; writes only
through services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.agreements.permissions import agreement_get_editable, agreement_is_editable_by
from mitra.agreements.selectors import agreement_get_for_user
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, GOVERNMENT, MEMBER, AccessMixin
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors
from mitra.core.pages import (
    act_and_flash,
    document_download,
    form_saved,
    page_context,
    saved_or_shown_again,
)
from mitra.deadlines.engine import period_in_force

from . import selectors, services
from .forms import (
    AttachmentForm,
    FindingForm,
    FollowUpForm,
    FollowUpStatusForm,
    LineFormSet,
    ReportFilterForm,
    ReportForm,
    RevisionForm,
    ScheduleForm,
    VisitForm,
    line_initial,
    report_input,
)
from .models import REPORT_RULE, Finding, FollowUpItem, MonitoringVisit, Report

# --- reports --------------------------------------------------------------------------------


class ReportListView(AccessMixin, View):
    """Reports due: every report the user may see (their agency's, or their organization's)."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ReportFilterForm(request.GET or None)
        filters = selectors.ReportFilters(open_only=not request.GET)
        if form.is_valid():
            d = form.cleaned_data
            filters = selectors.ReportFilters(
                status=d["status"],
                kind=d["kind"],
                overdue={"yes": True, "no": False}.get(d["overdue"]),
                period_from=d["period_from"],
                period_to=d["period_to"],
                open_only=d["open"],
                own=d["own"],
            )
        qs = selectors.report_list(viewer=request.user, filters=filters)
        context = {"form": form, **page_context(request, qs, name="reports"), "today": today()}
        return render(request, "monitoring/report_list.html", context)


class AgreementReportsView(AccessMixin, View):
    """An agreement's schedule, reports and (for government users) monitoring visits."""

    access = MEMBER

    def get(
        self, request: AuthenticatedHttpRequest, pk: int, schedule_form: Any = None
    ) -> HttpResponse:
        agreement = agreement_get_for_user(user=request.user, pk=pk)
        schedule = selectors.schedule_for(agreement=agreement)
        can_edit = agreement_is_editable_by(user=request.user, agreement=agreement)
        if schedule_form is None:
            initial = (
                {
                    "frequency": schedule.frequency,
                    "first_period_start": schedule.first_period_start,
                    "activity_reports": schedule.activity_reports,
                    "funding_disclosures": schedule.funding_disclosures,
                }
                if schedule
                else {"first_period_start": agreement.start_date}
            )
            schedule_form = ScheduleForm(initial=initial)
        reports = selectors.report_list(
            viewer=request.user, filters=selectors.ReportFilters(agreement=agreement.pk)
        )
        show_visits = request.user.is_operator or request.user.is_government
        return render(
            request,
            "monitoring/agreement_reports.html",
            {
                "agreement": agreement,
                "schedule": schedule,
                "schedule_form": schedule_form,
                "can_edit": can_edit,
                "can_submit": services.user_may_submit(user=request.user, agreement=agreement),
                "reports": reports,
                "visits": selectors.visit_list(viewer=request.user, agreement=agreement.pk)
                if show_visits
                else [],
                "show_visits": show_visits,
                "today": today(),
                # The report rule in force today (each report follows the version in force on
                # its period's end).
                "report_due_period": period_in_force(REPORT_RULE),
            },
            status=400 if schedule_form.errors else 200,
        )


class ScheduleSetView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = agreement_get_editable(user=request.user, pk=pk)
        form = ScheduleForm(request.POST)
        if form_saved(
            request,
            form,
            lambda _data: services.reporting_schedule_set(
                agreement_id=agreement.pk, data=form.to_input(), actor=request.user
            ),
            done=_("The reporting schedule was saved."),
        ):
            schedule = selectors.schedule_for(agreement=agreement)
            if schedule is not None:
                services.report_periods_generate(schedule=schedule)
            return redirect("monitoring:agreement_reports", pk=agreement.pk)
        return AgreementReportsView().get(request, pk, schedule_form=form)


def _report_context(request: HttpRequest, report: Report, **extra: Any) -> dict[str, Any]:
    agreement = report.agreement
    can_review = agreement_is_editable_by(user=request.user, agreement=agreement)
    can_submit = services.user_may_submit(user=request.user, agreement=agreement)
    on = today()
    return {
        "report": report,
        "agreement": agreement,
        "can_review": can_review and report.status == Report.Status.SUBMITTED,
        "can_submit": can_submit
        and report.status in (Report.Status.DUE, Report.Status.REVISION_REQUESTED),
        "can_attach": can_submit and report.status != Report.Status.ACCEPTED,
        "revision_form": extra.pop("revision_form", None) or RevisionForm(),
        "attachment_form": extra.pop("attachment_form", None) or AttachmentForm(),
        "history": audit_history(target=report),
        "today": on,
        # Counted from the deadline in force (the resubmission date after a revision request).
        "days_overdue": (on - report.deadline).days if report.is_overdue(on) else 0,
        **extra,
    }


class ReportDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        return render(request, "monitoring/report_detail.html", _report_context(request, report))


class ReportSubmitView(AccessMixin, View):
    access = MEMBER

    def _report(self, request: AuthenticatedHttpRequest, pk: int) -> Report:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        if not services.user_may_submit(user=request.user, agreement=report.agreement):
            raise PermissionDenied
        return report

    def _render(
        self, request: AuthenticatedHttpRequest, report: Report, form: Any, lines: Any, status: int
    ):
        return render(
            request,
            "monitoring/report_form.html",
            {"report": report, "form": form, "lines": lines},
            status=status,
        )

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = self._report(request, pk)
        form = ReportForm(
            initial={
                name: getattr(report, name)
                for name in services.REPORT_CONTENT_FIELDS
                if getattr(report, name)
            }
        )
        lines = None
        if report.kind == Report.Kind.DISCLOSURE:
            lines = LineFormSet(prefix="lines", initial=line_initial(report))
        return self._render(request, report, form, lines, 200)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = self._report(request, pk)
        form = ReportForm(request.POST)
        lines = None
        if report.kind == Report.Kind.DISCLOSURE:
            lines = LineFormSet(request.POST, prefix="lines")
        if form.is_valid() and (lines is None or lines.is_valid()):
            try:
                services.report_submit(
                    report_id=report.pk, data=report_input(form, lines), actor=request.user
                )
            except ApplicationError as error:
                apply_application_errors(form, error, formsets={"lines": lines})
            else:
                messages.success(request, _("The report was submitted."))
                return redirect("monitoring:report_detail", pk=report.pk)
        return self._render(request, report, form, lines, 400)


class ReportAcceptView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = _reviewable(request, pk)
        act_and_flash(
            request,
            lambda: services.report_accept(report_id=report.pk, actor=request.user),
            done=_("The report was accepted."),
        )
        return redirect("monitoring:report_detail", pk=report.pk)


class ReportRevisionView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = _reviewable(request, pk)
        form = RevisionForm(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.report_request_revision(
                report_id=report.pk, reason=data["reason"], actor=request.user
            ),
            done=_("A revision was requested."),
            then=redirect("monitoring:report_detail", pk=report.pk),
            template="monitoring/report_detail.html",
            context=lambda: _report_context(
                request, selectors.report_get_for_user(user=request.user, pk=pk), revision_form=form
            ),
        )


def _reviewable(request: HttpRequest, pk: int) -> Report:
    """SECURITY: visible and reviewable (the partner ministry), else 404."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if not agreement_is_editable_by(user=request.user, agreement=report.agreement):
        raise Http404
    return report


class AttachmentAddView(AccessMixin, View):
    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        if not services.user_may_submit(user=request.user, agreement=report.agreement):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.report_attachment_add(
                report_id=report.pk, upload=data["file"], title=data["title"], actor=request.user
            ),
            done=_("The attachment was stored."),
            then=redirect("monitoring:report_detail", pk=report.pk),
            template="monitoring/report_detail.html",
            context=lambda: _report_context(request, report, attachment_form=form),
        )


class AttachmentDownloadView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> FileResponse:
        attachment = selectors.report_attachment_get_for_user(
            user=request.user, pk=pk, attachment_pk=attachment_pk
        )
        return document_download(attachment)


# --- monitoring visits ----------------------------------------------------------------------


class VisitListView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = Paginator(selectors.visit_list(viewer=request.user), 25).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "monitoring/visit_list.html",
            {"page_obj": page, "visits": page.object_list, "querystring_without_page": ""},
        )


class VisitCreateView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = agreement_get_editable(user=request.user, pk=pk)
        form = VisitForm(initial={"start_date": today()})
        return render(request, "monitoring/visit_form.html", {"form": form, "agreement": agreement})

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        agreement = agreement_get_editable(user=request.user, pk=pk)
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                visit = services.monitoring_visit_create(
                    agreement_id=agreement.pk, data=form.to_input(), actor=request.user
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The monitoring visit was recorded."))
                return redirect("monitoring:visit_detail", pk=visit.pk)
        return render(
            request,
            "monitoring/visit_form.html",
            {"form": form, "agreement": agreement},
            status=400,
        )


def _visit_context(request: HttpRequest, visit: MonitoringVisit, **extra: Any) -> dict[str, Any]:
    return {
        "visit": visit,
        "can_edit": agreement_is_editable_by(user=request.user, agreement=visit.agreement),
        "can_escalate": services.sanction_opener() is not None,
        "finding_form": extra.pop("finding_form", None) or FindingForm(),
        "follow_up_form": FollowUpForm(),
        "follow_up_statuses": FollowUpItem.Status.choices,
        "history": audit_history(target=visit),
        "today": today(),
        **extra,
    }


class VisitDetailView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        visit = selectors.visit_get_for_user(user=request.user, pk=pk)
        return render(request, "monitoring/visit_detail.html", _visit_context(request, visit))


def _editable_visit(request: HttpRequest, pk: int) -> MonitoringVisit:
    visit = selectors.visit_get_for_user(user=request.user, pk=pk)
    if not agreement_is_editable_by(user=request.user, agreement=visit.agreement):
        raise Http404
    return visit


def _editable_finding(request: HttpRequest, pk: int) -> Finding:
    """SECURITY: a finding of a visit the user may see and edit, else 404."""
    finding = (
        Finding.objects.filter(pk=pk, visit__in=MonitoringVisit.objects.visible_to(request.user))
        .filter(visit__in=MonitoringVisit.objects.editable_by(request.user))
        .first()
    )
    if finding is None:
        raise Http404
    return finding


class FindingAddView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        visit = _editable_visit(request, pk)
        form = FindingForm(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.finding_add(visit_id=visit.pk, actor=request.user, **data),
            done=_("The finding was recorded."),
            then=redirect("monitoring:visit_detail", pk=visit.pk),
            template="monitoring/visit_detail.html",
            context=lambda: _visit_context(
                request, selectors.visit_get_for_user(user=request.user, pk=pk), finding_form=form
            ),
        )


class FollowUpAddView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = _editable_finding(request, pk)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            act_and_flash(
                request,
                lambda: services.follow_up_add(
                    finding_id=finding.pk, actor=request.user, **form.cleaned_data
                ),
                done=_("The follow-up item was added."),
            )
        else:
            messages.error(
                request, _("The follow-up item was not saved: describe it and name its owner.")
            )
        return redirect("monitoring:visit_detail", pk=finding.visit_id)


class FollowUpStatusView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        item = (
            FollowUpItem.objects.filter(
                pk=pk, finding__visit__in=MonitoringVisit.objects.visible_to(request.user)
            )
            .filter(finding__visit__in=MonitoringVisit.objects.editable_by(request.user))
            .select_related("finding")
            .first()
        )
        if item is None:
            raise Http404
        form = FollowUpStatusForm(request.POST)
        if form.is_valid():
            services.follow_up_set_status(
                item_id=item.pk, status=form.cleaned_data["status"], actor=request.user
            )
            messages.success(request, _("The follow-up item was updated."))
        else:
            messages.error(request, _("Unknown status."))
        return redirect("monitoring:visit_detail", pk=item.finding.visit_id)


class FindingEscalateView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        finding = _editable_finding(request, pk)
        act_and_flash(
            request,
            lambda: services.finding_escalate(finding_id=finding.pk, actor=request.user),
            done=_("A sanction case was opened from the finding."),
        )
        return redirect("monitoring:visit_detail", pk=finding.visit_id)
