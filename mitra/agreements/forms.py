"""HTML forms for agreements. They parse input; the services decide what is allowed."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.core.bounds import DURATION_MONTHS_MAX
from mitra.core.forms import BootstrapFormMixin
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.regions.models import Province, Regency

from .models import RENEWABLE_STATUSES, Agreement, AgreementDocument, Signatory
from .services import AgreementInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    type = forms.ChoiceField(label=_("Type"), choices=Agreement.Type.choices)
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    owner = forms.ModelChoiceField(
        label=_("Lead government body"), queryset=GovernmentBody.objects.none()
    )
    foreign_parties = forms.ModelMultipleChoiceField(
        label=_("Foreign parties"), queryset=ForeignOrganization.objects.order_by("legal_name")
    )
    other_government_parties = forms.ModelMultipleChoiceField(
        label=_("Other government parties"),
        queryset=GovernmentBody.objects.none(),
        required=False,
    )
    signing_date = forms.DateField(label=_("Signing date"), required=False, widget=DATE)
    signing_place = forms.CharField(label=_("Signing place"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Effective start"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("Effective end"), required=False, widget=DATE)
    duration_months = forms.IntegerField(
        label=_("Stated duration (months)"),
        required=False,
        min_value=1,
        max_value=DURATION_MONTHS_MAX,
        help_text=_("Used to compute the end when no end date is given."),
    )
    renews = forms.ModelChoiceField(
        label=_("Renews"), queryset=Agreement.objects.none(), required=False
    )
    objective = forms.CharField(label=_("Objective"), widget=forms.Textarea, required=False)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"), queryset=Province.objects.all(), required=False
    )
    regencies = forms.ModelMultipleChoiceField(
        label=_("Regencies/cities"), queryset=Regency.objects.all(), required=False
    )

    shared_with = forms.ModelMultipleChoiceField(
        label=_("Shared with"),
        queryset=GovernmentBody.objects.none(),
        required=False,
        help_text=_("Other agencies that may see this agreement."),
    )
    signatory_roles = forms.ModelMultipleChoiceField(
        label=_("Signatory roles carried over"),
        queryset=Signatory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The positions that signed the agreement renewed; names and dates follow."),
    )

    def __init__(self, *args: Any, user: Any, instance: Agreement | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance = instance
        top_level = GovernmentBody.objects.top_level().order_by("name")
        # SECURITY: an officer records agreements only for the unit they work in (or a unit
        # above it, or their agency as a whole): the bodies whose records they may change.
        owner_field: Any = self.fields["owner"]
        owner_field.queryset = (
            GovernmentBody.objects.filter(
                Q(parent__isnull=True) | Q(kind=GovernmentBody.Kind.UNIT)
            ).order_by("name")
            if user.is_operator
            else GovernmentBody.objects.filter(pk__in=user.reading_body_ids).order_by("name")
        )
        if not user.is_operator:
            owner_field.initial = user.body_id
        other: Any = self.fields["other_government_parties"]
        other.queryset = top_level
        shared: Any = self.fields["shared_with"]
        shared.queryset = top_level
        renews: Any = self.fields["renews"]
        candidates = Agreement.objects.editable_by(user).filter(status__in=RENEWABLE_STATUSES)
        if instance is not None:
            candidates = candidates.exclude(pk=instance.pk)
        renews.queryset = candidates.order_by("-start_date")
        renews.label_from_instance = lambda a: f"{a.title} ({a.period_label})"
        # A renewal carries the signatories' positions of the agreement it renews (create
        # only; the roles of an agreement the user may renew).
        roles: Any = self.fields["signatory_roles"]
        predecessor = str(
            (self.data.get("renews") if self.is_bound else self.initial.get("renews")) or ""
        )
        if instance is None and predecessor.isascii() and predecessor.isdigit():
            roles.queryset = Signatory.objects.filter(
                agreement_id=int(predecessor), agreement__in=candidates
            ).select_related("party")
            roles.label_from_instance = lambda r: f"{r.title} ({r.party})"
        if instance is not None or not roles.queryset.exists():
            del self.fields["signatory_roles"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def to_input(self) -> AgreementInput:
        d = self.cleaned_data
        return AgreementInput(
            title=d["title"],
            type=d["type"],
            owner=d["owner"],
            foreign_parties=list(d["foreign_parties"]),
            other_government_parties=list(d["other_government_parties"]),
            reference=d["reference"],
            objective=d["objective"],
            signing_date=d["signing_date"],
            signing_place=d["signing_place"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            duration_months=d["duration_months"],
            renews=d["renews"],
            sectors=d["sectors"],
            provinces=d["provinces"],
            regencies=d["regencies"],
            shared_with=d["shared_with"],
            signatory_roles=list(d.get("signatory_roles") or ()),
        )

    @classmethod
    def initial_from(cls, agreement: Agreement) -> dict[str, Any]:
        parties = list(agreement.parties.all())
        lead = agreement.owner_unit_id or agreement.owner_id
        return {
            "title": agreement.title,
            "type": agreement.type,
            "reference": agreement.reference,
            "owner": lead,
            "foreign_parties": [p.organization_id for p in parties if p.organization_id],
            "other_government_parties": [
                p.body_id
                for p in parties
                if p.body_id and p.body_id not in (lead, agreement.owner_id)
            ],
            "signing_date": agreement.signing_date,
            "signing_place": agreement.signing_place,
            "start_date": agreement.start_date,
            "end_date": agreement.end_date,
            "duration_months": agreement.duration_months,
            "renews": agreement.renews_id,
            "objective": agreement.objective,
            "sectors": [s.pk for s in agreement.sectors.all()],
            "provinces": [p.pk for p in agreement.provinces.all()],
            "regencies": [r.pk for r in agreement.regencies.all()],
            "shared_with": [b.pk for b in agreement.shared_with.all()],
        }


class SignatoryForm(BootstrapFormMixin, forms.Form):
    party = forms.IntegerField(widget=forms.Select, label=_("Party"))
    title = forms.CharField(label=_("Position/title"), max_length=255)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["party"].widget.choices = [(p.pk, str(p)) for p in agreement.parties.all()]


class DocumentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementDocument.Kind.choices)
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"))


class TransitionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    # Terminating early and undoing a termination need it ticked (the service checks it).
    confirmed = forms.BooleanField(label=_("I confirm"), required=False)


class AgreementFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))] + Agreement.Status.choices,
        required=False,
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type"))] + Agreement.Type.choices, required=False
    )
    partner_kind = forms.ChoiceField(
        label=_("Partner kind"),
        choices=[("", _("Any kind"))] + ForeignOrganization.Kind.choices,
        required=False,
    )
    body = forms.ModelChoiceField(
        label=_("Government body"),
        queryset=GovernmentBody.objects.filter(
            parent__isnull=True,
            kind__in=["coordinating_ministry", "ministry", "agency", "police", "military"],
        ).order_by("name"),
        required=False,
    )
    province = forms.ModelChoiceField(
        label=_("Region"), queryset=Province.objects.all(), required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    period_from = forms.DateField(label=_("In force from"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("In force until"), required=False, widget=DATE)
