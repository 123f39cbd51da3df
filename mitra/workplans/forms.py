"""HTML forms for work plans, activities and notifications. They parse; services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mitra.core.forms import BootstrapFormMixin
from mitra.organizations.models import Sector
from mitra.regions.models import Province, Regency

from .models import (
    AGE_GROUPS,
    AGE_LABELS,
    SEX_LABELS,
    SEXES,
    Activity,
    RegionalNotification,
    WorkPlan,
)
from .selectors import rik_choices
from .services import ActivityInput, NotificationInput, WorkPlanInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkPlanForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkPlan.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    parent = forms.ModelChoiceField(
        label=_("RIK"),
        queryset=WorkPlan.objects.none(),
        required=False,
        help_text=_("An RKT belongs to the agreement's RIK."),
    )
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        help_text=_("An RKT covers one province…"),
    )
    regency = forms.ModelChoiceField(
        label=_("Regency/city"),
        queryset=Regency.objects.all(),
        required=False,
        help_text=_("…and optionally one regency or city in it."),
    )
    objectives = forms.CharField(
        label=_("Objectives and expected results"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, agreement: Any, instance: WorkPlan | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.agreement = agreement
        self.instance = instance
        parent: Any = self.fields["parent"]
        parent.queryset = rik_choices(agreement_id=agreement.pk)
        if instance is not None:
            self.fields["kind"].disabled = True

    def to_input(self) -> WorkPlanInput:
        d = self.cleaned_data
        return WorkPlanInput(
            kind=self.instance.kind if self.instance else d["kind"],
            agreement=self.agreement,
            title=d["title"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            parent=d["parent"],
            province=d["province"],
            regency=d["regency"],
            objectives=d["objectives"],
        )

    @staticmethod
    def initial_from(work_plan: WorkPlan) -> dict[str, Any]:
        return {
            "kind": work_plan.kind,
            "title": work_plan.title,
            "parent": work_plan.parent_id,
            "start_date": work_plan.start_date,
            "end_date": work_plan.end_date,
            "province": work_plan.province_id,
            "regency": work_plan.regency_id,
            "objectives": work_plan.objectives,
        }


def beneficiary_field_name(prefix: str, sex: str, group: str) -> str:
    return f"{prefix}_{sex}_{group}"


def add_beneficiary_fields(form: forms.Form, prefix: str) -> None:
    for sex in SEXES:
        for group in AGE_GROUPS:
            form.fields[beneficiary_field_name(prefix, sex, group)] = forms.IntegerField(
                label=f"{SEX_LABELS[sex]} · {AGE_LABELS[group]}",
                min_value=0,
                required=False,
                initial=0,
            )


def read_beneficiaries(form: forms.Form, prefix: str) -> dict[str, dict[str, int]]:
    d = form.cleaned_data
    return {
        sex: {g: d.get(beneficiary_field_name(prefix, sex, g)) or 0 for g in AGE_GROUPS}
        for sex in SEXES
    }


def beneficiary_initial(prefix: str, value: dict[str, dict[str, int]]) -> dict[str, int]:
    return {
        beneficiary_field_name(prefix, sex, g): (value.get(sex) or {}).get(g, 0)
        for sex in SEXES
        for g in AGE_GROUPS
    }


def beneficiary_rows(form: forms.Form, prefix: str) -> list[tuple[Any, list[Any]]]:
    """(sex label, [bound fields per age group]) for a compact table."""
    return [
        (SEX_LABELS[sex], [form[beneficiary_field_name(prefix, sex, g)] for g in AGE_GROUPS])
        for sex in SEXES
    ]


class ActivityForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    start_date = forms.DateField(label=_("Planned start"), widget=DATE)
    end_date = forms.DateField(label=_("Planned end"), widget=DATE)
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"), queryset=Province.objects.all(), required=False
    )
    regencies = forms.ModelMultipleChoiceField(
        label=_("Regencies/cities"),
        queryset=Regency.objects.select_related("province"),
        required=False,
    )
    local_partners = forms.CharField(
        label=_("Local partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: name | legal form | registration number."),
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, initial="IDR")
    planned_budget = forms.DecimalField(
        label=_("Planned budget"), max_digits=18, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, work_plan: WorkPlan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.work_plan = work_plan
        add_beneficiary_fields(self, "planned")
        if work_plan.is_rkt and work_plan.province_id is not None:  # an RKT always has one
            provinces: Any = self.fields["provinces"]
            provinces.queryset = Province.objects.filter(pk=work_plan.province_id)
            regencies: Any = self.fields["regencies"]
            regencies.queryset = Regency.objects.filter(province_id=work_plan.province_id)
        # The beneficiary fields come after the mixin styled the others.
        for name in self.fields:
            if name.startswith("planned_") and name != "planned_budget":
                self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    @property
    def beneficiary_rows(self) -> list[tuple[Any, list[Any]]]:
        return beneficiary_rows(self, "planned")

    def clean_local_partners(self) -> list[dict[str, str]]:
        partners = []
        for line in (self.cleaned_data.get("local_partners") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            partners.append({"name": parts[0], "type": parts[1], "registration": parts[2]})
        return partners

    def to_input(self) -> ActivityInput:
        d = self.cleaned_data
        return ActivityInput(
            title=d["title"],
            sector=d["sector"],
            description=d["description"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            provinces=list(d["provinces"]),
            regencies=list(d["regencies"]),
            local_partners=d["local_partners"],
            planned_beneficiaries=read_beneficiaries(self, "planned"),
            currency=d["currency"],
            planned_budget=d["planned_budget"],
        )

    @staticmethod
    def initial_from(activity: Activity) -> dict[str, Any]:
        return {
            "title": activity.title,
            "sector": activity.sector_id,
            "description": activity.description,
            "start_date": activity.start_date,
            "end_date": activity.end_date,
            "provinces": [p.pk for p in activity.provinces.all()],
            "regencies": [r.pk for r in activity.regencies.all()],
            "local_partners": "\n".join(
                " | ".join(filter(None, [p["name"], p.get("type", ""), p.get("registration", "")]))
                for p in activity.local_partners
            ),
            "currency": activity.currency,
            "planned_budget": activity.planned_budget,
            **beneficiary_initial("planned", activity.planned_beneficiaries),
        }


class ActualsForm(BootstrapFormMixin, forms.Form):
    realised_budget = forms.DecimalField(
        label=_("Realised budget"), max_digits=18, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        add_beneficiary_fields(self, "actual")
        for name in self.fields:
            if name.startswith("actual_"):
                self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    @property
    def beneficiary_rows(self) -> list[tuple[Any, list[Any]]]:
        return beneficiary_rows(self, "actual")

    def actual_beneficiaries(self) -> dict[str, dict[str, int]]:
        return read_beneficiaries(self, "actual")


class ActivityTransitionForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)


class NotificationForm(BootstrapFormMixin, forms.Form):
    recipient = forms.ChoiceField(
        label=_("Notified"), choices=RegionalNotification.Recipient.choices
    )
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    regency = forms.ModelChoiceField(
        label=_("Regency/city"),
        queryset=Regency.objects.all(),
        required=False,
        help_text=_("Leave empty when the notification covers the whole province."),
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("Leave empty when it covers every activity in the region."),
    )
    notified_on = forms.DateField(label=_("Date of the letter"), widget=DATE)
    reference = forms.CharField(label=_("Reference letter"), max_length=255)

    def __init__(self, *args: Any, work_plan: WorkPlan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        activity: Any = self.fields["activity"]
        activity.queryset = Activity.objects.filter(work_plan=work_plan)
        if work_plan.is_rkt and work_plan.province_id is not None:  # an RKT always has one
            province: Any = self.fields["province"]
            province.queryset = Province.objects.filter(pk=work_plan.province_id)
            province.initial = work_plan.province_id
            regency: Any = self.fields["regency"]
            regency.queryset = Regency.objects.filter(province_id=work_plan.province_id)

    def to_input(self) -> NotificationInput:
        d = self.cleaned_data
        return NotificationInput(
            recipient=d["recipient"],
            province=d["province"],
            regency=d["regency"],
            activity=d["activity"],
            notified_on=d["notified_on"],
            reference=d["reference"],
        )


class WorkPlanFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind"))] + WorkPlan.Kind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))] + WorkPlan.Status.choices,
        required=False,
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class N5InboxFilterForm(BootstrapFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("", _("All notices")),
            ("awaiting", _("Awaiting acknowledgement")),
            ("acknowledged", _("Acknowledged")),
        ],
        required=False,
    )
