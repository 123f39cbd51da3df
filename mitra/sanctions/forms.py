"""Forms for sanction cases: parsing only; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.core.forms import BootstrapFormMixin
from mitra.organizations.models import ForeignOrganization

from .models import SanctionCase


class SanctionCaseForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=ForeignOrganization.objects.order_by("legal_name")
    )
    violation = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 4}))
    articles = forms.CharField(label=_("Articles breached"), required=False, max_length=300)
    source = forms.ChoiceField(label=_("Source"), choices=SanctionCase.Source.choices)
    source_detail = forms.CharField(label=_("Source details"), required=False, max_length=300)
    reported_on = forms.DateField(
        label=_("Reported on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MoveForm(BootstrapFormMixin, forms.Form):
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=300)
    authority = forms.ModelChoiceField(
        label=_("Issuing authority"),
        queryset=GovernmentBody.objects.top_level().order_by("name"),
        required=False,
    )
    issued_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notified_bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies notified"),
        queryset=GovernmentBody.objects.top_level().order_by("name"),
        required=False,
    )
    parties_notified = forms.CharField(
        label=_("Other parties notified"), required=False, max_length=500
    )
    immigration_referral = forms.BooleanField(label=_("Refer to immigration"), required=False)
    criminal_referral = forms.BooleanField(
        label=_("Refer to the police (criminal)"), required=False
    )


class NotesForm(BootstrapFormMixin, forms.Form):
    assessment_notes = forms.CharField(
        label=_("Internal assessment notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    public_outcome = forms.CharField(
        label=_("Public outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"))
    internal = forms.BooleanField(label=_("Internal only"), required=False, initial=True)


class ReplyForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your reply"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    file = forms.FileField(label=_("Evidence of compliance (PDF, DOCX or ODT)"), required=False)


class ObjectionForm(BootstrapFormMixin, forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the objection"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    file = forms.FileField(label=_("Supporting document (PDF, DOCX or ODT)"), required=False)


class ObjectionDecisionForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("upheld", _("Uphold: set the step aside")),
            ("rejected", _("Reject: the step stands")),
        ],
    )
    decision = forms.CharField(
        label=_("Reasons"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
