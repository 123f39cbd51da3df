from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mitra.bodies.models import GovernmentBody
from mitra.core.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class StaffRequestForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255)
    nationality = forms.CharField(label=_("Nationality (ISO code)"), max_length=2)
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=40,
        help_text=_("Seen only by your organization, Biro KTLN and the TPOA secretariat."),
    )
    passport_expires_on = forms.DateField(label=_("Passport expires on"), widget=DATE)
    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=255)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    partner_ministry = forms.ModelChoiceField(
        label=_("Partner ministry"), queryset=GovernmentBody.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner_ministry"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = GovernmentBody.objects.filter(parent__isnull=True).order_by("name")


class RecommendForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Recommendation"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RefuseForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(BootstrapFormMixin, forms.Form):
    approval_number = forms.CharField(label=_("KTLN approval number"), max_length=80)
    approved_on = forms.DateField(label=_("KTLN approved on"), widget=DATE)


class StayPermitForm(BootstrapFormMixin, forms.Form):
    stay_permit_number = forms.CharField(label=_("Stay permit (KITAS) number"), max_length=60)
    stay_permit_valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    stay_permit_valid_until = forms.DateField(label=_("Valid until"), widget=DATE)


class DocumentsForm(BootstrapFormMixin, forms.Form):
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    passport_expires_on = forms.DateField(
        label=_("Passport expires on"), widget=DATE, required=False
    )
    stay_permit_number = forms.CharField(
        label=_("Stay permit (KITAS) number"), max_length=60, required=False
    )
    stay_permit_valid_from = forms.DateField(label=_("Valid from"), widget=DATE, required=False)
    stay_permit_valid_until = forms.DateField(label=_("Valid until"), widget=DATE, required=False)
