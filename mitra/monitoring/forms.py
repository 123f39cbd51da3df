"""Forms parse input; the services decide. Errors from services are put back on the fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.core.forms import BootstrapFormMixin
from mitra.regions.models import Province, Regency

from .models import Finding, FollowUpItem, Report, ReportingSchedule
from .services import ReportInput, ScheduleInput, VisitInput
from .validation import LineInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + Report.Status.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind"))] + Report.Kind.choices
    )
    overdue = forms.ChoiceField(
        label=_("Overdue"),
        required=False,
        choices=[("", _("Overdue or not")), ("yes", _("Overdue only")), ("no", _("Not overdue"))],
    )
    period_from = forms.DateField(label=_("Periods from"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("Periods to"), required=False, widget=DATE)
    open = forms.BooleanField(label=_("Not yet accepted"), required=False)
    own = forms.BooleanField(
        label=_("Only my agency's agreements"),
        required=False,
        help_text=_("Leave out the agreements a visibility grant only lets you read."),
    )


class ScheduleForm(BootstrapFormMixin, forms.Form):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=ReportingSchedule.Frequency.choices)
    first_period_start = forms.DateField(label=_("First period starts"), widget=DATE)
    activity_reports = forms.BooleanField(label=_("Activity reports"), required=False, initial=True)
    funding_disclosures = forms.BooleanField(
        label=_("Funding disclosures"), required=False, initial=True
    )

    def to_input(self) -> ScheduleInput:
        return ScheduleInput(**self.cleaned_data)


class ReportForm(BootstrapFormMixin, forms.Form):
    activities = forms.CharField(
        label=_("Activities against the plan"), required=False, widget=forms.Textarea({"rows": 4})
    )
    outputs = forms.CharField(
        label=_("Outputs and outcomes"), required=False, widget=forms.Textarea({"rows": 3})
    )
    problems = forms.CharField(
        label=_("Problems and mitigation"), required=False, widget=forms.Textarea({"rows": 3})
    )
    staffing = forms.CharField(
        label=_("Staffing (number, names, roles)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    media_name = forms.CharField(label=_("Published in (media name)"), required=False)
    published_on = forms.DateField(label=_("Publication date"), required=False, widget=DATE)
    publication_url = forms.URLField(label=_("Publication URL"), required=False)


class LineForm(BootstrapFormMixin, forms.Form):
    donor_name = forms.CharField(label=_("Original donor"), max_length=255)
    donor_country = forms.CharField(label=_("Donor country (ISO code)"), max_length=2, min_length=2)
    intermediaries = forms.CharField(
        label=_("Intermediaries (A > B)"), max_length=500, required=False
    )
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, min_length=3)
    programme = forms.CharField(label=_("Programme"), max_length=255)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    regency = forms.ModelChoiceField(
        label=_("Regency/city"), queryset=Regency.objects.all(), required=False
    )
    local_partner = forms.CharField(label=_("Local partner"), max_length=255, required=False)

    def to_input(self) -> LineInput:
        return LineInput(**self.cleaned_data)


LineFormSet = forms.formset_factory(LineForm, extra=3, can_delete=True)


def report_input(form: ReportForm, lines: Any | None) -> ReportInput:
    data = ReportInput(**form.cleaned_data)
    if lines is not None:
        data.lines = [
            f.to_input()
            for f in lines.forms
            if f.has_changed() and not f.cleaned_data.get("DELETE") and f.cleaned_data
        ]
    return data


def line_initial(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "donor_name": line.donor_name,
            "donor_country": line.donor_country,
            "intermediaries": line.intermediaries,
            "amount": line.amount,
            "currency": line.currency,
            "programme": line.programme,
            "province": line.province_id,
            "regency": line.regency_id,
            "local_partner": line.local_partner,
        }
        for line in report.lines.all()
    ]


class RevisionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("What needs to change"), widget=forms.Textarea({"rows": 2}))


class AttachmentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"))


class VisitForm(BootstrapFormMixin, forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    regency = forms.ModelChoiceField(
        label=_("Regency/city"), queryset=Regency.objects.all(), required=False
    )
    team_bodies = forms.ModelMultipleChoiceField(
        label=_("Team (government bodies)"),
        queryset=GovernmentBody.objects.filter(parent__isnull=True).order_by("name"),
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def to_input(self) -> VisitInput:
        return VisitInput(**self.cleaned_data)


class FindingForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea({"rows": 2}))
    severity = forms.ChoiceField(label=_("Severity"), choices=Finding.Severity.choices)


class FollowUpForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Follow-up"), max_length=2000)
    owner = forms.CharField(label=_("Owner"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(choices=FollowUpItem.Status.choices)
